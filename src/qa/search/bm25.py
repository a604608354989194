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
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from numpy.typing import NDArray

K1, B, EPSILON = 1.5, 0.75, 0.25
ARRAYS = (
    "term_ptr",
    "docs",
    "tf",
    "denom",
    "idf",
    "upper",
    "units",
    "dense_row",
    "dense_tf",
    "impact_row",
    "impact",
)
# Batches smaller than this are scored exactly rather than pruned further term by term.
REFINE_FROM = 512
# With more than one candidate per this many postings, scatter instead of searching.
SCATTER_RATIO = 8
# Postings of a term in fewer than this share of the documents are searched among the
# candidates instead: no scratch row of every document to clear.
SPREAD_SHARE = 0.125
# Once MaxScore would have to walk postings covering this share of the documents, it
# can prune little; summing every document's units (dense rows of bytes) and scoring
# the few that can reach the top is faster.
IMPACT_SHARE = 0.003
IMPACT_BLOCK = 256  # documents per block when bounding the k-th best sum from below
# The shortest postings, up to this share of the documents together, form one batch.
BATCH_SHARE = 0.003


@dataclass(frozen=True, slots=True)
class Postings:
    """Term-major postings (doc ids, term frequencies) with per-term IDF and score bounds."""

    term_ptr: NDArray[np.int64]  # postings of term t are [term_ptr[t], term_ptr[t+1])
    docs: NDArray[np.int32]
    tf: NDArray[np.unsignedinteger[Any]]
    denom: NDArray[np.float64]  # k1 * (1 - b + b * len(d) / avgdl), per document
    idf: NDArray[np.float64]  # floored IDF per term id (0 for ids never seen)
    upper: NDArray[np.float64]  # the largest contribution of each term to any document
    units: NDArray[np.uint8]  # each posting's contribution / impact_scale, rounded up
    dense_row: NDArray[np.int32]  # row of dense_tf holding the term, or -1
    dense_tf: NDArray[np.unsignedinteger[Any]]  # (frequent terms, documents) frequencies
    impact_row: NDArray[np.int32]  # row of impact holding the term, or -1
    impact: NDArray[np.uint8]  # (common terms, documents) units
    avgdl: float
    average_idf: float
    impact_scale: float

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
            cand = sorted_unique(np.asarray(among, dtype=np.int64))
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
        # The rarest terms go first as one batch, scored exactly: a step per term would
        # cost a lookup per later term each, for few documents.
        lengths = np.cumsum([self.term_ptr[t + 1] - self.term_ptr[t] for t in order])
        batch = max(int(np.searchsorted(lengths, BATCH_SHARE * self.size, side="right")), 1)
        if batch > 1:
            spans = [self.docs[self.term_ptr[t] : self.term_ptr[t + 1]] for t in order[:batch]]
            new = sorted_unique(np.concatenate(spans).astype(np.int64))
            seen[new] = True
            found.append(new)
            scores.append(self._score(tokens, new))
            best = scores[0] if len(new) <= k else np.partition(scores[0], len(new) - k)[-k:]
            if len(best) == k:
                theta = float(best.min()) * (1 - 1e-9)
        for i, t in enumerate(order):
            if i < batch and batch > 1:
                continue
            later = order[i + 1 :]
            rest = sum(bound[u] for u in later)
            if len(best) == k and bound[t] + rest < theta:
                break  # no unseen document can reach the top k any more
            lo, hi = int(self.term_ptr[t]), int(self.term_ptr[t + 1])
            if hi - lo >= IMPACT_SHARE * self.size:
                # Nearly every document is a candidate now: bound them all at once.
                return self._by_impact(tokens, counts, k)
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

    def _by_impact(
        self, tokens: list[int], counts: Counter[int], k: int
    ) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
        """Bound every document by its summed units, then score exactly the few near the top.

        A term's units overstate its contribution by less than one unit per occurrence
        in the query, so with `slack` units for the query, a document whose sum falls
        more than slack under the k-th largest sum cannot reach the top k. Block maxima
        bound the k-th largest sum from below and skip the blocks that fall short.
        """
        slack = sum(counts.values()) + 1  # one unit more covers rounding in the bounds
        cand = _near_top(self._units(counts), k, slack).astype(np.int64)
        return _select(cand, self._score(tokens, cand), k)

    def _units(self, counts: Counter[int]) -> NDArray[np.unsignedinteger[Any]]:
        """Return every document's summed units for the query terms (with repeats)."""
        scale = self.impact_scale
        most = sum(c * (int(self.upper[t] / scale) + 2) for t, c in counts.items())
        acc: NDArray[np.unsignedinteger[Any]] = np.empty(
            self.size, dtype=np.uint16 if most < 1 << 16 else np.uint32
        )
        # Rows whose largest units sum to at most 255 are first added as bytes: adding
        # bytes to bytes is about three times faster than adding them to wider sums.
        groups: list[list[int]] = []
        room = 0
        for t, c in counts.items():
            if self.impact_row[t] < 0:
                continue
            top = int(self.upper[t] / scale) + 2
            for _ in range(c):
                if groups and top <= room:
                    groups[-1].append(int(self.impact_row[t]))
                    room -= top
                else:
                    groups.append([int(self.impact_row[t])])
                    room = 255 - top
        part = np.empty(self.size, dtype=np.uint8) if any(len(g) > 1 for g in groups) else None
        for i, group in enumerate(groups):
            rows = self.impact[group[0]]
            if part is not None and len(group) > 1:
                np.add(rows, self.impact[group[1]], out=part)
                for row in group[2:]:
                    np.add(part, self.impact[row], out=part)
                rows = part
            if i == 0:  # copying the first saves a pass over a cleared sum
                np.copyto(acc, rows)
            else:
                np.add(acc, rows, out=acc)
        if not groups:
            acc.fill(0)
        for t, c in counts.items():
            if self.impact_row[t] >= 0:
                continue
            lo, hi = int(self.term_ptr[t]), int(self.term_ptr[t + 1])
            if self.upper[t] < 255 * scale:
                units = self.units[lo:hi].astype(acc.dtype, copy=False) * c
            else:  # its stored units saturate: compute them
                units = np.ceil(self.contribution(t, lo, hi) * (c / scale))
            acc[self.docs[lo:hi]] += units.astype(acc.dtype, copy=False)
        return acc

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
            if len(cand) * SCATTER_RATIO <= hi - lo:
                at = np.minimum(np.searchsorted(docs, cand), hi - lo - 1)
                hit = np.flatnonzero(docs[at] == cand)
                f = self.tf[lo + at[hit]]
            elif hi - lo < SPREAD_SHARE * self.size:
                # Many candidates, few postings: a binary search per posting, both sorted.
                at = np.minimum(np.searchsorted(cand, docs), len(cand) - 1)
                match = cand[at] == docs
                hit = at[match]
                f = self.tf[lo:hi][match]
            else:
                # Many of both: spreading the postings over a scratch row is cheaper.
                row_tf = np.zeros(self.size, dtype=self.tf.dtype)
                row_tf[docs] = self.tf[lo:hi]
                f = row_tf[cand]
                hit = np.flatnonzero(f)
                f = f[hit]
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
        # Plain views of the maps: the same pages, without np.memmap's per-slice overhead.
        arrays = {
            name: np.load(folder / f"{name}.npy", mmap_mode="r").view(np.ndarray) for name in ARRAYS
        }
        return cls(
            **arrays,
            avgdl=float(meta["avgdl"]),
            average_idf=float(meta["average_idf"]),
            impact_scale=float(meta["impact_scale"]),
        )


