"""Generate the seeded synthetic corpus and queries the retrieval benchmark runs on."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

VOCAB = 50_000
MIN_LEN, MAX_LEN = 40, 120
QUERIES = 150
MAX_TERMS = 10
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


def _zipf(n_docs: int, seed: int) -> tuple[np.random.Generator, np.ndarray, np.ndarray, np.ndarray]:
    """Return the generator, paragraph lengths, Zipf(1) CDF and the word id of each rank."""
    rng = np.random.default_rng(seed)
    lengths = rng.integers(MIN_LEN, MAX_LEN + 1, size=n_docs)
    weights = 1.0 / np.arange(1, VOCAB + 1)
    cdf = np.cumsum(weights / weights.sum())
    word_of_rank = rng.permutation(VOCAB).astype(np.int32)  # ids carry no frequency order
    return rng, lengths, cdf, word_of_rank


def generate(n_docs: int, seed: int = 0) -> Corpus:
    """Return a corpus of n_docs paragraphs over a Zipf(1) vocabulary of 50k words."""
    rng, lengths, cdf, word_of_rank = _zipf(n_docs, seed)
    ranks = np.minimum(np.searchsorted(cdf, rng.random(int(lengths.sum()))), VOCAB - 1)
    ids = word_of_rank[ranks]
    offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
    return Corpus(ids, offsets, queries(n_docs, seed))


def queries(n_docs: int, seed: int = 0) -> list[list[int]]:
    """Return the query mix: a third all-frequent, the rest mixing head and tail words.

    All-frequent queries are the hard case for pruning: nearly every paragraph holds
    some of their words and no rare word lifts the best far above the rest. The others
    draw each word from the head or the tail by a coin toss, at least one from each.
    """
    _, _, cdf, word_of_rank = _zipf(n_docs, seed)
    rng = np.random.default_rng(seed + 1)
    found = []
    for i in range(QUERIES):
        n = int(rng.integers(2, MAX_TERMS + 1))
        if i % 3 == 0:
            frequent = np.ones(n, dtype=bool)
        else:
            frequent = rng.random(n) < 0.5
            head, tail = rng.choice(n, size=2, replace=False)
            frequent[head], frequent[tail] = True, False
        head = cdf[FREQUENT_RANKS - 1]  # head words follow Zipf, truncated to the head
        words = [
            int(np.searchsorted(cdf, rng.random() * head))
            if f
            else int(rng.integers(FREQUENT_RANKS, VOCAB))
            for f in frequent
        ]
        found.append([int(word_of_rank[r]) for r in words])
    return found


def all_frequent(query_number: int) -> bool:
    """Tell whether query i of the mix is made of Zipf-head words only."""
    return query_number % 3 == 0


def cached(n_docs: int, seed: int = 0) -> Corpus:
    """Return the corpus, generating it once and keeping it in benchmarks/.cache."""
    path = CACHE / f"corpus-{n_docs}-{seed}.npz"
    if not path.is_file():
        CACHE.mkdir(exist_ok=True)
        c = generate(n_docs, seed)
        np.savez(path, ids=c.ids, offsets=c.offsets)
    with np.load(path) as z:
        return Corpus(z["ids"], z["offsets"], queries(n_docs, seed))
