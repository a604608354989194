"""Slash commands (/ask, /article, /help, /sources) and the "Ask qa about this message" menu."""

from __future__ import annotations

import asyncio
import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import QABot, question_error
from bot.format import MESSAGE, clip, escape, help_embed, sources_pages
from bot.suggest import ALL_ARTICLES, suggest_articles, suggest_questions
from qa import MAX_QUESTION_LENGTH, QuestionError

log = logging.getLogger("qa.bot")
MENU_NAME = "Ask qa about this message"
PINNED, BULLET = "\u25b6", "\u2022"


class AskCog(commands.Cog):
    """Everything a user can ask the bot."""

    def __init__(self, bot: QABot) -> None:
        self.bot = bot
        self.menu = app_commands.ContextMenu(name=MENU_NAME, callback=self.ask_about)

    async def cog_load(self) -> None:
        """Register the message context menu, which cannot live inside a cog class."""
        self.bot.tree.add_command(self.menu)

    async def cog_unload(self) -> None:
        """Remove the message context menu with the cog."""
        self.bot.tree.remove_command(self.menu.name, type=self.menu.type)

    @app_commands.command(name="ask", description="Ask a question about the news articles I know")
    @app_commands.describe(
        question="Your question, e.g. What did Japan pledge?",
        article="Answer from this article only, from now on in this conversation",
    )
    async def ask(
        self,
        interaction: discord.Interaction[QABot],
        question: app_commands.Range[str, 1, MAX_QUESTION_LENGTH],
        article: str | None = None,
    ) -> None:
        """Answer a question, deferring first if the answer takes a while."""
        chosen = None
        if article is not None:
            chosen = self._article(article)
            if chosen is None:
                await self.bot.notify(interaction, self._unknown(article))
                return
            if not chosen:
                self.bot.pin((interaction.user.id, interaction.channel_id or 0), None)
        await self.answer(interaction, question, chosen or None)

    @ask.autocomplete("question")
    async def ask_question(
        self, interaction: discord.Interaction[QABot], current: str
    ) -> list[app_commands.Choice[str]]:
        """Suggest questions built from the data while the user types."""
        found = suggest_questions(self.bot.engine.data, current)
        return [app_commands.Choice(name=q, value=q) for q in found]

    @ask.autocomplete("article")
    async def ask_article(
        self, interaction: discord.Interaction[QABot], current: str
    ) -> list[app_commands.Choice[str]]:
        """Suggest the loaded articles while the user types."""
        found = suggest_articles(self.bot.engine.data, current)
        return [app_commands.Choice(name=label, value=value) for label, value in found]

    @app_commands.command(name="article", description="List the articles I know, or pin one")
    @app_commands.describe(article="Answer from this article only in this conversation")
    async def article(
        self, interaction: discord.Interaction[QABot], article: str | None = None
    ) -> None:
        """Pin the caller's conversation here to one article, or list the articles."""
        key = (interaction.user.id, interaction.channel_id or 0)
        if article is None:
            pinned = self.bot.sessions.get(key).context.article
            lines = [
                f"{PINNED if a.id == pinned else BULLET} {escape(a.id)}: {escape(a.title)}"
                for a in self.bot.engine.data.articles
            ]
            where = f"pinned to {escape(pinned)}" if pinned else "answering from all of them"
            text = f"Articles I know ({len(lines)}), {where}:\n" + "\n".join(lines)
            await self.bot.respond(interaction, content=clip(text, MESSAGE), ephemeral=True)
            return
        chosen = self._article(article)
        if chosen is None:
            await self.bot.notify(interaction, self._unknown(article))
            return
        self.bot.pin(key, chosen or None)
        text = (
            f"Answering from {escape(chosen)} only." if chosen else "Answering from all articles."
        )
        await self.bot.respond(interaction, content=text, ephemeral=True)

    article.autocomplete("article")(ask_article)

    def _article(self, typed: str) -> str | None:
        """Return the article id a user chose, "" for all articles, None if unknown."""
        typed = typed.strip()
        if typed in (ALL_ARTICLES, "") or typed.casefold() == "all":
            return ""
        by_id = self.bot.engine.data.by_id
        if typed in by_id:
            return typed
        folded = {a.casefold(): a for a in by_id}
        return folded.get(typed.casefold())

    def _unknown(self, typed: str) -> str:
        known = ", ".join(a.id for a in self.bot.engine.data.articles)
        return clip(f"I have no article {escape(typed)!r}. I know: {escape(known)}.", MESSAGE)

    async def ask_about(
        self, interaction: discord.Interaction[QABot], message: discord.Message
    ) -> None:
        """Answer the text of the message the menu was opened on."""
        # Context-menu interactions carry the message's text even without the
        # message-content intent.
        text = " ".join(message.content.split())
        if not text:
            await self.bot.notify(interaction, "That message has no text to ask about.")
            return
        await self.answer(interaction, clip(text, MAX_QUESTION_LENGTH))

    async def answer(
        self, interaction: discord.Interaction[QABot], question: str, article: str | None = None
    ) -> None:
        """Answer for an interaction: channel check, cooldown, deferral counted from creation."""
        if not self.bot.allowed(interaction.channel):
            await self.bot.notify(interaction, "I don't answer in this channel.")
            return
        refused = self.bot.cooldown.hit(interaction.user.id)
        if refused is not None:
            text = f"You're asking quickly: try again in {refused.retry_after} s."
            await self.bot.notify(interaction, text)
            return
        key = (interaction.user.id, interaction.channel_id or 0)
        task = asyncio.ensure_future(
            self.bot.answer(key, question, guild_id=interaction.guild_id, article=article)
        )
        done, _ = await asyncio.wait({task}, timeout=self.bot.defer_timeout(interaction))
        if not done:
            await self.bot.defer_publicly(interaction)
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
        pages = sources_pages(session.last)
        await self.bot.respond(interaction, content=pages[0], ephemeral=True)
