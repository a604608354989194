"""What a plan is limited to (its subject) and the question's own words (its wording)."""

from __future__ import annotations

from dataclasses import dataclass

from qa.understand.parse import Question
from qa.understand.quantity import DateRef


@dataclass(frozen=True, slots=True)
class Subject:
    """What a plan is limited to (or, as `Plan.excluded`, leaves out) by name, date or figure."""

    articles: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    leaders: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    dates: tuple[DateRef, ...] = ()
    span: tuple[DateRef, DateRef] | None = None
    amounts: tuple[float, ...] = ()
    principal: bool = False
    # Country names that also name a topic ("Mekong"): no meeting with them is not a gap.
    ambiguous: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Return the countries and leaders named, countries first."""
        return (*self.countries, *self.leaders)

    @property
    def specific(self) -> bool:
        """Tell whether it names any country, leader, topic, title, date or amount."""
        return bool(
            self.countries
            or self.leaders
            or self.topics
            or self.titles
            or self.dates
            or self.amounts
        )


@dataclass(frozen=True, slots=True)
class Wording:
    """The question's own words, which passages are searched, matched and checked by."""

    text: str
    intent: str  # what | amount | total | count | when | who | which | confirm | why
    tokens: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()
    alternatives: tuple[tuple[str, tuple[str, ...]], ...] = ()
    unknown: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    anchors: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    superlative: str | None = None
    summary: bool = False
    about_meetings: bool = False


def wording_of(
    q: Question, extra: tuple[str, ...] | None = None, unknown: tuple[str, ...] | None = None
) -> Wording:
    """Return the words of a parsed question, as passages are searched by.

    `extra` and `unknown` replace the question's own, for a plan that reads some as operators.
    """
    return Wording(
        text=q.text,
        intent=q.intent,
        tokens=q.tokens,
        terms=q.terms,
        extra=q.extra if extra is None else extra,
        alternatives=q.alternatives,
        unknown=q.unknown if unknown is None else unknown,
        names=q.names,
        anchors=q.anchors,
        capitals=q.capitals,
        superlative=q.superlative,
        summary=q.summary,
        about_meetings=q.about_meetings,
    )
