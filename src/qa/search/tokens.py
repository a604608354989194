"""Turn paragraphs into token-id streams: encode without a Python loop per token.

Ids are given in order of first occurrence, as rank-bm25 meets the words, so that a
build from any split of the corpus into pieces gives the same ids as one pass.
Tokenizing (normalising, splitting, stemming) costs far more than encoding; for many
paragraphs it runs in worker processes, one piece of the articles each.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Sequence
from itertools import chain
from typing import TYPE_CHECKING

import numpy as np

from qa.data.corpus import Paragraph
from qa.understand.text import terms

if TYPE_CHECKING:
    from numpy.typing import NDArray

    Encoded = tuple[NDArray[np.int32], NDArray[np.int64]]

# Below this many paragraphs starting worker processes costs more than it saves.
PARALLEL_FROM = 20_000
RUNS_PER_WORKER = 4
# Below this many tokens a forked process costs more than it saves encoding them.
FORK_FROM = 4_000_000
RENUMBER_STEP = 1 << 16  # ids renumbered at a time: their temporary copy stays in cache
# From this many tokens numbering them by object identity beats a lookup per token.
NUMBER_FROM = 1 << 16


def paragraph_terms(p: Paragraph) -> list[str]:
    """Return the terms a paragraph is indexed under: its heading's and its text's."""
    return terms(f"{p.heading} {p.text}")


class _Growing(dict[str, int]):
    """A vocabulary that gives an unseen term the next id when it is looked up."""

    def __missing__(self, term: str) -> int:
        self[term] = n = len(self)
        return n


def encode(docs: Iterable[Sequence[str]], vocab: dict[str, int], workers: int = 1) -> Encoded:
    """Map token lists to ids, growing vocab in order of first occurrence; return ids, offsets.

    With workers > 1, many tokens are encoded in that many processes forked to share
    the token lists, each a contiguous part, merged in order: the same ids as one pass.
    """
    docs = docs if isinstance(docs, list) else list(docs)
    offsets = np.zeros(len(docs) + 1, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, docs), dtype=np.int64, count=len(docs)), out=offsets[1:])
    if workers > 1 and offsets[-1] >= FORK_FROM:
        from multiprocessing import get_all_start_methods  # costs start-up: only here

        if "fork" in get_all_start_methods():
            return _encode_forked(docs, offsets, vocab, workers), offsets
    ids = np.empty(int(offsets[-1]), dtype=np.int32)
    _encode_into(docs, vocab, ids)
    return ids, offsets


def _encode_into(docs: list[Sequence[str]], vocab: dict[str, int], out: NDArray[np.int32]) -> None:
    """Write the id of every token of docs to `out`, which holds exactly as many."""
    if len(out) >= NUMBER_FROM:
        from qa.search.numbering import number_into

        number_into(docs, vocab, out)
        return
    growing = _Growing(vocab)
    # map() runs the dict lookups in C; only new terms reach Python, in __missing__.
    tokens = map(growing.__getitem__, chain.from_iterable(docs))
    out[:] = np.fromiter(tokens, dtype=np.int32, count=len(out))
    for term in list(growing)[len(vocab) :]:
        vocab[term] = growing[term]


# What a forked encoding process inherits: the token lists and where to write their ids.
_SHARED: list[tuple[list[Sequence[str]], NDArray[np.int32]]] = []


def _encode_shared(docs: tuple[int, int], tokens: tuple[int, int]) -> list[str]:
    """Encode inherited token lists, against a vocabulary of their own, into their place."""
    everything, ids = _SHARED[0]
    local: dict[str, int] = {}
    _encode_into(everything[docs[0] : docs[1]], local, ids[tokens[0] : tokens[1]])
    return list(local)


def _encode_forked(
    docs: list[Sequence[str]], offsets: NDArray[np.int64], vocab: dict[str, int], workers: int
) -> NDArray[np.int32]:
    """Encode the first part here while forked processes encode the others in place."""
    import mmap
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    total = int(offsets[-1])
    cuts = np.searchsorted(offsets, np.arange(1, workers) * total / workers).tolist()
    bounds = list(zip([0, *cuts], [*cuts, len(docs)], strict=True))
    spans = [(int(offsets[a]), int(offsets[b])) for a, b in bounds]
    # Anonymous shared memory: the forked processes write their ids where this one reads
    # them, with nothing pickled; it is named nowhere, so it goes with its last user.
    shared = mmap.mmap(-1, max(4 * total, 1))
    ids = np.frombuffer(shared, dtype=np.int32, count=total)
    _SHARED[:] = [(docs, ids)]
    try:
        with ProcessPoolExecutor(workers - 1, mp_context=get_context("fork")) as pool:
            later = [
                pool.submit(_encode_shared, b, s)
                for b, s in zip(bounds[1:], spans[1:], strict=True)
            ]
            _encode_into(docs[: bounds[0][1]], vocab, ids[: spans[0][1]])
            for (lo, hi), done in zip(spans[1:], later, strict=True):
                _renumber(done.result(), vocab, ids[lo:hi])
    finally:
        _SHARED.clear()
    return ids


def _renumber(local: list[str], vocab: dict[str, int], ids: NDArray[np.int32]) -> None:
    """Turn a part's local ids into vocab's in place; vocab grows in first-occurrence order."""
    mapping = np.fromiter(
        (vocab.setdefault(t, len(vocab)) for t in local), dtype=np.int32, count=len(local)
    )
    for at in range(0, len(ids), RENUMBER_STEP):
        part = ids[at : at + RENUMBER_STEP]
        part[:] = mapping[part]


def _encode_local(pieces: list[list[Paragraph]]) -> list[tuple[list[str], Encoded]]:
    """Tokenize and encode each piece against its own vocabulary."""
    found = []
    for paragraphs in pieces:
        local: dict[str, int] = {}
        encoded = encode([paragraph_terms(p) for p in paragraphs], local)
        found.append((list(local), encoded))
    return found


def _merge(local: list[str], encoded: Encoded, vocab: dict[str, int]) -> Encoded:
    """Renumber a piece's local ids into vocab, which grows in first-occurrence order."""
    ids, offsets = encoded
    mapping = np.fromiter(
        (vocab.setdefault(t, len(vocab)) for t in local), dtype=np.int32, count=len(local)
    )
    return mapping[ids], offsets


