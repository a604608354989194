"""Number token strings in order of first occurrence with few dictionary lookups.

A dictionary lookup per token costs hundreds of nanoseconds at a million paragraphs:
the vocabulary's table no longer fits in cache. The tokenizer hands out one string
object per distinct word (its stemmer is memoised), so tokens are numbered by object
identity: a small direct-mapped table, kept in NumPy arrays, maps an object's address
to the id its word was given, and only the tokens it misses are looked up, one per
object. Equal words held by different objects miss separately and still get the same
id from the lookup: identity decides the speed, never the ids.

The addresses are read straight from a list's item array, as building an object array
costs several times more than copying the references into a list; any implementation
whose lists differ is detected and gets the same addresses from id(), slower.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from numpy.typing import NDArray

CHUNK = 1 << 18  # tokens per step: the step's arrays stay in the second-level cache
BITS = 18  # slots of the address table: several times the words of most vocabularies
MULTIPLIER = 0x9E3779B97F4A7C15  # odd, from the golden ratio: the top bits mix every bit
# A list is its variable-size header, then the address of its item array and its capacity.
_ITEMS_AT = list.__basicsize__ - 2 * ctypes.sizeof(ctypes.c_void_p)
_FAST = sys.implementation.name == "cpython" and ctypes.sizeof(ctypes.c_void_p) == 8


class Numbering:
    """Number tokens into a vocabulary that grows in order of first occurrence."""

    def __init__(self, vocab: dict[str, int], bits: int = BITS) -> None:
        self.vocab = vocab
        self.bits = bits
        # Address 0 is never an object's: an empty slot matches nothing.
        self._keys = np.zeros(1 << bits, dtype=np.uint64)
        self._ids = np.zeros(1 << bits, dtype=np.int32)
        # Every object whose address is in the table stays alive, so no other object
        # can take that address while the table is in use.
        self._held: list[str] = []

    def number(self, tokens: list[str], out: NDArray[np.int32]) -> None:
        """Write the id of each token to `out`, giving unseen words the next ids."""
        if not tokens:
            return
        keys = addresses(tokens)
        slots = keys * np.uint64(MULTIPLIER)
        np.right_shift(slots, np.uint64(64 - self.bits), out=slots)
        at = slots.view(np.int64)
        np.take(self._ids, at, out=out)
        missed = np.flatnonzero(self._keys[at] != keys)
        if not len(missed):
            return
        objects, first, inverse = np.unique(keys[missed], return_index=True, return_inverse=True)
        order = np.argsort(first, kind="stable")
        found = np.empty(len(objects), dtype=np.int32)
        vocab = self.vocab
        found[order] = [
            vocab.setdefault(tokens[i], len(vocab)) for i in missed[first[order]].tolist()
        ]
        out[missed] = found[inverse.ravel()]
        # A slot keeps the first object it is given: words met early are mostly the
        # frequent ones, and two words taking turns in a slot would both keep missing.
        # Of several objects wanting one empty slot, the first met takes it.
        wanting = at[missed[first[order]]]
        free, taker = np.unique(wanting, return_index=True)
        empty = self._keys[free] == 0
        free, taker = free[empty], order[taker[empty]]
        self._keys[free] = objects[taker]
        self._ids[free] = found[taker]
        self._held.extend(tokens[i] for i in missed[first[taker]].tolist())


def number(docs: Iterable[Sequence[str]], vocab: dict[str, int], total: int) -> NDArray[np.int32]:
    """Return the id of each of `total` tokens, growing vocab in order of first occurrence."""
    ids = np.empty(total, dtype=np.int32)
    number_into(docs, vocab, ids)
    return ids


def number_into(
    docs: Iterable[Sequence[str]], vocab: dict[str, int], out: NDArray[np.int32]
) -> None:
    """Write the id of each token to `out`, which holds exactly as many."""
    numbering = Numbering(vocab, BITS)
    at = 0
    chunk: list[str] = []
    for doc in docs:
        chunk += doc
        if len(chunk) >= CHUNK:
            numbering.number(chunk, out[at : at + len(chunk)])
            at += len(chunk)
            chunk = []
    numbering.number(chunk, out[at : at + len(chunk)])
    if at + len(chunk) != len(out):
        raise ValueError(f"{at + len(chunk)} tokens for {len(out)} places")


def addresses(tokens: list[str]) -> NDArray[np.uint64]:
    """Return the address of each object a list holds (its id() in CPython)."""
    n = len(tokens)
    if _FAST and n:
        start = ctypes.c_void_p.from_address(id(tokens) + _ITEMS_AT).value or 0
        cells = (ctypes.c_uint64 * n).from_address(start)
        found: NDArray[np.uint64] = np.frombuffer(memoryview(cells), dtype=np.uint64)
        ends = (0, n // 2, n - 1)
        if all(int(found[i]) == id(tokens[i]) for i in ends):
            return found
    return np.fromiter(map(id, tokens), dtype=np.uint64, count=n)
