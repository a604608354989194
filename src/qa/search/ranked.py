"""Put scored candidate documents in rank order: best first, ties by document id."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from numpy.typing import NDArray


def select(
    cand: NDArray[np.int64], scores: NDArray[np.float64], k: int
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """Return the k best positive-scoring candidates, best first, ties by document id."""
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
