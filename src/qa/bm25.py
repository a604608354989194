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
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from numpy.typing import NDArray

K1, B, EPSILON = 1.5, 0.75, 0.25
ARRAYS = ("term_ptr", "docs", "tf", "denom", "idf", "upper", "dense_row", "dense_tf")
# Terms in at least this share of documents also get a dense row of term frequencies:
# looking a document up there is one read, where binary search in a list of a million
# postings costs about 200 ns of cache misses per document.
DENSE_ROW_SHARE = 0.25
# Batches smaller than this are scored exactly rather than pruned further term by term.
REFINE_FROM = 512
# With more than one candidate per this many postings, scatter instead of searching.
SCATTER_RATIO = 8
# Past this share of the corpus, touching every posting beats candidate lookups.
DENSE_SHARE = 0.25
CHUNK = 1 << 23  # postings per step when computing upper bounds, to bound memory
# From this many tokens scipy's compiled CSR routines build postings several times faster
# than a numpy sort; below it, importing scipy would cost more than it saves.
SPARSE_FROM = 2_000_000

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
    dense_row: NDArray[np.int32]  # row of dense_tf holding the term, or -1
    dense_tf: NDArray[np.unsignedinteger[Any]]  # (frequent terms, documents) frequencies
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
        if any(self.idf[t] < 0 for t in unique):  # the bounds below need no negative terms
            return self._dense(tokens, k)
        counts = Counter(tokens)
        bound = {t: float(self.upper[t]) * counts[t] for t in unique}
        # MaxScore, a term at a time: take terms from the shortest postings up. A document
        # first met at term i holds none of the terms before it (it would have been met
        # there), so it scores at most its share of term i plus the bounds of the terms
        # after i; only documents whose bound reaches the k-th best score so far are
        # scored, and once the terms left cannot lift an unseen document that high, the
        # search stops.
        order = sorted(unique, key=lambda t: (int(self.term_ptr[t + 1] - self.term_ptr[t]), t))
        seen = np.zeros(self.size, dtype=bool)  # lazily zeroed: only touched pages cost
        found: list[NDArray[np.int64]] = []
        scores: list[NDArray[np.float64]] = []
        best = np.empty(0)
        theta = 0.0
        for i, t in enumerate(order):
            later = order[i + 1 :]
            rest = sum(bound[u] for u in later)
            if len(best) == k and bound[t] + rest < theta:
                break  # no unseen document can reach the top k any more
            lo, hi = int(self.term_ptr[t]), int(self.term_ptr[t + 1])
            docs = self.docs[lo:hi]
            fresh = ~seen[docs]
            seen[docs] = True
            new = docs[fresh].astype(np.int64)
            if not len(new):
                continue
            f = self.tf[lo:hi][fresh]
            parts = {t: self.idf[t] * (f * (K1 + 1) / (f + self.denom[new]))}
            if len(best) == k:
                new, parts = self._prune(new, parts, t, later, counts, bound, theta)
                if not len(new):
                    continue
            for u in later:
                if u not in parts:
                    parts[u] = self._lookup(u, new)
            total = np.zeros(len(new))
            for u in tokens:  # in query order, as rank-bm25 adds; earlier terms add 0
                if u in parts:
                    total = total + parts[u]
            found.append(new)
            scores.append(total)
            best = np.concatenate([best, total])
            if len(best) > k:
                best = np.partition(best, len(best) - k)[len(best) - k :]
            if len(best) == k:
                # The margin covers summing bounds in another order than the scores.
                theta = float(best.min()) * (1 - 1e-9)
        if not found:
            return np.empty(0, np.int64), np.empty(0)
        return _select(np.concatenate(found), np.concatenate(scores), k)

    def _prune(
        self,
        docs: NDArray[np.int64],
        parts: dict[int, NDArray[np.float64]],
        t: int,
        later: list[int],
        counts: Counter[int],
        bound: dict[int, float],
        theta: float,
    ) -> tuple[NDArray[np.int64], dict[int, NDArray[np.float64]]]:
        """Drop documents whose best possible score stays under theta.

        A document's bound starts as its share of term t plus the bounds of the later
        terms; while many documents remain, each later term's bound is swapped for its
        exact share, the loosest first. The exact shares found are kept for scoring.
        """
        upper = counts[t] * parts[t] + sum(bound[u] for u in later)
        for u in [None, *sorted(later, key=lambda u: -bound[u])]:
            if u is not None:
                if len(docs) < REFINE_FROM:
                    break  # few enough to score exactly straight away
                parts[u] = self._lookup(u, docs)
                upper = upper - bound[u] + counts[u] * parts[u]
            keep = upper >= theta
            docs, upper = docs[keep], upper[keep]
            parts = {v: vec[keep] for v, vec in parts.items()}
            if not len(docs):
                break
        return docs, parts

    def _score(self, tokens: list[int], cand: NDArray[np.int64]) -> NDArray[np.float64]:
        """Score sorted candidate documents, adding terms in query order like rank-bm25."""
        parts = {t: self._lookup(t, cand) for t in dict.fromkeys(tokens)}
        total = np.zeros(len(cand))
        for t in tokens:
            total = total + parts[t]
        return total

    def _lookup(self, t: int, cand: NDArray[np.int64]) -> NDArray[np.float64]:
        """Return term t's contribution to each sorted candidate (0 where absent)."""
        vec = np.zeros(len(cand))
        row = int(self.dense_row[t])
        if row >= 0:
            f = self.dense_tf[row, cand]
            hit = np.flatnonzero(f)
            f = f[hit]
        else:
            lo, hi = int(self.term_ptr[t]), int(self.term_ptr[t + 1])
            if hi == lo:  # a vocabulary term no document holds any more
                return vec
            docs = self.docs[lo:hi]
            if len(cand) * SCATTER_RATIO > hi - lo:
                # Many candidates: spreading the postings over a scratch row is cheaper
                # than a binary search per candidate.
                row_tf = np.zeros(self.size, dtype=self.tf.dtype)
                row_tf[docs] = self.tf[lo:hi]
                f = row_tf[cand]
                hit = np.flatnonzero(f)
                f = f[hit]
            else:
                at = np.minimum(np.searchsorted(docs, cand), hi - lo - 1)
                hit = np.flatnonzero(docs[at] == cand)
                f = self.tf[lo + at[hit]]
        vec[hit] = self.idf[t] * (f * (K1 + 1) / (f + self.denom[cand[hit]]))
        return vec

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
        # Plain views of the maps: the same pages, without np.memmap's per-slice overhead.
        arrays = {
            name: np.load(folder / f"{name}.npy", mmap_mode="r").view(np.ndarray) for name in ARRAYS
        }
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
    seen = _first_seen(ids, offsets, term_ptr, docs)
    logs = {f: math.log(n_docs - f + 0.5) - math.log(f + 0.5) for f in set(df[seen].tolist())}
    raw = np.array([logs[f] for f in df[seen].tolist()], dtype=np.float64)
    idf_sum = float(np.cumsum(raw)[-1]) if len(raw) else 0.0  # left to right, like a loop
    average_idf = idf_sum / len(raw) if len(raw) else 0.0
    idf = np.zeros(n_terms)
    idf[seen] = np.where(raw < 0, EPSILON * average_idf, raw)
    denom = np.asarray(K1 * (1 - B + B * doc_len / avgdl), dtype=np.float64)
    step("bounds")
    frequent = np.flatnonzero(df >= max(DENSE_ROW_SHARE * n_docs, 1))
    dense_row = np.full(n_terms, -1, dtype=np.int32)
    dense_row[frequent] = np.arange(len(frequent), dtype=np.int32)
    dense_tf = np.zeros((len(frequent), n_docs), dtype=tf.dtype)
    for row, t in enumerate(frequent.tolist()):
        dense_tf[row, docs[term_ptr[t] : term_ptr[t + 1]]] = tf[term_ptr[t] : term_ptr[t + 1]]
    parts = (term_ptr, docs, tf, denom, idf)
    postings = Postings(*parts, np.zeros(n_terms), dense_row, dense_tf, avgdl, average_idf)
    return Postings(*parts, _upper(postings), dense_row, dense_tf, avgdl, average_idf)


