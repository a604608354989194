"""Split article text into numbered paragraphs, each knowing its section heading."""

from __future__ import annotations

import re
from dataclasses import dataclass

LEAD = "Lead"

# A heading is a short single line with no sentence punctuation, e.g. "Cambodia-Brunei".
_HEADING_MAX_WORDS = 8
_SENTENCE_END = re.compile(r"[.!?:;\"\u201d]$")
_BLANK_LINES = re.compile(r"\n\s*\n")
# Headings are quoted in every source line, so a line that looks like a secret (a
# KEY=VALUE setting, a long token of letters and digits) must never become one.
_SECRET = re.compile(r"=|(?=\S*[\d_])[^\s]{20,}")


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One body paragraph: its article id, 1-based number, section heading and text."""

    article: str
    number: int
    heading: str
    text: str


@dataclass(frozen=True, slots=True)
class Article:
    """An article's metadata and its numbered body paragraphs."""

    id: str
    title: str
    publisher: str
    date: str
    url: str
    path: str
    paragraphs: tuple[Paragraph, ...]

    def paragraph(self, number: int) -> Paragraph:
        """Return paragraph `number` (1-based); the caller has validated it exists."""
        return self.paragraphs[number - 1]

    @property
    def headings(self) -> tuple[str, ...]:
        """Return the section headings in reading order, the lead first."""
        return tuple(dict.fromkeys(p.heading for p in self.paragraphs))


def is_heading(block: str) -> bool:
    """Tell whether a text block is a section heading rather than a paragraph."""
    if "\n" in block or _SENTENCE_END.search(block) or _SECRET.search(block):
        return False
    return 0 < len(block.split()) <= _HEADING_MAX_WORDS


def split_paragraphs(article_id: str, text: str) -> tuple[Paragraph, ...]:
    """Split text on blank lines; number body paragraphs from 1; attach each to its heading."""
    heading = LEAD
    found: list[Paragraph] = []
    for raw in _BLANK_LINES.split(text.replace("\r\n", "\n")):
        block = raw.strip()
        if not block:
            continue
        if is_heading(block):
            heading = block
            continue
        flat = " ".join(block.split())
        found.append(Paragraph(article_id, len(found) + 1, heading, flat))
    return tuple(found)