def encode_pieces(
    pieces: Sequence[Sequence[Paragraph]],
    vocab: dict[str, int],
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[Encoded]:
    """Tokenize and encode pieces of paragraphs (articles), in worker processes if many.

    `progress` is told how many paragraphs each finished run of pieces held.
    """
    sizes = [len(p) for p in pieces]
    total = sum(sizes)
    if workers is None:
        workers = (os.cpu_count() or 1) if total >= PARALLEL_FROM else 1
    # Contiguous runs of about equal size, a few per worker to show progress; merged in
    # order, they keep the order of first occurrence.
    n_runs = min(len(pieces), workers * RUNS_PER_WORKER) or 1
    bounds = np.searchsorted(np.cumsum(sizes), np.arange(1, n_runs) * total / n_runs).tolist()
    runs = [
        [list(p) for p in pieces[a:b]]
        for a, b in zip([0, *bounds], [*bounds, len(pieces)], strict=True)
    ]
    found: list[Encoded] = []
    with contextlib.ExitStack() as stack:
        if workers > 1 and len(runs) > 1:
            from concurrent.futures import ProcessPoolExecutor  # costs start-up: only here

            pool = stack.enter_context(ProcessPoolExecutor(max_workers=workers))
            done: Iterable[list[tuple[list[str], Encoded]]] = pool.map(_encode_local, runs)
        else:
            done = map(_encode_local, runs)
        for run in done:
            found.extend(_merge(words, encoded, vocab) for words, encoded in run)
            if progress is not None:
                progress(sum(len(e[1]) - 1 for _, e in run))
    return found
