"""Value types of a drafted dataset: facts, meetings, vocabulary suggestions, the draft."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Person:
    """A person named in the text with a title of office, and where first met."""

    name: str
    title: str
    country: str
    paragraph: int
    known_title: bool = True


@dataclass(frozen=True, slots=True)
class Fact:
    """One drafted fact: its list in the schema, its fields and what a reviewer should check."""

    kind: str  # money | agreements | requests | positions | quotes | events
    fields: dict[str, Any]
    paragraphs: tuple[int, ...]
    note: str = ""


@dataclass(frozen=True, slots=True)
class Meeting:
    """One drafted meeting with its counterpart, leader and facts."""

    id: str
    country: str
    leader: Person
    aliases: tuple[str, ...]
    paragraphs: tuple[int, ...]
    section: str
    date: str
    topics: dict[str, tuple[int, ...]]
    facts: tuple[Fact, ...]


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A vocabulary entry the draft needs: the file, the name and its aliases."""

    vocabulary: str  # countries | titles | currencies
    name: str
    aliases: tuple[str, ...] = ()
    why: str = ""


@dataclass(frozen=True, slots=True)
class Draft:
    """A drafted article dataset, its vocabulary suggestions and review notes."""

    article: str
    title: str
    publisher: str
    date: str
    url: str
    principal: Person
    principal_aliases: tuple[str, ...]
    meetings: tuple[Meeting, ...]
    suggestions: tuple[Suggestion, ...] = ()
    notes: tuple[str, ...] = field(default=())
