"""Rank in compiled code (_walk.c, _sums.c) where it was built: a walk, or sums of units.

topk.py's NumPy steps cost a microsecond or more a call, and a pass over every document
per dense row. In compiled code, a query whose rarer terms hold few postings is walked
(MaxScore, tens of nanoseconds a posting), and one that would walk many is ranked by
every document's summed units, a chunk of documents at a time while it is in cache.
Scores are `Postings.exact`'s, bit for bit, and the same documents are ranked
(tests/test_walk.py, tests/test_sums.py). Where the module was not built (no C compiler
at install), and for queries too long for it, topk.py ranks instead.
"""

from __future__ import annotations

from collections import Counter
from types import ModuleType
from typing import TYPE_CHECKING

import numpy as np

from qa.errors import QAError
from qa.search.ranked import select

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from qa.search.bm25 import Postings

# The shortest postings seed the k-th best score when they are in at most this share of
# the documents; then the walk goes on only if the terms it must still walk hold at most
# WALK_MOST times as many postings as there are documents, else the units are summed.
# Measured at 1M documents in whole passes over the benchmark's mixed queries, settings
# interleaved: a walked posting costs 5-40 ns with the lookups it brings, summing a
# query's units 0.4-1.5 ms. With 0.1 the slowest queries were walked ones; 0.002-0.005
# gave the lowest median and p99, a fifth and two fifths under 0.1's in the same passes;
# 0 (every query summed) was slower again.
SEED_MOST = 0.05
WALK_MOST = 0.003
MOST_TERMS, MOST_TOKENS = 64, 1024  # what _walk.c takes; longer queries go to topk.py

_walk: ModuleType | None = None
_looked = False


def module() -> ModuleType | None:
    """Return the compiled walk, imported on first use, or None where it was not built."""
    global _walk, _looked
    if not _looked:
        try:
            from qa.search import _walk as built

            _walk = built
        except ImportError:
            _walk = None
        _looked = True
    return _walk


def top(
    p: Postings, tokens: list[int], counts: Counter[int], k: int
) -> tuple[NDArray[np.int64], NDArray[np.float64]] | None:
    """Return the k best (doc ids, scores) like topk.top, or None to leave it to topk.py.

    The terms' IDFs must all be positive (their bounds assume it).
    """
    walk = module()
    if walk is None or len(counts) > MOST_TERMS or len(tokens) > MOST_TOKENS:
        return None
    place = {t: i for i, t in enumerate(counts)}
    scale = p.impact_scale
    terms = []
    for t, c in counts.items():
        lo, hi = p.span(t)
        dense, units, own = int(p.dense_row[t]), int(p.impact_row[t]), int(p.unit_ptr[t])
        # Stored units bound their postings' shares unless they saturate (impact.py).
        own_units = p.units[own : own + hi - lo] if own >= 0 and p.upper[t] < 255 * scale else None
        terms.append(
            (
                p.docs[lo:hi],
                p.tf[lo:hi],
                float(p.idf[t]),
                float(p.upper[t]) * c,
                c,
                p.dense_tf[dense] if dense >= 0 else None,
                p.impact[units] if units >= 0 else None,
                scale * c,
                own_units,
            )
        )
    limits = (int(WALK_MOST * p.size), int(SEED_MOST * p.size))
    order = tuple(place[t] for t in tokens)
    try:
        found = walk.top(terms, order, p.norm_table, p.norm_code, k, limits, scale)
    except walk.Damaged as exc:  # only a stored index can be damaged: one built now is not
        raise QAError(f"{exc}: the stored index is damaged; run qa index") from None
    if found is None:
        return None
    docs = np.frombuffer(found[0], dtype=np.int64)
    return select(docs, np.frombuffer(found[1], dtype=np.float64), k)
