"""Decide which meetings and facts a parsed question is about."""

from __future__ import annotations

from dataclasses import dataclass

from qa.data.facts import MONEY_KINDS
from qa.data.records import Dataset, Meeting, Money, Quote, Record
from qa.understand.cues import FOCUS_CUES
from qa.understand.parse import Question
from qa.understand.text import stem, words


@dataclass(frozen=True, slots=True)
class Scope:
    """The meetings a question names (all when it names none) and what it names in vain."""

    meetings: tuple[Meeting, ...]
    named: bool
    missing: tuple[str, ...]
    holders: tuple[str, ...]


def resolve(
    data: Dataset, q: Question, articles: tuple[str, ...] = (), excluded: tuple[str, ...] = ()
) -> Scope:
    """Select meetings by the countries and leaders a question names, within some articles.

    `excluded` names countries or leaders to leave out ("other than Japan").
    """
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
    topic_names = {t.casefold() for t in q.topics}
    for name in q.countries:
        if name in home:
            holders.append(name)
            continue
        found = [m for m in pool if m.country == name]
        if not found and name.casefold() not in topic_names and name not in q.ambiguous:
            missing.append(name)
        chosen.update(((m.article, m.id), m) for m in found)
    for name in q.leaders:
        chosen.update(((m.article, m.id), m) for m in pool if m.leader.name == name)
    if not chosen and not missing and q.titles and q.focus == "quote":
        # "What did the Chinese premier say?": the title names whose words are asked for.
        chosen.update(((m.article, m.id), m) for m in pool if m.leader.title in q.titles)
    named = bool(chosen)
    meetings = tuple(chosen.values()) if named else pool
    return Scope(meetings, named, tuple(missing), tuple(holders))


def on_topic(record: Record, topics: tuple[str, ...]) -> bool:
    """Tell whether a record touches any of the topics (all records match no topics)."""
    return not topics or bool(set(record.topics) & set(topics))


def on_date(m: Meeting, q: Question) -> bool:
    """Tell whether the meeting, or any of its facts, falls on a date the question names."""
    return any(d.matches(m.date) or any(d.matches(f.date) for f in m.facts()) for d in q.dates)


def filtered(scope: Scope, q: Question) -> list[Meeting]:
    """Apply the question's topic, date, title and focus filters to the scoped meetings."""
    found = []
    for m in scope.meetings:
        if q.topics and not set(q.topics) & m.topics():
            continue
        if q.dates and not any(d.matches(m.date) for d in q.dates):
            continue
        if q.titles and m.leader.title not in q.titles:
            continue
        if q.amounts and not any(
            x.amount is not None and abs(x.amount - a) < 0.5 for x in m.money for a in q.amounts
        ):
            continue
        if q.focus and q.focus in FOCUS_FIELDS and not getattr(m, FOCUS_FIELDS[q.focus]):
            continue
        if q.focus == "quote" and not any(verb_fits(x, q) for x in m.quotes):
            continue
        if q.focus == "money" and not any(kind_fits(x, q) for x in m.money):
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


def kind_fits(money: Money, q: Question) -> bool:
    """Tell whether money is of the kind the question names ("a loan"), any when it names none."""
    said = set(q.terms) | {a for _, alts in q.alternatives for a in alts}
    asked = {k for k in NAMED_KINDS if stem(k) in said}
    return not asked or money.kind in asked


def asked_verbs(q: Question) -> frozenset[str]:
    """Return the manner-of-speech verbs a question asks about ("tweet")."""
    alternatives = {a for _, alts in q.alternatives for a in alts}
    return frozenset((set(q.terms) | alternatives) & _MANNER)


def verb_fits(quote: Quote, q: Question) -> bool:
    """Tell whether a quote was given the way the question asks (any way, when it names none)."""
    asked = asked_verbs(q)
    return not asked or bool(asked & {stem(w) for w in words(quote.verb)})


FOCUS_FIELDS = {
    "money": "money",
    "agreement": "agreements",
    "request": "requests",
    "position": "positions",
    "quote": "quotes",
    "event": "events",
}
