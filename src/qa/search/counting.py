"""Count each (term, document) pair of a token-id stream into term-major postings."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np

if TYPE_CHECKING:
    from numpy.typing import NDArray

T = TypeVar("T")

CHUNK = 1 << 18  # postings per step when computing upper bounds: they stay in cache
# From this many postings the steps run in threads, each writing its own slices.
THREADS_FROM = 4 * CHUNK
# From this many tokens scipy's compiled CSR routines build postings several times faster
# than a numpy sort; below it, importing scipy would cost more than it saves.
SPARSE_FROM = 2_000_000


def postings(
    ids: NDArray[np.int32], offsets: NDArray[np.int64], n_terms: int
) -> tuple[NDArray[np.int64], NDArray[np.int32], NDArray[np.unsignedinteger[Any]]]:
    """Count each (term, doc) pair; return term-major postings sorted by doc id."""
    if len(ids) >= SPARSE_FROM:
        return _postings_sparse(ids, offsets, n_terms)
    return _postings_sorted(ids, offsets, n_terms)


def _postings_sparse(
    ids: NDArray[np.int32], offsets: NDArray[np.int64], n_terms: int
) -> tuple[NDArray[np.int64], NDArray[np.int32], NDArray[np.unsignedinteger[Any]]]:
    """Do it with scipy's compiled CSR routines, for each half of the documents in a thread.

    scipy lets go of the GIL inside its routines, so the halves are counted side by
    side; each term's postings are then those of the first half, then the second's.
    """
    n_docs = len(offsets) - 1
    middle = int(np.searchsorted(offsets, offsets[-1] // 2))
    # Counts are summed in the narrowest type that holds the longest document's length:
    # the fewer bytes scipy scatters, the faster.
    longest = int(np.diff(offsets).max(initial=0))
    kind = np.uint8 if longest < 1 << 8 else np.uint16 if longest < 1 << 16 else np.uint32
    halves: list[Columns] = []

    def count(span: tuple[int, int]) -> None:
        halves.append(_columns(ids, offsets, *span, n_terms, kind))

    run(count, [(0, middle), (middle, n_docs)], len(ids))
    first, second = sorted(halves, key=lambda h: h.start)
    return _stack(first, second)


@dataclass(frozen=True, slots=True)
class Columns:
    """Postings of the documents from `start` on: per term, where its documents are."""

    start: int
    ptr: NDArray[np.int64]
    docs: NDArray[np.int32]
    tf: NDArray[np.unsignedinteger[Any]]


def _columns(
    ids: NDArray[np.int32],
    offsets: NDArray[np.int64],
    start: int,
    end: int,
    n_terms: int,
    kind: type[np.unsignedinteger[Any]],
) -> Columns:
    """Count each (term, doc) pair of documents start..end with scipy, term by term."""
    from scipy.sparse import csr_matrix

    lo, hi = int(offsets[start]), int(offsets[end])
    ones = np.ones(hi - lo, dtype=kind)
    rows = csr_matrix(
        (ones, ids[lo:hi], offsets[start : end + 1] - lo), shape=(end - start, n_terms)
    )
    # Transposing first leaves the caller's arrays untouched and each term's duplicates
    # adjacent (rows come out in order), so summing them needs no sort.
    cols = rows.tocsc()
    del rows, ones
    cols.has_sorted_indices = True
    cols.sum_duplicates()
    docs = cols.indices.astype(np.int32, copy=False)
    if start:
        docs += start
    # Each half as narrow as its counts allow: together, as narrow as the whole.
    return Columns(start, cols.indptr.astype(np.int64), docs, narrow(cols.data))


def _stack(
    first: Columns, second: Columns
) -> tuple[NDArray[np.int64], NDArray[np.int32], NDArray[np.unsignedinteger[Any]]]:
    """Join two halves' postings: each term's in the first half, then in the second."""
    term_ptr = first.ptr + second.ptr
    docs = np.empty(int(term_ptr[-1]), dtype=np.int32)
    tf = np.empty(len(docs), dtype=np.result_type(first.tf, second.tf))
    # A term's postings in the first half move up by the second half's postings of the
    # terms before it, and those in the second half by the first's up to it.
    for half, shift in ((first, second.ptr[:-1]), (second, first.ptr[1:])):
        for t, end in spans(half.ptr):
            lo, hi = int(half.ptr[t]), int(half.ptr[end])
            where = np.repeat(shift[t:end], np.diff(half.ptr[t : end + 1]))
            where += np.arange(lo, hi)
            docs[where] = half.docs[lo:hi]
            tf[where] = half.tf[lo:hi]
    return term_ptr, docs, tf


def spans(term_ptr: NDArray[np.int64]) -> list[tuple[int, int]]:
    """Cut the terms into runs of about CHUNK postings (a term longer than that alone)."""
    n_terms = len(term_ptr) - 1
    spans = []
    t = 0
    while t < n_terms:
        end = int(np.searchsorted(term_ptr, term_ptr[t] + CHUNK, side="right")) - 1
        end = min(max(end, t + 1), n_terms)
        spans.append((t, end))
        t = end
    return spans


def narrow(counts: NDArray[Any]) -> NDArray[np.unsignedinteger[Any]]:
    """Return the counts in the narrowest unsigned type that holds the largest."""
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
    return term_ptr, docs, narrow(counts)


def run(step: Callable[[T], None], items: Iterable[T], size: int) -> None:
    """Run step on each item, in threads if the items hold many postings in all."""
    if size < THREADS_FROM:
        for item in items:
            step(item)
        return
    from concurrent.futures import ThreadPoolExecutor  # NumPy lets go of the GIL inside

    with ThreadPoolExecutor() as pool:
        list(pool.map(step, items))
