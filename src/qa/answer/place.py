"""Read the place a claim names ("in Siem Reap") and the place the article gives instead."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from qa.data.records import Dataset
from qa.understand.text import stem

# Words that open a place in a question: "in Phnom Penh", "from Siem Reap", "at Kratie".
PLACE_CUES = frozenset({"in", "from", "at"})
# "in Siem Reap province", "in Phnom Penh": a capitalised name after "in" in article text.
_IN_PLACE = re.compile(r"\bin ((?:[A-Z][\w'-]+ ?)+)")
_CAPITAL = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z][\w'-]*)")


def proper_words(data: Dataset) -> frozenset[str]:
    """Return the words the articles write only capitalised inside sentences (names)."""
    upper: set[str] = set()
    lower: set[str] = set()
    for a in data.articles:
        for p in a.paragraphs:
            upper.update(w.casefold() for w in _CAPITAL.findall(p.text))
            lower.update(re.findall(r"\b[a-z][\w'-]*", p.text))
    return frozenset(upper - lower)


def asked_place(tokens: Iterable[str], proper: Callable[[], frozenset[str]]) -> tuple[str, ...]:
    """Return the stems of the name a question ends with after "in"/"from"/"at", if any.

    `proper` gives the articles' name words; it is called only for a question with a cue.
    """
    said = [t for t in tokens if t]
    at = max((i for i, t in enumerate(said) if t in PLACE_CUES), default=None)
    if at is None:
        return ()
    name = said[at + 1 :]
    if not name or not all(t in proper() for t in name):
        return ()
    return tuple(stem(t) for t in name)


def other_place(texts: Iterable[str], asked: tuple[str, ...]) -> str:
    """Return a place the texts put things in that is not the asked one ("" if none)."""
    for text in texts:
        for found in _IN_PLACE.findall(text):
            name = str(found).strip()
            if tuple(stem(w) for w in name.casefold().split()) != asked:
                return name
    return ""
