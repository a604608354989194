"""Query plans: the parser's operators, the executor's answers, and answers that stay short."""

from __future__ import annotations

import json
from itertools import pairwise

import pytest

from qa.answer.realise import sentence as say
from qa.answer.realise.page import SHORT, sentences, shorten
from qa.answer.result import Answer
from qa.cli import main
from qa.engine import Context, Engine
from qa.understand.plan import Plan, make_plan
from qa.understand.quantity import DateRef

LONGEST = 1000


def plan(engine: Engine, text: str) -> Plan:
    return make_plan(engine.parser.parse(text))


def ask_json(capsys: pytest.CaptureFixture[str], question: str) -> dict[str, object]:
    assert main(["ask", "--json", question]) == 0
    obj: dict[str, object] = json.loads(capsys.readouterr().out)
    return obj


@pytest.mark.parametrize(
    ("text", "wanted", "operators"),
    [
        ("did canada give more than japan?", "yes/no", {"compare", "more"}),
        ("who gave less, Japan or Canada?", "entity", {"compare", "less"}),
        ("which countries did not give money?", "list", {"negate"}),
        ("which countries didn't discuss trade?", "list", {"negate"}),
        ("who did hun sen meet last", "entity", {"last"}),
        ("Which meetings came before November 13?", "list", {"before"}),
        ("who did he meet between the 12th and 14th?", "entity", {"span"}),
        ("Did Japan give over $1 million?", "yes/no", {"threshold"}),
        ("how many meetings had a date?", "count", {"dated"}),
    ],
)
def test_plan_reads_operators(engine: Engine, text: str, wanted: str, operators: set[str]) -> None:
    p = plan(engine, text)
    assert p.wanted == wanted
    assert operators <= p.operators


def test_plan_keeps_excepted_and_anchor_names_out_of_scope(engine: Engine) -> None:
    p = plan(engine, "Which countries other than Japan signed agreements?")
    assert p.excluded.countries == ("Japan",) and "Japan" not in p.scope.countries
    p = plan(engine, "Who did Hun Sen meet after Ardern?")
    assert p.anchor == ("Jacinda Ardern",) and not p.scope.leaders
    p = plan(engine, "Who talked about never forgetting the genocide?")
    assert not p.negated


def test_plan_reads_date_ranges(engine: Engine) -> None:
    assert plan(engine, "meetings on November 13 and 14").scope.dates == (
        DateRef(13, 11),
        DateRef(14, 11),
    )
    assert plan(engine, "between the 12th and 14th").scope.span == (DateRef(12), DateRef(14))


def test_plan_recognises_small_talk_and_article_questions(engine: Engine) -> None:
    assert plan(engine, "hi there").talk == "greet"
    assert plan(engine, "thanks so much").talk == "thank"
    assert plan(engine, "what can you do?").talk == "help"
    assert plan(engine, "who wrote this article?").talk == "article:author"
    assert plan(engine, "What did Japan pledge?").talk is None


def test_plan_places_a_paragraph_only_beside_the_word_paragraph(engine: Engine) -> None:
    assert plan(engine, "what does the first paragraph say?").talk == "article:paragraph"
    assert plan(engine, "show me paragraph 3").talk == "article:paragraph"
    assert plan(engine, "how many paragraphs does the article have?").talk == "article:length"
    # A place or a number elsewhere in the question names no paragraph.
    assert plan(engine, "which paragraph describes the first meeting?").talk is None
    assert plan(engine, "which paragraph mentions 2022?").talk is None
    assert plan(engine, "How long did the meeting with Biden last?").talk is None


def test_plan_carries_an_article_scope(engine: Engine) -> None:
    article = engine.data.articles[0].id
    assert make_plan(engine.parser.parse("hi"), (article,)).scope.articles == (article,)
    answer, _ = engine.ask("What did Japan pledge?", Context(article="no-such-article"))
    assert not answer.answered


def test_false_comparison_is_answered_no(capsys: pytest.CaptureFixture[str]) -> None:
    obj = ask_json(capsys, "did canada give more than japan?")
    assert str(obj["answer"]).startswith("No")
    assert "$240,000" in str(obj["answer"]) and "$51.3 million" in str(obj["answer"])


def test_negated_list_names_the_others(capsys: pytest.CaptureFixture[str]) -> None:
    text = str(ask_json(capsys, "which countries did not give money?")["answer"])
    for name in ("Brunei", "New Zealand", "South Korea", "Australia", "India", "United States"):
        assert name in text
    for name in ("Japan", "Canada", "China"):
        assert name not in text


def test_greeting_is_not_refused(capsys: pytest.CaptureFixture[str]) -> None:
    obj = ask_json(capsys, "hi")
    assert "doesn't say" not in str(obj["answer"]) and obj["answered"] is True


def test_yes_no_needs_evidence_beyond_the_meeting(engine: Engine) -> None:
    answer, _ = engine.ask("Did Biden criticise China?")
    assert not answer.answered and not answer.text.startswith("Yes")
    answer, _ = engine.ask("Is India a permanent member of the Security Council?")
    assert not answer.text.startswith("Yes")


def test_pronoun_follows_the_last_answer(engine: Engine) -> None:
    _, context = engine.ask("Who did Hun Sen meet on November 13?")
    answer, _ = engine.ask("What did they discuss?", context)
    assert "Ardern" in answer.text and "Li Keqiang" not in answer.text


