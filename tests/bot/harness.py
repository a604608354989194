"""Drive the real bot through discord.py's own dispatch, offline.

Messages go through dpytest. Slash commands go through ConnectionState's
parse_interaction_create, so the real command tree, argument conversion, cooldowns and
error handler run; their HTTP calls are captured by a recording webhook adapter.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import itertools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import discord
import discord.ext.test as dpytest
from discord.webhook.async_ import AsyncWebhookAdapter

from bot.client import QABot
from bot.config import Settings
from qa import Engine

DATA = Path(__file__).resolve().parents[2] / "data"
TOKEN = "SENTINEL.t0ken.do-not-log-1234567890"
_ids = itertools.count(1)


@dataclass
class Call:
    """One HTTP request the bot made: method, path and JSON payload."""

    method: str
    path: str
    token: str | None
    payload: dict[str, Any] | None


class FakeResponse:
    """Just enough of aiohttp's response for discord.HTTPException."""

    def __init__(self, status: int, reason: str, headers: dict[str, str] | None = None) -> None:
        self.status = status
        self.reason = reason
        self.headers = headers or {}


@dataclass
class Recorder(AsyncWebhookAdapter):
    """A webhook adapter that records interaction calls instead of sending them."""

    calls: list[Call] = field(default_factory=list)
    failures: list[Exception] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__()

    async def request(
        self, route: Any, session: Any, *, payload: Any = None, multipart: Any = None, **kwargs: Any
    ) -> Any:
        if multipart:
            payload = json.loads(next(p["value"] for p in multipart if p["name"] == "payload_json"))
        self.calls.append(Call(route.method, route.path, route.webhook_token, payload))
        if self.failures:
            raise self.failures.pop(0)
        if route.path.endswith("/callback"):
            flags = ((payload or {}).get("data") or {}).get("flags", 0)
            return {
                "interaction": {
                    "id": str(route.webhook_id),
                    "type": 2,
                    "response_message_loading": (payload or {}).get("type") == 5,
                    "response_message_ephemeral": bool(flags & 64),
                }
            }
        if "/webhooks/" in route.path and route.method in ("POST", "PATCH"):
            return message_data(payload or {})
        return None

    def replies(self) -> list[dict[str, Any]]:
        """Return the message bodies sent: callback data and follow-ups."""
        found = []
        for c in self.calls:
            if c.payload is None:
                continue
            body = c.payload.get("data", c.payload) if c.path.endswith("/callback") else c.payload
            if body and ("content" in body or "embeds" in body):
                found.append(body)
        return found

    def kinds(self) -> list[int]:
        """Return the interaction callback types sent (4 reply, 5 deferred)."""
        return [c.payload["type"] for c in self.calls if c.path.endswith("/callback") and c.payload]


def message_data(payload: dict[str, Any]) -> dict[str, Any]:
    """Return a minimal message object as Discord would answer a webhook post."""
    return {
        "id": str(snowflake()),
        "channel_id": "1",
        "type": 0,
        "content": payload.get("content", ""),
        "author": {"id": "1", "username": "qa", "discriminator": "0", "avatar": None},
        "embeds": payload.get("embeds", []),
        "attachments": [],
        "mentions": [],
        "mention_roles": [],
        "mention_everyone": False,
        "pinned": False,
        "tts": False,
        "timestamp": dt.datetime.now(dt.UTC).isoformat(),
        "edited_timestamp": None,
        "flags": 0,
    }


def snowflake(age: float = 0.0) -> int:
    """Return a unique snowflake made `age` seconds ago (current: not expired)."""
    made = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=age)
    return discord.utils.time_snowflake(made) + next(_ids)


def settings(**overrides: Any) -> Settings:
    # A long deferral window: whether a reply is direct or deferred must not depend on
    # how busy the machine running the tests is; deferral tests set their own.
    values: dict[str, Any] = {
        "token": TOKEN,
        "data": DATA,
        "cooldown_seconds": 0.0,
        "defer_after_seconds": 30.0,
    }
    values.update(overrides)
    return Settings(**values)


@functools.cache
def shared_engine() -> Engine:
    """Return one engine over the bundled data for every bot that needs no other."""
    return Engine.from_folder(DATA)


