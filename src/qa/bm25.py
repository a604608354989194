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
import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

K1, B, EPSILON = 1.5, 0.75, 0.25
ARRAYS = ("term_ptr", "docs", "tf", "denom", "idf", "upper")
# Past this share of the corpus, touching every posting beats candidate lookups.
DENSE_SHARE = 0.25
CHUNK = 1 << 23  # postings per step when computing upper bounds, to bound memory

Progress = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class Postings:
    """Term-major postings (doc ids, term frequencies) with per-term IDF and score bounds."""

    term_ptr: NDArray[np.int64]  # postings of term t are [term_ptr[t], term_ptr[t+1])
    docs: NDArray[np.int32]
    tf: NDArray[np.unsignedinteger[Any]]
    denom: NDArray[np.float64]  # k1 * (1 - b + b * len(d) / avgdl), per document
    idf: NDArray[np.float64]  # floored IDF per term id (0 for ids never seen)
    upper: NDArray[np.float64]  # the largest contribution of each term to any document
    avgdl: float
    average_idf: float

    @property
    def size(self) -> int:
        """Return the number of documents."""
        return len(self.denom)

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
                lo, hi = int(self.term_ptr[t]), int(self.term_ptr[t + 1])
                total[self.docs[lo:hi]] += self.contribution(t, lo, hi)
        return total

    def top(
        self, query: Sequence[int], k: int, among: NDArray[np.int64] | None = None
    ) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
        """Return the k best (doc ids, scores) with a positive score, best first, ties by id.

        With `among`, only those documents are ranked. Unknown ids (< 0) add nothing.
        """
        tokens = [t for t in query if 0 <= t < len(self.idf)]
        if not tokens or k <= 0:
            return np.empty(0, np.int64), np.empty(0)
        if among is not None:
            cand = np.unique(np.asarray(among, dtype=np.int64))
            return _select(cand, self._score(tokens, cand), k)
        unique = list(dict.fromkeys(tokens))
        if any(self.idf[t] < 0 for t in unique):  # bounds below need non-negative terms
            return self._dense(tokens, k)
        counts = Counter(tokens)
        bound = {t: float(self.upper[t]) * counts[t] for t in unique}
        order = sorted(unique, key=lambda t: (-bound[t], t))
        cand = np.empty(0, np.int64)
        for i, t in enumerate(order):
            lo, hi = int(self.term_ptr[t]), int(self.term_ptr[t + 1])
            cand = np.union1d(cand, self.docs[lo:hi].astype(np.int64))
            if len(cand) > DENSE_SHARE * self.size:
                return self._dense(tokens, k)
            rest = sum(bound[u] for u in order[i + 1 :])
            if rest > 0 and len(cand) < k:
                continue
            scores = self._score(tokens, cand)
            if rest == 0:
                return _select(cand, scores, k)
            theta = float(np.partition(scores, len(scores) - k)[len(scores) - k])
            # No document outside `cand` can score more than `rest`; a margin covers
            # the rounding of summing bounds in another order than the scores.
            if rest < theta * (1 - 1e-9):
                return _select(cand, scores, k)
        return self._dense(tokens, k)

    def _score(self, tokens: list[int], cand: NDArray[np.int64]) -> NDArray[np.float64]:
        """Score sorted candidate documents, adding terms in query order like rank-bm25."""
        parts: dict[int, NDArray[np.float64]] = {}
        for t in dict.fromkeys(tokens):
            lo, hi = int(self.term_ptr[t]), int(self.term_ptr[t + 1])
            docs = self.docs[lo:hi]
            at = np.searchsorted(docs, cand)
            inside = at < len(docs)
            hit = np.zeros(len(cand), dtype=bool)
            hit[inside] = docs[at[inside]] == cand[inside]
            vec = np.zeros(len(cand))
            pos = lo + at[hit]
            f = self.tf[pos]
            vec[hit] = self.idf[t] * (f * (K1 + 1) / (f + self.denom[cand[hit]]))
            parts[t] = vec
        total = np.zeros(len(cand))
        for t in tokens:
            total = total + parts[t]
        return total

    def _dense(self, tokens: list[int], k: int) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
        total = self.scores(tokens)
        cand = np.flatnonzero(total).astype(np.int64)
        return _select(cand, total[cand], k)

    def save(self, folder: Path) -> None:
        """Write the arrays as .npy files (memory-mappable) and the scalars as JSON."""
        folder.mkdir(parents=True, exist_ok=True)
        for name in ARRAYS:
            np.save(folder / f"{name}.npy", getattr(self, name))
        meta = {
            "avgdl": self.avgdl,
            "average_idf": self.average_idf,
            "k1": K1,
            "b": B,
            "epsilon": EPSILON,
        }
        (folder / "bm25.json").write_text(json.dumps(meta), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> Postings:
        """Map saved postings from disk without reading them into memory."""
        meta = json.loads((folder / "bm25.json").read_text(encoding="utf-8"))
        arrays = {name: np.load(folder / f"{name}.npy", mmap_mode="r") for name in ARRAYS}
        return cls(**arrays, avgdl=float(meta["avgdl"]), average_idf=float(meta["average_idf"]))


def _select(
    cand: NDArray[np.int64], scores: NDArray[np.float64], k: int
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    keep = scores > 0
    cand, scores = cand[keep], scores[keep]
    if len(cand) > k:
        kth = np.partition(scores, len(scores) - k)[len(scores) - k]
        near = scores >= kth
        cand, scores = cand[near], scores[near]
    order = np.lexsort((cand, -scores))[:k]
    return cand[order], scores[order]


def build(
    ids: NDArray[np.int32],
    offsets: NDArray[np.int64],
    n_terms: int,
    progress: Progress | None = None,
) -> Postings:
    """Build postings from a flat token-id stream and document offsets (len = docs + 1)."""
    step = progress or (lambda _: None)
    n_docs = len(offsets) - 1
    doc_len = np.diff(offsets).astype(np.int64)
    avgdl = int(doc_len.sum()) / n_docs
    step("postings")
    term_ptr, docs, tf = _postings(ids, offsets, n_terms)
    step("idf")
    df = np.diff(term_ptr)
    first = np.full(n_terms, len(ids), dtype=np.int64)
    np.minimum.at(first, ids, np.arange(len(ids), dtype=np.int64))
    seen = np.argsort(first, kind="stable")[: int(np.count_nonzero(df))]
    logs = {f: math.log(n_docs - f + 0.5) - math.log(f + 0.5) for f in set(df[seen].tolist())}
    raw = np.array([logs[f] for f in df[seen].tolist()], dtype=np.float64)
    idf_sum = float(np.cumsum(raw)[-1]) if len(raw) else 0.0  # left to right, like a loop
    average_idf = idf_sum / len(raw) if len(raw) else 0.0
    idf = np.zeros(n_terms)
    idf[seen] = np.where(raw < 0, EPSILON * average_idf, raw)
    denom = np.asarray(K1 * (1 - B + B * doc_len / avgdl), dtype=np.float64)
    step("bounds")
    postings = Postings(term_ptr, docs, tf, denom, idf, np.zeros(n_terms), avgdl, average_idf)
    return Postings(term_ptr, docs, tf, denom, idf, _upper(postings), avgdl, average_idf)


def _postings(
    ids: NDArray[np.int32], offsets: NDArray[np.int64], n_terms: int
) -> tuple[NDArray[np.int64], NDArray[np.int32], NDArray[np.unsignedinteger[Any]]]:
    """Count each (term, doc) pair; return term-major postings sorted by doc id."""
    n_docs = len(offsets) - 1
    doc_of = np.repeat(np.arange(n_docs, dtype=np.int64), np.diff(offsets))
    keys = ids.astype(np.int64) * n_docs + doc_of
    del doc_of
    keys.sort()
    starts = np.flatnonzero(np.diff(keys, prepend=-1))
    counts = np.diff(np.append(starts, len(keys)))
    pairs = keys[starts]
    del keys
    terms = pairs // n_docs
    docs = (pairs - terms * n_docs).astype(np.int32)
    term_ptr = np.zeros(n_terms + 1, dtype=np.int64)
    np.cumsum(np.bincount(terms, minlength=n_terms), out=term_ptr[1:])
    tf: NDArray[np.unsignedinteger[Any]] = counts.astype(
        np.uint16 if counts.max(initial=0) < 1 << 16 else np.uint32
    )
    return term_ptr, docs, tf


def _upper(p: Postings) -> NDArray[np.float64]:
    """Return each term's largest contribution, computed chunk by chunk."""
    upper = np.zeros(len(p.idf))
    n_terms = len(p.idf)
    t = 0
    while t < n_terms:
        end = int(np.searchsorted(p.term_ptr, p.term_ptr[t] + CHUNK, side="right")) - 1
        end = min(max(end, t + 1), n_terms)
        lo, hi = int(p.term_ptr[t]), int(p.term_ptr[end])
        if hi > lo:
            f = p.tf[lo:hi]
            term_of = np.repeat(np.arange(t, end), np.diff(p.term_ptr[t : end + 1]))
            contrib = p.idf[term_of] * (f * (K1 + 1) / (f + p.denom[p.docs[lo:hi]]))
            starts = p.term_ptr[t:end] - lo
            present = np.diff(p.term_ptr[t : end + 1]) > 0
            upper[t:end][present] = np.maximum.reduceat(contrib, starts[present])
        t = end
    return upper