def test_shorten_pages_at_sentences() -> None:
    text = " ".join(f"Sentence number {i} says something rather long." for i in range(40))
    short = shorten(Answer(text, True, "fact"))
    assert len(short.text) <= SHORT and short.text.endswith("ask for more)")
    assert all(len(page) <= SHORT for page in short.more)
    rebuilt = " ".join([short.text.rsplit(" (", 1)[0], *short.more])
    assert rebuilt == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two! Three?  Four", ["One.", "Two!", "Three?", "Four"]),
        (
            "He said: \u201cGo. Now.\u201d Then left.",
            ["He said: \u201cGo. Now.\u201d", "Then left."],
        ),
        (
            'It ended." Next one. \u201cQuoted\u201d',
            ['It ended."', "Next one.", "\u201cQuoted\u201d"],
        ),
        ("Mr. smith came. e.g. Not here.", ["Mr. smith came. e.g.", "Not here."]),
        ('No break.\u201d" After', ['No break.\u201d" After']),
        ("", []),
    ],
)
def test_sentences_break_after_end_punctuation_before_a_capital(
    text: str, expected: list[str]
) -> None:
    assert sentences(text) == expected


def test_more_returns_the_next_page(engine: Engine) -> None:
    first, context = engine.ask("Summarise the meeting with the United States")
    assert first.more
    second, _ = engine.ask("more", context)
    assert second.text == first.more[0]


def questions(engine: Engine) -> list[str]:
    """Return every country, leader and topic of the data in the shapes people ask."""
    data = engine.data
    found = [
        "Summarise all the meetings",
        "What was pledged?",
        "List every agreement",
        "What did the foreign ministry say?",
        "Who did Hun Sen meet?",
        "What did Hun Sen say?",
    ]
    for m, other in pairwise((*data.meetings, data.meetings[0])):
        c, leader = say.country(m.country), m.leader.name
        found += [
            f"Tell me about {c}",
            f"What did Hun Sen and {c} discuss?",
            f"What did {c} give?",
            f"What did {leader} say?",
            f"When did Hun Sen meet {leader}?",
            f"What did Hun Sen ask {c} for?",
            f"What did {c} sign?",
            f"Did {c} give more than {say.country(other.country)}?",
            f"Who represented {c}?",
            f"Which countries other than {c} discussed trade?",
        ]
    for t in data.topics:
        found += [
            f"Which countries discussed {t.name}?",
            f"Who talked about {t.name}?",
            f"What was said about {t.name}?",
            f"Which countries did not discuss {t.name}?",
        ]
    return found


def test_no_answer_from_the_bundled_data_is_long(engine: Engine) -> None:
    asked = questions(engine)
    assert len(asked) > 150
    for text in asked:
        answer, context = engine.ask(text)
        assert len(answer.text) <= LONGEST, text
        assert all(len(page) <= LONGEST for page in answer.more), text
        follow, _ = engine.ask("What did they discuss?", context)
        assert len(follow.text) <= LONGEST, f"{text} / What did they discuss?"


def run(engine: Engine, text: str) -> Answer:
    """Run one question's plan through the executor directly, without a conversation."""
    return engine.executor.run(plan(engine, text))


@pytest.mark.parametrize(
    ("text", "start", "contains"),
    [
        ("Did Japan give more than Canada?", "Yes", "$51.3 million"),
        ("How much more did Japan give than Canada?", "Japan gave $51.06 million more", ""),
        ("Did China give more than Japan?", "The article doesn't say", "no amount"),
        ("Did Canada give at least $200,000?", "Yes", "$240,000"),
        ("Did Canada give Cambodia $1 million?", "No", "$240,000"),
        ("Did Hun Sen meet Ardern before Albanese?", "No", "November 13"),
        ("Did Hun Sen meet Biden before Trudeau?", "The article doesn't say", "no date"),
        ("Does Cambodia's constitution allow foreign military bases?", "No", "not permit"),
        ("Did Biden criticise China?", "The article doesn't say", ""),
    ],
)
def test_executor_checks_claims(engine: Engine, text: str, start: str, contains: str) -> None:
    answer = run(engine, text)
    assert answer.text.startswith(start), answer.text
    assert contains in answer.text


@pytest.mark.parametrize(
    ("text", "answered", "contains"),
    [
        ("How many MoUs did Cambodia and India sign?", False, "doesn't give the number"),
        ("How many UN General Assembly resolutions did Cambodia co-sponsor?", True, "Two"),
        ("How many meetings had a date?", True, "4 of the 9"),
        ("How many prime ministers did Hun Sen meet?", True, "4"),
        ("Which meetings does the article give no date for?", True, "China"),
        ("Who did Hun Sen meet after Ardern?", True, "Hassanal Bolkiah"),
        ("Which two leaders did Hun Sen meet on the same day?", True, "Dhankhar"),
    ],
)
def test_executor_counts_and_orders(
    engine: Engine, text: str, answered: bool, contains: str
) -> None:
    answer = run(engine, text)
    assert answer.answered is answered, answer.text
    assert contains in answer.text, answer.text


def test_reported_speech_names_its_speaker(engine: Engine) -> None:
    said = run(engine, "What did Li Keqiang say?")
    assert "thousand years" in said.text
    assert "Trudeau" in run(engine, "Which leader tweeted?").text
    assert "Biden" not in run(engine, "Which leader tweeted?").text
