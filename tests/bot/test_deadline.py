"""The 3-second deadline counts from the interaction's creation; errors after a public
"thinking…" replace it instead of posing as private follow-ups."""

from __future__ import annotations

import pytest

from bot.client import APOLOGY, QABot
from qa import Engine

from .harness import Recorder, dispatch, interaction, make_bot


async def test_late_interaction_is_deferred_at_once(recorder: Recorder) -> None:
    # 2.5 s after creation, waiting the full 2 s before deferring would miss the deadline.
    b = await make_bot(defer_after_seconds=2.0)
    await dispatch(b, interaction(b, "ask", {"question": "What did Japan pledge?"}, age=2.5))
    assert recorder.kinds() == [5]
    followups = [c for c in recorder.calls if c.path.startswith("/webhooks/")]
    assert "$51.3 million" in followups[0].payload["embeds"][0]["description"]


async def test_interaction_within_its_window_is_answered_directly(recorder: Recorder) -> None:
    # A generous window keeps this true however slow the machine running the test is.
    b = await make_bot(defer_after_seconds=60.0)
    await dispatch(b, interaction(b, "ask", {"question": "What did Japan pledge?"}, age=30))
    assert recorder.kinds() == [4]


def public_followups(recorder: Recorder) -> list[dict[str, object]]:
    return [
        c.payload
        for c in recorder.calls
        if c.method == "POST" and c.path.startswith("/webhooks/") and c.payload
    ]


async def test_refused_question_after_public_deferral_edits_the_original(
    bot: QABot, recorder: Recorder
) -> None:
    await dispatch(bot, interaction(bot, "ask", {"question": "   "}, age=30))
    assert recorder.kinds() == [5]
    assert public_followups(recorder) == []  # no "ephemeral" follow-up shown to everyone
    edits = [c for c in recorder.calls if c.method == "PATCH"]
    assert edits and edits[-1].path.endswith("/messages/@original")
    assert "question is empty" in edits[-1].payload["content"]


async def test_failure_after_public_deferral_edits_the_original(
    bot: QABot, recorder: Recorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: Engine, *args: object, **kwargs: object) -> object:
        raise RuntimeError("injected failure")

    monkeypatch.setattr(Engine, "ask", broken)
    await dispatch(bot, interaction(bot, "ask", {"question": "What did Japan pledge?"}, age=30))
    assert public_followups(recorder) == []
    edits = [c for c in recorder.calls if c.method == "PATCH"]
    assert edits[-1].payload["content"] == APOLOGY
