"""The Discord client: one engine, per-user sessions, and the reply paths all handlers share."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.config import Settings
from bot.format import abstention, answer_embed, clip
from bot.sessions import Key, Sessions
from qa import Answer, Engine, QuestionError

log = logging.getLogger("qa.bot")
APOLOGY = "Sorry, something went wrong while answering. Please try again."
RETRY_CAP = 5.0  # longest wait honoured for a 429 before giving up on a reply
SERVER_ERROR_PAUSE = 1.0  # pause before the one retry after a Discord 5xx


class QATree(app_commands.CommandTree["QABot"]):
    """Command tree whose error handler tells the user what happened and logs the rest."""

    async def on_error(
        self, interaction: discord.Interaction[QABot], error: app_commands.AppCommandError
    ) -> None:
        """Turn command errors into short ephemeral replies; log unexpected ones with stack."""
        if isinstance(error, app_commands.CommandOnCooldown):
            text = f"You're asking quickly: try again in {error.retry_after:.0f} s."
        elif isinstance(error, app_commands.MissingPermissions):
            text = "Only members with the Manage Server permission can do that."
        elif isinstance(error, app_commands.CheckFailure):
            text = "That command isn't available here."
        else:
            original = getattr(error, "original", error)
            name = interaction.command.name if interaction.command else "?"
            log.error("command /%s failed", name, exc_info=original)
            text = APOLOGY
        await interaction.client.notify(interaction, text)


class QABot(commands.Bot):
    """A bot that answers questions about the articles in one data folder."""

    def __init__(
        self, settings: Settings, engine: Engine, intents: discord.Intents | None = None
    ) -> None:
        if intents is None:
            intents = discord.Intents.default()
            intents.message_content = settings.message_content
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents,
            allowed_mentions=discord.AllowedMentions.none(),
            help_command=None,
            tree_cls=QATree,
        )
        self.settings = settings
        self.engine = engine
        self.sessions = Sessions(settings.context_idle_seconds)

    async def setup_hook(self) -> None:
        """Register the commands; sync them with Discord only when asked to."""
        from bot.cog import AskCog

        await self.add_cog(AskCog(self))
        if self.settings.sync_commands:
            await self.sync_commands()

    async def sync_commands(self) -> None:
        """Push the slash commands to Discord: to one guild at once, or globally."""
        if self.settings.guild_id:
            guild = discord.Object(self.settings.guild_id)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
        else:
            synced = await self.tree.sync()
        log.info("synced %d commands", len(synced))

    async def on_message(self, message: discord.Message) -> None:
        """Leave messages to the cog: questions are not prefix commands."""

    async def on_error(self, event_method: str, /, *args: Any, **kwargs: Any) -> None:
        """Log an error in any event handler with its stack and keep running."""
        log.exception("error in %s", event_method)

    def allowed(self, channel_id: int | None) -> bool:
        """Tell whether the bot may answer in a channel (all, unless a list is set)."""
        allowed = self.settings.allowed_channels
        return not allowed or channel_id in allowed

    async def answer(self, key: Key, question: str) -> tuple[Engine, Answer]:
        """Answer a question off the event loop, keeping the asker's conversation."""
        engine = self.engine
        session = self.sessions.get(key)
        answer, context = await asyncio.to_thread(engine.ask, question, session.context)
        self.sessions.put(key, context, answer)
        return engine, answer

    def reply(self, engine: Engine, question: str, answer: Answer) -> dict[str, Any]:
        """Return the send() arguments for an answer: an embed, or a plain abstention."""
        if not answer.answered:
            return {"content": abstention(engine, answer)}
        return {"embed": answer_embed(engine, question, answer)}

    async def deliver(self, send: Callable[[], Awaitable[Any]], what: str) -> bool:
        """Send one reply, retrying once after a 429 or a 5xx; log and give up otherwise."""
        for attempt in (1, 2):
            try:
                await send()
                return True
            except discord.Forbidden as exc:
                log.warning("%s: missing permissions (%s %s)", what, exc.status, exc.text)
                return False
            except discord.HTTPException as exc:
                if attempt == 2 or not (exc.status == 429 or exc.status >= 500):
                    log.error("%s: Discord answered %s %s", what, exc.status, exc.text)
                    return False
                pause = _retry_after(exc) if exc.status == 429 else SERVER_ERROR_PAUSE
                if pause > RETRY_CAP:
                    log.error("%s: rate limited for %.1f s; not waiting", what, pause)
                    return False
                log.warning("%s: Discord answered %s; retrying in %.2f s", what, exc.status, pause)
                await asyncio.sleep(pause)
        return False

    async def respond(self, interaction: discord.Interaction[QABot], **reply: Any) -> bool:
        """Answer an interaction (or follow up if it was deferred); tell the user on failure."""

        async def send() -> None:
            if interaction.response.is_done():
                await interaction.followup.send(**reply)
            else:
                await interaction.response.send_message(**reply)

        name = interaction.command.name if interaction.command else "command"
        if await self.deliver(send, f"/{name} reply"):
            return True
        await self.notify(interaction, APOLOGY)
        return False

    async def notify(self, interaction: discord.Interaction[QABot], text: str) -> None:
        """Send a short ephemeral message, whether or not the interaction was answered."""

        async def send() -> None:
            if interaction.response.is_done():
                await interaction.followup.send(clip(text, 2000), ephemeral=True)
            else:
                await interaction.response.send_message(clip(text, 2000), ephemeral=True)

        await self.deliver(send, "notice")


def _retry_after(exc: discord.HTTPException) -> float:
    headers = getattr(exc.response, "headers", None) or {}
    try:
        return float(headers.get("Retry-After", 1.0))
    except (TypeError, ValueError):
        return 1.0


def question_error(exc: QuestionError) -> str:
    """Return the user-facing text for a question the engine refused."""
    return f"Sorry: {exc}."
