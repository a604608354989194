"""The token never reaches logs or error output, even at DEBUG."""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator
from pathlib import Path

import discord
import discord.ext.test as dpytest
import pytest
import pytest_asyncio
from discord.webhook.async_ import async_context

import bot.__main__ as entry
from bot.client import QABot
from qa import Engine

from .harness import TOKEN, Recorder, dispatch, interaction, make_bot

ROOT = Path(__file__).resolve().parents[2]


@pytest_asyncio.fixture
async def noisy_bot(caplog: pytest.LogCaptureFixture) -> AsyncIterator[QABot]:
    caplog.set_level(logging.DEBUG)
    b = await make_bot()
    yield b
    await dpytest.empty_queue()


async def test_token_absent_from_debug_logs(
    noisy_bot: QABot, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    rec = Recorder()
    token = async_context.set(rec)
    try:
        await dispatch(
            noisy_bot, interaction(noisy_bot, "ask", {"question": "What did Japan pledge?"})
        )
        monkeypatch.setattr(Engine, "ask", lambda *a, **k: 1 / 0)
        await dispatch(noisy_bot, interaction(noisy_bot, "ask", {"question": "x"}, user_id=77))
        assert noisy_bot.user is not None
        await dpytest.message(f"<@{noisy_bot.user.id}> What did Japan pledge?")
    finally:
        async_context.reset(token)
    assert "ZeroDivisionError" in caplog.text  # the failure was logged with its stack
    assert TOKEN not in caplog.text
    assert TOKEN not in repr(noisy_bot.settings)


@pytest.mark.parametrize(
    "failure",
    [
        discord.LoginFailure("Improper token has been passed."),
        OSError(f"cannot connect (token {TOKEN})"),
        RuntimeError("boom"),
    ],
)
def test_start_failures_are_one_line_without_token(
    failure: Exception,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    monkeypatch.setenv("QA_LOG_LEVEL", "DEBUG")
    monkeypatch.setenv("QA_DATA", str(ROOT / "data"))

    async def start(self: QABot, token: str, *, reconnect: bool = True) -> None:
        logging.getLogger("discord.client").debug("logging in using static token %s", token)
        raise failure

    monkeypatch.setattr(QABot, "start", start)
    assert entry.main(["--env-file", str(tmp_path / "none")]) == 1
    out, err = capsys.readouterr()
    assert TOKEN not in out + err
    assert "Traceback" not in err
    errors = [line for line in err.splitlines() if line.startswith("bot: error:")]
    assert len(errors) == 1
    logging.getLogger().handlers.clear()


def test_env_example_has_no_secrets() -> None:
    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    token_like = re.compile(r"[\w-]{23,28}\.[\w-]{6,7}\.[\w-]{27,}")
    assert not token_like.search(text)
    values = dict(re.findall(r"^([A-Z_]+)=(.*)$", text, re.M))
    assert values["DISCORD_TOKEN"] == ""
    assert all(v in ("", "600", "3", "30", "INFO") for v in values.values())


async def test_token_masked_in_logged_tracebacks(
    recorder: Recorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    from bot.logs import configure_logging

    stream = io.StringIO()
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    configure_logging("INFO", TOKEN, logging.StreamHandler(stream))
    try:
        b = await make_bot()

        def leaky(self: Engine, *args: object, **kwargs: object) -> object:
            raise RuntimeError(f"connection string had {TOKEN}")

        monkeypatch.setattr(Engine, "ask", leaky)
        await dispatch(b, interaction(b, "ask", {"question": "What did Japan pledge?"}))
    finally:
        for h in root.handlers[:]:
            if h not in handlers:
                root.removeHandler(h)
        root.setLevel(level)
    text = stream.getvalue()
    assert "Traceback" in text and "RuntimeError: connection string had [token]" in text
    assert TOKEN not in text
