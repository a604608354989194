"""Split article text into numbered paragraphs, each knowing its section heading."""

from __future__ import annotations

import datetime as dt
import re

# hashlib's own BLAKE2, imported without hashlib: hashlib loads OpenSSL at import.
from _blake2 import blake2b
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import TYPE_CHECKING, TypeVar, overload

if TYPE_CHECKING:
    from qa.data.records import Person

LEAD = "Lead"
T = TypeVar("T")

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
    paragraphs: Sequence[Paragraph]
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

    def credit(self, date: str | None = None) -> str:
        """Return "publisher, date" without the parts an uncurated article lacks."""
        return ", ".join(p for p in (self.publisher, self.date if date is None else date) if p)

    def paragraph(self, number: int) -> Paragraph:
        """Return paragraph `number` (1-based); the caller has validated it exists."""
        return self.paragraphs[number - 1]

    @property
    def headings(self) -> tuple[str, ...]:
        """Return the section headings in reading order, the lead first."""
        return tuple(dict.fromkeys(p.heading for p in self.paragraphs))


class ReadOnDemand(Sequence[T]):
    """A sequence whose items are read on first use; it equals the tuple it reads."""

    __slots__ = ()

    def all(self) -> tuple[T, ...]:
        """Return every item, reading them on first use."""
        raise NotImplementedError

    @overload
    def __getitem__(self, key: int) -> T: ...
    @overload
    def __getitem__(self, key: slice) -> tuple[T, ...]: ...
    def __getitem__(self, key: int | slice) -> T | tuple[T, ...]:
        return self.all()[key]

    def __iter__(self) -> Iterator[T]:
        return iter(self.all())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ReadOnDemand):
            return self.all() == other.all()
        return self.all() == other if isinstance(other, tuple) else NotImplemented

    def __hash__(self) -> int:
        return hash(self.all())


class LazyParagraphs(ReadOnDemand[Paragraph]):
    """An article's paragraphs, read on first use; their count and digest are known before.

    A stored dataset gives each article one, so a load reads no article text: only the
    articles a question reaches are read.
    """

    __slots__ = ("_count", "_found", "_read", "digest")

    def __init__(self, count: int, digest: str, read: Callable[[], tuple[Paragraph, ...]]) -> None:
        self._count, self.digest, self._read = count, digest, read
        self._found: tuple[Paragraph, ...] | None = None

    @property
    def read(self) -> bool:
        """Tell whether the paragraphs have been read yet."""
        return self._found is not None

    def all(self) -> tuple[Paragraph, ...]:
        """Return every paragraph, reading them on first use."""
        if self._found is None:
            self._found = self._read()
        return self._found

    def __len__(self) -> int:
        return self._count

    def __repr__(self) -> str:
        return f"LazyParagraphs({self._count} paragraphs)"

    def __reduce__(self) -> tuple[type[tuple[Paragraph, ...]], tuple[tuple[Paragraph, ...]]]:
        # Sent to a worker process (tokenizing) as the paragraphs themselves.
        return tuple, (self.all(),)


def text_digest(paragraphs: Sequence[Paragraph]) -> str:
    """Return the BLAKE2 digest of what the index tokenizes: each heading and text."""
    if isinstance(paragraphs, LazyParagraphs):
        return paragraphs.digest
    h = blake2b(digest_size=20)
    for p in paragraphs:
        h.update(f"{p.heading}\x1f{p.text}\x1e".encode("utf-8", "surrogatepass"))
    return h.hexdigest()


class ParagraphTable(Sequence[Paragraph]):
    """Every article's paragraphs in one run, as the index numbers its documents.

    Built from the articles' paragraph counts alone; a paragraph is read (with its
    article's others) only when asked for.
    """

    def __init__(self, articles: Sequence[Article]) -> None:
        self.articles = tuple(articles)
        self.starts = list(accumulate((len(a.paragraphs) for a in self.articles), initial=0))
        self.spans = {
            a.id: (start, end)
            for a, start, end in zip(self.articles, self.starts, self.starts[1:], strict=False)
        }

    def locate(self, article: str, number: int) -> int:
        """Return the document number of an article's paragraph, or -1 if it has none such."""
        start, end = self.spans.get(article, (0, 0))
        return start + number - 1 if 1 <= number <= end - start else -1

    def __len__(self) -> int:
        return self.starts[-1]

    @overload
    def __getitem__(self, key: int) -> Paragraph: ...
    @overload
    def __getitem__(self, key: slice) -> tuple[Paragraph, ...]: ...
    def __getitem__(self, key: int | slice) -> Paragraph | tuple[Paragraph, ...]:
        if isinstance(key, slice):
            return tuple(self[i] for i in range(*key.indices(len(self))))
        if key < 0:
            key += len(self)
        if not 0 <= key < len(self):
            raise IndexError(key)
        at = bisect_right(self.starts, key) - 1
        return self.articles[at].paragraphs[key - self.starts[at]]


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
