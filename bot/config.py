"""Read the bot's settings from the environment and an optional .env file."""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path

from dotenv import load_dotenv

from qa.errors import QAError

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
_TRUE = ("1", "true", "yes", "on")
_FALSE = ("", "0", "false", "no", "off")


class ConfigError(QAError):
    """A setting is missing or malformed; the message names the variable."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the bot reads from its environment."""

    token: str
    data: Path
    guild_id: int | None = None
    allowed_channels: frozenset[int] = frozenset()
    operators: frozenset[int] = frozenset()
    context_idle_seconds: float = 600.0
    cooldown_seconds: float = 3.0
    reload_cooldown_seconds: float = 30.0
    sync_commands: bool = False
    message_content: bool = False
    defer_after_seconds: float = 2.0
    log_level: str = "INFO"
    log_unanswered: Path | None = None

    def __repr__(self) -> str:
        return f"Settings(data={self.data}, guild_id={self.guild_id}, token=<hidden>)"


def _int(name: str, value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise ConfigError(f"{name} must be a number (a Discord id), not {value!r}") from None


def _ids(env: dict[str, str], name: str) -> frozenset[int]:
    items = [c.strip() for c in env.get(name, "").split(",") if c.strip()]
    return frozenset(_int(name, c) for c in items)


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
    if not math.isfinite(value):
        raise ConfigError(f"{name} must be a finite number of seconds, not {raw!r}")
    return value


def _flag(env: dict[str, str], name: str) -> bool:
    raw = env.get(name, "").strip().lower()
    if raw not in _TRUE + _FALSE:
        raise ConfigError(f"{name} must be 1/true/yes/on or 0/false/no/off, not {raw!r}")
    return raw in _TRUE


def _level(env: dict[str, str]) -> str:
    raw = env.get("QA_LOG_LEVEL", "").strip().upper() or "INFO"
    if raw not in LOG_LEVELS:
        raise ConfigError(f"QA_LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, not {raw!r}")
    return raw


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
    unanswered = env.get("QA_LOG_UNANSWERED", "").strip()
    return Settings(
        token=token,
        data=Path(env.get("QA_DATA") or default_data),
        guild_id=_int("DISCORD_GUILD_ID", guild) if guild else None,
        allowed_channels=_ids(env, "DISCORD_ALLOWED_CHANNELS"),
        operators=_ids(env, "DISCORD_OPERATOR_IDS"),
        context_idle_seconds=_float(env, "QA_CONTEXT_IDLE_SECONDS", 600.0),
        cooldown_seconds=_float(env, "QA_COOLDOWN_SECONDS", 3.0),
        reload_cooldown_seconds=_float(env, "QA_RELOAD_COOLDOWN_SECONDS", 30.0),
        sync_commands=sync or _flag(env, "DISCORD_SYNC_COMMANDS"),
        message_content=_flag(env, "DISCORD_MESSAGE_CONTENT"),
        log_level=_level(env),
        log_unanswered=Path(unanswered) if unanswered else None,
    )
