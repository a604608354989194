"""An inverted BM25Okapi index over integer token ids that scores exactly like rank-bm25.

Scores are bit-for-bit those of `rank_bm25.BM25Okapi(k1=1.5, b=0.75, epsilon=0.25)`:
the same IDF (natural logs taken one term at a time, the negative ones floored at
epsilon times the average IDF summed in vocabulary order, i.e. order of first
occurrence), the same per-document length norm, and the same float64 operations in the
same order. Only the work differs: postings instead of a dense pass per query term, and
an exact MaxScore top-k that scores only the documents that can still reach the top.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from qa.search import small, topk
from qa.search.arrays import map_array

if TYPE_CHECKING:
    from numpy.typing import NDArray

K1, B, EPSILON = 1.5, 0.75, 0.25
ARRAYS = (
    "term_ptr",
    "doc_at",
    "docs",
    "tf",
    "denom",
    "idf",
    "upper",
    "units",
    "unit_ptr",
    "dense_row",
    "dense_tf",
    "impact_row",
    "impact",
    "norm_code",
    "norm_table",
)
# Candidates are searched for in a term's postings unless they outnumber the postings
# this many times over: a search per posting walks the smaller, cached candidate list,
# but it is still slower from a few postings per candidate on (measured at 1M
# documents: 3,000 candidates in 31,000 postings, 0.14 ms against 0.58 ms).
SCATTER_RATIO = 1
# Postings of a term in fewer than this share of the documents are searched among the
# candidates instead: no scratch row of every document to clear.
SPREAD_SHARE = 0.125


@dataclass(frozen=True, slots=True)
class Postings:
    """Term-major postings (doc ids, term frequencies) with per-term IDF and score bounds."""

    term_ptr: NDArray[np.int64]  # term t has term_ptr[t+1] - term_ptr[t] postings
    doc_at: NDArray[np.int64]  # where they start in docs and tf
    docs: NDArray[np.int32]
    tf: NDArray[np.unsignedinteger[Any]]
    denom: NDArray[np.float64]  # k1 * (1 - b + b * len(d) / avgdl), per document
    idf: NDArray[np.float64]  # floored IDF per term id (0 for ids never seen)
    upper: NDArray[np.float64]  # the largest contribution of each term to any document
    units: NDArray[np.uint8]  # a walked term's contributions / impact_scale, rounded up
    unit_ptr: NDArray[np.int64]  # units of term t start at unit_ptr[t]; -1: none stored
    dense_row: NDArray[np.int32]  # row of dense_tf holding the term, or -1
    dense_tf: NDArray[np.unsignedinteger[Any]]  # (frequent terms, documents) frequencies
    impact_row: NDArray[np.int32]  # row of impact holding the term, or -1
    impact: NDArray[np.uint8]  # (common terms, documents) units
    norm_code: NDArray[np.unsignedinteger[Any]]  # per document, where its denom is in:
    norm_table: NDArray[np.float64]  # the distinct denoms (a few bytes a document, not 8)
    avgdl: float
    average_idf: float
    impact_scale: float

    @property
    def size(self) -> int:
        """Return the number of documents."""
        return len(self.denom)

    def span(self, term: int) -> tuple[int, int]:
        """Return where the term's postings start and end in docs and tf."""
        lo = int(self.doc_at[term])
        return lo, lo + int(self.term_ptr[term + 1] - self.term_ptr[term])

    def contribution(self, term: int, lo: int, hi: int) -> NDArray[np.float64]:
        """Return the term's score contribution to postings lo..hi, as rank-bm25 computes it."""
        f = self.tf[lo:hi]
        result: NDArray[np.float64] = self.idf[term] * (
            f * (K1 + 1) / (f + self.denom[self.docs[lo:hi]])
        )
        return result

    def scores(self, query: Sequence[int]) -> NDArray[np.float64]:
        """Return every document's score, like BM25Okapi.get_scores; ids < 0 are unknown."""
        total = np.zeros(self.size)
        for t in query:
            if 0 <= t < len(self.idf):
                lo, hi = self.span(t)
                total[self.docs[lo:hi]] += self.contribution(t, lo, hi)
        return total

    def share(
        self, term: int, f: NDArray[np.unsignedinteger[Any]], docs: NDArray[np.integer[Any]]
    ) -> NDArray[np.float64]:
        """Return the term's contribution to documents holding it f times each."""
        result: NDArray[np.float64] = self.idf[term] * (f * (K1 + 1) / (f + self.denom[docs]))
        return result

    def top(
        self, query: Sequence[int], k: int, among: NDArray[np.int64] | None = None
    ) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
        """Return the k best (doc ids, scores) with a positive score, best first, ties by id.

        With `among`, only those documents are ranked. Unknown ids (< 0) add nothing.
        """
        if among is None and self.size <= small.SMALL_INDEX:
            return small.top(self, query, k)
        return topk.top(self, query, k, among)

    def exact(self, tokens: Sequence[int], cand: NDArray[np.int64]) -> NDArray[np.float64]:
        """Score sorted candidate documents, adding terms in query order like rank-bm25."""
        unique = list(dict.fromkeys(tokens))
        f = self.frequencies(unique, cand)
        # Where a term is absent its share is idf * 0 / denom, a zero: adding it changes
        # no sum, just as rank-bm25 adds nothing there.
        parts = self.idf[unique][:, None] * (f * (K1 + 1) / (f + self.denom[cand]))
        row = {t: i for i, t in enumerate(unique)}
        total = np.zeros(len(cand))
        for t in tokens:
            total += parts[row[t]]
        return total

    def frequencies(
        self, terms: Sequence[int], cand: NDArray[np.int64]
    ) -> NDArray[np.unsignedinteger[Any]]:
        """Return each term's frequency in each sorted candidate, a (terms, candidates) array."""
        found = np.zeros((len(terms), len(cand)), dtype=self.tf.dtype)
        if not len(cand):
            return found
        # Postings hold int32 ids: searching them with int64 keys would copy the postings.
        keys = cand.astype(np.int32)
        dense, searched = [], []
        for i, t in enumerate(terms):
            lo, hi = self.span(t)
            if self.dense_row[t] >= 0:
                dense.append(i)
            elif hi == lo:  # a vocabulary term no document holds any more
                continue
            elif len(cand) * SCATTER_RATIO <= hi - lo:
                row = int(self.impact_row[t])
                if row >= 0 and self.idf[t] > 0:
                    # A positive share is at least one unit: the row of units tells
                    # which candidates hold the term, and only those are searched.
                    held = np.flatnonzero(self.impact[row][cand])
                    at = np.searchsorted(self.docs[lo:hi], keys[held]) + lo
                    found[i, held] = self.tf[at]
                else:
                    searched.append((i, lo, hi))
            elif hi - lo < SPREAD_SHARE * self.size:
                # Many candidates, few postings: a binary search per posting, both sorted.
                docs = self.docs[lo:hi]
                at = np.minimum(np.searchsorted(keys, docs), len(cand) - 1)
                match = keys[at] == docs
                found[i, at[match]] = self.tf[lo:hi][match]
            else:
                # Many of both: spreading the postings over a scratch row is cheaper.
                row_tf = np.zeros(self.size, dtype=self.tf.dtype)
                row_tf[self.docs[lo:hi]] = self.tf[lo:hi]
                found[i] = row_tf[cand]
        if dense:
            rows = self.dense_row[[terms[i] for i in dense]].astype(np.int64)
            found[dense] = self.dense_tf.reshape(-1)[rows[:, None] * self.size + cand]
        if searched:
            # A binary search per candidate in each term's postings, then one gather.
            at = np.empty((len(searched), len(cand)), dtype=np.int64)
            for j, (_, lo, hi) in enumerate(searched):
                at[j] = np.searchsorted(self.docs[lo:hi], keys)
            spans = np.array([(lo, hi) for _, lo, hi in searched], dtype=np.int64)
            at += spans[:, :1]
            np.minimum(at, spans[:, 1:] - 1, out=at)
            f = self.tf[at]
            f[self.docs[at] != keys] = 0
            found[[i for i, _, _ in searched]] = f
        return found

    def save(self, folder: Path) -> None:
        """Write the arrays as .npy files (memory-mappable) and the scalars as JSON."""
        folder.mkdir(parents=True, exist_ok=True)
        for name in ARRAYS:
            np.save(folder / f"{name}.npy", getattr(self, name))
        meta = {
            "avgdl": self.avgdl,
            "average_idf": self.average_idf,
            "impact_scale": self.impact_scale,
            "k1": K1,
            "b": B,
            "epsilon": EPSILON,
        }
        (folder / "bm25.json").write_text(json.dumps(meta), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> Postings:
        """Map saved postings from disk without reading them into memory."""
        meta = json.loads((folder / "bm25.json").read_text(encoding="utf-8"))
        # Plain arrays over the maps: the same pages, without np.memmap's per-slice overhead.
        arrays = {name: map_array(folder / f"{name}.npy") for name in ARRAYS}
        return cls(
            **arrays,
            avgdl=float(meta["avgdl"]),
            average_idf=float(meta["average_idf"]),
            impact_scale=float(meta["impact_scale"]),
        )
