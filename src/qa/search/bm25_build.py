"""Build BM25Okapi postings from a token-id stream, as rank-bm25 would index it."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np

from qa.search.bm25 import EPSILON, K1, B, Postings
from qa.search.counting import narrow, postings, run, spans
from qa.search.ranked import sorted_unique

if TYPE_CHECKING:
    from numpy.typing import NDArray

Progress = Callable[[str], None]
UnsignedT = TypeVar("UnsignedT", bound=np.unsignedinteger[Any])

# Terms in at least this share of documents also get a dense row of term frequencies:
# looking a document up there is one read, where binary search in a list of a million
# postings costs about 200 ns of cache misses per document.
DENSE_ROW_SHARE = 0.25
# Terms in at least this share of documents get contributions in byte-sized units, and
# those without a dense row keep them: a search computes a rarer term's from its
# postings, and reads those of a term with a row from the row.
UNIT_SHARE = 0.01
# The largest contribution of those terms, in units. Coarser units let more dense rows
# be added as bytes before widening, at the cost of a wider band of sums to score.
UNIT_TOP = 127
# Terms in at least this share also get a dense row of units. Adding a row is quicker
# than scattering a term's postings, but each row is a byte per document that a served
# index maps (at 1M documents, 0.05: 448 MB served, 0.1: 403 MB, 0.15: 385 MB with
# all-frequent queries a third slower).
IMPACT_ROW_SHARE = 0.12


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
    term_ptr, docs, tf = postings(ids, offsets, n_terms)
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
    dense_tf = _rows(frequent, n_docs, term_ptr, docs, tf)
    # One unit for all terms in at least UNIT_SHARE of documents: no contribution of
    # theirs exceeds idf * (k1 + 1), so UNIT_TOP units (within a byte) cover the largest.
    common = df >= max(UNIT_SHARE * n_docs, 1)
    top = float(idf[common].max(initial=0.0)) * (K1 + 1)
    scale = top / UNIT_TOP if top > 0 else 1.0
    upper, units = _bounds(term_ptr, docs, tf, denom, idf, scale)
    common_terms = np.flatnonzero(df >= max(IMPACT_ROW_SHARE * n_docs, 1))
    impact_row = np.full(n_terms, -1, dtype=np.int32)
    impact_row[common_terms] = np.arange(len(common_terms), dtype=np.int32)
    impact = _rows(common_terms, n_docs, term_ptr, docs, units)
    unit_ptr, units = _kept_units(term_ptr, units, impact_row, UNIT_SHARE * n_docs)
    doc_at, docs, tf = _dense_last(term_ptr, docs, tf, dense_row)
    norm_code, norm_table = _norms(doc_len, denom)
    return Postings(
        term_ptr,
        doc_at,
        docs,
        tf,
        denom,
        idf,
        upper,
        units,
        unit_ptr,
        dense_row,
        dense_tf,
        impact_row,
        impact,
        norm_code,
        norm_table,
        avgdl,
        average_idf,
        scale,
    )


def _norms(
    doc_len: NDArray[np.int64], denom: NDArray[np.float64]
) -> tuple[NDArray[np.unsignedinteger[Any]], NDArray[np.float64]]:
    """Return each document's place among the distinct length norms, and those norms.

    Documents of one length share one norm, computed by the same operations, so the
    table holds each norm exactly as denom does; any document of a length can give it.
    """
    present = np.bincount(doc_len) > 0
    place = np.cumsum(present) - 1
    some = np.zeros(len(present), dtype=np.int64)
    some[doc_len] = np.arange(len(doc_len))
    return narrow(place[doc_len]), denom[some[present]]


def _rows(
    terms: NDArray[np.int64],
    n_docs: int,
    term_ptr: NDArray[np.int64],
    docs: NDArray[np.int32],
    values: NDArray[UnsignedT],
) -> NDArray[UnsignedT]:
    """Return a dense row of values for each of the terms: its postings' values, else 0."""
    rows = np.zeros((len(terms), n_docs), dtype=values.dtype)

    def fill(row: int) -> None:
        lo, hi = term_ptr[terms[row]], term_ptr[terms[row] + 1]
        rows[row, docs[lo:hi]] = values[lo:hi]

    run(fill, range(len(terms)), int(term_ptr[terms + 1].sum() - term_ptr[terms].sum()))
    return rows


