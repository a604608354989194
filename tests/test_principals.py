"""Sweep questions over every counterpart of every fixture article: no answer names the
wrong principal as the one meeting, and a question naming one article answers from it.

The questions are generated from the data (each article's principal, counterparts,
leaders and dates), over dates, counts, lists, totals, yes/no and follow-ups, so a new
meeting in a fixture is swept with no change here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from qa.data.corpus import Article
from qa.data.records import Meeting
from qa.engine import Context, Engine

from .conftest import THREE_ARTICLES, TWO_ARTICLES


@dataclass(frozen=True, slots=True)
class Probe:
    """A conversation about one article (or none) and the principals it may not name."""

    article: str
    turns: tuple[str, ...]
    others: tuple[str, ...]  # other articles' principals who are no counterpart here
    scoped: bool  # the first turn names the article (by its principal)


def _probes(engine: Engine) -> Iterator[Probe]:
    data = engine.data
    by_article: dict[str, list[Meeting]] = {}
    for m in data.meetings:
        by_article.setdefault(m.article, []).append(m)
    for a in data.articles:
        if a.principal is None:
            continue
        meetings = by_article.get(a.id, [])
        leaders = {m.leader.name for m in meetings}
        others = tuple(
            b.principal.name
            for b in data.articles
            if b.principal and b.id != a.id and b.principal.name not in leaders
        )
        # A leader only this article has: asking about him alone must stay here too.
        elsewhere = {m.leader.name for m in data.meetings if m.article != a.id}
        yield from _about(a, meetings, others, elsewhere)


def _about(
    a: Article, meetings: list[Meeting], others: tuple[str, ...], elsewhere: set[str]
) -> Iterator[Probe]:
    assert a.principal is not None
    p = a.principal.name
    for turns in (
        (f"How many leaders did {p} meet?", "Who were they?"),
        (f"Who did {p} meet?",),
        (f"How much money did {p} receive in total?",),
        (f"Which meetings did {p} hold first?",),
        (f"Who did {p} meet last?", "When was that?"),
    ):
        yield Probe(a.id, turns, others, True)
    for m in meetings:
        leader, country = m.leader.name, m.country
        for turns in (
            (f"When did {p} meet {leader}?",),
            (f"Did {p} meet {leader}?", "When?", "What did they discuss?"),
            (f"Did {p} meet the leader of {country}?",),
            (f"What did {country} give {p}?",),
            (f"What did {p} discuss with {country}?", "And did they sign anything?"),
        ):
            yield Probe(a.id, turns, others, True)
        if m.date is not None:
            day = f"{m.date:%B} {m.date.day}"
            yield Probe(a.id, (f"Who did {p} meet on {day}?",), others, True)
        if leader not in elsewhere:
            yield Probe(
                a.id, (f"When did {leader} meet {p}?", "What about the others?"), others, True
            )
            yield Probe(a.id, (f"Who is {leader}?", "What did they talk about?"), others, False)


# Questions about every article at once; no article is the one in question.
ACROSS = (
    ("How many leaders were met across all summits?",),
    ("Give me a rundown of all the meetings", "more"),
    ("Which countries discussed demining?", "Which of them gave money?"),
    ("Which meeting came last?", "Who led that country's delegation?"),
    ("How much money was pledged in total?",),
)


def _sweep(folder: Path) -> list[tuple[Engine, Probe]]:
    engine = Engine.from_folder(folder)
    probes = [(engine, probe) for probe in _probes(engine)]
    return probes + [(engine, Probe("", turns, (), False)) for turns in ACROSS]


def _miscredited(engine: Engine, text: str) -> list[str]:
    """Return the sentences crediting a principal with a leader another article's met."""
    met: dict[str, set[str]] = {}
    for m in engine.data.meetings:
        met.setdefault(m.host.name, set()).add(m.leader.name)
    leaders = set().union(*met.values())
    found = []
    for sentence in re.split(r"(?<=[.!?)])\s+(?=[A-Z])", text):
        for host, own in met.items():
            others = leaders - own - {host}
            if f"{host} met" in sentence and any(n in sentence for n in others):
                found.append(sentence)
    return found


@pytest.mark.parametrize("folder", [TWO_ARTICLES, THREE_ARTICLES], ids=lambda f: f.name)
def test_no_answer_names_the_wrong_principal(folder: Path) -> None:
    probes = _sweep(folder)
    assert len(probes) >= 100
    wrong = []
    for engine, probe in probes:
        context = Context()
        for i, turn in enumerate(probe.turns):
            answer, context = engine.ask(turn, context)
            named = [o for o in probe.others if o in answer.text]
            strays = {s.article for s in answer.sources} - {probe.article}
            if named or (probe.scoped and strays) or _miscredited(engine, answer.text):
                wrong.append(f"{' / '.join(probe.turns[: i + 1])} -> {answer.text[:200]}")
    assert not wrong, "\n".join(wrong)
