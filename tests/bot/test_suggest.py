"""Autocomplete, the message context menu and /article, through the interaction dispatch."""

from __future__ import annotations

from typing import Any

from bot.client import QABot
from qa.guide import examples

from .harness import Recorder, dispatch, interaction
from .payloads import autocomplete, context_menu

ARTICLE = "ppp-asean-2022"


def choices(recorder: Recorder) -> list[dict[str, Any]]:
    (call,) = [c for c in recorder.calls if c.payload and c.payload.get("type") == 8]
    return call.payload["data"]["choices"]


async def test_question_autocomplete_suggests_from_the_data(bot: QABot, recorder: Recorder) -> None:
    await dispatch(bot, autocomplete(bot, "ask", {"question": "kishida"}, "question"))
    found = choices(recorder)
    assert 1 < len(found) <= 25
    assert any("Fumio Kishida" in c["name"] for c in found[:3])
    assert all(len(c["name"]) <= 100 and len(c["value"]) <= 100 for c in found)
    assert found[0]["value"] == "kishida"  # what was typed stays one choice away


async def test_empty_question_autocomplete_offers_examples(bot: QABot, recorder: Recorder) -> None:
    await dispatch(bot, autocomplete(bot, "ask", {"question": ""}, "question"))
    names = [c["name"] for c in choices(recorder)]
    assert names[:3] == examples(bot.engine.data, 3) and len(names) <= 25


async def test_article_autocomplete_lists_loaded_articles(bot: QABot, recorder: Recorder) -> None:
    payload = autocomplete(bot, "ask", {"question": "x", "article": "asean"}, "article")
    await dispatch(bot, payload)
    assert [c["value"] for c in choices(recorder)] == [ARTICLE]


async def test_article_command_autocompletes_too(bot: QABot, recorder: Recorder) -> None:
    await dispatch(bot, autocomplete(bot, "article", {"article": "ppp"}, "article"))
    assert [c["value"] for c in choices(recorder)] == [ARTICLE]


async def test_context_menu_asks_the_message_text(bot: QABot, recorder: Recorder) -> None:
    assert not bot.intents.message_content
    await dispatch(bot, context_menu(bot, "So what did Japan pledge to Cambodia?"))
    body = recorder.replies()[-1]
    assert "$51.3 million" in body["embeds"][0]["description"]
    assert body["allowed_mentions"] == {"parse": []}


async def test_context_menu_on_a_message_without_text(bot: QABot, recorder: Recorder) -> None:
    await dispatch(bot, context_menu(bot, ""))
    body = recorder.replies()[-1]
    assert "no text to ask about" in body["content"] and body["flags"] & 64


async def test_context_menu_on_a_long_message_is_clipped(bot: QABot, recorder: Recorder) -> None:
    await dispatch(bot, context_menu(bot, "What did Japan pledge? " + "blah " * 200))
    assert recorder.replies()[-1]  # answered, not refused as too long


async def test_article_lists_and_pins(bot: QABot, recorder: Recorder) -> None:
    await dispatch(bot, interaction(bot, "article"))
    body = recorder.replies()[-1]
    assert ARTICLE in body["content"] and "all of them" in body["content"] and body["flags"] & 64
    await dispatch(bot, interaction(bot, "article", {"article": ARTICLE}))
    assert f"Answering from {ARTICLE} only." in recorder.replies()[-1]["content"]
    await dispatch(bot, interaction(bot, "article"))
    assert "pinned to" in recorder.replies()[-1]["content"]


async def test_ask_with_article_pins_the_conversation(bot: QABot, recorder: Recorder) -> None:
    options = {"question": "What did Japan pledge?", "article": ARTICLE}
    await dispatch(bot, interaction(bot, "ask", options))
    assert "$51.3 million" in recorder.replies()[-1]["embeds"][0]["description"]
    pinned = [s.context.article for s in bot.sessions._by_key.values()]
    assert pinned == [ARTICLE]
    await dispatch(bot, interaction(bot, "ask", {"question": "And Canada?"}))
    assert [s.context.article for s in bot.sessions._by_key.values()] == [ARTICLE]


async def test_unknown_article_is_refused_with_the_known_ones(
    bot: QABot, recorder: Recorder
) -> None:
    options = {"question": "What did Japan pledge?", "article": "nope"}
    await dispatch(bot, interaction(bot, "ask", options))
    body = recorder.replies()[-1]
    assert "no article 'nope'" in body["content"] and ARTICLE in body["content"]
    assert body["flags"] & 64


async def test_help_lists_the_loaded_articles(bot: QABot, recorder: Recorder) -> None:
    await dispatch(bot, interaction(bot, "help"))
    fields = recorder.replies()[-1]["embeds"][0]["fields"]
    articles = next(f for f in fields if f["name"].startswith("Articles"))
    assert ARTICLE.split("-")[0] in articles["value"]