def _first_seen(
    ids: NDArray[np.int32],
    offsets: NDArray[np.int64],
    term_ptr: NDArray[np.int64],
    docs: NDArray[np.int32],
) -> NDArray[np.int64]:
    """Return the ids of the terms present, in order of first occurrence in the corpus.

    A term first occurs in its lowest document (the head of its postings), so only the
    tokens of those documents need scanning for positions.
    """
    present = np.flatnonzero(np.diff(term_ptr))
    heads = np.unique(docs[term_ptr[present]]).astype(np.int64)
    lengths = offsets[heads + 1] - offsets[heads]
    shift = offsets[heads] - np.concatenate([[0], np.cumsum(lengths)[:-1]])
    positions = np.repeat(shift, lengths) + np.arange(int(lengths.sum()), dtype=np.int64)
    first = np.full(len(term_ptr) - 1, len(ids), dtype=np.int64)
    np.minimum.at(first, ids[positions], positions)
    order: NDArray[np.int64] = np.argsort(first, kind="stable")[: len(present)]
    return order


def _postings(
    ids: NDArray[np.int32], offsets: NDArray[np.int64], n_terms: int
) -> tuple[NDArray[np.int64], NDArray[np.int32], NDArray[np.unsignedinteger[Any]]]:
    """Count each (term, doc) pair; return term-major postings sorted by doc id."""
    if len(ids) >= SPARSE_FROM:
        return _postings_sparse(ids, offsets, n_terms)
    return _postings_sorted(ids, offsets, n_terms)


