"""Rank a small index by scoring every document exactly, in one dense pass.

The pruning in topk.py pays for itself over many documents; an article has tens of
paragraphs, where its bookkeeping costs more than scoring them all. The scores are
`Postings.exact`'s float operations in the same order, so the ranking is identical.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from qa.search import bm25, ranked

if TYPE_CHECKING:
    from numpy.typing import NDArray

# Up to this many documents a dense pass over all of them beats pruning (a few thousand
# documents score in tens of microseconds per term).
SMALL_INDEX = 2048


def top(
    p: bm25.Postings, query: Sequence[int], k: int
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """Return the k best (doc ids, scores) with a positive score, best first, ties by id."""
    tokens = [t for t in query if 0 <= t < len(p.idf)]
    if not tokens or k <= 0:
        return np.empty(0, np.int64), np.empty(0)
    unique = list(dict.fromkeys(tokens))
    f = np.zeros((len(unique), p.size), dtype=p.tf.dtype)
    for i, t in enumerate(unique):
        row = int(p.dense_row[t])
        if row >= 0:
            f[i] = p.dense_tf[row]
        else:
            lo, hi = p.span(t)
            f[i, p.docs[lo:hi]] = p.tf[lo:hi]
    parts = p.idf[unique][:, None] * (f * (bm25.K1 + 1) / (f + p.denom))
    at = {t: i for i, t in enumerate(unique)}
    total = np.zeros(p.size)
    for t in tokens:
        total += parts[at[t]]
    return ranked.select(np.arange(p.size, dtype=np.int64), total, k)
