"""The compiled sums of units (_sums.c) rank exactly like rank_bm25.BM25Okapi."""

from __future__ import annotations

import dataclasses
import functools
from collections import Counter

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from qa.errors import QAError
from qa.search import bm25, small, walk
from tests.test_bm25 import encode, expected_top
from tests.test_walk import asked_at_once

# Shares of the documents holding each word "s<i>": rare ones keep no units, those in
# 1-12% keep units of their own (added posting by posting), those in 12% or more have
# dense rows of units, and those in over half score an epsilon IDF (rows of few units,
# added up as bytes in groups).
SHARES = (0.0005, 0.002, 0.005, 0.02, 0.05, 0.1, 0.15, 0.3, 0.45, 0.6, 0.7, 0.8, 0.9, 0.95)
DOCS = 10_000  # past two chunks of 4,096 documents
EDGES = (0, 4095, 4096, 8191, 8192, DOCS - 1)  # the documents holding "edge"


@functools.cache
def layered() -> tuple[list[list[str]], dict[str, int], bm25.Postings, BM25Okapi]:
    """Return a corpus with words in every band of commonness, its index and reference."""
    rng = np.random.default_rng(31)
    texts = []
    for d in range(DOCS):
        doc = [f"f{int(w)}" for w in rng.integers(0, 3000, size=int(rng.integers(1, 30)))]
        for i, share in enumerate(SHARES):
            if rng.random() < share:
                doc += [f"s{i}"] * int(rng.integers(1, 4))
        doc += ["edge"] * (d in EDGES)
        texts.append([doc[int(i)] for i in rng.permutation(len(doc))])
    ids, postings = encode(texts)
    return texts, ids, postings, BM25Okapi(texts)


@pytest.fixture(params=["seeded", "unseeded"])
def sum_all(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Leave every query to the sums, after the walk's seed or without one."""
    if walk.module() is None:
        pytest.skip("the compiled walk was not built (no C compiler at install)")
    monkeypatch.setattr(small, "SMALL_INDEX", 0)
    monkeypatch.setattr(walk, "WALK_MOST", 0.0)
    monkeypatch.setattr(walk, "SEED_MOST", 100.0 if request.param == "seeded" else -1.0)


def summed(p: bm25.Postings, query: list[int], k: int) -> tuple[list[int], list[float]] | None:
    """Return the sums' own top k (every query is left to them), or None if they left it."""
    tokens = [t for t in query if 0 <= t < len(p.idf)]
    found = walk.top(p, tokens, Counter(tokens), k)
    return None if found is None else (found[0].tolist(), found[1].tolist())


@pytest.mark.usefixtures("sum_all")
def test_the_corpus_has_every_kind_of_term() -> None:
    _, ids, p, _ = layered()
    terms = [ids[f"s{i}"] for i in range(len(SHARES))]
    kinds = Counter(
        "row" if p.impact_row[t] >= 0 else "own units" if p.unit_ptr[t] >= 0 else "computed"
        for t in terms
    )
    assert kinds["row"] >= 8 and kinds["own units"] >= 2 and kinds["computed"] >= 2
    few = [t for t in terms if p.impact_row[t] >= 0 and p.upper[t] / p.impact_scale < 60]
    assert len(few) >= 5  # rows grouped four at a time, and a group of one past them


@pytest.mark.usefixtures("sum_all")
@pytest.mark.parametrize("k", [1, 10, 100])
def test_sums_rank_exactly(k: int) -> None:
    _, ids, p, reference = layered()
    rng = np.random.default_rng(32)
    words = [f"s{i}" for i in range(len(SHARES))]
    for n in range(1, 11):
        for _ in range(4):
            q = [words[int(i)] for i in rng.integers(0, len(words), size=n)]
            q += [f"f{int(i)}" for i in rng.integers(0, 3000, size=int(rng.integers(0, 3)))]
            assert summed(p, [ids.get(w, -1) for w in q], k) == expected_top(reference, q, k), q


@pytest.mark.usefixtures("sum_all")
def test_documents_at_chunk_edges_are_found() -> None:
    _, ids, p, reference = layered()
    for q in (["edge"], ["edge", "s13"], ["edge", "s9", "s2", "s9"]):
        for k in (3, 6, 50):
            got = summed(p, [ids[w] for w in q], k)
            assert got == expected_top(reference, q, k)
    assert set(expected_top(reference, ["edge"], 10)[0]) == set(EDGES)


@pytest.mark.usefixtures("sum_all")
def test_sums_that_could_overflow_are_left_to_numpy() -> None:
    _, ids, p, reference = layered()
    q = ["s3"] * 1000 + ["s12"]  # a thousand times up to 127 units is past 16 bits
    assert summed(p, [ids[w] for w in q], 10) is None
    found, scores = p.top([ids[w] for w in q], 10)
    assert (found.tolist(), scores.tolist()) == expected_top(reference, q, 10)


@pytest.mark.usefixtures("sum_all")
def test_rows_that_could_pass_a_byte_are_not_added_up_as_bytes() -> None:
    """With no word in 1-12% of the documents, rows near their top units: four pass 255."""
    rng = np.random.default_rng(34)
    texts = []
    for _ in range(3000):
        doc = [f"f{int(w)}" for w in rng.integers(0, 20_000, size=int(rng.integers(1, 12)))]
        for i in range(6):
            if rng.random() < 0.13 + 0.01 * i:
                doc += [f"r{i}"] * int(rng.integers(1, 5))
        texts.append(doc)
    reference = BM25Okapi(texts)
    ids, p = encode(texts)
    rows = [ids[f"r{i}"] for i in range(6)]
    assert all(p.impact_row[t] >= 0 and p.upper[t] / p.impact_scale > 64 for t in rows)
    for n in range(2, 7):
        q = [f"r{i}" for i in range(n)]
        assert summed(p, [ids[w] for w in q], 10) == expected_top(reference, q, 10), q


def damaged(p: bm25.Postings, term: int) -> list[bm25.Postings]:
    """Return copies of p with one term's postings out of order or out of range, or codes."""
    lo, hi = p.span(term)
    swapped, beyond = p.docs.copy(), p.docs.copy()
    swapped[[lo + 1, hi - 2]] = swapped[[hi - 2, lo + 1]]
    beyond[hi - 1] = p.size + 3
    codes = np.full_like(p.norm_code, len(p.norm_table))
    return [
        dataclasses.replace(p, docs=swapped),
        dataclasses.replace(p, docs=beyond),
        dataclasses.replace(p, norm_code=codes),
    ]


@pytest.mark.usefixtures("sum_all")
@pytest.mark.parametrize("word", ["s1", "s4"])  # units computed, and units of its own
def test_a_damaged_index_raises_a_clear_error(word: str) -> None:
    _, ids, p, _ = layered()
    assert p.impact_row[ids[word]] < 0  # added posting by posting
    for bad in damaged(p, ids[word]):
        with pytest.raises(QAError, match="does not hold: the stored index is damaged; run qa"):
            summed(bad, [ids[word], ids["s12"]], 10)


@pytest.mark.usefixtures("sum_all")
def test_threads_sum_at_once() -> None:
    """The sums keep their state on the stack; four threads at once still rank exactly."""
    _, ids, p, reference = layered()
    rng = np.random.default_rng(33)
    words = [f"s{i}" for i in range(len(SHARES))]
    asked = [[words[int(i)] for i in rng.integers(0, len(words), size=n)] for n in range(1, 9)]
    asked_at_once(lambda q: summed(p, [ids[w] for w in q], 10), asked, reference)
