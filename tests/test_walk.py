"""The compiled walk and sums rank exactly like rank_bm25.BM25Okapi, or leave the query."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from qa.errors import QAError
from qa.search import bm25, small, walk
from tests.test_bm25 import (
    all_frequent_corpus,
    corpus,
    encode,
    expected_top,
    queries,
    tied_corpus,
)

# (WALK_MOST, SEED_MOST) as shares of the documents
MODES = {
    "seeded": (100.0, 100.0),  # every query walked
    "unseeded": (100.0, -1.0),  # theta from the walk alone
    "summed": (0.0, 100.0),  # seeded, then left to the sums of units (_sums.c)
    "summed unseeded": (0.0, -1.0),
    "shipped": (walk.WALK_MOST, walk.SEED_MOST),
}


@pytest.fixture(params=list(MODES))
def mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Rank through the walk in each of its modes; skipped where it was not built."""
    if walk.module() is None:
        pytest.skip("the compiled walk was not built (no C compiler at install)")
    monkeypatch.setattr(small, "SMALL_INDEX", 0)  # these corpora are small: walk anyway
    for name, share in zip(("WALK_MOST", "SEED_MOST"), MODES[request.param], strict=True):
        monkeypatch.setattr(walk, name, share)
    return str(request.param)


def walked(p: bm25.Postings, query: list[int], k: int) -> tuple[list[int], list[float]] | None:
    """Return the walk's own top k, or None when it left the query."""
    from collections import Counter

    tokens = [t for t in query if 0 <= t < len(p.idf)]
    found = walk.top(p, tokens, Counter(tokens), k)
    return None if found is None else (found[0].tolist(), found[1].tolist())


def both(p: bm25.Postings, query: list[int], k: int, mode: str) -> tuple[list[int], list[float]]:
    """Return the top k through Postings.top, checking the walk's own answer is the same."""
    found, scores = p.top(query, k)
    got = (found.tolist(), scores.tolist())
    own = walked(p, query, k)
    if mode != "shipped":
        assert own == got
    return got


@pytest.mark.parametrize(("seed", "docs", "vocab"), [(1, 300, 200), (2, 2000, 3000), (5, 400, 60)])
def test_top_k_equals_rank_bm25(mode: str, seed: int, docs: int, vocab: int) -> None:
    texts = corpus(seed, docs, vocab)
    reference = BM25Okapi(texts)
    ids, postings = encode(texts)
    for q in queries(seed, ids):
        known = [w for w in q if w in ids]
        for k in (1, 10):
            got = both(postings, [ids.get(w, -1) for w in q], k, mode)
            assert got == expected_top(reference, known, k), (q, k)


def test_all_frequent_queries_rank_exactly(mode: str) -> None:
    texts, reference = all_frequent_corpus()
    ids, postings = encode(texts)
    words = sorted(w for w in ids if w.startswith("w"))
    rng = np.random.default_rng(19)
    for n in range(1, 11):
        for _ in range(3):
            q = [words[int(i)] for i in rng.integers(0, len(words), size=n)]
            assert both(postings, [ids[w] for w in q], 10, mode) == expected_top(reference, q, 10)


def test_ties_are_broken_by_document_id(mode: str) -> None:
    base, texts, reference = tied_corpus()
    ids, postings = encode(texts)
    for q in (base[0][:3], base[5][:2], [base[1][0]] * 3, base[2][:6]):
        for k in (1, 3, 10, 20):
            got = both(postings, [ids[w] for w in q], k, mode)
            assert got == expected_top(reference, q, k), (q, k)


def test_k_beyond_the_matching_documents_returns_them_all(mode: str) -> None:
    texts = [*corpus(11, 300, 20), ["rare", "x"], ["x", "rare", "rare"], ["y", "rare"]]
    reference = BM25Okapi(texts)
    ids, postings = encode(texts)
    for q in (["rare"], ["rare", "y"], ["rare", "rare", "w1"], ["w0", "w1", "w2"]):
        for k in (5, 50, 10_000):
            got = both(postings, [ids[w] for w in q], k, mode)
            assert got == expected_top(reference, q, k), (q, k)


