"""Value types for the curated facts: meetings, money, agreements, requests, quotes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from qa.data.corpus import Article
from qa.errors import Problem

MONEY_KINDS = ("grant", "loan", "aid", "investment")


@dataclass(frozen=True, slots=True)
class Term:
    """A named thing with the names people type for it: a country, topic or title."""

    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Person:
    """A leader: full name, title, and the spellings a question or the article may use."""

    name: str
    title: str
    country: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Fact:
    """Fields every fact shares: the topics it touches, its date and its paragraphs."""

    topics: tuple[str, ...]
    date: dt.date | None
    paragraphs: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Money(Fact):
    """Money given, pledged or lent; amount None means the article gives no figure."""

    verb: str
    kind: str
    amount: float | None
    currency: str
    what: str
    purpose: str
    items: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Agreement(Fact):
    """A document signed, or a relationship upgraded, at the meeting."""

    name: str
    verb: str


@dataclass(frozen=True, slots=True)
class Request(Fact):
    """Something one leader asked the other to do, as an infinitive phrase.

    `by` names the asker when it is the counterpart's leader; empty, the principal asked.
    """

    text: str
    by: str = ""


@dataclass(frozen=True, slots=True)
class Position(Fact):
    """A stance stated at the meeting, as a full sentence, with who holds it."""

    holder: str
    text: str
    # The person the article attributes the statement to ("Yoon was optimistic that..."),
    # or "" when it reports a stance without a speaker.
    speaker: str = ""


@dataclass(frozen=True, slots=True)
class Quote(Fact):
    """Words the article quotes directly, with speaker and verb ("said", "tweeted")."""

    speaker: str
    verb: str
    words: str


@dataclass(frozen=True, slots=True)
class Event(Fact):
    """Something else reported: a visit, an anniversary, a plan, a remark someone made."""

    text: str
    speaker: str = ""


@dataclass(frozen=True, slots=True)
class Discussion(Fact):
    """A topic raised at the meeting without a more specific fact attached."""


Record = Money | Agreement | Request | Position | Quote | Event | Discussion


@dataclass(frozen=True, slots=True)
class Meeting:
    """One bilateral meeting reported by one article, and every fact recorded about it."""

    id: str
    article: str
    country: str
    section: str
    host: Person
    leader: Person
    date: dt.date | None
    paragraphs: tuple[int, ...]
    discussions: tuple[Discussion, ...]
    money: tuple[Money, ...]
    agreements: tuple[Agreement, ...]
    requests: tuple[Request, ...]
    positions: tuple[Position, ...]
    quotes: tuple[Quote, ...]
    events: tuple[Event, ...]

    def facts(self) -> tuple[Record, ...]:
        """Return every fact of the meeting, specific ones first."""
        return (
            *self.money,
            *self.agreements,
            *self.requests,
            *self.positions,
            *self.quotes,
            *self.events,
            *self.discussions,
        )

    def topics(self) -> frozenset[str]:
        """Return every topic any fact of the meeting touches."""
        return frozenset(t for f in self.facts() for t in f.topics)


@dataclass(frozen=True, slots=True)
class Synonym:
    """A word people type and the words or phrases the articles may use for it."""

    word: str
    alternatives: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Dataset:
    """Everything loaded from a data folder: articles, vocabularies and meetings."""

    articles: tuple[Article, ...]
    principals: tuple[Person, ...]
    countries: tuple[Term, ...]
    topics: tuple[Term, ...]
    titles: tuple[Term, ...]
    meetings: Sequence[Meeting]
    synonyms: tuple[Synonym, ...] = ()
    # What `qa check` reports without failing: uncurated articles, title mismatches.
    warnings: tuple[Problem, ...] = ()
    by_id: dict[str, Article] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", {a.id: a for a in self.articles})

    def article(self, article_id: str) -> Article:
        """Return the article with this id; ids come from validated records."""
        return self.by_id[article_id]
