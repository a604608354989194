"""Rank paragraphs for a question with BM25Okapi over token ids, and pick sentences."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import groupby
from typing import TYPE_CHECKING

import numpy as np

from qa.data.corpus import Paragraph, ParagraphTable
from qa.search import bm25
from qa.search.tokens import encode, encode_pieces, paragraph_terms
from qa.understand.text import terms

__all__ = ["Hit", "Index", "best_sentences", "encode", "paragraph_terms", "sentences"]

# Cited paragraphs whose terms are kept; past this many the cache starts afresh.
TERMS_CACHE = 65_536

if TYPE_CHECKING:
    from numpy.typing import NDArray

    # Every paragraph's token ids in one run, and where each paragraph starts (docs + 1).
    Tokens = tuple[NDArray[np.int32], NDArray[np.int64]]

_SENTENCE = re.compile(r"(?<=[.!?])[\"\u201d]?\s+(?=[\"\u201c]?[A-Z0-9])")


@dataclass(frozen=True, slots=True)
class Hit:
    """A paragraph with its BM25 score and the query terms it contains."""

    paragraph: Paragraph
    score: float
    matched: frozenset[str]


class Index:
    """BM25Okapi (k1=1.5, b=0.75) over paragraphs, ranking exactly as rank-bm25 does."""

    def __init__(
        self,
        paragraphs: Sequence[Paragraph],
        vocab: Mapping[str, int],
        postings: bm25.Postings | None,
        tokens: Tokens | None = None,
    ) -> None:
        # A table of stored articles reads a paragraph's text only when it is used.
        self._table = paragraphs if isinstance(paragraphs, ParagraphTable) else None
        self.paragraphs: Sequence[Paragraph] = self._table or tuple(paragraphs)
        self.vocab = vocab
        # None until a search needs it: built then from `tokens`. Most questions routed
        # to one article are answered from its meetings without searching its passages.
        self._postings = postings
        self._position = (
            {}
            if self._table is not None
            else {(p.article, p.number): i for i, p in enumerate(self.paragraphs)}
        )
        self._terms: dict[int, frozenset[str]] = {}
        # The token ids the postings were built from: an article's own index is built
        # from its slice of them without tokenizing the article again.
        self._tokens = tokens
        self._words: list[str] | None = None

    @property
    def postings(self) -> bm25.Postings:
        """Return the BM25 postings, building them from the token ids on first use."""
        if self._postings is None:
            if self._tokens is None:
                raise ValueError("an index needs postings or the token ids to build them")
            ids, offsets = self._tokens
            # Imported only to build: a stored index is mapped, so `qa ask` never loads it.
            from qa.search import bm25_build

            self._postings = bm25_build.build(ids, offsets, len(self.vocab))
        return self._postings

    @cached_property
    def max_idf(self) -> float:
        """Return the largest IDF of any term."""
        return float(self.postings.idf.max(initial=0.0))

    @classmethod
    def build(cls, paragraphs: Sequence[Paragraph]) -> Index:
        """Tokenize paragraphs (article by article, in parallel if many) and build postings."""
        vocab: dict[str, int] = {}
        articles = [list(run) for _, run in groupby(paragraphs, key=lambda p: p.article)]
        encoded = encode_pieces(articles, vocab)
        ids = np.concatenate([e[0] for e in encoded]) if encoded else np.empty(0, np.int32)
        lengths = [np.diff(e[1]) for e in encoded]
        offsets = np.zeros(len(paragraphs) + 1, dtype=np.int64)
        np.cumsum(np.concatenate(lengths) if lengths else [], out=offsets[1:])
        ids = ids.astype(np.int32)
        from qa.search import bm25_build  # only a build needs it: see postings

        return cls(paragraphs, vocab, bm25_build.build(ids, offsets, len(vocab)), (ids, offsets))

    def article(self, article: str, paragraphs: Sequence[Paragraph]) -> Index:
        """Return an index of one article's paragraphs alone, as `build` would make it.

        The article's token ids are taken from this index and renumbered in order of
        first occurrence, as tokenizing it again would number them: same vocabulary,
        same postings, same scores.
        """
        start = self.locate(article, paragraphs[0].number) if paragraphs else -1
        end = start + len(paragraphs)
        if (
            self._tokens is None
            or start < 0
            or self.locate(article, paragraphs[-1].number) != end - 1
        ):
            return Index.build(paragraphs)
        ids, offsets = self._tokens
        lo, hi = int(offsets[start]), int(offsets[end])
        present, first, inverse = np.unique(ids[lo:hi], return_index=True, return_inverse=True)
        order = np.argsort(first)
        renumber = np.empty(len(order), dtype=np.int32)
        renumber[order] = np.arange(len(order), dtype=np.int32)
        local = renumber[inverse.ravel()]
        words = self._term_list()
        vocab = {words[t]: i for i, t in enumerate(present[order].tolist())}
        starts = np.asarray(offsets[start : end + 1], dtype=np.int64) - lo
        return Index(paragraphs, vocab, None, (local, starts))

    def _term_list(self) -> list[str]:
        """Return the terms by id, listed once."""
        if self._words is None:
            words = [""] * len(self.vocab)
            for term, t in self.vocab.items():
                words[t] = term
            self._words = words
        return self._words

    def terms_of(self, article: str, number: int, heading: str, text: str) -> frozenset[str]:
        """Return a paragraph's index terms, tokenizing each indexed paragraph only once."""
        at = self.locate(article, number)
        p = self.paragraphs[at] if at >= 0 else None
        if p is None or p.text != text or p.heading != heading:
            return frozenset(terms(f"{heading} {text}"))  # not as indexed: not cached
        found = self._terms.get(at)
        if found is None:
            if len(self._terms) >= TERMS_CACHE:
                self._terms.clear()
            found = self._terms[at] = frozenset(paragraph_terms(p))
        return found

    def locate(self, article: str, number: int) -> int:
        """Return the document number of an article's paragraph, or -1 if not indexed."""
        if self._table is not None:
            return self._table.locate(article, number)
        return self._position.get((article, number), -1)

    def knows(self, term: str) -> bool:
        """Tell whether any paragraph contains the term."""
        t = self.vocab.get(term)
        if t is None or self._postings is None:
            return t is not None  # built from its own paragraphs' tokens: each term occurs
        return bool(self._postings.term_ptr[t + 1] > self._postings.term_ptr[t])

    def idf(self, term: str) -> float:
        """Return the term's IDF as rank-bm25 computes it (0 for unseen terms)."""
        t = self.vocab.get(term)
        return 0.0 if t is None else float(self.postings.idf[t])

    def search(
        self, query: Sequence[str], k: int = 5, within: frozenset[tuple[str, int]] | None = None
    ) -> list[Hit]:
        """Return up to k paragraphs scoring above 0, best first, optionally among `within`."""
        among = None
        if within is not None:
            found = (self.locate(*w) for w in within)
            among = np.array(sorted(d for d in found if d >= 0), dtype=np.int64)
        ids = [self.vocab.get(t, -1) for t in query]
        docs, scores = self.postings.top(ids, k, among)
        wanted = frozenset(query)
        hits = []
        for d, s in zip(docs.tolist(), scores.tolist(), strict=True):
            p = self.paragraphs[d]
            hits.append(Hit(p, s, wanted & self.terms_of(p.article, p.number, p.heading, p.text)))
        return hits


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences at terminal punctuation."""
    return [s.strip() for s in _SENTENCE.split(text) if s.strip()]


def best_sentences(text: str, query: Sequence[str], weight: dict[str, float]) -> str:
    """Return the sentence of text that covers the query terms best."""
    parts = sentences(text)
    if len(parts) <= 1:
        return text
    wanted = set(query)

    def cover(sentence: str) -> float:
        return sum(weight.get(t, 0.0) for t in wanted & set(terms(sentence)))

    scores = [cover(s) for s in parts]
    best = max(range(len(parts)), key=lambda i: (scores[i], -i))
    return parts[best]
