"""The Discord client: one engine, per-user sessions, and the reply paths all handlers share."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import threading
from collections.abc import Awaitable, Callable
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.config import Settings
from bot.format import MESSAGE, abstention, answer_embed, clip, escape, sources_pages
from bot.limits import Cooldown
from bot.sessions import Key, Sessions
from bot.views import KEPT, MoreButton, SourcesButton, answer_view, buttons, decode_sources
from qa import Answer, Context, Engine, QuestionError, Source
from qa.asklog import append_unanswered

log = logging.getLogger("qa.bot")
APOLOGY = "Sorry, something went wrong while answering. Please try again."
GONE = "That answer is no longer in memory (I restarted or reloaded my data): ask again."
CHANGED = "The data has changed since that answer: ask again to see its sources."
RETRY_CAP = 5.0  # longest wait honoured for a 429 before giving up on a reply
SERVER_ERROR_PAUSE = 1.0  # pause before the one retry after a Discord 5xx
SOURCE_MESSAGES = 5  # messages of passages sent for one press of Sources
PUBLIC_DEFER = "qa_public_defer"  # interaction.extras key: the response is a public "thinking…"


def needed_intents(settings: Settings) -> discord.Intents:
    """Return the only intents the bot needs: guilds, guild messages and DMs."""
    wanted = discord.Intents(guilds=True, guild_messages=True, dm_messages=True)
    wanted.message_content = settings.message_content
    return wanted


class QATree(app_commands.CommandTree["QABot"]):
    """Command tree whose error handler tells the user what happened and logs the rest."""

    async def on_error(
        self, interaction: discord.Interaction[QABot], error: app_commands.AppCommandError
    ) -> None:
        """Turn command errors into short ephemeral replies; log unexpected ones with stack."""
        if isinstance(error, app_commands.CheckFailure):
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
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents or needed_intents(settings),
            allowed_mentions=discord.AllowedMentions.none(),
            help_command=None,
            tree_cls=QATree,
        )
        self.settings = settings
        self.engine = engine
        self.sessions = Sessions(settings.context_idle_seconds)
        self.cooldown = Cooldown(settings.cooldown_seconds)
        self._log_lock = threading.Lock()

    async def setup_hook(self) -> None:
        """Register the commands and buttons; sync commands with Discord only when asked to."""
        from bot.cog import AskCog
        from bot.mentions import MentionCog
        from bot.reload import ReloadCog

        self.add_dynamic_items(SourcesButton, MoreButton)
        await self.add_cog(AskCog(self))
        await self.add_cog(MentionCog(self))
        await self.add_cog(ReloadCog(self))
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

    def allowed(self, channel: object) -> bool:
        """Tell whether the bot may answer in a channel: DMs always; threads by their parent."""
        allowed = self.settings.allowed_channels
        if not allowed or channel is None or isinstance(channel, discord.abc.PrivateChannel):
            return True
        if getattr(channel, "type", None) in (
            discord.ChannelType.private,
            discord.ChannelType.group,
        ):
            return True
        ids = {getattr(channel, "id", None), getattr(channel, "parent_id", None)}
        return bool(ids & allowed)

    async def answer(
        self, key: Key, question: str, *, guild_id: int | None, article: str | None = None
    ) -> tuple[Engine, Answer]:
        """Answer a question off the event loop, keeping the asker's conversation.

        `article` pins the conversation to one article. A reload while the answer is being
        worked out stops its context from being stored: it was built on the old data.
        """
        engine, generation = self.engine, self.sessions.generation
        session = self.sessions.get(key)
        context = session.context
        if article is not None:
            context = dataclasses.replace(context, article=article)
        answer, after = await asyncio.to_thread(self._ask, engine, question, context, guild_id)
        if after.article is None and context.article is not None:
            after = dataclasses.replace(after, article=context.article)
        self.sessions.put(key, after, answer, generation)
        return engine, answer

    def _ask(
        self, engine: Engine, question: str, context: Context, guild_id: int | None
    ) -> tuple[Answer, Context]:
        answer, after = engine.ask(question, context)
        path = self.settings.log_unanswered
        if path is not None and not answer.answered:
            try:
                with self._log_lock:
                    append_unanswered(path, question, guild_id)
            except OSError as exc:
                log.warning("cannot write the unanswered-questions log: %s", exc.strerror)
        return answer, after

    def pin(self, key: Key, article: str | None) -> None:
        """Pin a user's conversation in a channel to an article (None: all articles)."""
        session = self.sessions.get(key)
        context = dataclasses.replace(session.context, article=article)
        self.sessions.put(key, context, session.last, self.sessions.generation)

    def reply(self, engine: Engine, question: str, answer: Answer) -> dict[str, Any]:
        """Return the send() arguments for an answer: an embed with buttons, or an abstention."""
        if not answer.answered:
            return {"content": abstention(engine, answer)}
        reply: dict[str, Any] = {"embed": answer_embed(engine, question, answer)}
        view = answer_view(answer, self.sessions.keep)
        if view is not None:
            reply["view"] = view
        return reply

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

    def defer_timeout(self, interaction: discord.Interaction[QABot]) -> float:
        """Return how long an answer may take before deferring, counted from the interaction's
        creation (its snowflake), not from when the handler started."""
        age = (discord.utils.utcnow() - interaction.created_at).total_seconds()
        return max(0.0, self.settings.defer_after_seconds - age)

    async def defer_publicly(self, interaction: discord.Interaction[QABot]) -> None:
        """Show a public "thinking…" and remember that later errors must replace it."""
        await interaction.response.defer(thinking=True)
        interaction.extras[PUBLIC_DEFER] = True

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
        """Send a short private notice; after a public deferral, replace the "thinking…"."""
        text = clip(text, MESSAGE)

        async def send() -> None:
            if interaction.extras.get(PUBLIC_DEFER):
                # A follow-up to a public deferral is public whatever its flags say: say
                # the notice in the open instead of pretending it is private.
                await interaction.edit_original_response(content=text, embed=None, view=None)
            elif interaction.response.is_done():
                await interaction.followup.send(text, ephemeral=True)
            else:
                await interaction.response.send_message(text, ephemeral=True)

        await self.deliver(send, "notice")

    async def show_sources(self, interaction: discord.Interaction[QABot], payload: str) -> None:
        """Send the passages a Sources button names, privately, a few messages at most."""
        sources: list[Source] | tuple[Source, ...] | None
        if payload.startswith(KEPT):
            kept = self.sessions.kept(payload[len(KEPT) :])
            sources = kept.sources if kept else None
            missing = GONE
        else:
            sources = decode_sources(payload, self.engine.data)
            missing = CHANGED
        if not sources:
            await self.notify(interaction, missing)
            return
        pages = sources_pages(Answer("", True, "fact", tuple(sources)))
        if len(pages) > SOURCE_MESSAGES:
            rest = len(pages) - SOURCE_MESSAGES + 1
            pages = [*pages[: SOURCE_MESSAGES - 1], f"\u2026 and {rest} more messages of passages."]
        for page in pages:

            async def send(text: str = page) -> None:
                await self._private(interaction, text)

            if not await self.deliver(send, "sources"):
                return

    async def show_more(self, interaction: discord.Interaction[QABot], key: str, page: int) -> None:
        """Send one more page of a shortened answer, privately, with a button for the next."""
        kept = self.sessions.kept(key)
        if kept is None or page >= len(kept.more):
            await self.notify(interaction, GONE)
            return
        reply: dict[str, Any] = {"content": clip(escape(kept.more[page]), MESSAGE)}
        if page + 1 < len(kept.more):
            reply["view"] = buttons(MoreButton(key, page + 1, len(kept.more)))
        await self.deliver(lambda: self._private(interaction, **reply), "more")

    async def _private(
        self, interaction: discord.Interaction[QABot], content: str, **extra: Any
    ) -> None:
        if interaction.response.is_done():
            await interaction.followup.send(content, ephemeral=True, **extra)
        else:
            await interaction.response.send_message(content, ephemeral=True, **extra)

    async def is_operator(self, user: discord.abc.User) -> bool:
        """Tell whether a user runs this bot: a listed operator, or the application's owner
        or team (from the application info)."""
        if user.id in self.settings.operators:
            return True
        try:
            return await self.is_owner(user)
        except discord.HTTPException as exc:
            log.warning("cannot read the application's owner: %s %s", exc.status, exc.text)
            return False


def _retry_after(exc: discord.HTTPException) -> float:
    headers = getattr(exc.response, "headers", None) or {}
    try:
        return float(headers.get("Retry-After", 1.0))
    except (TypeError, ValueError):
        return 1.0


def question_error(exc: QuestionError) -> str:
    """Return the user-facing text for a question the engine refused."""
    return f"Sorry: {exc}."
