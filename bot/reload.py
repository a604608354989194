"""/reload: the operator loads the data folder again, one reload at a time."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import QABot
from bot.format import MESSAGE, clip
from bot.limits import Cooldown
from qa import DataError, Engine, Problem, QAError

log = logging.getLogger("qa.bot")
KEPT_OLD = "Reload failed; still answering from the previous data."


def located(problem: Problem, root: Path) -> str:
    """Write a data problem with its path relative to the data folder, never the server's."""
    path = Path(problem.path)
    try:
        shown = str(path.relative_to(root))
    except ValueError:
        shown = path.name
    message = problem.message.replace(str(root), "data")
    return f"{shown}:{problem.line}: {message}" if problem.line else f"{shown}: {message}"


class ReloadCog(commands.Cog):
    """The operator's command: reload the data for every server at once."""

    def __init__(self, bot: QABot) -> None:
        self.bot = bot
        self.lock = asyncio.Lock()
        self.cooldown = Cooldown(bot.settings.reload_cooldown_seconds)

    @app_commands.command(name="reload", description="Reload the data folder (bot operator only)")
    @app_commands.default_permissions(manage_guild=True)
    async def reload(self, interaction: discord.Interaction[QABot]) -> None:
        """Load the data folder again; keep the old data if the new one is broken."""
        # The data is shared by every server, so a server's admin may not reload it.
        if not await self.bot.is_operator(interaction.user):
            await self.bot.notify(interaction, "Only the bot's operator can reload its data.")
            return
        if self.lock.locked():
            await self.bot.notify(interaction, "A reload is already running.")
            return
        refused = self.cooldown.hit("reload")
        if refused is not None:
            text = f"The data was reloaded moments ago: try again in {refused.retry_after} s."
            await self.bot.notify(interaction, text)
            return
        async with self.lock:
            await interaction.response.defer(ephemeral=True, thinking=True)
            text = await self._reload()
        await self.bot.respond(interaction, content=clip(text, MESSAGE), ephemeral=True)

    async def _reload(self) -> str:
        root = self.bot.settings.data
        try:
            engine = await asyncio.to_thread(Engine.from_folder, root)
        except DataError as exc:
            self.cooldown.reset("reload")  # let the operator retry as soon as it is fixed
            lines = "\n".join(located(p, root) for p in exc.problems[:10])
            more = len(exc.problems) - 10
            tail = f"\n(and {more} more problems)" if more > 0 else ""
            quoted = lines.replace("`", "'")  # nothing in a problem may close the code block
            return f"{KEPT_OLD}\n```\n{quoted}\n```{tail}"
        except (QAError, OSError) as exc:
            self.cooldown.reset("reload")
            log.error("reload failed", exc_info=exc)
            return f"{KEPT_OLD} The bot's log has the details."
        self.bot.engine = engine
        self.bot.sessions.clear()
        data = engine.data
        return f"Reloaded: {len(data.articles)} articles, {len(data.meetings)} meetings."
