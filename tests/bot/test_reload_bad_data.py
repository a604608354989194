"""Every broken-data case: /reload reports the located problem and keeps the old data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from discord.webhook.async_ import async_context

from ..test_bad_data import CASES, break_file, where
from .harness import Recorder, dispatch, interaction, make_bot

OPERATOR = 4242


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
async def test_reload_keeps_old_data(case: dict[str, Any], data_copy: Path) -> None:
    rec = Recorder()
    token = async_context.set(rec)
    try:
        bot = await make_bot(data=data_copy, operators=frozenset({OPERATOR}))
        old = bot.engine
        path, line = break_file(data_copy, case)
        await dispatch(bot, interaction(bot, "reload", user_id=OPERATOR))
        text = rec.replies()[-1]["content"]
        assert "Reload failed; still answering from the previous data." in text
        assert f"{where(path.relative_to(data_copy), line)}: " in text
        assert str(data_copy) not in text
        assert bot.engine is old
        await dispatch(bot, interaction(bot, "ask", {"question": "What did Japan pledge?"}))
        assert "$51.3 million" in rec.replies()[-1]["embeds"][0]["description"]
        assert not (data_copy / "PWNED").exists()
    finally:
        async_context.reset(token)
