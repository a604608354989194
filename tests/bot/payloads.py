"""More INTERACTION_CREATE payloads: autocomplete, context menus, button presses; threads."""

from __future__ import annotations

from typing import Any

import discord.ext.test as dpytest

from bot.client import QABot

from .harness import interaction, message_data, snowflake

MENU_NAME = "Ask qa about this message"


def autocomplete(
    bot: QABot, name: str, options: dict[str, str], focused: str, **kw: Any
) -> dict[str, Any]:
    """Return an autocomplete interaction: the user is typing option `focused`."""
    data = interaction(bot, name, options, **kw)
    data["type"] = 4
    for option in data["data"]["options"]:
        if option["name"] == focused:
            option["focused"] = True
    return data


def context_menu(bot: QABot, content: str, **kw: Any) -> dict[str, Any]:
    """Return a message context-menu interaction on a message saying `content`."""
    data = interaction(bot, MENU_NAME, **kw)
    target = message_data({"content": content})
    target["channel_id"] = data["channel_id"]
    data["data"].update(
        type=3,
        options=[],
        target_id=target["id"],
        resolved={"messages": {target["id"]: target}},
    )
    return data


def component(bot: QABot, custom_id: str, **kw: Any) -> dict[str, Any]:
    """Return the interaction Discord sends when a user presses the button `custom_id`."""
    data = interaction(bot, "unused", **kw)
    data["type"] = 3
    data["data"] = {"custom_id": custom_id, "component_type": 2}
    button = {"type": 2, "style": 2, "label": "button", "custom_id": custom_id}
    message = message_data({"content": "an earlier answer"})
    message["channel_id"] = data["channel_id"]
    message["components"] = [{"type": 1, "components": [button]}]
    data["message"] = message
    return data


def custom_ids(body: dict[str, Any]) -> list[str]:
    """Return the custom ids of the buttons in a sent message body."""
    rows = body.get("components") or []
    return [c["custom_id"] for row in rows for c in row["components"] if "custom_id" in c]


def thread_channel(parent_id: int) -> dict[str, Any]:
    """Return the channel object of a public thread under `parent_id`."""
    return {
        "id": str(snowflake()),
        "type": 11,
        "parent_id": str(parent_id),
        "owner_id": "5000",
        "name": "a thread",
        "message_count": 0,
        "member_count": 1,
        "thread_metadata": {
            "archived": False,
            "auto_archive_duration": 1440,
            "archive_timestamp": "2022-01-01T00:00:00+00:00",
            "locked": False,
        },
    }


def reactions(bot: QABot) -> list[str]:
    """Record the emoji of every reaction the bot adds from now on."""
    added: list[str] = []

    async def add_reaction(channel_id: int, message_id: int, emoji: str) -> None:
        added.append(emoji)  # dpytest's own add_reaction fails on discord.py 2.7

    bot.http.add_reaction = add_reaction  # type: ignore[method-assign]
    return added


def first_channel_id() -> int:
    """Return the id of dpytest's first text channel."""
    return int(dpytest.get_config().channels[0].id)
