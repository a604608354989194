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

IMPACT_BLOCK = 128  # documents per group when bounding the k-th best sum from below
# Scratch rows of every document's sums, a set per thread: fresh ones would cost page
# faults on every query. Made on first use: `qa ask` on a small index never imports
# threading (see tests/test_imports.py).
_SCRATCH: Any = None


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
    """Return every document's summed units for the query terms (with repeats).

    The sums are this thread's scratch row, valid until its next query.
    """
    scale = p.impact_scale
    most = sum(c * (int(p.upper[t] / scale) + 2) for t, c in counts.items())
    acc = _scratch("sum", p.size, np.uint16 if most < 1 << 16 else np.uint32)
    _add_rows(p, counts, acc)
    _scatter(p, counts, acc)
    return acc


def _add_rows(p: Postings, counts: Counter[int], acc: NDArray[np.unsignedinteger[Any]]) -> None:
    """Set acc to the sum of the dense rows of units of the terms that have one."""
    scale = p.impact_scale
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
    if not groups:
        acc.fill(0)
    for i, group in enumerate(groups):
        summed = p.impact[group[0]]
        if len(group) > 1:
            part = _scratch("part", p.size, np.uint8)
            np.add(summed, p.impact[group[1]], out=part)
            for row in group[2:]:
                np.add(part, p.impact[row], out=part)
            summed = part
        if i == 0:  # copying the first saves a pass over a cleared sum
            np.copyto(acc, summed)
        else:
            # Widening into a scratch row first, then adding like to like, is quicker
            # than NumPy's casting loop for a mixed add.
            widened = _scratch("widened", p.size, acc.dtype.type)
            np.copyto(widened, summed)
            np.add(acc, widened, out=acc)


def _scatter(p: Postings, counts: Counter[int], acc: NDArray[np.unsignedinteger[Any]]) -> None:
    """Add the units of the terms without a dense row to acc, posting by posting."""
    scale, wide = p.impact_scale, acc.dtype.type
    for t, c in counts.items():
        if p.impact_row[t] >= 0:
            continue
        lo, hi = p.span(t)
        start = int(p.unit_ptr[t])
        if start >= 0 and p.upper[t] < 255 * scale:
            units = p.units[start : start + hi - lo].astype(wide)
            if c > 1:
                units *= c
        else:  # no units stored (few postings), or they saturate: compute them
            units = np.ceil(p.contribution(t, lo, hi) * (c / scale)).astype(wide)
        # add.at takes the int32 ids as they are and, since NumPy 2, is quicker than an
        # indexed in-place add (values of the sum's own type keep it on its fast path).
        np.add.at(acc, p.docs[lo:hi], units)


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


def reaching(
    p: Postings, t: int, count: int, need: float
) -> tuple[NDArray[np.integer[Any]], NDArray[np.float64]] | None:
    """Return the documents whose units could bring term t's share up to need, with shares.

    A term with a dense row of units is read from the row alone, its postings left
    untouched, and its shares are bounded by the units; one walked by its postings'
    units gets its exact shares. None when the units cannot tell: nothing need be
    reached, or they saturate.
    """
    least = least_units(p, t, count, need)
    if least is None:
        return None
    row = int(p.impact_row[t])
    if row >= 0:
        reached = np.flatnonzero(p.impact[row] >= least)
        return reached, p.impact[row][reached] * (p.impact_scale * count)
    lo, hi = p.span(t)
    start = int(p.unit_ptr[t])
    if start >= 0:
        keep = np.flatnonzero(p.units[start : start + hi - lo] >= least)
    else:  # a term this rare keeps no units: compute them, as the index would have
        keep = np.flatnonzero(np.ceil(p.contribution(t, lo, hi) / p.impact_scale) >= least)
    docs = p.docs[lo:hi][keep]
    return docs, count * p.share(t, p.tf[lo:hi][keep], docs)


def least_units(p: Postings, t: int, count: int, need: float) -> int | None:
    """Return the fewest units of term t a document needs to reach need, if they tell."""
    scale = p.impact_scale
    if need <= 0 or p.upper[t] >= 255 * scale:
        return None
    # A posting's units overstate its share by less than one unit; one more unit covers
    # the rounding of the division itself.
    least = int(need / (scale * count)) - 1
    return min(least, 255) if least >= 1 else None


def _scratch(name: str, size: int, dtype: type[np.unsignedinteger[Any]]) -> NDArray[Any]:
    """Return this thread's scratch row of that name: reused, not cleared."""
    global _SCRATCH
    if _SCRATCH is None:
        import threading

        # Two threads may both make one here: either way each keeps rows of its own.
        _SCRATCH = threading.local()
    rows: dict[str, NDArray[Any]] = _SCRATCH.__dict__
    row = rows.get(name)
    if row is None or len(row) != size or row.dtype != dtype:
        row = rows[name] = np.empty(size, dtype=dtype)
    return row
