"""Answer messages that mention the bot, and DMs; quietly, when someone asks too fast."""

from __future__ import annotations

import logging
import re
from typing import Any

import discord
from discord.ext import commands

from bot.client import APOLOGY, QABot, question_error
from qa import QuestionError
from qa.guide import examples

log = logging.getLogger("qa.bot")
WAIT = "\u23f3"  # the reaction that says "too fast", once per cooldown window


class MentionCog(commands.Cog):
    """Mentions and DMs: the same answers as /ask, as replies."""

    def __init__(self, bot: QABot) -> None:
        self.bot = bot

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        """Answer a DM or a message that mentions the bot; never let a message crash it."""
        me = self.bot.user
        if message.author.bot or me is None:
            return
        in_dm = message.guild is None
        if not in_dm and (me not in message.mentions or not self.bot.allowed(message.channel)):
            return
        question = re.sub(rf"<@!?{me.id}>", " ", message.content).strip()
        try:
            await self._answer(message, question)
        except Exception:
            log.exception("answering message %s failed", message.id)
            await self.bot.deliver(lambda: message.channel.send(APOLOGY), "apology")

    async def _answer(self, message: discord.Message, question: str) -> None:
        refused = self.bot.cooldown.hit(message.author.id)
        if refused is not None:
            # A public reply per refused message would let a crowd spend the channel's
            # send limit: one reaction per window says enough.
            if refused.notify:
                await self.bot.deliver(lambda: message.add_reaction(WAIT), "cooldown reaction")
            return
        reply: dict[str, Any]
        if not question:
            tries = " or ".join(examples(self.bot.engine.data, 2))
            reply = {"content": f"Ask me a question, for example: {tries}"}
        else:
            try:
                key = (message.author.id, message.channel.id)
                guild_id = message.guild.id if message.guild else None
                engine, answer = await self.bot.answer(key, question, guild_id=guild_id)
                reply = self.bot.reply(engine, question, answer)
            except QuestionError as exc:
                reply = {"content": question_error(exc)}
        if not await self.bot.deliver(lambda: message.reply(**reply), "reply"):
            await self.bot.deliver(lambda: message.channel.send(APOLOGY), "apology")
