"""Bound every document's BM25 score by summed byte units and keep those near the top.

When nearly every document is a candidate, walking postings a term at a time costs
more than adding each query term's dense row of units (one byte per document, the
term's share divided by a common scale and rounded up) and scoring exactly only the
documents whose sum comes within the rounding slack of the k-th largest.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from qa.search.bm25 import Postings

IMPACT_BLOCK = 64  # documents per group when bounding the k-th best sum from below


def near_top(p: Postings, counts: Counter[int], k: int) -> NDArray[np.intp]:
    """Return the sorted documents that may hold one of the k best scores, by summed units.

    A term's units overstate its contribution by less than one unit per occurrence
    in the query, so with `slack` units for the query, a document whose sum falls
    more than slack under the k-th largest sum cannot reach the top k. Group maxima
    bound the k-th largest sum from below and skip the groups that fall short.
    """
    slack = sum(counts.values()) + 1  # one unit more covers rounding in the bounds
    return _near_top(_units(p, counts), k, slack)


def _units(p: Postings, counts: Counter[int]) -> NDArray[np.unsignedinteger[Any]]:
    """Return every document's summed units for the query terms (with repeats)."""
    scale = p.impact_scale
    most = sum(c * (int(p.upper[t] / scale) + 2) for t, c in counts.items())
    acc: NDArray[np.unsignedinteger[Any]] = np.empty(
        p.size, dtype=np.uint16 if most < 1 << 16 else np.uint32
    )
    # Rows whose largest units sum to at most 255 are first added as bytes: adding
    # bytes to bytes is about three times faster than adding them to wider sums.
    groups: list[list[int]] = []
    room = 0
    for t, c in counts.items():
        if p.impact_row[t] < 0:
            continue
        most_units = int(p.upper[t] / scale) + 2
        for _ in range(c):
            if groups and most_units <= room:
                groups[-1].append(int(p.impact_row[t]))
                room -= most_units
            else:
                groups.append([int(p.impact_row[t])])
                room = 255 - most_units
    part = np.empty(p.size, dtype=np.uint8) if any(len(g) > 1 for g in groups) else None
    for i, group in enumerate(groups):
        rows = p.impact[group[0]]
        if part is not None and len(group) > 1:
            np.add(rows, p.impact[group[1]], out=part)
            for row in group[2:]:
                np.add(part, p.impact[row], out=part)
            rows = part
        if i == 0:  # copying the first saves a pass over a cleared sum
            np.copyto(acc, rows)
        else:
            np.add(acc, rows, out=acc)
    if not groups:
        acc.fill(0)
    for t, c in counts.items():
        if p.impact_row[t] >= 0:
            continue
        lo, hi = p.span(t)
        start = int(p.unit_ptr[t])
        if start >= 0 and p.upper[t] < 255 * scale:
            units = p.units[start : start + hi - lo].astype(acc.dtype, copy=False) * c
        else:  # no units stored (few postings), or they saturate: compute them
            units = np.ceil(p.contribution(t, lo, hi) * (c / scale))
        # Index with intp once: NumPy would convert int32 ids for the read and again for
        # the write of the in-place add.
        at = p.docs[lo:hi].astype(np.intp)
        acc[at] += units.astype(acc.dtype, copy=False)
    return acc


def _near_top(acc: NDArray[np.unsignedinteger[Any]], k: int, slack: int) -> NDArray[np.intp]:
    """Return the sorted documents whose sum is within slack of the k-th largest (and positive).

    Documents fall into groups of IMPACT_BLOCK, those `width` apart (column j of the
    sums laid out in IMPACT_BLOCK rows), so that every group's maximum comes from one
    pass of element-wise maxima over whole rows; the few documents past the last full
    row are checked one by one.
    """
    width = len(acc) // IMPACT_BLOCK
    full = width * IMPACT_BLOCK
    tops = acc[:full].reshape(IMPACT_BLOCK, width).max(axis=0) if width else acc[:0]
    steps = np.arange(IMPACT_BLOCK)[:, None] * width

    def members(groups: NDArray[np.intp]) -> NDArray[np.intp]:
        found: NDArray[np.intp] = (groups[None, :] + steps).ravel()
        return found

    low = 0
    if len(tops) >= k:
        # The k-th largest sum within the k groups of largest maxima is at most the k-th
        # largest overall.
        sums = acc[members(np.argpartition(tops, len(tops) - k)[len(tops) - k :])]
        low = int(np.partition(sums, len(sums) - k)[len(sums) - k])
    floor = max(low - slack, 1)
    groups = np.flatnonzero(tops >= floor)
    if len(groups) * 4 < len(tops):  # few groups reach the floor: look inside those only
        inside = members(groups)
        cand = np.concatenate(
            [np.sort(inside[acc[inside] >= floor]), full + np.flatnonzero(acc[full:] >= floor)]
        )
    else:
        cand = np.flatnonzero(acc >= floor)
    if len(cand) > k:
        sums = acc[cand]
        kth = int(np.partition(sums, len(sums) - k)[len(sums) - k])
        cand = cand[sums >= max(kth - slack, 1)]
    return cand
