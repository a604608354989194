"""Map index terms to ids from memory-mapped sorted keys, with no dictionary to build.

Building a dictionary of 50,000 terms took most of an index's load time. A stored
index keeps, beside `vocab.txt` (one term per line, in id order), the first KEY_BYTES
bytes of every term's UTF-8 sorted as a fixed-width NumPy array (`vocab_keys.npy`)
and each key's term id (`vocab_ids.npy`). A lookup is a binary search in the mapped
keys; only a term at least KEY_BYTES long is compared whole, with its line of
`vocab.txt`. Terms are words and never hold a newline or a NUL byte.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from qa.search.arrays import map_array

if TYPE_CHECKING:
    from numpy.typing import NDArray

KEY_BYTES = 16  # covers most words whole; longer ones share few prefixes
# Terms found are remembered, up to this many, as a binary search costs a few
# microseconds and a question's words recur; past it the memory starts afresh.
REMEMBERED = 65_536
FILES = ("vocab.txt", "vocab_keys.npy", "vocab_ids.npy")


def save_terms(folder: Path, vocab: Mapping[str, int]) -> None:
    """Write the vocabulary as vocab.txt (in id order) and its sorted keys with their ids."""
    words = sorted(vocab, key=vocab.__getitem__)
    (folder / "vocab.txt").write_text("".join(f"{w}\n" for w in words), encoding="utf-8")
    keys = np.array([w.encode("utf-8")[:KEY_BYTES] for w in words], dtype=f"S{KEY_BYTES}")
    order = np.argsort(keys, kind="stable").astype(np.int32)
    np.save(folder / "vocab_keys.npy", keys[order])
    np.save(folder / "vocab_ids.npy", order)


def read_terms(folder: Path) -> dict[str, int]:
    """Read vocab.txt into a dictionary that can grow (for a refresh)."""
    words = (folder / "vocab.txt").read_text(encoding="utf-8").split("\n")
    if words and not words[-1]:
        words.pop()  # after the last newline
    return dict(zip(words, range(len(words)), strict=True))


class Terms(Mapping[str, int]):
    """A stored index's vocabulary: term -> id, searched in memory-mapped sorted keys."""

    def __init__(self, folder: Path) -> None:
        # Plain arrays over the maps: the same pages, without np.memmap's per-item overhead.
        self._keys: NDArray[np.bytes_] = map_array(folder / "vocab_keys.npy")
        self._ids: NDArray[np.int32] = map_array(folder / "vocab_ids.npy")
        if self._keys.dtype != np.dtype(f"S{KEY_BYTES}") or self._ids.dtype != np.int32:
            raise ValueError(f"{folder}: vocabulary keys of the wrong type")
        if self._keys.shape != self._ids.shape or self._keys.ndim != 1:
            raise ValueError(f"{folder}: vocabulary keys and ids differ in length")
        self._text = folder / "vocab.txt"
        self._found: dict[str, int] = {}

    def get(self, term: str, default: Any = None) -> Any:
        """Return the term's id, or default if no paragraph holds it."""
        found = self._found.get(term)
        if found is not None:
            return found
        key = term.encode("utf-8")
        short = key[:KEY_BYTES]
        at = int(np.searchsorted(self._keys, short))
        while at < len(self._keys) and self._keys[at] == short:
            t = int(self._ids[at])
            if len(key) < KEY_BYTES or self._line(t) == key:
                if len(self._found) >= REMEMBERED:
                    self._found.clear()
                self._found[term] = t
                return t
            at += 1
        return default

    def __getitem__(self, term: str) -> int:
        found: int | None = self.get(term)
        if found is None:
            raise KeyError(term)
        return found

    def __contains__(self, term: object) -> bool:
        return isinstance(term, str) and self.get(term) is not None

    def __len__(self) -> int:
        return len(self._ids)

    def __iter__(self) -> Iterator[str]:
        return iter(self._words)

    @cached_property
    def _words(self) -> list[str]:
        """Return every term in id order, read once."""
        words = self._text.read_text(encoding="utf-8").split("\n")
        return words[: len(self)]

    @cached_property
    def _blob(self) -> NDArray[np.uint8]:
        """Return vocab.txt mapped as bytes."""
        blob: NDArray[np.uint8] = np.memmap(self._text, dtype=np.uint8, mode="r").view(np.ndarray)
        return blob

    @cached_property
    def _starts(self) -> NDArray[np.int64]:
        """Return where each line of vocab.txt starts, and its end."""
        ends = np.flatnonzero(self._blob == ord("\n"))
        starts: NDArray[np.int64] = np.concatenate([[0], ends + 1]).astype(np.int64)
        return starts

    def _line(self, t: int) -> bytes:
        """Return term t's UTF-8, read from its line of vocab.txt."""
        if t + 1 >= len(self._starts):
            return b""
        return self._blob[self._starts[t] : self._starts[t + 1] - 1].tobytes()
