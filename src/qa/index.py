"""Rank paragraphs for a question with BM25 (rank-bm25's BM25Okapi) and pick sentences."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rank_bm25 import BM25Okapi

from qa.corpus import Paragraph
from qa.text import terms

_SENTENCE = re.compile(r"(?<=[.!?])[\"\u201d]?\s+(?=[\"\u201c]?[A-Z0-9])")


@dataclass(frozen=True, slots=True)
class Hit:
    """A paragraph with its BM25 score and the query terms it contains."""

    paragraph: Paragraph
    score: float
    matched: frozenset[str]


class Index:
    """BM25Okapi over paragraph texts (with their headings), k1=1.5, b=0.75."""

    def __init__(self, paragraphs: Sequence[Paragraph]) -> None:
        self.paragraphs = tuple(paragraphs)
        self.docs = [frozenset(terms(f"{p.heading} {p.text}")) for p in self.paragraphs]
        self.bm25 = BM25Okapi([terms(f"{p.heading} {p.text}") for p in self.paragraphs])

    def idf(self, term: str) -> float:
        """Return the term's IDF as rank-bm25 computes it (0 for unseen terms)."""
        return float(self.bm25.idf.get(term, 0.0))

    def search(
        self, query: Sequence[str], k: int = 5, within: frozenset[tuple[str, int]] | None = None
    ) -> list[Hit]:
        """Return the k best paragraphs for query terms, optionally only among `within`."""
        if not query or not self.paragraphs:
            return []
        scores = self.bm25.get_scores(list(query))
        order = sorted(range(len(self.paragraphs)), key=lambda i: (-scores[i], i))
        hits = []
        for i in order:
            p = self.paragraphs[i]
            if within is not None and (p.article, p.number) not in within:
                continue
            hits.append(Hit(p, float(scores[i]), frozenset(query) & self.docs[i]))
            if len(hits) == k:
                break
        return hits


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences at terminal punctuation."""
    return [s.strip() for s in _SENTENCE.split(text) if s.strip()]


def best_sentences(text: str, query: Sequence[str], weight: dict[str, float]) -> str:
    """Return the sentence (or adjoining pair) of text that covers the query terms best."""
    parts = sentences(text)
    if len(parts) <= 1:
        return text
    wanted = set(query)

    def cover(sentence: str) -> float:
        return sum(weight.get(t, 0.0) for t in wanted & set(terms(sentence)))

    scores = [cover(s) for s in parts]
    best = max(range(len(parts)), key=lambda i: (scores[i], -i))
    return parts[best]