def _near_top(acc: NDArray[np.unsignedinteger[Any]], k: int, slack: int) -> NDArray[np.intp]:
    """Return the documents whose sum is within slack of the k-th largest (and positive)."""
    n = len(acc)
    full = n - n % IMPACT_BLOCK
    tops = acc[:full].reshape(-1, IMPACT_BLOCK).max(axis=1)
    if full < n:
        tops = np.append(tops, acc[full:].max())
    low = 0
    if len(tops) >= k:
        # The k-th largest sum within the k blocks of largest maxima is at most the k-th
        # largest overall.
        best = np.argpartition(tops, len(tops) - k)[len(tops) - k :]
        spans = (best[:, None] * IMPACT_BLOCK + np.arange(IMPACT_BLOCK)).ravel()
        sums = acc[spans[spans < n]]
        low = int(np.partition(sums, len(sums) - k)[len(sums) - k])
    floor = max(low - slack, 1)
    blocks = np.flatnonzero(tops >= floor)
    if len(blocks) * 4 < len(tops):  # few blocks reach the floor: look inside those only
        spans = (blocks[:, None] * IMPACT_BLOCK + np.arange(IMPACT_BLOCK)).ravel()
        spans = spans[spans < n]
        cand: NDArray[np.intp] = spans[acc[spans] >= floor]
    else:
        cand = np.flatnonzero(acc >= floor)
    if len(cand) > k:
        sums = acc[cand]
        kth = int(np.partition(sums, len(sums) - k)[len(sums) - k])
        cand = cand[sums >= max(kth - slack, 1)]
    return cand


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


def sorted_unique(values: NDArray[Any]) -> NDArray[Any]:
    """Return the sorted distinct values, as np.unique does.

    np.unique imports numpy.ma on first use, which costs a one-shot `qa ask` more
    than building the bundled article's whole index.
    """
    ordered = np.sort(values, kind="stable")
    if len(ordered) < 2:
        return ordered
    keep = np.empty(len(ordered), dtype=bool)
    keep[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]
