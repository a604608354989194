"""Number token strings in order of first occurrence with one dictionary lookup per word.

A dictionary lookup per token costs hundreds of nanoseconds at a million paragraphs:
the vocabulary's table no longer fits in cache. The tokenizer hands out one string
object per distinct word (its stemmer is memoised), so the tokens of a chunk are first
grouped by object identity, hashing their addresses with NumPy, and only one token of
each group is looked up. Equal words held by different objects fall into different
groups and still get the same id from the lookup: identity decides the speed, never
the ids.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import chain, islice
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from numpy.typing import NDArray

CHUNK = 1 << 22  # tokens per step: their object array and groups take a few tens of MB
BITS = 17  # slots of the address table: a few times the distinct words of a chunk, in cache
# Odd 64-bit multipliers (the golden ratio's, Murmur3's): each round hashes with its own,
# so addresses that share a slot in one round rarely share one in the next.
MULTIPLIERS = (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F)


def number(docs: Iterable[Sequence[str]], vocab: dict[str, int], total: int) -> NDArray[np.int32]:
    """Return the id of each of `total` tokens, growing vocab in order of first occurrence."""
    ids = np.empty(total, dtype=np.int32)
    tokens = chain.from_iterable(docs)
    for start in range(0, total, CHUNK):
        n = min(CHUNK, total - start)
        objects = np.fromiter(islice(tokens, n), dtype=object, count=n)
        groups = group(addresses(objects), BITS)
        first = np.full(int(groups.max(initial=0)) + 1, n, dtype=np.int64)
        np.minimum.at(first, groups, np.arange(n, dtype=np.int64))
        present = np.flatnonzero(first < n)
        present = present[np.argsort(first[present], kind="stable")]
        term_of = np.zeros(len(first), dtype=np.int32)
        term_of[present] = [
            vocab.setdefault(objects[i], len(vocab)) for i in first[present].tolist()
        ]
        ids[start : start + n] = term_of[groups]
    return ids


def addresses(objects: NDArray[np.object_]) -> NDArray[np.uint64]:
    """Return the address of each object an object array holds (its id() in CPython)."""
    import ctypes  # costs start-up: only when building at scale

    # NumPy will not view an array of references as integers; its buffer is the pointers.
    cells = (ctypes.c_uint64 * len(objects)).from_address(objects.ctypes.data)
    found: NDArray[np.uint64] = np.frombuffer(memoryview(cells), dtype=np.uint64).copy()
    return found


def group(keys: NDArray[np.uint64], bits: int = BITS) -> NDArray[np.int64]:
    """Give equal keys the same number and different keys different ones (not dense).

    Each round writes the keys left into a table by hash; the keys found in their slot
    afterwards own it, and the others try again with the next hash. Whatever is left
    after the last round is sorted.
    """
    table = np.empty(1 << bits, dtype=np.uint64)
    groups = _slots(keys, MULTIPLIERS[0], bits)
    table[groups] = keys
    lost = np.flatnonzero(table[groups] != keys)
    base = 1 << bits
    for multiplier in MULTIPLIERS[1:]:
        if not len(lost):
            return groups
        left = keys[lost]
        slot = _slots(left, multiplier, bits)
        table[slot] = left
        won = table[slot] == left
        groups[lost[won]] = slot[won] + base
        lost = lost[~won]
        base += 1 << bits
    if len(lost):
        _, inverse = np.unique(keys[lost], return_inverse=True)
        groups[lost] = inverse.ravel() + base
    return groups


def _slots(keys: NDArray[np.uint64], multiplier: int, bits: int) -> NDArray[np.int64]:
    """Hash keys to table slots by multiplying: the top bits mix every bit of the key."""
    product = keys * np.uint64(multiplier)
    np.right_shift(product, np.uint64(64 - bits), out=product)
    slots: NDArray[np.int64] = product.view(np.int64)
    return slots
