"""The dense pass over a small index ranks exactly as the pruned search does."""

from __future__ import annotations

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from qa.search import bm25, small, topk
from tests.test_bm25 import corpus, encode, expected_top, queries


def both(p: bm25.Postings, query: list[int], k: int) -> tuple[list[object], list[object]]:
    """Return (dense, pruned) top k, each as (ids, scores) lists."""
    dense_ids, dense_scores = small.top(p, query, k)
    pruned_ids, pruned_scores = topk.top(p, query, k)
    return [dense_ids.tolist(), dense_scores.tolist()], [
        pruned_ids.tolist(),
        pruned_scores.tolist(),
    ]


@pytest.mark.parametrize(("seed", "docs", "vocab"), [(21, 60, 40), (22, 300, 200), (23, 90, 8)])
def test_dense_pass_equals_pruned_search(seed: int, docs: int, vocab: int) -> None:
    texts = corpus(seed, docs, vocab)
    ids, postings = encode(texts)
    for q in queries(seed, ids):
        tokens = [ids.get(w, -1) for w in q]
        for k in (1, 5, 10, docs * 2):
            dense, pruned = both(postings, tokens, k)
            assert dense == pruned, (q, k)


def test_ties_and_k_beyond_the_matches_equal_rank_bm25() -> None:
    base = corpus(24, 12, 30)
    texts = [d for d in base for _ in range(4)] + [["rare", "x"], ["x", "rare", "rare"]]
    reference = BM25Okapi(texts)
    ids, postings = encode(texts)
    for q in (base[0][:3], [base[1][0]] * 2, ["rare"], ["rare", "x"], base[2][:6]):
        for k in (1, 3, 10, 1000):
            found, scores = small.top(postings, [ids[w] for w in q], k)
            assert (found.tolist(), scores.tolist()) == expected_top(reference, q, k), (q, k)
            assert both(postings, [ids[w] for w in q], k)[0] == [found.tolist(), scores.tolist()]


def test_negative_idf_and_unknown_terms_rank_as_pruned() -> None:
    texts = [["a", "b"], ["a", "c"], ["a"], ["d", "a", "a"]]  # "a" everywhere: IDF floored
    ids, postings = encode(texts)
    for q in (["a"], ["a", "d"], ["c", "a", "c"], ["b", "never"]):
        tokens = [ids.get(w, -1) for w in q]
        dense, pruned = both(postings, tokens, 3)
        assert dense == pruned, q
    assert small.top(postings, [-1], 3)[0].tolist() == []
    assert small.top(postings, [ids["a"]], 0)[0].tolist() == []


def test_postings_choose_the_dense_pass_by_size(monkeypatch: pytest.MonkeyPatch) -> None:
    _, postings = encode(corpus(25, 50, 30))
    calls: list[int] = []
    dense = small.top
    monkeypatch.setattr(small, "top", lambda p, q, k: calls.append(k) or dense(p, q, k))
    postings.top([0, 1], 4)
    postings.top([0, 1], 4, among=np.arange(10, dtype=np.int64))
    monkeypatch.setattr(small, "SMALL_INDEX", postings.size - 1)
    postings.top([0, 1], 4)
    assert calls == [4]