async def make_bot(engine: Engine | None = None, **overrides: Any) -> QABot:
    """Build the bot, run its setup hook and put it under dpytest, restoring what that drops."""
    intents = discord.Intents.default()
    intents.members = True  # dpytest's fake members need it; the real bot does not
    bot = QABot(settings(**overrides), engine or shared_engine(), intents=intents)
    await bot._async_setup_hook()
    await bot.setup_hook()
    mentions = bot.allowed_mentions
    buttons = bot._connection._view_store._dynamic_items
    dpytest.configure(bot)
    # dpytest swaps in a new connection state without these three: restore the bot's own,
    # or the no-ping, slash-command and button tests would prove nothing.
    bot._connection.allowed_mentions = mentions
    bot._connection._command_tree = bot.tree
    bot._connection._view_store._dynamic_items.update(buttons)
    return bot


def sent_payloads(bot: QABot) -> list[dict[str, Any]]:
    """Record the JSON payload of every channel message the bot sends from now on."""
    payloads: list[dict[str, Any]] = []
    original = bot.http.send_message

    async def send_message(channel_id: int, *, params: Any) -> Any:
        payloads.append(dict(params.payload or {}))
        # dpytest reads the caller's local `channel`; this wrapper is now that caller.
        channel = bot.get_channel(channel_id)  # noqa: F841
        return await original(channel_id, params=params)

    bot.http.send_message = send_message  # type: ignore[method-assign]
    return payloads


def interaction(
    bot: QABot,
    name: str,
    options: dict[str, Any] | None = None,
    *,
    user_id: int = 5000,
    permissions: int = 0,
    guild: bool = True,
    channel: dict[str, Any] | None = None,
    age: float = 0.0,
) -> dict[str, Any]:
    """Return an INTERACTION_CREATE payload for a slash command as Discord sends it.

    `channel` replaces the guild channel (a thread, say); `age` makes the interaction
    that many seconds old, as its snowflake tells.
    """
    config = dpytest.get_config()
    g = config.guilds[0]
    user = {
        "id": str(user_id),
        "username": f"user{user_id}",
        "discriminator": "0",
        "avatar": None,
        "global_name": None,
    }
    data: dict[str, Any] = {
        "id": str(snowflake(age)),
        "application_id": str(bot.application_id or 42),
        "type": 2,
        "token": f"itoken-{snowflake()}",
        "version": 1,
        "attachment_size_limit": 8_000_000,
        "locale": "en-US",
        "app_permissions": "0",
        "data": {
            "id": str(snowflake()),
            "name": name,
            "type": 1,
            "options": [{"name": k, "type": 3, "value": v} for k, v in (options or {}).items()],
        },
    }
    if guild:
        chan = channel or {"id": str(config.channels[0].id), "type": 0}
        data["guild_id"] = str(g.id)
        data["channel"] = {**chan, "guild_id": str(g.id)}
        data["channel_id"] = chan["id"]
        data["member"] = {
            "user": user,
            "roles": [],
            "joined_at": "2022-01-01T00:00:00+00:00",
            "deaf": False,
            "mute": False,
            "permissions": str(permissions),
            "flags": 0,
        }
    else:
        data["user"] = user
        data["channel"] = {"id": str(snowflake()), "type": 1, "recipients": [user]}
        data["channel_id"] = data["channel"]["id"]
    return data


async def dispatch(bot: QABot, payload: dict[str, Any]) -> None:
    """Feed one interaction to the connection state and wait for its handler to finish.

    Only the handlers this interaction started are awaited, so a test may leave an
    earlier one blocked on purpose.
    """
    before = {t for t in asyncio.all_tasks() if _handler(t)}
    bot._connection.parse_interaction_create(payload)  # type: ignore[arg-type]
    started = {t for t in asyncio.all_tasks() if _handler(t)} - before
    if started:
        _, pending = await asyncio.wait(started, timeout=30)
        if pending:
            raise TimeoutError(f"{len(pending)} interaction handlers still running")


def _handler(task: asyncio.Task[Any]) -> bool:
    name = task.get_name()
    return name == "CommandTree-invoker" or name.startswith("discord-ui-dynamic-item-")


async def settle() -> None:
    """Wait until every command and button task started by the dispatch has finished."""
    for _ in range(200):
        pending = [t for t in asyncio.all_tasks() if _handler(t) and not t.done()]
        if not pending:
            return
        await asyncio.wait(pending, timeout=5)
