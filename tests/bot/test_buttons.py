"""Sources and More buttons, pressed through discord.py's component dispatch."""

from __future__ import annotations

from types import SimpleNamespace

import discord.ext.test as dpytest
import pytest

from bot.client import CHANGED, GONE, QABot
from qa import Answer, Context, Engine

from .harness import Recorder, dispatch, interaction, make_bot, sent_payloads
from .payloads import component, custom_ids

PAGES = ("The second page of the answer.", "The third and last page.")


async def ask(bot: QABot, recorder: Recorder, question: str) -> list[str]:
    await dispatch(bot, interaction(bot, "ask", {"question": question}))
    return custom_ids(recorder.replies()[-1])


async def test_sources_button_shows_the_passages_privately(bot: QABot, recorder: Recorder) -> None:
    ids = await ask(bot, recorder, "What did Japan pledge?")
    (sources,) = [i for i in ids if i.startswith("qa:s:")]
    assert not any(i.startswith("qa:m:") for i in ids)  # nothing was shortened
    await dispatch(bot, component(bot, sources, user_id=6000))
    body = recorder.replies()[-1]
    assert body["flags"] & 64
    assert "Cambodia-Japan, ¶21" in body["content"] and "51.3 million" in body["content"]


async def test_sources_button_survives_a_restart(engine: Engine, recorder: Recorder) -> None:
    first = await make_bot(engine)
    (sources,) = [i for i in await ask(first, recorder, "What did Canada pledge?") if "qa:s:" in i]
    await dpytest.empty_queue()
    restarted = await make_bot(engine)  # a new process: nothing in memory
    await dispatch(restarted, component(restarted, sources))
    assert "240,000" in recorder.replies()[-1]["content"]


async def test_sources_button_after_the_data_changed_says_so(
    bot: QABot, recorder: Recorder
) -> None:
    (sources,) = [i for i in await ask(bot, recorder, "What did Japan pledge?") if "qa:s:" in i]
    digest, rest = sources.removeprefix("qa:s:").split(":", 1)
    await dispatch(bot, component(bot, f"qa:s:{'0' * len(digest)}:{rest}"))
    assert recorder.replies()[-1]["content"] == CHANGED
    await dispatch(bot, component(bot, "qa:s:00000000:no-such-article@1"))
    assert recorder.replies()[-1]["content"] == CHANGED


def shortened(engine: Engine) -> SimpleNamespace:
    p = engine.data.articles[0].paragraphs[20]
    answer, _ = engine.ask("What did Japan pledge?")
    long = Answer("The first page.", True, "fact", answer.sources, more=PAGES)
    return SimpleNamespace(data=engine.data, ask=lambda q, c=None: (long, Context()), p=p)


async def test_more_button_pages_through_the_rest(engine: Engine, recorder: Recorder) -> None:
    b = await make_bot(engine)
    b.engine = shortened(engine)
    ids = await ask(b, recorder, "What did Japan pledge?")
    (more,) = [i for i in ids if i.startswith("qa:m:")]
    await dispatch(b, component(b, more))
    body = recorder.replies()[-1]
    assert body["content"] == PAGES[0] and body["flags"] & 64
    (following,) = custom_ids(body)
    await dispatch(b, component(b, following))
    body = recorder.replies()[-1]
    assert body["content"] == PAGES[1] and not custom_ids(body)


@pytest.mark.parametrize("event", ["restart", "reload"])
async def test_more_button_times_out_gracefully(
    engine: Engine, recorder: Recorder, event: str
) -> None:
    b = await make_bot(engine)
    b.engine = shortened(engine)
    (more,) = [i for i in await ask(b, recorder, "What did Japan pledge?") if "qa:m:" in i]
    if event == "restart":
        await dpytest.empty_queue()
        b = await make_bot(engine)
    else:
        b.sessions.clear()
    await dispatch(b, component(b, more))
    body = recorder.replies()[-1]
    assert body["content"] == GONE and body["flags"] & 64


async def test_mention_replies_carry_the_buttons(bot: QABot) -> None:
    payloads = sent_payloads(bot)
    assert bot.user is not None
    await dpytest.message(f"<@{bot.user.id}> What did Japan pledge?")
    dpytest.get_message()
    assert any(i.startswith("qa:s:") for i in custom_ids(payloads[-1]))


async def test_abstentions_have_no_buttons(bot: QABot, recorder: Recorder) -> None:
    assert await ask(bot, recorder, "What did France pledge?") == []
