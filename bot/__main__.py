"""Start the Discord bot: `python -m bot [--sync]` (or `make bot`)."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

import discord

from bot.client import QABot
from bot.config import ConfigError, Settings, load_settings
from bot.logs import MASK, configure_logging
from qa import DataError, Engine
from qa.cli import default_data


async def run(settings: Settings, engine: Engine) -> None:
    """Run the bot until Discord disconnects it or SIGTERM/SIGINT asks it to stop."""
    bot = QABot(settings, engine)
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, lambda: asyncio.ensure_future(bot.close()))
    async with bot:
        await bot.start(settings.token)
    logging.getLogger("qa.bot").info("connection closed")


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments, read settings and data, run the bot; return the exit code."""
    parser = argparse.ArgumentParser(prog="python -m bot", description="Run the qa Discord bot.")
    parser.add_argument(
        "--sync",
        action="store_true",
        help="sync slash commands with Discord on start (DISCORD_SYNC_COMMANDS)",
    )
    parser.add_argument(
        "--env-file",
        type=Path,
        default=Path(".env"),
        metavar="FILE",
        help="settings file to read (default: .env)",
    )
    args = parser.parse_args(argv)
    try:
        settings = load_settings(default_data(), args.env_file, sync=args.sync)
        engine = Engine.from_folder(settings.data)
    except ConfigError as exc:
        print(f"bot: error: {exc}", file=sys.stderr)
        return 1
    except DataError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    except OSError as exc:  # a settings file or data folder the bot cannot read
        where = f": {exc.filename}" if exc.filename else ""
        print(f"bot: error: {exc.strerror or exc}{where}", file=sys.stderr)
        return 1
    configure_logging(settings.log_level, settings.token)
    try:
        asyncio.run(run(settings, engine))
    except discord.LoginFailure:
        print("bot: error: Discord rejected DISCORD_TOKEN (login failed)", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        pass
    except Exception as exc:  # e.g. no network: one line, never the token
        message = str(exc).replace(settings.token, MASK)
        print(f"bot: error: {type(exc).__name__}: {message}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
