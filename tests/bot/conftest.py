"""Fixtures for driving the bot: a recording webhook adapter and a bot under dpytest."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import discord.ext.test as dpytest
import pytest
import pytest_asyncio
from discord.webhook.async_ import async_context

from bot.client import QABot

from .harness import Recorder, make_bot


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    """Capture every interaction HTTP call made in this test."""
    rec = Recorder()
    token = async_context.set(rec)
    yield rec
    async_context.reset(token)


@pytest_asyncio.fixture
async def bot(recorder: Recorder) -> AsyncIterator[QABot]:
    """A bot over the bundled data, configured for dpytest, with no cooldown."""
    b = await make_bot()
    yield b
    await dpytest.empty_queue()