def _kept_units(
    term_ptr: NDArray[np.int64],
    units: NDArray[np.uint8],
    impact_row: NDArray[np.int32],
    least: float,
) -> tuple[NDArray[np.int64], NDArray[np.uint8]]:
    """Keep the units of the terms in at least `least` documents that have no dense row.

    A served index maps whole page-cache folios around each page it touches, so units
    a search can get elsewhere would only grow its memory. Return where each kept
    term's units start (-1 for the others) and the units.
    """
    df = np.diff(term_ptr)
    kept = np.flatnonzero((df >= max(least, 1)) & (impact_row < 0))
    unit_ptr = np.full(len(df), -1, dtype=np.int64)
    unit_ptr[kept] = np.concatenate([[0], np.cumsum(df[kept])[:-1]]).astype(np.int64)
    if not len(kept):
        return unit_ptr, np.empty(0, dtype=np.uint8)
    spans = [units[term_ptr[t] : term_ptr[t + 1]] for t in kept.tolist()]
    return unit_ptr, np.concatenate(spans)


def _dense_last(
    term_ptr: NDArray[np.int64],
    docs: NDArray[np.int32],
    tf: NDArray[np.unsignedinteger[Any]],
    dense_row: NDArray[np.int32],
) -> tuple[NDArray[np.int64], NDArray[np.int32], NDArray[np.unsignedinteger[Any]]]:
    """Move the postings of the terms with dense rows after all others; return the starts.

    The search reads those terms from their rows, never from their postings, and a
    served index maps whole page-cache folios (2 MB) around each page it touches: kept
    apart, their postings stay out of memory. Others keep their order.
    """
    df = np.diff(term_ptr)
    dense = dense_row >= 0
    if not dense.any():
        return term_ptr[:-1].copy(), docs, tf
    moved = np.where(dense, df, 0)
    before = np.concatenate([[0], np.cumsum(moved)[:-1]])  # postings moved ahead of t
    kept = len(docs) - int(moved.sum())
    doc_at = np.where(dense, kept + before, term_ptr[:-1] - before).astype(np.int64)
    last = np.repeat(dense, df)
    return doc_at, np.concatenate([docs[~last], docs[last]]), np.concatenate([tf[~last], tf[last]])


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
    heads = sorted_unique(docs[term_ptr[present]]).astype(np.int64)
    lengths = offsets[heads + 1] - offsets[heads]
    shift = offsets[heads] - np.concatenate([[0], np.cumsum(lengths)[:-1]])
    positions = np.repeat(shift, lengths) + np.arange(int(lengths.sum()), dtype=np.int64)
    first = np.full(len(term_ptr) - 1, len(ids), dtype=np.int64)
    np.minimum.at(first, ids[positions], positions)
    order: NDArray[np.int64] = np.argsort(first, kind="stable")[: len(present)]
    return order


def _bounds(
    term_ptr: NDArray[np.int64],
    docs: NDArray[np.int32],
    tf: NDArray[np.unsignedinteger[Any]],
    denom: NDArray[np.float64],
    idf: NDArray[np.float64],
    scale: float,
) -> tuple[NDArray[np.float64], NDArray[np.uint8]]:
    """Return each term's largest contribution and every posting's in units, rounded up.

    Units of rarer terms, whose contributions can exceed 255 units, saturate; the
    search computes those terms' units from their (short) postings instead.
    """
    upper = np.zeros(len(idf))
    units = np.empty(len(docs), dtype=np.uint8)

    def step(span: tuple[int, int]) -> None:
        t, end = span
        lo, hi = int(term_ptr[t]), int(term_ptr[end])
        if hi == lo:
            return
        f = tf[lo:hi]
        sizes = np.diff(term_ptr[t : end + 1])
        # idf * (f * (k1 + 1) / (f + denom)), the operations of Postings.contribution in
        # the same order, in place over a chunk small enough to stay in cache.
        contrib = np.multiply(f, K1 + 1, dtype=np.float64)
        below = denom[docs[lo:hi]]
        np.add(below, f, out=below)
        np.divide(contrib, below, out=contrib)
        np.multiply(np.repeat(idf[t:end], sizes), contrib, out=contrib)
        starts = term_ptr[t:end] - lo
        present = sizes > 0
        upper[t:end][present] = np.maximum.reduceat(contrib, starts[present])
        contrib /= scale
        np.ceil(contrib, out=contrib)
        np.clip(contrib, 0, 255, out=contrib)
        units[lo:hi] = contrib

    run(step, spans(term_ptr), len(docs))
    return upper, units
