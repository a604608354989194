"""SIGTERM and Ctrl-C close the connection cleanly instead of killing the bot mid-reply."""

from __future__ import annotations

import asyncio
import os
import signal

import pytest

import bot.__main__ as entry
from bot.client import QABot
from qa import Engine

from .harness import DATA, settings


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
async def test_signal_closes_the_bot(sig: signal.Signals, monkeypatch: pytest.MonkeyPatch) -> None:
    closed = asyncio.Event()
    started = asyncio.Event()

    async def start(self: QABot, token: str, *, reconnect: bool = True) -> None:
        started.set()
        await closed.wait()  # like the real gateway loop, returns once closed

    async def close(self: QABot) -> None:
        closed.set()

    monkeypatch.setattr(QABot, "start", start)
    monkeypatch.setattr(QABot, "close", close)
    runner = asyncio.ensure_future(entry.run(settings(), Engine.from_folder(DATA)))
    await asyncio.wait_for(started.wait(), 5)
    os.kill(os.getpid(), sig)
    await asyncio.wait_for(runner, 5)
    assert closed.is_set()
    loop = asyncio.get_running_loop()
    for s in (signal.SIGTERM, signal.SIGINT):
        loop.remove_signal_handler(s)
