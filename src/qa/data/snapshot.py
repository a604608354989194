"""Read a whole data folder into memory at once, refusing links that lead out of it.

A load reads every file through one resolved folder path before anything is parsed, so
swapping the folder (or a symlink to it) mid-load cannot mix two versions, and every
file problem (a link out of the folder, a loop, a folder where a file belongs, an
unreadable file) becomes a located Problem instead of an OS error.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from qa.data.layout import ARTICLES, SYNONYMS
from qa.errors import DataError, Problem

# Data files are a few kilobytes per article; a limit keeps a runaway or hostile file
# from being parsed at all.
MAX_YAML_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class File:
    """One file read from the data folder: the name to report it by, its bytes, and its
    stat signature (size, modification and change times in ns, inode) before reading."""

    label: str
    data: bytes
    signature: tuple[int, int, int, int] = (0, 0, 0, 0)


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The files of a data folder as read at one moment: vocabularies and article pairs."""

    folder: Path
    root: Path
    vocabularies: dict[str, File | None]
    # (id, YAML, text): the YAML is None for an uncurated text, both for an unreadable pair.
    articles: tuple[tuple[str, File | None, File | None], ...]
    synonyms: File | None = None


class Reader:
    """Read files below one resolved root, reporting each failure as a Problem."""

    def __init__(self, folder: Path, root: Path, problems: list[Problem]) -> None:
        self.folder, self.root, self.problems = folder, root, problems

    def report(self, label: str, message: str) -> None:
        """Record a problem about a whole file (no line)."""
        self.problems.append(Problem(label, 0, message))

    def inside(self, relative: str, label: str) -> Path | None:
        """Return the real path of a name below the root, or None after reporting why not."""
        path = self.root / relative
        try:
            real = path.resolve()
        except (OSError, RuntimeError):  # Python 3.11 raises RuntimeError on a loop
            self.report(label, "symlink loops back on itself")
            return None
        if real != self.root and self.root not in real.parents:
            self.report(label, "symlink points outside the data folder")
            return None
        return real

    def read(self, relative: str, limit: int | None = None) -> File | None:
        """Return a regular file's bytes, or None after reporting what is wrong with it."""
        label = str(self.folder / relative)
        real = self.inside(relative, label)
        if real is None:
            return None
        try:
            # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below.
            fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK)
        except FileNotFoundError:
            self.report(label, "file not found")
            return None
        except OSError as exc:
            self.report(label, _reason(exc))
            return None
        try:
            info = os.fstat(fd)
            if stat.S_ISDIR(info.st_mode):
                self.report(label, "is a folder, not a file")
                return None
            if not stat.S_ISREG(info.st_mode):
                self.report(label, "is not a regular file")
                return None
            if limit is not None and info.st_size > limit:
                self.report(label, f"file is {info.st_size:,} bytes; the limit is {limit:,}")
                return None
            with os.fdopen(fd, "rb", closefd=False) as handle:
                signature = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
                return File(label, handle.read(), signature)
        except OSError as exc:
            self.report(label, _reason(exc))
            return None
        finally:
            os.close(fd)

    def names(self, relative: str) -> list[str]:
        """Return the sorted entry names of a folder below the root, reporting failures."""
        label = str(self.folder / relative)
        real = self.inside(relative, label)
        if real is None:
            return []
        try:
            return sorted(os.listdir(real))
        except FileNotFoundError:
            return []
        except NotADirectoryError:
            self.report(label, "is a file, not a folder")
        except OSError as exc:
            self.report(label, _reason(exc))
        return []


def _reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "cannot be read: permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a folder, not a file"
    return f"cannot be read: {exc.strerror or type(exc).__name__}"


def take_snapshot(folder: Path, vocabularies: tuple[str, ...], problems: list[Problem]) -> Snapshot:
    """Resolve the folder once and read every data file below it into memory."""
    try:
        root = folder.resolve()
    except (OSError, RuntimeError):
        raise DataError([Problem(str(folder), 0, "symlink loops back on itself")]) from None
    if not root.is_dir():
        raise DataError([Problem(str(folder), 0, "data folder not found")])
    reader = Reader(folder, root, problems)
    vocab: dict[str, File | None] = {}
    for name in vocabularies:
        relative = f"{name}.yaml"
        if os.path.lexists(root / relative):
            vocab[name] = reader.read(relative, MAX_YAML_BYTES)
        else:
            reader.report(str(folder / relative), f"missing {name}.yaml")
            vocab[name] = None
    # The synonym table is optional: read it only when the folder has one.
    synonyms = reader.read(SYNONYMS, MAX_YAML_BYTES) if os.path.lexists(root / SYNONYMS) else None
    articles: list[tuple[str, File | None, File | None]] = []
    entries = reader.names(ARTICLES)
    curated = {e[: -len(".yaml")] for e in entries if e.endswith(".yaml")}
    for entry in entries:
        if entry.startswith("."):
            continue
        if entry.endswith(".txt") and entry[: -len(".txt")] not in curated:
            # A text with no YAML beside it is answered from its passages alone.
            articles.append((entry[: -len(".txt")], None, reader.read(f"{ARTICLES}/{entry}")))
            continue
        if not entry.endswith(".yaml"):
            continue
        stem = entry[: -len(".yaml")]
        meta = reader.read(f"{ARTICLES}/{entry}", MAX_YAML_BYTES)
        text_name = f"{ARTICLES}/{stem}.txt"
        if meta is not None and not os.path.lexists(root / text_name):
            reader.report(meta.label, f"article text {stem}.txt not found beside it")
            continue
        text = reader.read(text_name) if meta is not None else None
        articles.append((stem, meta, text))
    return Snapshot(folder, root, vocab, tuple(articles), synonyms)
