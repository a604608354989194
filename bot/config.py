"""Read the bot's settings from the environment and an optional .env file."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from dotenv import load_dotenv

from qa.errors import QAError


class ConfigError(QAError):
    """A setting is missing or malformed; the message names the variable."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the bot reads from its environment."""

    token: str
    data: Path
    guild_id: int | None = None
    allowed_channels: frozenset[int] = frozenset()
    context_idle_seconds: float = 600.0
    cooldown_seconds: float = 3.0
    sync_commands: bool = False
    message_content: bool = False
    defer_after_seconds: float = 2.0
    log_level: str = "INFO"

    def __repr__(self) -> str:
        return f"Settings(data={self.data}, guild_id={self.guild_id}, token=<hidden>)"


def _int(name: str, value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise ConfigError(f"{name} must be a number (a Discord id), not {value!r}") from None


def _float(env: dict[str, str], name: str, default: float) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number of seconds, not {raw!r}") from None
    if value < 0:
        raise ConfigError(f"{name} must not be negative")
    return value


def _flag(env: dict[str, str], name: str) -> bool:
    return env.get(name, "").strip().lower() in ("1", "true", "yes", "on")


def load_settings(
    default_data: Path, env_file: Path | None = Path(".env"), sync: bool = False
) -> Settings:
    """Return the settings from the environment (after loading .env without overriding)."""
    if env_file is not None and env_file.is_file():
        load_dotenv(env_file, override=False)
    env = dict(os.environ)
    token = env.get("DISCORD_TOKEN", "").strip()
    if not token:
        raise ConfigError(
            "DISCORD_TOKEN is not set; put the bot token in .env or the "
            "environment (see .env.example)"
        )
    guild = env.get("DISCORD_GUILD_ID", "").strip()
    channels = [c.strip() for c in env.get("DISCORD_ALLOWED_CHANNELS", "").split(",") if c.strip()]
    return Settings(
        token=token,
        data=Path(env.get("QA_DATA") or default_data),
        guild_id=_int("DISCORD_GUILD_ID", guild) if guild else None,
        allowed_channels=frozenset(_int("DISCORD_ALLOWED_CHANNELS", c) for c in channels),
        context_idle_seconds=_float(env, "QA_CONTEXT_IDLE_SECONDS", 600.0),
        cooldown_seconds=_float(env, "QA_COOLDOWN_SECONDS", 3.0),
        sync_commands=sync or _flag(env, "DISCORD_SYNC_COMMANDS"),
        message_content=_flag(env, "DISCORD_MESSAGE_CONTENT"),
        log_level=env.get("QA_LOG_LEVEL", "INFO").strip().upper() or "INFO",
    )
