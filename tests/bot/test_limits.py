"""Cooldowns: 0 means none on every path; floods get one quiet notice per window."""

from __future__ import annotations

import time

import discord.ext.test as dpytest
import pytest

from bot.client import QABot

from .harness import Recorder, dispatch, interaction, make_bot
from .payloads import reactions


def mention(bot: QABot, text: str) -> str:
    assert bot.user is not None
    return f"<@{bot.user.id}> {text}"


async def test_zero_cooldown_allows_messages_in_the_same_instant(
    bot: QABot, recorder: Recorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(time, "time", lambda: 1_700_000_000.0)  # every message "at once"
    bot.cooldown.clock = lambda: 1000.0
    await dpytest.message(mention(bot, "What did Japan pledge?"))
    dpytest.get_message()
    await dpytest.message(mention(bot, "When was that?"))
    assert "November 12, 2022" in (dpytest.get_message().embeds[0].description or "")
    for _ in range(3):
        await dispatch(bot, interaction(bot, "ask", {"question": "What did Canada pledge?"}))
    assert all("$240,000" in r["embeds"][0]["description"] for r in recorder.replies())


async def test_mention_flood_gets_one_reaction_per_window(recorder: Recorder) -> None:
    b = await make_bot(cooldown_seconds=30.0)
    now = [100.0]
    b.cooldown.clock = lambda: now[0]
    added = reactions(b)
    await dpytest.message(mention(b, "What did Japan pledge?"))
    assert "$51.3 million" in (dpytest.get_message().embeds[0].description or "")
    for _ in range(10):
        now[0] += 1
        await dpytest.message(mention(b, "And Canada?"))
    assert dpytest.verify().message().nothing()  # no public reply to any of the ten
    assert added == ["\u23f3"]
    now[0] += 30
    await dpytest.message(mention(b, "And Canada?"))
    assert "$240,000" in (dpytest.get_message().embeds[0].description or "")
    await dpytest.message(mention(b, "And China?"))
    assert added == ["\u23f3", "\u23f3"]  # a new window, one more reaction
    assert dpytest.verify().message().nothing()


async def test_empty_mentions_count_against_the_cooldown(recorder: Recorder) -> None:
    b = await make_bot(cooldown_seconds=30.0)
    b.cooldown.clock = lambda: 5.0
    reactions(b)
    await dpytest.message(mention(b, ""))
    dpytest.get_message()
    for _ in range(5):
        await dpytest.message(mention(b, ""))
    assert dpytest.verify().message().nothing()


@pytest.mark.parametrize(("elapsed", "wait"), [(2.9, 1), (0.5, 3), (2.0, 1)])
async def test_slash_cooldown_rounds_up_and_is_private(
    recorder: Recorder, elapsed: float, wait: int
) -> None:
    b = await make_bot(cooldown_seconds=3.0)
    now = [50.0]
    b.cooldown.clock = lambda: now[0]
    await dispatch(b, interaction(b, "ask", {"question": "What did Japan pledge?"}))
    now[0] += elapsed
    await dispatch(b, interaction(b, "ask", {"question": "And Canada?"}))
    body = recorder.replies()[-1]
    assert body["content"] == f"You're asking quickly: try again in {wait} s."
    assert body["flags"] & 64
    assert "0 s" not in body["content"]
