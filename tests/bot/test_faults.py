"""Discord errors while replying, a failing engine: logged, the user told, the bot goes on."""

from __future__ import annotations

from typing import Any

import discord
import discord.ext.test as dpytest
import pytest

from bot import client
from bot.client import APOLOGY, QABot

from .harness import FakeResponse, Recorder, dispatch, interaction


def http_error(status: int, retry_after: float | None = None) -> discord.HTTPException:
    headers = {} if retry_after is None else {"Retry-After": str(retry_after)}
    body = {"message": f"status {status}", "code": 0}
    response = FakeResponse(status, f"status {status}", headers)
    if status == 403:
        return discord.Forbidden(response, {"message": "Missing Permissions", "code": 50013})
    return discord.HTTPException(response, body)


@pytest.fixture(autouse=True)
def no_pauses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(client, "SERVER_ERROR_PAUSE", 0.0)


def ask(bot: QABot, text: str = "What did Japan pledge?", user: int = 5000) -> dict[str, Any]:
    return interaction(bot, "ask", {"question": text}, user_id=user)


async def test_429_is_retried_after_retry_after(
    bot: QABot, recorder: Recorder, caplog: pytest.LogCaptureFixture
) -> None:
    recorder.failures.append(http_error(429, retry_after=0.01))
    await dispatch(bot, ask(bot))
    assert "$51.3 million" in recorder.replies()[-1]["embeds"][0]["description"]
    assert "answered 429; retrying in 0.01 s" in caplog.text


async def test_long_rate_limit_is_not_waited_for(
    bot: QABot, recorder: Recorder, caplog: pytest.LogCaptureFixture
) -> None:
    recorder.failures += [http_error(429, retry_after=600), http_error(429, retry_after=600)]
    await dispatch(bot, ask(bot))
    assert "rate limited for 600.0 s; not waiting" in caplog.text
    await dispatch(bot, ask(bot, user=5001))
    assert "$51.3 million" in recorder.replies()[-1]["embeds"][0]["description"]


async def test_500_twice_then_apology_then_next_answered(
    bot: QABot, recorder: Recorder, caplog: pytest.LogCaptureFixture
) -> None:
    recorder.failures += [http_error(500), http_error(502)]
    await dispatch(bot, ask(bot))
    assert "Discord answered 502" in caplog.text
    assert recorder.replies()[-1]["content"] == APOLOGY  # told, ephemerally
    assert recorder.replies()[-1]["flags"] & 64
    await dispatch(bot, ask(bot, "And Canada?"))
    assert "$240,000" in recorder.replies()[-1]["embeds"][0]["description"]


async def test_403_on_interaction_is_logged(
    bot: QABot, recorder: Recorder, caplog: pytest.LogCaptureFixture
) -> None:
    recorder.failures.append(http_error(403))
    await dispatch(bot, ask(bot))
    assert "missing permissions (403" in caplog.text
    assert recorder.replies()[-1]["content"] == APOLOGY


def failing_sends(bot: QABot, errors: list[Exception]) -> list[str]:
    """Make the next channel sends fail with `errors`; return the contents that got through."""
    original = bot.http.send_message
    delivered: list[str] = []

    async def send_message(channel_id: int, *, params: Any) -> Any:
        if errors:
            raise errors.pop(0)
        delivered.append(str((params.payload or {}).get("content")))
        channel = bot.get_channel(channel_id)  # noqa: F841  (dpytest reads the caller's local)
        return await original(channel_id, params=params)

    bot.http.send_message = send_message  # type: ignore[method-assign]
    return delivered


async def test_403_on_message_reply_is_logged_and_survived(
    bot: QABot, caplog: pytest.LogCaptureFixture
) -> None:
    assert bot.user is not None
    delivered = failing_sends(bot, [http_error(403), http_error(403)])
    await dpytest.message(f"<@{bot.user.id}> What did Japan pledge?")
    assert "reply: missing permissions (403" in caplog.text
    assert "apology: missing permissions (403" in caplog.text
    assert delivered == []
    await dpytest.message(f"<@{bot.user.id}> What did Canada pledge?")
    assert "$240,000" in (dpytest.get_message().embeds[0].description or "")


async def test_500_on_message_reply_is_retried(
    bot: QABot, caplog: pytest.LogCaptureFixture
) -> None:
    assert bot.user is not None
    failing_sends(bot, [http_error(500)])
    await dpytest.message(f"<@{bot.user.id}> What did Japan pledge?")
    assert "$51.3 million" in (dpytest.get_message().embeds[0].description or "")
    assert "reply: Discord answered 500; retrying" in caplog.text
