"""Decide which meetings and facts a parsed question is about."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from qa.data.corpus import Paragraph
from qa.data.records import MONEY_KINDS, Dataset, Meeting, Money, Quote, Record
from qa.understand.cues import FOCUS_CUES
from qa.understand.plan import Plan
from qa.understand.text import stem, words


@dataclass(frozen=True, slots=True)
class Scope:
    """The meetings a question names (all when it names none) and what it names in vain."""

    meetings: tuple[Meeting, ...]
    named: bool
    missing: tuple[str, ...]
    holders: tuple[str, ...]


def resolve(data: Dataset, plan: Plan) -> Scope:
    """Select meetings by the countries and leaders a plan names, within its articles.

    The plan's `excluded` names countries or leaders to leave out ("other than Japan").
    """
    articles, excluded = plan.scope.articles, plan.excluded.names
    home = {p.country for p in data.principals}
    pool = tuple(
        m
        for m in data.meetings
        if (not articles or m.article in articles)
        and m.country not in excluded
        and m.leader.name not in excluded
    )
    chosen: dict[tuple[str, str], Meeting] = {}
    missing: list[str] = []
    holders: list[str] = []
    topic_names = {t.casefold() for t in plan.scope.topics}
    for name in plan.scope.countries:
        if name in home:
            holders.append(name)
            continue
        found = [m for m in pool if m.country == name]
        if not found and name.casefold() not in topic_names and name not in plan.scope.ambiguous:
            missing.append(name)
        chosen.update(((m.article, m.id), m) for m in found)
    for name in plan.scope.leaders:
        chosen.update(((m.article, m.id), m) for m in pool if m.leader.name == name)
    claim = plan.wanted == "yes/no" and plan.relation in (None, "meeting")
    if not chosen and not missing and plan.scope.titles and (plan.relation == "quote" or claim):
        # "What did the premier say?", "did he meet a sultan?": the title names the leader.
        chosen.update(((m.article, m.id), m) for m in pool if m.leader.title in plan.scope.titles)
    named = bool(chosen)
    meetings = tuple(chosen.values()) if named else pool
    return Scope(meetings, named, tuple(missing), tuple(holders))


def own_paragraphs(data: Dataset, m: Meeting) -> list[Paragraph]:
    """Return a meeting's paragraphs: those of its section and those its records cite."""
    paragraphs = data.article(m.article).paragraphs
    return [p for p in paragraphs if p.heading == m.section or p.number in m.paragraphs]


def on_topic(record: Record, topics: tuple[str, ...]) -> bool:
    """Tell whether a record touches any of the topics (all records match no topics)."""
    return not topics or bool(set(record.topics) & set(topics))


def on_date(m: Meeting, plan: Plan) -> bool:
    """Tell whether the meeting, or any of its facts, falls on a date the question names."""
    return any(
        d.matches(m.date) or any(d.matches(f.date) for f in m.facts()) for d in plan.scope.dates
    )


def said_of_all(data: Dataset, meetings: Sequence[Meeting]) -> set[str]:
    """Return the stems of the meetings' article titles: words said of every meeting there.

    "How many bilateral meetings..." does not narrow a recap of bilateral meetings.
    """
    ids = {m.article for m in meetings}
    return {s for i in ids for s in title_stems(data.article(i).title)}


@lru_cache(maxsize=1024)
def title_stems(title: str) -> frozenset[str]:
    """Return the stems of an article title's words, worked out once per title."""
    return frozenset(stem(w) for w in words(title))


def covers(m: Meeting, plan: Plan) -> bool:
    """Tell whether a meeting covered the question's topics: each one, or any one of them."""
    held = set(plan.scope.topics) & m.topics()
    return held == set(plan.scope.topics) if plan.every_topic else bool(held)


def filtered(scope: Scope, plan: Plan) -> list[Meeting]:
    """Apply the question's topic, date, title and focus filters to the scoped meetings."""
    found = []
    for m in scope.meetings:
        if plan.scope.topics and not covers(m, plan):
            continue
        if plan.scope.dates and not any(d.matches(m.date) for d in plan.scope.dates):
            continue
        if plan.scope.titles and m.leader.title not in plan.scope.titles:
            continue
        if plan.scope.amounts and not any(
            x.amount is not None and abs(x.amount - a) < 0.5
            for x in m.money
            for a in plan.scope.amounts
        ):
            continue
        if (
            plan.relation
            and plan.relation in FOCUS_FIELDS
            and not getattr(m, FOCUS_FIELDS[plan.relation])
        ):
            continue
        if plan.relation == "quote" and not any(verb_fits(x, plan) for x in m.quotes):
            continue
        if plan.relation == "money" and not any(kind_fits(x, plan) for x in m.money):
            continue
        found.append(m)
    return found


# Quote cue words that say how words were given ("tweeted"), not merely that they were.
_MANNER = FOCUS_CUES["quote"] - {
    stem(w)
    for w in """say said quote quoted statement words speak spoke remark comment commented write
    wrote written post posted""".split()
}


# Kinds of money whose word names that kind only; "aid" or "investment" is said of any.
NAMED_KINDS = tuple(k for k in MONEY_KINDS if k in ("grant", "loan"))
# Words for money of any kind.
ANY_MONEY = frozenset(stem(w) for w in "money cash funds funding dollars".split())


def kind_fits(money: Money, plan: Plan) -> bool:
    """Tell whether money is of the kind the question names ("a loan"), any when it names none."""
    said = set(plan.wording.terms) | {a for _, alts in plan.wording.alternatives for a in alts}
    asked = {k for k in NAMED_KINDS if stem(k) in said}
    if asked and "or" in plan.wording.tokens and ANY_MONEY & said:
        return True  # "cash or a loan": any money at all
    return not asked or money.kind in asked


def money_in(plan: Plan, scope: Scope) -> list[tuple[Meeting, Money]]:
    """Return the money records in scope, filtered by topic, kind and amount if named."""
    found = [
        (m, x)
        for m in scope.meetings
        for x in m.money
        if on_topic(x, plan.scope.topics) and kind_fits(x, plan)
    ]
    if plan.scope.amounts:
        found = [
            (m, x)
            for m, x in found
            if x.amount is not None and any(abs(x.amount - a) < 0.5 for a in plan.scope.amounts)
        ]
    return found


def by_currency(found: Sequence[tuple[Meeting, Money]]) -> dict[str, list[tuple[Meeting, Money]]]:
    """Return the money records that state an amount, grouped by currency."""
    grouped: dict[str, list[tuple[Meeting, Money]]] = {}
    for m, x in found:
        if x.amount is not None:
            grouped.setdefault(x.currency, []).append((m, x))
    return grouped


def asked_verbs(plan: Plan) -> frozenset[str]:
    """Return the manner-of-speech verbs a question asks about ("tweet")."""
    alternatives = {a for _, alts in plan.wording.alternatives for a in alts}
    return frozenset((set(plan.wording.terms) | alternatives) & _MANNER)


def verb_fits(quote: Quote, plan: Plan) -> bool:
    """Tell whether a quote was given the way the question asks (any way, when it names none)."""
    asked = asked_verbs(plan)
    return not asked or bool(asked & {stem(w) for w in words(quote.verb)})


FOCUS_FIELDS = {
    "money": "money",
    "agreement": "agreements",
    "request": "requests",
    "position": "positions",
    "quote": "quotes",
    "event": "events",
}
