"""Split article text into numbered paragraphs, each knowing its section heading."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from qa.data.records import Person

LEAD = "Lead"

# A heading is a short single line with no sentence punctuation, e.g. "Cambodia-Brunei".
_HEADING_MAX_WORDS = 8
_SENTENCE_END = re.compile(r"[.!?:;\"\u201d]$")
_BLANK_LINES = re.compile(r"\n\s*\n")
# Headings are quoted in every source line, so a line that looks like a secret (a
# KEY=VALUE setting, a long token of letters and digits) must never become one.
_SECRET = re.compile(r"=|(?=\S*[\d_])[^\s]{20,}")
# A headline is the text's first line, alone before a blank line, of 3 to 25 words,
# starting with a capital or digit and not ending like a sentence (a full stop, colon,
# semicolon or closing quote); "?" and "!" may end a headline.
_HEADLINE_WORDS = (3, 25)
_NOT_HEADLINE_END = re.compile(r"[.:;,\"\u201d\u2019']$")


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One body paragraph: its article id, 1-based number, section heading and text."""

    article: str
    number: int
    heading: str
    text: str


@dataclass(frozen=True, slots=True)
class Occasion:
    """The event an article reports: its name, other names, place and dates."""

    name: str
    aliases: tuple[str, ...]
    place: str
    start: dt.date | None
    end: dt.date | None


@dataclass(frozen=True, slots=True)
class Article:
    """An article's metadata, headline and numbered body paragraphs.

    An uncurated article (a text without its YAML) has no principal and no meetings; it
    is answered from its passages only.
    """

    id: str
    title: str
    publisher: str
    date: str
    url: str
    path: str
    paragraphs: tuple[Paragraph, ...]
    headline: str = ""
    occasion: Occasion | None = None
    principal: Person | None = None

    @property
    def curated(self) -> bool:
        """Tell whether the article has a curated dataset (a principal and meetings)."""
        return self.principal is not None

    @property
    def label(self) -> str:
        """Return how answers name the article: its event, else its title in quotes."""
        return self.occasion.name if self.occasion else f"\u201c{self.title}\u201d"

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


def is_headline(block: str) -> bool:
    """Tell whether the first block of a text reads as the article's headline."""
    low, high = _HEADLINE_WORDS
    return (
        "\n" not in block
        and low <= len(block.split()) <= high
        and (block[:1].isupper() or block[:1].isdigit())
        and not _NOT_HEADLINE_END.search(block)
        and not _SECRET.search(block)
    )


def split_text(article_id: str, text: str) -> tuple[str, tuple[Paragraph, ...]]:
    """Split an article's text into its headline ("" if none) and numbered paragraphs."""
    blocks = [b.strip() for b in _BLANK_LINES.split(text.replace("\r\n", "\n")) if b.strip()]
    headline = ""
    if len(blocks) > 1 and is_headline(blocks[0]):
        headline = blocks.pop(0)
    return headline, _number(article_id, blocks)


def split_paragraphs(article_id: str, text: str) -> tuple[Paragraph, ...]:
    """Split text on blank lines; number body paragraphs from 1; attach each to its heading."""
    return split_text(article_id, text)[1]


def _number(article_id: str, blocks: list[str]) -> tuple[Paragraph, ...]:
    heading = LEAD
    found: list[Paragraph] = []
    for block in blocks:
        if is_heading(block):
            heading = block
            continue
        flat = " ".join(block.split())
        found.append(Paragraph(article_id, len(found) + 1, heading, flat))
    return tuple(found)
