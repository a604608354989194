"""The postings index scores exactly like rank_bm25.BM25Okapi on seeded corpora."""

from __future__ import annotations

import functools
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from qa.search import bm25, bm25_build, counting, impact, small, topk, walk

from .test_arrays import mapped


@pytest.fixture(autouse=True)
def numpy_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rank by topk.py's NumPy paths here; test_walk.py covers the compiled walk."""
    monkeypatch.setattr(walk, "module", lambda: None)


def corpus(seed: int, docs: int, vocab: int) -> list[list[str]]:
    rng = np.random.default_rng(seed)
    lengths = rng.integers(1, 40, size=docs)
    words = rng.zipf(1.3, size=int(lengths.sum())) % vocab
    out, at = [], 0
    for n in lengths:
        out.append([f"w{w}" for w in words[at : at + n]])
        at += n
    return out


def encode(docs: list[list[str]]) -> tuple[dict[str, int], bm25.Postings]:
    vocab: dict[str, int] = {}
    ids = [vocab.setdefault(w, len(vocab)) for d in docs for w in d]
    offsets = np.cumsum([0] + [len(d) for d in docs]).astype(np.int64)
    return vocab, bm25_build.build(np.array(ids, dtype=np.int32), offsets, len(vocab))


def queries(seed: int, vocab: dict[str, int]) -> list[list[str]]:
    rng = np.random.default_rng(seed + 1)
    words = sorted(vocab, key=vocab.__getitem__)
    found = []
    for _ in range(60):
        n = int(rng.integers(1, 8))
        q = [words[int(i)] for i in rng.integers(0, len(words), size=n)]
        q += [
            words[int(i)] for i in rng.integers(0, min(5, len(words)), size=int(rng.integers(0, 3)))
        ]
        found.append([*q, "never-seen"] if rng.random() < 0.2 else q)
    return found


@pytest.mark.parametrize(("seed", "docs", "vocab"), [(1, 300, 200), (2, 2000, 3000), (3, 50, 20)])
def test_scores_match_rank_bm25_bit_for_bit(seed: int, docs: int, vocab: int) -> None:
    texts = corpus(seed, docs, vocab)
    reference = BM25Okapi(texts)
    ids, postings = encode(texts)
    assert postings.average_idf == reference.average_idf
    assert postings.avgdl == reference.avgdl
    for q in queries(seed, ids):
        expected = reference.get_scores(q)
        got = postings.scores([ids.get(w, -1) for w in q])
        assert np.max(np.abs(got - expected)) <= 1e-9
        assert np.array_equal(got, expected)  # in fact identical, bit for bit


@pytest.mark.parametrize(("seed", "docs", "vocab"), [(4, 3000, 2000), (5, 400, 60)])
def test_top_ten_equals_rank_bm25(seed: int, docs: int, vocab: int) -> None:
    texts = corpus(seed, docs, vocab)
    reference = BM25Okapi(texts)
    ids, postings = encode(texts)
    for q in queries(seed, ids):
        expected = reference.get_scores(q)
        best = sorted(expected.tolist(), reverse=True)[:10]
        found, scores = postings.top([ids.get(w, -1) for w in q], 10)
        padded = scores.tolist() + [0.0] * (10 - len(scores))
        assert padded == [s if s > 0 else 0.0 for s in best]
        assert np.array_equal(expected[found], scores)
        assert list(found) == sorted(found, key=lambda d: (-expected[d], d))


def test_negative_idf_is_floored_like_rank_bm25() -> None:
    texts = [["a", "b"], ["a", "c"], ["a", "d"], ["e"]]
    reference = BM25Okapi(texts)
    ids, postings = encode(texts)
    assert postings.idf[ids["a"]] == reference.idf["a"] == reference.epsilon * reference.average_idf
    assert np.array_equal(postings.scores([ids["a"]]), reference.get_scores(["a"]))


def test_among_restricts_ranking() -> None:
    texts = corpus(6, 500, 100)
    ids, postings = encode(texts)
    q = [ids[w] for w in texts[0][:3]]
    found, _ = postings.top(q, 5, among=np.array([0, 1, 2]))
    assert set(found.tolist()) <= {0, 1, 2}


def test_saved_postings_load_memory_mapped(tmp_path: Path) -> None:
    texts = corpus(7, 800, 300)
    ids, postings = encode(texts)
    postings.save(tmp_path)
    loaded = bm25.Postings.load(tmp_path)
    assert mapped(loaded.docs)  # mapped, not read
    q = [ids[w] for w in texts[3][:4]]
    assert np.array_equal(loaded.scores(q), postings.scores(q))
    assert [a.tolist() for a in loaded.top(q, 10)] == [a.tolist() for a in postings.top(q, 10)]


