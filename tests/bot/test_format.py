"""Every reply fits Discord's limits, however long the answer."""

from __future__ import annotations

import discord
import pytest

from bot import format as fmt
from qa import Answer, Engine, Source
from qa.evaluation import load_cases

from ..conftest import CASES

BROAD = [
    "Who did Hun Sen meet?",
    "What did the foreign ministry say?",
    "Tell me about the meeting with the US",
    "What agreements were signed at the meetings?",
    "What requests did Hun Sen make?",
    "Who did Hun Sen meet on November 12?",
    "What did Trudeau say?",
]


def check_embed(embed: discord.Embed) -> None:
    assert len(embed.title or "") <= fmt.TITLE
    assert len(embed.description or "") <= fmt.DESCRIPTION
    assert len(embed.fields) <= fmt.FIELDS
    for f in embed.fields:
        assert len(f.name or "") <= fmt.FIELD_NAME and len(f.value or "") <= fmt.FIELD_VALUE
    assert len(embed.footer.text or "") <= fmt.FOOTER
    assert len(embed) <= fmt.EMBED_TOTAL


def test_longest_answers_fit(engine: Engine) -> None:
    questions = [t.ask for c in load_cases(sorted(CASES.glob("*.yaml"))) for t in c.turns]
    answers = [(q, engine.ask(q)[0]) for q in questions + BROAD]
    longest = max(answers, key=lambda qa: len(qa[1].text) + sum(len(s.text) for s in qa[1].sources))
    assert max(len(a.text) for _, a in answers) > 500  # the data does produce long answers
    for question, answer in answers:
        if answer.answered:
            check_embed(fmt.answer_embed(engine, question, answer))
        else:
            assert len(fmt.abstention(engine, answer)) <= fmt.MESSAGE
    assert len(fmt.sources_text(longest[1])) <= fmt.MESSAGE


def test_huge_answer_is_cut_at_a_sentence(engine: Engine) -> None:
    p = engine.data.articles[0].paragraphs[0]
    source = Source(p.article, p.number, p.heading, "Long quote sentence. " * 400)
    answer = Answer("This is one sentence. " * 600, True, "fact", (source,) * 30)
    embed = fmt.answer_embed(engine, "why? " * 200, answer)
    check_embed(embed)
    assert (embed.description or "").endswith("sentence." + fmt.ELLIPSIS)
    assert len(fmt.sources_text(answer)) <= fmt.MESSAGE


def test_help_fits(engine: Engine) -> None:
    check_embed(fmt.help_embed(engine))


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("Short.", 10, "Short."),
        ("One two. Three four five six.", 20, "One two.\u2026"),
        ("wordswithoutanyspace" * 3, 10, "wordswith\u2026"),
        ("alpha beta gamma delta", 12, "alpha beta\u2026"),
    ],
)
def test_clip(text: str, limit: int, expected: str) -> None:
    assert fmt.clip(text, limit) == expected
    assert len(fmt.clip(text, limit)) <= limit