def test_wide_counts_and_many_lengths_rank_exactly(mode: str) -> None:
    """Frequencies past 255 and over 256 distinct lengths take the two-byte reads."""
    rng = np.random.default_rng(20)
    texts = [[f"w{int(w)}" for w in rng.zipf(1.5, size=n) % 50] for n in range(1, 400)]
    texts += [["w1"] * 300 + ["w2"], ["w2"] * 2]
    reference = BM25Okapi(texts)
    ids, postings = encode(texts)
    assert postings.tf.dtype == np.uint16 and postings.norm_code.dtype == np.uint16
    for q in (["w1"], ["w1", "w2"], ["w2", "w3", "w2"], ["w4", "w7", "w1", "w30"]):
        assert both(postings, [ids[w] for w in q], 10, mode) == expected_top(reference, q, 10)


@pytest.fixture
def walk_all(monkeypatch: pytest.MonkeyPatch) -> None:
    """Walk every query to the end; skipped where the walk was not built."""
    if walk.module() is None:
        pytest.skip("the compiled walk was not built (no C compiler at install)")
    monkeypatch.setattr(walk, "WALK_MOST", 100.0)


def asked_at_once(
    rank: Callable[[list[str]], object], asked: list[list[str]], reference: BM25Okapi
) -> None:
    """Rank the queries from four threads at once, each from its own offset, and check them."""
    expected = [expected_top(reference, q, 10) for q in asked]
    started = threading.Barrier(4, timeout=30)

    def ask(offset: int) -> list[object]:
        started.wait()
        return [rank(asked[(i + offset) % len(asked)]) for i in range(40)]

    with ThreadPoolExecutor(4) as pool:
        runs = list(pool.map(ask, range(4)))
    for offset, found in enumerate(runs):
        assert found == [expected[(i + offset) % len(asked)] for i in range(40)]


@pytest.mark.usefixtures("walk_all")
def test_threads_walk_at_once() -> None:
    """The walk lets go of the GIL; queries in four threads at once still rank exactly."""
    texts, reference = all_frequent_corpus()
    ids, postings = encode(texts)
    rng = np.random.default_rng(21)
    words = sorted(ids)
    asked = [[words[int(i)] for i in rng.integers(0, len(words), size=n)] for n in range(1, 9)]
    asked_at_once(lambda q: walked(postings, [ids[w] for w in q], 10), asked, reference)


@pytest.mark.usefixtures("walk_all")
def test_a_damaged_index_raises_a_clear_error() -> None:
    """A document id or length code past the end is refused, never read out of bounds."""
    ids, postings = encode(corpus(4, 3000, 2000))
    query = [ids["w2"]]
    docs = postings.docs.copy()
    lo, hi = postings.span(ids["w2"])
    docs[lo:hi] = postings.size + 5
    codes = np.full_like(postings.norm_code, len(postings.norm_table))
    for damaged in (
        dataclasses.replace(postings, docs=docs),
        dataclasses.replace(postings, norm_code=codes),
    ):
        with pytest.raises(QAError, match="does not hold: the stored index is damaged; run qa"):
            walked(damaged, query, 10)


@pytest.mark.usefixtures("walk_all")
def test_queries_it_cannot_take_are_left_to_numpy() -> None:
    texts = [[f"w{i}" for i in range(d, d + 80)] for d in range(100)]
    reference = BM25Okapi(texts)
    ids, postings = encode(texts)
    long_query = [f"w{i}" for i in range(0, 170, 2)]  # more terms than the walk takes
    assert walked(postings, [ids[w] for w in long_query], 10) is None
    found, scores = postings.top([ids[w] for w in long_query], 10)
    assert (found.tolist(), scores.tolist()) == expected_top(reference, long_query, 10)
    built = walk.module()
    assert built is not None
    term = (postings.docs[:3], postings.tf[:3], 1.0, 1.0, 1, None, None, 1.0, None)
    table, code = postings.norm_table, postings.norm_code
    with pytest.raises(ValueError, match="code: items of 8 bytes"):
        built.top([term], (0,), table, table, 10, (1, 1), 1.0)
    with pytest.raises(ValueError, match="a token names no term"):
        built.top([term], (1,), table, code, 10, (1, 1), 1.0)