def test_sparse_and_sorted_builds_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = corpus(8, 3000, 5000)
    vocab: dict[str, int] = {}
    ids = np.array([vocab.setdefault(w, len(vocab)) for d in texts for w in d], dtype=np.int32)
    offsets = np.cumsum([0] + [len(d) for d in texts]).astype(np.int64)
    monkeypatch.setattr(counting, "SPARSE_FROM", 0)
    sparse = bm25_build.build(ids, offsets, len(vocab))
    monkeypatch.setattr(counting, "SPARSE_FROM", 10**12)
    sorted_ = bm25_build.build(ids, offsets, len(vocab))
    for name in bm25.ARRAYS:
        a, b = getattr(sparse, name), getattr(sorted_, name)
        assert a.dtype == b.dtype and np.array_equal(a, b), name


def test_the_norm_table_holds_every_document_norm() -> None:
    for texts in (corpus(3, 50, 20), [["a"] * n for n in range(1, 300)], [[], ["a"]]):
        _, p = encode(texts)
        assert np.array_equal(p.norm_table[p.norm_code], p.denom)
        assert len(p.norm_table) == len({len(d) for d in texts})


def test_terms_without_postings_score_nothing() -> None:
    texts = [["a", "b"], ["b", "c"], ["c", "d"]]
    ids = np.array([0, 1, 1, 2, 2, 3], dtype=np.int32)
    offsets = np.array([0, 2, 4, 6], dtype=np.int64)
    postings = bm25_build.build(ids, offsets, 6)  # ids 4 and 5 are in no document
    reference = BM25Okapi(texts)
    for query in ([4, 1], [5], [1, 5, 2], [0, 4, 4]):
        words = ["abcd"[t] if t < 4 else "zz" for t in query]
        assert np.array_equal(postings.scores(query), reference.get_scores(words))
        _found, scores = postings.top(query, 2)
        expected = reference.get_scores(words)
        assert scores.tolist() == sorted((s for s in expected if s > 0), reverse=True)[:2]


@functools.cache
def all_frequent_corpus() -> tuple[list[list[str]], BM25Okapi]:
    """Return a corpus of twelve words, each in a fifth to under half of the documents.

    Every query of theirs meets a candidate in most documents, yet their IDF stays
    positive (a word in over half of them would score below zero), so queries of them
    take the paths for common terms. Rarer filler words vary the lengths.
    """
    rng = np.random.default_rng(9)
    shares = np.linspace(0.22, 0.45, 12)
    texts = []
    for _ in range(2500):
        doc = [f"f{int(w)}" for w in rng.integers(0, 400, size=int(rng.integers(1, 30)))]
        for w, share in enumerate(shares):
            if rng.random() < share:
                doc += [f"w{w}"] * int(rng.integers(1, 4))
        texts.append([doc[int(i)] for i in rng.permutation(len(doc))])
    return texts, BM25Okapi(texts)


def expected_top(reference: BM25Okapi, query: list[str], k: int) -> tuple[list[int], list[float]]:
    """Return rank-bm25's k best positive scores, ties broken by document id."""
    return _expected_top(reference, tuple(query), k)


@functools.cache
def _expected_top(
    reference: BM25Okapi, query: tuple[str, ...], k: int
) -> tuple[list[int], list[float]]:
    scores = reference.get_scores(list(query))
    order = [int(d) for d in np.lexsort((np.arange(len(scores)), -scores)) if scores[d] > 0][:k]
    return order, [float(scores[d]) for d in order]


