"""Every reply fits Discord's limits, however long the answer."""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace

import discord
import pytest

from bot import format as fmt
from bot.client import SOURCE_MESSAGES
from qa import Answer, Context, Engine, Source
from qa.evaluation import load_cases

from ..conftest import CASES
from .harness import Recorder, dispatch, interaction, make_bot
from .payloads import component, custom_ids

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
    assert all(len(page) <= fmt.MESSAGE for page in fmt.sources_pages(longest[1]))


def test_huge_answer_is_cut_at_a_sentence(engine: Engine) -> None:
    p = engine.data.articles[0].paragraphs[0]
    source = Source(p.article, p.number, p.heading, "Long quote sentence. " * 400)
    answer = Answer("This is one sentence. " * 600, True, "fact", (source,) * 30)
    embed = fmt.answer_embed(engine, "why? " * 200, answer)
    check_embed(embed)
    assert (embed.description or "").endswith("sentence." + fmt.ELLIPSIS)
    pages = fmt.sources_pages(answer)
    assert len(pages) == 30 and all(len(page) <= fmt.MESSAGE for page in pages)


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


def many_articles(engine: Engine, n: int) -> tuple[object, tuple[Source, ...]]:
    """Return data with n more articles (long titles) and sources citing all of them."""
    base = engine.data.articles[0]
    extra = tuple(
        dataclasses.replace(base, id=f"copy-{i:02d}", title="A very long headline " * 12)
        for i in range(n)
    )
    data = dataclasses.replace(engine.data, articles=(base, *extra))
    p = base.paragraphs[0]
    sources = tuple(
        Source(a.id, k, f"Section {k} " * 10, p.text) for a in extra for k in (1, 2, 4, 5, 6)
    )
    return data, sources


def stub_engine(data: object, answer: Answer) -> SimpleNamespace:
    return SimpleNamespace(data=data, ask=lambda question, context=None: (answer, Context()))


async def test_answer_citing_many_articles_fits_with_the_rest_behind_sources(
    engine: Engine, recorder: Recorder
) -> None:
    b = await make_bot(engine)
    data, sources = many_articles(engine, 30)
    b.engine = stub_engine(data, Answer("Pledges were made. " * 150, True, "fact", sources))
    await dispatch(b, interaction(b, "ask", {"question": "Who pledged what? " * 15}))
    body = recorder.replies()[0]
    embed = discord.Embed.from_dict(body["embeds"][0])
    check_embed(embed)
    names = [f.name for f in embed.fields]
    assert names.count("Source") == fmt.SOURCE_FIELDS and "More sources" in names
    ids = custom_ids(body)
    assert all(len(i) <= 100 for i in ids)
    (sources,) = [i for i in ids if i.startswith("qa:s:")]
    await dispatch(b, component(b, sources))
    pages = recorder.replies()[1:]
    assert len(pages) == SOURCE_MESSAGES and all(p["flags"] & 64 for p in pages)
    assert all(len(p["content"]) <= fmt.MESSAGE for p in pages)
    assert "Section 1" in pages[0]["content"] and "more messages" in pages[-1]["content"]


async def test_question_and_data_are_escaped(engine: Engine, recorder: Recorder) -> None:
    b = await make_bot(engine)
    p = engine.data.articles[0].paragraphs[0]
    fenced = "Click [here](https://evil.example) or run ```rm -rf /``` now."
    source = Source(p.article, p.number, "[Heading](https://evil.example)", fenced)
    b.engine = stub_engine(engine.data, Answer(fenced, True, "fact", (source,)))
    question = "**Bold** [x](https://evil.example) <@123> <@&456> @everyone pledges?"
    await dispatch(b, interaction(b, "ask", {"question": question}))
    embed = recorder.replies()[0]["embeds"][0]
    title = embed["title"]
    assert "\\*\\*Bold\\*\\*" in title and "\\[x](" in title
    assert "<@123>" not in title and "@user" in title and "@role" in title
    assert "@\u200beveryone" in title
    quote = next(f["value"] for f in embed["fields"] if f["name"] == "Quote")
    for text in (embed["description"], quote):
        assert "\\[here](" in text and "\\`\\`\\`" in text
        assert "[here](" not in text.replace("\\[here](", "")


def test_escape_keeps_plain_text_readable() -> None:
    assert fmt.escape("Japan gave $51.3 million on November 12, 2022.") == (
        "Japan gave $51.3 million on November 12, 2022."
    )