def _postings_sparse(
    ids: NDArray[np.int32], offsets: NDArray[np.int64], n_terms: int
) -> tuple[NDArray[np.int64], NDArray[np.int32], NDArray[np.unsignedinteger[Any]]]:
    """Do it with scipy's compiled CSR routines: per-row sort, sum, then transpose."""
    from scipy.sparse import csr_matrix

    # Counts fit 16 bits when no document is longer; half the memory of int32.
    wide = np.diff(offsets).max(initial=0) >= 1 << 16
    ones = np.ones(len(ids), dtype=np.int32 if wide else np.uint16)
    rows = csr_matrix((ones, ids, offsets), shape=(len(offsets) - 1, n_terms))
    # Transposing first leaves the caller's arrays untouched and each term's duplicates
    # adjacent (rows come out in order), so summing them needs no sort.
    cols = rows.tocsc()
    del rows, ones
    cols.has_sorted_indices = True
    cols.sum_duplicates()
    return (
        cols.indptr.astype(np.int64),
        cols.indices.astype(np.int32, copy=False),
        _narrow(cols.data),
    )


def _narrow(counts: NDArray[Any]) -> NDArray[np.unsignedinteger[Any]]:
    top = counts.max(initial=0)
    kind = np.uint8 if top < 1 << 8 else np.uint16 if top < 1 << 16 else np.uint32
    narrow: NDArray[np.unsignedinteger[Any]] = counts.astype(kind, copy=False)
    return narrow


def _postings_sorted(
    ids: NDArray[np.int32], offsets: NDArray[np.int64], n_terms: int
) -> tuple[NDArray[np.int64], NDArray[np.int32], NDArray[np.unsignedinteger[Any]]]:
    """Do it with one sort of (term, doc) keys: no scipy import, quick for small corpora."""
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
    return term_ptr, docs, _narrow(counts)


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
