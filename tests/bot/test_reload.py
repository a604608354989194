"""/reload belongs to the operator: owner, team or listed ids; one at a time; no stale context."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Any

import pytest

from bot.client import QABot
from bot.reload import ReloadCog
from qa import Engine

from .harness import Recorder, dispatch, interaction, make_bot

OPERATOR = 4242


def reload_cog(bot: QABot) -> ReloadCog:
    cog = bot.get_cog("ReloadCog")
    assert isinstance(cog, ReloadCog)
    return cog


async def test_application_owner_may_reload(recorder: Recorder) -> None:
    b = await make_bot()
    b.owner_id = 777  # what the application info names; read once and cached
    await dispatch(b, interaction(b, "reload", user_id=777))
    assert recorder.replies()[-1]["content"].startswith("Reloaded:")


async def test_team_member_may_reload(recorder: Recorder) -> None:
    b = await make_bot()
    b.owner_ids = {778, 779}
    await dispatch(b, interaction(b, "reload", user_id=779))
    assert recorder.replies()[-1]["content"].startswith("Reloaded:")
    await dispatch(b, interaction(b, "reload", user_id=780, permissions=8))  # an administrator
    assert "Only the bot's operator" in recorder.replies()[-1]["content"]


async def test_reload_cooldown_rounds_up(recorder: Recorder) -> None:
    b = await make_bot(operators=frozenset({OPERATOR}))
    now = [0.0]
    reload_cog(b).cooldown.clock = lambda: now[0]
    await dispatch(b, interaction(b, "reload", user_id=OPERATOR))
    now[0] += 29.5
    await dispatch(b, interaction(b, "reload", user_id=OPERATOR))
    body = recorder.replies()[-1]
    assert body["content"].endswith("try again in 1 s.") and body["flags"] & 64
    now[0] += 1
    await dispatch(b, interaction(b, "reload", user_id=OPERATOR))
    assert recorder.replies()[-1]["content"].startswith("Reloaded:")


class Gate:
    """Hold a worker thread inside a call until the test opens the gate."""

    def __init__(self) -> None:
        self.entered = threading.Event()
        self.open = threading.Event()

    def hold(self) -> None:
        self.entered.set()
        if not self.open.wait(10):
            raise TimeoutError("gate never opened")

    async def wait_entered(self) -> None:
        if not await asyncio.to_thread(self.entered.wait, 10):
            raise TimeoutError("nothing reached the gate")


async def test_one_reload_at_a_time(recorder: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    b = await make_bot(operators=frozenset({OPERATOR}))
    gate, real = Gate(), Engine.from_folder

    def slow(folder: Path) -> Engine:
        gate.hold()
        return real(folder)

    monkeypatch.setattr(Engine, "from_folder", staticmethod(slow))
    first = asyncio.ensure_future(dispatch(b, interaction(b, "reload", user_id=OPERATOR)))
    await gate.wait_entered()
    await dispatch(b, interaction(b, "reload", user_id=OPERATOR))
    assert recorder.replies()[-1]["content"] == "A reload is already running."
    gate.open.set()
    await first
    assert recorder.replies()[-1]["content"].startswith("Reloaded:")


async def test_failed_reload_names_no_server_path_and_allows_a_retry(
    recorder: Recorder, monkeypatch: pytest.MonkeyPatch, data_copy: Path
) -> None:
    b = await make_bot(data=data_copy, operators=frozenset({OPERATOR}))
    real = Engine.from_folder

    def unreadable(folder: Path) -> Engine:
        raise PermissionError(13, "Permission denied", str(folder / "articles" / "x.txt"))

    monkeypatch.setattr(Engine, "from_folder", staticmethod(unreadable))
    await dispatch(b, interaction(b, "reload", user_id=OPERATOR))
    text = recorder.replies()[-1]["content"]
    assert "still answering from the previous data" in text and str(data_copy) not in text
    monkeypatch.setattr(Engine, "from_folder", real)
    await dispatch(b, interaction(b, "reload", user_id=OPERATOR))
    assert recorder.replies()[-1]["content"].startswith("Reloaded:")


async def test_no_conversation_survives_a_reload(
    recorder: Recorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    b = await make_bot(operators=frozenset({OPERATOR}), defer_after_seconds=60.0)
    gate, real = Gate(), Engine.ask
    holding = threading.Event()

    def slow(self: Engine, *args: Any, **kwargs: Any) -> Any:
        if holding.is_set():
            holding.clear()
            gate.hold()  # this question is still being answered during the reload
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Engine, "ask", slow)
    await dispatch(b, interaction(b, "ask", {"question": "What did Canada pledge?"}, user_id=1))
    holding.set()
    in_flight = asyncio.ensure_future(
        dispatch(b, interaction(b, "ask", {"question": "What did Japan pledge?"}, user_id=2))
    )
    await gate.wait_entered()
    await dispatch(b, interaction(b, "reload", user_id=OPERATOR))
    assert recorder.replies()[-1]["content"].startswith("Reloaded:")
    gate.open.set()
    await in_flight
    assert "$51.3 million" in recorder.replies()[-1]["embeds"][0]["description"]
    assert len(b.sessions) == 0
    for user in (1, 2):
        await dispatch(b, interaction(b, "ask", {"question": "When was that?"}, user_id=user))
        assert recorder.replies()[-1]["content"].startswith("The article doesn't say")
