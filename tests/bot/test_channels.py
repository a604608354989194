"""DISCORD_ALLOWED_CHANNELS: threads follow their parent channel; DMs are always answered."""

from __future__ import annotations

import dataclasses

import discord
import discord.ext.test as dpytest

from bot.client import QABot

from .harness import Recorder, dispatch, interaction, make_bot
from .payloads import first_channel_id, thread_channel


async def allow_first_channel() -> QABot:
    """Return a bot that answers only in dpytest's first channel (and its threads)."""
    b = await make_bot()
    b.settings = dataclasses.replace(b.settings, allowed_channels=frozenset({first_channel_id()}))
    return b


async def test_ask_in_a_thread_under_an_allowed_channel(recorder: Recorder) -> None:
    b = await allow_first_channel()
    thread = thread_channel(first_channel_id())
    await dispatch(b, interaction(b, "ask", {"question": "What did Japan pledge?"}, channel=thread))
    assert "$51.3 million" in recorder.replies()[0]["embeds"][0]["description"]


async def test_ask_in_a_thread_under_another_channel_is_refused(recorder: Recorder) -> None:
    b = await make_bot(allowed_channels=frozenset({1}))
    thread = thread_channel(first_channel_id())
    await dispatch(b, interaction(b, "ask", {"question": "What did Japan pledge?"}, channel=thread))
    assert "don't answer in this channel" in recorder.replies()[0]["content"]


async def test_ask_in_a_dm_is_answered_despite_the_allow_list(recorder: Recorder) -> None:
    b = await make_bot(allowed_channels=frozenset({1}))
    await dispatch(b, interaction(b, "ask", {"question": "What did Canada pledge?"}, guild=False))
    assert "$240,000" in recorder.replies()[0]["embeds"][0]["description"]


async def test_mention_in_a_thread_under_an_allowed_channel() -> None:
    b = await allow_first_channel()
    allowed = first_channel_id()
    guild = dpytest.get_config().guilds[0]
    thread = discord.Thread(guild=guild, state=b._connection, data=thread_channel(allowed))
    guild._add_thread(thread)
    assert b.user is not None
    await dpytest.message(f"<@{b.user.id}> What did Japan pledge?", channel=thread)
    assert "$51.3 million" in (dpytest.get_message().embeds[0].description or "")