@pytest.fixture(
    params=["maxscore", "maxscore-spread", "postings-search", "batch", "units", "impact"]
)
def path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test through MaxScore a term at a time, from a batch, and by summed units.

    "maxscore-spread" looks terms up for many candidates on a scratch row of every
    document, "postings-search" by a search per posting among the candidates, never
    by searching the candidates. "units" lets MaxScore meet common terms, whose units
    tell which postings to walk or send it to summing units.
    """
    monkeypatch.setattr(small, "SMALL_INDEX", 0)  # these corpora are small: prune anyway
    share = {"impact": 0.0, "units": 0.05}.get(request.param, 2.0)
    monkeypatch.setattr(topk, "IMPACT_SHARE", share)
    if request.param == "maxscore-spread":
        monkeypatch.setattr(bm25, "SPREAD_SHARE", 0.0)
    if request.param == "postings-search":
        monkeypatch.setattr(bm25, "SCATTER_RATIO", 10**9)
        monkeypatch.setattr(bm25, "SPREAD_SHARE", 2.0)
    batch = {"batch": 0.5, "units": 0.02}.get(request.param, 0.0)
    monkeypatch.setattr(topk, "BATCH_SHARE", batch)
    monkeypatch.setattr(impact, "IMPACT_BLOCK", 16)  # several blocks even in small corpora
    monkeypatch.setattr(bm25_build, "UNIT_SHARE", 0.0)
    monkeypatch.setattr(bm25_build, "IMPACT_ROW_SHARE", 0.2)
    return str(request.param)


def test_all_frequent_queries_rank_exactly(path: str) -> None:
    texts, reference = all_frequent_corpus()
    ids, postings = encode(texts)
    words = sorted(w for w in ids if w.startswith("w"))
    df = np.diff(postings.term_ptr)[[ids[w] for w in words]]
    assert np.all((df > 0.2 * len(texts)) & (df < 0.5 * len(texts)))
    rng = np.random.default_rng(9)
    for n in range(1, 11):
        for _ in range(4):
            q = [words[int(i)] for i in rng.integers(0, len(words), size=n)]
            expected = expected_top(reference, q, 10)
            assert len(expected[0]) == 10
            found, scores = postings.top([ids[w] for w in q], 10)
            assert (found.tolist(), scores.tolist()) == expected, q


@functools.cache
def tied_corpus() -> tuple[list[list[str]], list[list[str]], BM25Okapi]:
    """Return forty documents, the corpus of each seven times (equal scores), its reference."""
    base = corpus(10, 40, 30)
    texts = [d for d in base for _ in range(7)]
    return base, texts, BM25Okapi(texts)


def test_ties_are_broken_by_document_id(path: str) -> None:
    base, texts, reference = tied_corpus()
    ids, postings = encode(texts)
    for q in (base[0][:3], base[5][:2], [base[1][0]] * 2, base[2][:6]):
        for k in (1, 3, 10, 20):
            found, scores = postings.top([ids[w] for w in q], k)
            assert (found.tolist(), scores.tolist()) == expected_top(reference, q, k), (q, k)


def test_k_beyond_the_matching_documents_returns_them_all(path: str) -> None:
    texts = [*corpus(11, 300, 20), ["rare", "x"], ["x", "rare", "rare"], ["y", "rare"]]
    reference = BM25Okapi(texts)
    ids, postings = encode(texts)
    for q in (["rare"], ["rare", "y"], ["rare", "w1"], ["w0", "w1", "w2"]):
        for k in (5, 50, 10_000):
            found, scores = postings.top([ids[w] for w in q], k)
            assert (found.tolist(), scores.tolist()) == expected_top(reference, q, k), (q, k)


def test_threads_summing_units_at_once_rank_exactly(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each thread sums units in scratch rows of its own: queries at once do not mix."""
    monkeypatch.setattr(small, "SMALL_INDEX", 0)
    monkeypatch.setattr(topk, "IMPACT_SHARE", 0.0)  # every query sums units
    monkeypatch.setattr(bm25_build, "IMPACT_ROW_SHARE", 0.2)
    texts, reference = all_frequent_corpus()
    ids, postings = encode(texts)
    rng = np.random.default_rng(14)
    words = sorted(w for w in ids if w.startswith("w"))
    asked = [[words[int(i)] for i in rng.integers(0, len(words), size=n)] for n in range(1, 9)]
    expected = [expected_top(reference, q, 10) for q in asked]
    assert all(len(docs) == 10 for docs, _ in expected)
    # Every thread sums its units before any goes on to read them back: sums in shared
    # rows would all be the last thread's.
    summed = threading.Barrier(4, timeout=30)
    near_top = impact._near_top

    def in_step(*args: Any) -> Any:
        summed.wait()
        return near_top(*args)

    monkeypatch.setattr(impact, "_near_top", in_step)

    def ask(offset: int) -> list[tuple[list[int], list[float]]]:
        found = []
        for i in range(40):
            q = asked[(i + offset) % len(asked)]
            docs, scores = postings.top([ids[w] for w in q], 10)
            found.append((docs.tolist(), scores.tolist()))
        return found

    with ThreadPoolExecutor(4) as pool:
        runs = list(pool.map(ask, range(4)))
    for offset, found in enumerate(runs):
        assert found == [expected[(i + offset) % len(asked)] for i in range(40)]


