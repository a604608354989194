"""Slash commands fed to discord.py's connection state; the HTTP calls are checked."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import discord
import pytest

from bot.client import APOLOGY, QABot
from qa import Engine

from .harness import Recorder, dispatch, interaction, make_bot

MANAGE_GUILD = discord.Permissions(manage_guild=True).value
OPERATOR = 4242


async def test_ask_answers_with_embed_source_and_no_pings(bot: QABot, recorder: Recorder) -> None:
    await dispatch(bot, interaction(bot, "ask", {"question": "What did Japan pledge?"}))
    assert recorder.kinds() == [4]
    body = recorder.replies()[0]
    embed = body["embeds"][0]
    assert "$51.3 million" in embed["description"]
    assert any("Cambodia-Japan, ¶21" in f["value"] for f in embed["fields"])
    assert body["allowed_mentions"] == {"parse": []}


async def test_ask_follow_up_uses_context(bot: QABot, recorder: Recorder) -> None:
    await dispatch(bot, interaction(bot, "ask", {"question": "What did Japan pledge?"}))
    await dispatch(bot, interaction(bot, "ask", {"question": "And Canada?"}))
    assert "$240,000" in recorder.replies()[1]["embeds"][0]["description"]


async def test_abstention_is_plain_with_examples(bot: QABot, recorder: Recorder) -> None:
    await dispatch(bot, interaction(bot, "ask", {"question": "What did France pledge?"}))
    body = recorder.replies()[0]
    assert body["content"].startswith("The article doesn't mention a meeting with France.")
    assert not body.get("embeds")


async def test_command_descriptions_and_length_cap(bot: QABot) -> None:
    ask = bot.tree.get_command("ask")
    assert isinstance(ask, discord.app_commands.Command)
    schema = ask.to_dict(bot.tree)
    assert schema["description"]
    option = schema["options"][0]
    assert option["name"] == "question" and option["description"]
    assert option["max_length"] == 300 and option["min_length"] == 1
    names = {c.name for c in bot.tree.get_commands()}
    assert names == {"ask", "article", "help", "sources", "reload", "Ask qa about this message"}


async def test_help_is_ephemeral_with_examples(bot: QABot, recorder: Recorder) -> None:
    await dispatch(bot, interaction(bot, "help"))
    body = recorder.replies()[0]
    assert body["flags"] & 64  # ephemeral
    assert "/ask " in str(body["embeds"][0])


async def test_sources_shows_full_passages_ephemerally(bot: QABot, recorder: Recorder) -> None:
    await dispatch(bot, interaction(bot, "ask", {"question": "What did Japan pledge?"}))
    await dispatch(bot, interaction(bot, "sources"))
    body = recorder.replies()[1]
    assert body["flags"] & 64
    assert "Prek village in the capital." in body["content"]


async def test_cooldown_message_is_friendly_and_ephemeral(recorder: Recorder) -> None:
    b = await make_bot(cooldown_seconds=30.0)
    await dispatch(b, interaction(b, "ask", {"question": "What did Japan pledge?"}, user_id=7001))
    await dispatch(b, interaction(b, "ask", {"question": "And Canada?"}, user_id=7001))
    body = recorder.replies()[1]
    assert "asking quickly" in body["content"] and body["flags"] & 64


async def test_engine_failure_apologises_then_recovers(
    bot: QABot,
    recorder: Recorder,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    real = Engine.ask

    def broken(self: Engine, *args: object, **kwargs: object) -> object:
        raise RuntimeError("injected failure")

    monkeypatch.setattr(Engine, "ask", broken)
    await dispatch(bot, interaction(bot, "ask", {"question": "What did Japan pledge?"}))
    assert recorder.replies()[0]["content"] == APOLOGY
    assert "injected failure" in caplog.text and "Traceback" in caplog.text
    monkeypatch.setattr(Engine, "ask", real)
    await dispatch(bot, interaction(bot, "ask", {"question": "What did Japan pledge?"}))
    assert "$51.3 million" in recorder.replies()[1]["embeds"][0]["description"]


async def test_slow_answer_is_deferred_then_followed_up(
    recorder: Recorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    b = await make_bot(defer_after_seconds=0.05)
    real = Engine.ask

    def slow(self: Engine, *args: object, **kwargs: object) -> object:
        time.sleep(0.3)
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Engine, "ask", slow)
    await dispatch(b, interaction(b, "ask", {"question": "What did Japan pledge?"}))
    assert recorder.kinds() == [5]
    followups = [c for c in recorder.calls if c.path.startswith("/webhooks/")]
    assert followups and "$51.3 million" in followups[0].payload["embeds"][0]["description"]
    assert followups[0].payload["allowed_mentions"] == {"parse": []}


async def test_reload_refused_to_server_admins(bot: QABot, recorder: Recorder) -> None:
    await dispatch(bot, interaction(bot, "reload", permissions=MANAGE_GUILD))
    body = recorder.replies()[0]
    assert "Only the bot's operator" in body["content"] and body["flags"] & 64


async def test_reload_with_broken_data_keeps_old_data(recorder: Recorder, data_copy: Path) -> None:
    b = await make_bot(data=data_copy, operators=frozenset({OPERATOR}))
    old = b.engine
    meetings = data_copy / "articles" / "ppp-asean-2022.yaml"
    meetings.write_text(meetings.read_text().replace("amount: 51300000", "amount: lots"))
    await dispatch(b, interaction(b, "reload", user_id=OPERATOR))
    assert recorder.kinds() == [5]
    text = recorder.replies()[0]["content"]
    assert "Reload failed; still answering from the previous data." in text
    assert "articles/ppp-asean-2022.yaml:" in text and "'amount' must be a number" in text
    assert str(data_copy) not in text  # no server file paths
    assert b.engine is old
    await dispatch(b, interaction(b, "ask", {"question": "What did Japan pledge?"}, user_id=9))
    assert "$51.3 million" in recorder.replies()[1]["embeds"][0]["description"]


async def test_reload_with_good_data_swaps_engine(recorder: Recorder, data_copy: Path) -> None:
    b = await make_bot(data=data_copy, operators=frozenset({OPERATOR}))
    old = b.engine
    meetings = data_copy / "articles" / "ppp-asean-2022.yaml"
    meetings.write_text(meetings.read_text().replace("amount: 240000", "amount: 250000"))
    await dispatch(b, interaction(b, "reload", user_id=OPERATOR))
    assert "Reloaded: 1 articles, 9 meetings." in recorder.replies()[0]["content"]
    assert b.engine is not old
    await dispatch(b, interaction(b, "ask", {"question": "What did Canada pledge?"}))
    assert "$250,000" in recorder.replies()[1]["embeds"][0]["description"]


async def test_200_concurrent_asks_all_answered(bot: QABot, recorder: Recorder) -> None:
    payloads = [
        interaction(bot, "ask", {"question": "What did Japan pledge?"}, user_id=10_000 + i)
        for i in range(200)
    ]
    for p in payloads:
        bot._connection.parse_interaction_create(p)  # type: ignore[arg-type]
    from .harness import settle

    await settle()
    replies = recorder.replies()
    assert len(replies) == 200
    assert all("$51.3 million" in r["embeds"][0]["description"] for r in replies)
    assert len({c.token for c in recorder.calls}) == 200


async def test_dm_slash_command(bot: QABot, recorder: Recorder) -> None:
    await dispatch(
        bot, interaction(bot, "ask", {"question": "What did Canada pledge?"}, guild=False)
    )
    assert "$240,000" in recorder.replies()[0]["embeds"][0]["description"]


async def test_channel_outside_allow_list_is_refused(recorder: Recorder) -> None:
    b = await make_bot(allowed_channels=frozenset({1}))
    await dispatch(b, interaction(b, "ask", {"question": "What did Japan pledge?"}))
    body = recorder.replies()[0]
    assert "don't answer in this channel" in body["content"] and body["flags"] & 64
    await asyncio.sleep(0)
