"""Generate the seeded synthetic corpus and queries the retrieval benchmark runs on."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

VOCAB = 50_000
MIN_LEN, MAX_LEN = 40, 120
QUERIES = 100
FREQUENT_RANKS = 1_000  # a "frequent" query word is drawn from the Zipf head
CACHE = Path(__file__).parent / ".cache"


@dataclass(frozen=True)
class Corpus:
    """Token ids of every paragraph (flat, with offsets) and the queries as id lists."""

    ids: np.ndarray
    offsets: np.ndarray
    queries: list[list[int]]

    @property
    def size(self) -> int:
        """Return the number of paragraphs."""
        return len(self.offsets) - 1

    def doc(self, i: int) -> list[int]:
        """Return one paragraph's token ids."""
        return self.ids[self.offsets[i] : self.offsets[i + 1]].tolist()


def generate(n_docs: int, seed: int = 0) -> Corpus:
    """Return a corpus of n_docs paragraphs over a Zipf(1) vocabulary of 50k words."""
    rng = np.random.default_rng(seed)
    lengths = rng.integers(MIN_LEN, MAX_LEN + 1, size=n_docs)
    weights = 1.0 / np.arange(1, VOCAB + 1)
    cdf = np.cumsum(weights / weights.sum())
    word_of_rank = rng.permutation(VOCAB).astype(np.int32)  # ids carry no frequency order
    ranks = np.minimum(np.searchsorted(cdf, rng.random(int(lengths.sum()))), VOCAB - 1)
    ids = word_of_rank[ranks]
    offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
    qrng = np.random.default_rng(seed + 1)
    queries = []
    for _ in range(QUERIES):
        n = int(qrng.integers(2, 9))
        frequent = qrng.random(n) < 0.5
        frequent[0], frequent[-1] = True, False  # every query mixes both kinds
        words = [
            int(min(np.searchsorted(cdf, qrng.random()), FREQUENT_RANKS - 1))
            if f
            else int(qrng.integers(FREQUENT_RANKS, VOCAB))
            for f in frequent
        ]
        queries.append([int(word_of_rank[r]) for r in words])
    return Corpus(ids, offsets, queries)


def cached_queries(n_docs: int, seed: int = 0) -> list[list[int]]:
    """Return only the queries of a cached corpus (the serving process needs no corpus)."""
    with np.load(CACHE / f"corpus-{n_docs}-{seed}.npz") as z:
        queries: list[list[int]] = json.loads(str(z["queries"]))
    return queries


def cached(n_docs: int, seed: int = 0) -> Corpus:
    """Return the corpus, generating it once and keeping it in benchmarks/.cache."""
    path = CACHE / f"corpus-{n_docs}-{seed}.npz"
    if not path.is_file():
        CACHE.mkdir(exist_ok=True)
        c = generate(n_docs, seed)
        np.savez(path, ids=c.ids, offsets=c.offsets, queries=json.dumps(c.queries))
    with np.load(path) as z:
        return Corpus(z["ids"], z["offsets"], json.loads(str(z["queries"])))
