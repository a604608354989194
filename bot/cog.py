"""Slash commands (/ask, /help, /sources, /reload) and answers to mentions and DMs."""

from __future__ import annotations

import asyncio
import logging
import re
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import APOLOGY, QABot, question_error
from bot.format import MESSAGE, clip, help_embed, sources_text
from qa import MAX_QUESTION_LENGTH, DataError, Engine, QuestionError
from qa.guide import examples

log = logging.getLogger("qa.bot")


def _cooldown(interaction: discord.Interaction[QABot]) -> app_commands.Cooldown | None:
    seconds = interaction.client.settings.cooldown_seconds
    return app_commands.Cooldown(1, seconds) if seconds > 0 else None


class AskCog(commands.Cog):
    """Everything a user can do with the bot."""

    def __init__(self, bot: QABot) -> None:
        self.bot = bot
        self.message_cooldown = commands.CooldownMapping.from_cooldown(
            1, bot.settings.cooldown_seconds or 0.001, commands.BucketType.user
        )

    @app_commands.command(name="ask", description="Ask a question about the news articles I know")
    @app_commands.describe(question="Your question, e.g. What did Japan pledge?")
    @app_commands.checks.dynamic_cooldown(_cooldown)
    async def ask(
        self,
        interaction: discord.Interaction[QABot],
        question: app_commands.Range[str, 1, MAX_QUESTION_LENGTH],
    ) -> None:
        """Answer a question, deferring first if the answer takes a while."""
        if not self.bot.allowed(interaction.channel_id):
            await self.bot.notify(interaction, "I don't answer in this channel.")
            return
        key = (interaction.user.id, interaction.channel_id or 0)
        task = asyncio.ensure_future(self.bot.answer(key, question))
        done, _ = await asyncio.wait({task}, timeout=self.bot.settings.defer_after_seconds)
        if not done:
            await interaction.response.defer(thinking=True)
        try:
            engine, answer = await task
        except QuestionError as exc:
            await self.bot.notify(interaction, question_error(exc))
            return
        await self.bot.respond(interaction, **self.bot.reply(engine, question, answer))

    @app_commands.command(name="help", description="What I know and questions to try")
    async def help(self, interaction: discord.Interaction[QABot]) -> None:
        """Describe the articles and meetings, with example questions."""
        await self.bot.respond(interaction, embed=help_embed(self.bot.engine), ephemeral=True)

    @app_commands.command(name="sources", description="The full passages behind your last answer")
    async def sources(self, interaction: discord.Interaction[QABot]) -> None:
        """Show the cited paragraphs of the caller's last answer in this channel."""
        session = self.bot.sessions.get((interaction.user.id, interaction.channel_id or 0))
        await self.bot.respond(interaction, content=sources_text(session.last), ephemeral=True)

    @app_commands.command(name="reload", description="Reload the data folder (Manage Server)")
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.checks.has_permissions(manage_guild=True)
    async def reload(self, interaction: discord.Interaction[QABot]) -> None:
        """Load the data folder again; keep the old data if the new one is broken."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            engine = await asyncio.to_thread(Engine.from_folder, self.bot.settings.data)
        except DataError as exc:
            lines = "\n".join(str(p) for p in exc.problems[:10])
            text = f"Reload failed; still answering from the previous data.\n```\n{lines}\n```"
            await self.bot.respond(interaction, content=clip(text, MESSAGE), ephemeral=True)
            return
        self.bot.engine = engine
        self.bot.sessions.clear()
        data = engine.data
        text = f"Reloaded: {len(data.articles)} articles, {len(data.meetings)} meetings."
        await self.bot.respond(interaction, content=text, ephemeral=True)

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        """Answer a DM or a message that mentions the bot; never let a message crash it."""
        me = self.bot.user
        if message.author.bot or me is None:
            return
        in_dm = message.guild is None
        if not in_dm and (me not in message.mentions or not self.bot.allowed(message.channel.id)):
            return
        question = re.sub(rf"<@!?{me.id}>", " ", message.content).strip()
        try:
            await self._answer_message(message, question)
        except Exception:
            log.exception("answering message %s failed", message.id)
            await self.bot.deliver(lambda: message.channel.send(APOLOGY), "apology")

    async def _answer_message(self, message: discord.Message, question: str) -> None:
        reply: dict[str, Any]
        if not question:
            tries = " or ".join(examples(self.bot.engine.data, 2))
            reply = {"content": f"Ask me a question, for example: {tries}"}
        elif self.message_cooldown.update_rate_limit(message):
            reply = {"content": "You're asking quickly: give me a few seconds.", "delete_after": 10}
        else:
            try:
                key = (message.author.id, message.channel.id)
                engine, answer = await self.bot.answer(key, question)
                reply = self.bot.reply(engine, question, answer)
            except QuestionError as exc:
                reply = {"content": question_error(exc)}
        if not await self.bot.deliver(lambda: message.reply(**reply), "reply"):
            await self.bot.deliver(lambda: message.channel.send(APOLOGY), "apology")
