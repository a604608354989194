"""Property tests: whatever a user types, the parser and engine answer without raising."""

from __future__ import annotations

import time
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot import format as fmt
from qa import MAX_QUESTION_LENGTH, Answer, Engine, QuestionError
from qa.engine import Context

TRICKY = [
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\ufeff",  # zero-width
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2069",  # bidi
    "\u0301",
    "\u0308",
    "\u20dd",  # combining marks
    "\x00",
    "\x07",
    "\x1b",
    "\r",
    "\t",
    "\x7f",  # controls
    "🇰🇭",
    "👍🏽",
    "👨‍👩‍👧",
    "💰",  # emoji, modifiers, joiners
    "**",
    "__",
    "```",
    "||",
    "> ",
    "[x](http://a)",
    "#",  # markdown
    "<@123>",
    "<@!123>",
    "<@&456>",
    "<#789>",
    "@everyone",
    "@here",  # mentions
    "$",
    "51.3 million",
    "November 12",
    "the 12th",
    "2022-11-31",
    "Japan",
    "japn",
    "?",
]
pieces = st.one_of(
    st.text(max_size=40),
    st.sampled_from(TRICKY),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=80),
    st.builds(lambda c, n: c * n, st.sampled_from("a1$.,- ?'\u200b"), st.integers(1, 300)),
)
questions = st.lists(pieces, max_size=12).map("".join).map(lambda s: s[:MAX_QUESTION_LENGTH])
FUZZ = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(answer: Answer) -> None:
    assert isinstance(answer, Answer)
    assert answer.kind in ("fact", "passage", "none")
    assert answer.answered == (answer.kind != "none")
    assert answer.text.strip()


def too_long(text: str) -> bool:
    return len(unicodedata.normalize("NFKC", text)) > MAX_QUESTION_LENGTH


@FUZZ
@given(questions)
def test_engine_answers_anything(engine: Engine, text: str) -> None:
    try:
        answer, context = engine.ask(text)
    except QuestionError:
        assert not text.strip() or too_long(text)
        return
    check(answer)
    follow, _ = engine.ask("And Canada?", context)  # context built from junk still works
    check(follow)


@FUZZ
@given(st.lists(questions, min_size=2, max_size=4))
def test_conversations_of_junk(engine: Engine, texts: list[str]) -> None:
    context = Context()
    for text in texts:
        if text.strip() and not too_long(text):
            answer, context = engine.ask(text, context)
            check(answer)


@FUZZ
@given(questions)
def test_parser_never_raises(engine: Engine, text: str) -> None:
    q = engine.parser.parse(text)
    assert q.intent in (
        "what",
        "amount",
        "total",
        "count",
        "when",
        "who",
        "which",
        "confirm",
        "why",
    )


@settings(max_examples=150, deadline=None)
@given(questions)
def test_replies_fit_discord(engine: Engine, text: str) -> None:
    if not text.strip() or too_long(text):
        return
    answer, _ = engine.ask(text)
    if answer.answered:
        embed = fmt.answer_embed(engine, text, answer)
        assert len(embed) <= fmt.EMBED_TOTAL and len(embed.title or "") <= fmt.TITLE
    else:
        assert len(fmt.abstention(engine, answer)) <= fmt.MESSAGE


@pytest.mark.parametrize("size", [MAX_QUESTION_LENGTH + 1, 10_000, 5_000_000])
def test_too_long_is_refused_quickly(engine: Engine, size: int) -> None:
    started = time.perf_counter()
    with pytest.raises(QuestionError, match=f"{size} characters long; the limit is 300"):
        engine.ask("x" * size)
    assert time.perf_counter() - started < 0.5


def test_empty_and_blank_are_refused(engine: Engine) -> None:
    for text in ("", "   ", "\n\t"):
        with pytest.raises(QuestionError, match="empty"):
            engine.ask(text)


def test_length_is_checked_after_normalising(engine: Engine) -> None:
    text = "\ufdfa" * MAX_QUESTION_LENGTH  # each expands to 18 characters under NFKC
    with pytest.raises(QuestionError, match="5400 characters long; the limit is 300"):
        engine.ask(text)


def test_each_distinct_word_is_corrected_once(engine: Engine) -> None:
    lexicon = engine.parser.lexicon
    calls: list[str] = []
    original = lexicon.correct

    def counting(word: str) -> str:
        calls.append(word)
        return original(word)

    lexicon.correct = counting  # type: ignore[method-assign]
    lexicon.corrected.clear()
    try:
        engine.ask("zqxjw " * 40 + "Japan japan")
        assert sorted(calls) == ["japan", "zqxjw"]
        engine.ask("japan zqxjw?")  # the lexicon remembers what it corrected
    finally:
        del lexicon.correct
    assert sorted(calls) == ["japan", "zqxjw"]