def test_bounds_in_threaded_chunks_equal_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = corpus(12, 3000, 4000)
    _, whole = encode(texts)
    monkeypatch.setattr(counting, "CHUNK", 64)
    monkeypatch.setattr(counting, "THREADS_FROM", 0)
    _, chunked = encode(texts)
    for name in bm25.ARRAYS:
        a, b = getattr(whole, name), getattr(chunked, name)
        assert a.dtype == b.dtype and np.array_equal(a, b), name


@pytest.mark.parametrize("unit_share", [0.0, 0.1])
def test_common_terms_walked_by_their_units_rank_exactly(
    monkeypatch: pytest.MonkeyPatch, unit_share: float
) -> None:
    """Mixed queries reach common terms whose units prune, and some that cannot.

    With units kept only from 10% of the documents on, those of the terms walked from
    5% on are computed from their postings.
    """
    monkeypatch.setattr(topk, "IMPACT_SHARE", 0.05)
    monkeypatch.setattr(topk, "BATCH_SHARE", 0.02)
    monkeypatch.setattr(impact, "IMPACT_BLOCK", 16)
    monkeypatch.setattr(bm25_build, "UNIT_SHARE", unit_share)
    monkeypatch.setattr(bm25_build, "IMPACT_ROW_SHARE", 0.2)
    texts = corpus(13, 2500, 2000)
    reference = BM25Okapi(texts)
    ids, postings = encode(texts)
    taken: Counter[str] = Counter()
    reaching, hopeless = impact.reaching, topk._hopeless

    def spy_reaching(p: bm25.Postings, t: int, *args: Any) -> Any:
        found = reaching(p, t, *args)
        if found is not None:
            kind = "row" if p.impact_row[t] >= 0 else "stored" if p.unit_ptr[t] >= 0 else "computed"
            taken[f"{kind} units told which documents to walk"] += 1
        return found

    def spy_hopeless(*args: Any) -> bool:
        found: bool = hopeless(*args)
        taken["summed units straight away"] += found
        return found

    monkeypatch.setattr(impact, "reaching", spy_reaching)
    monkeypatch.setattr(topk, "_hopeless", spy_hopeless)
    df = np.diff(postings.term_ptr)
    by_df = sorted(ids, key=lambda w: -df[ids[w]])
    common, rare = by_df[:40], by_df[200:]
    rng = np.random.default_rng(13)
    asked = []
    for _ in range(40):
        q = [rare[int(i)] for i in rng.integers(0, len(rare), size=int(rng.integers(1, 3)))]
        q += [common[int(i)] for i in rng.integers(0, len(common), size=int(rng.integers(1, 8)))]
        asked.append(q)
    # Found by search: the commonest term, which has a dense row of units, is walked
    # last, once the k-th best score leaves only its highest units able to reach it.
    asked += [[by_df[i] for i in q] for q in ([10, 339, 10], [204, 2, 2], [5, 10, 40, 9])]
    for q in asked:
        scores = reference.get_scores(q)
        order = [int(d) for d in np.lexsort((np.arange(len(scores)), -scores)) if scores[d] > 0]
        for k in (3, 10):
            found, got = postings.top([ids[w] for w in q], k)
            assert found.tolist() == order[:k], (q, k)
            assert got.tolist() == [float(scores[d]) for d in order[:k]], (q, k)
    walked = "stored" if unit_share == 0 else "computed"
    assert set(taken) == {
        "summed units straight away",
        "row units told which documents to walk",
        f"{walked} units told which documents to walk",
    }, taken


@pytest.mark.parametrize(
    "texts",
    [corpus(14, 500, 300), [["a", "b", "a"]], [[], ["a"], [], ["a", "b"]], [["x"] * 300, ["y"]]],
    ids=["corpus", "one-document", "empty-documents", "wide-counts"],
)
def test_sparse_halves_in_threads_equal_one_sort(
    monkeypatch: pytest.MonkeyPatch, texts: list[list[str]]
) -> None:
    vocab: dict[str, int] = {}
    ids = np.array([vocab.setdefault(w, len(vocab)) for d in texts for w in d], dtype=np.int32)
    offsets = np.cumsum([0] + [len(d) for d in texts]).astype(np.int64)
    monkeypatch.setattr(counting, "SPARSE_FROM", 10**12)
    sorted_ = bm25_build.build(ids, offsets, len(vocab))
    monkeypatch.setattr(counting, "SPARSE_FROM", 0)
    monkeypatch.setattr(counting, "CHUNK", 16)
    monkeypatch.setattr(counting, "THREADS_FROM", 0)
    sparse = bm25_build.build(ids, offsets, len(vocab))
    for name in bm25.ARRAYS:
        a, b = getattr(sparse, name), getattr(sorted_, name)
        assert a.dtype == b.dtype and np.array_equal(a, b), name
