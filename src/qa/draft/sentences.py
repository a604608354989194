"""Split a paragraph into sentences, keeping quotations whole."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Abbreviations whose full stop does not end a sentence in news copy.
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen col lt capt sen rep gov st jr sr no vs etc inc ltd co corp "
    "jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e".split()
)
_END = re.compile(r"[.!?][\"”’']?(?=\s+[\"“‘'(]?[A-Z0-9À-Þ])")
_OPEN, _CLOSE = "“", "”"


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a paragraph and its character span there."""

    text: str
    start: int
    end: int


def split_sentences(text: str) -> list[Sentence]:
    """Return the sentences of a paragraph; a full stop inside a quotation does not split."""
    found: list[Sentence] = []
    start = 0
    for m in _END.finditer(text):
        head = text[start : m.end()]
        word = re.search(r"([\w.]+)[.!?]$", text[: m.start() + 1])
        if word and word.group(1).casefold().rstrip(".") in _ABBREVIATIONS:
            continue
        if word and len(word.group(1)) == 1 and word.group(1).isupper():
            continue  # an initial: "John F. Kennedy"
        if head.count(_OPEN) > head.count(_CLOSE) or head.count('"') % 2:
            continue
        found.append(_sentence(text, start, m.end()))
        start = m.end()
    if text[start:].strip():
        found.append(_sentence(text, start, len(text)))
    return found


def _sentence(text: str, start: int, end: int) -> Sentence:
    raw = text[start:end]
    lead = len(raw) - len(raw.lstrip())
    return Sentence(raw.strip(), start + lead, start + lead + len(raw.strip()))
