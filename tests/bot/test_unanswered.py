"""QA_LOG_UNANSWERED: questions the bot could not answer, logged without user ids."""

from __future__ import annotations

import re
from pathlib import Path

import discord.ext.test as dpytest

from qa.asklog import read_log

from .harness import Recorder, dispatch, interaction, make_bot


async def test_unanswered_questions_are_logged_without_user_ids(
    recorder: Recorder, tmp_path: Path
) -> None:
    log = tmp_path / "unanswered.log"
    b = await make_bot(log_unanswered=log)
    await dispatch(b, interaction(b, "ask", {"question": "What did France pledge?"}, user_id=901))
    await dispatch(b, interaction(b, "ask", {"question": "What did Japan pledge?"}, user_id=902))
    await dispatch(
        b, interaction(b, "ask", {"question": "Who won\tthe\nvote?"}, user_id=903, guild=False)
    )
    assert b.user is not None
    await dpytest.message(f"<@{b.user.id}> Is Laos mentioned?")
    dpytest.get_message()
    entries, bad = read_log(log)
    assert bad == []
    guild = str(dpytest.get_config().guilds[0].id)
    assert [(e.guild, e.question) for e in entries] == [
        (guild, "What did France pledge?"),
        ("dm", "Who won the vote?"),
        (guild, "Is Laos mentioned?"),
    ]
    # Every field of every line is accounted for (a UTC time, the server or "dm", the
    # question), so no user id can be among them. A substring search for the ids would
    # also hit random snowflakes that happen to contain them.
    lines = [line.split("\t") for line in log.read_text().splitlines()]
    assert [(where, question) for _, where, question in lines] == [
        (e.guild, e.question) for e in entries
    ]
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", when) for when, _, _ in lines)


async def test_unwritable_log_does_not_stop_answers(recorder: Recorder, tmp_path: Path) -> None:
    b = await make_bot(log_unanswered=tmp_path / "missing-folder" / "unanswered.log")
    await dispatch(b, interaction(b, "ask", {"question": "What did France pledge?"}))
    assert recorder.replies()[-1]["content"].startswith("The article doesn't mention")
