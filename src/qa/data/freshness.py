"""Tell whether a data folder still holds the files a store was built from, mostly by stat.

`qa index` records, for every data file, its content digest and its stat signature
(size, modification and change times, inode) as read, with the file system's clock
taken before the first file was read. A load then trusts a file whose signature is
unchanged and whose change time is safely older than that clock: any later write to
it, or `touch`, or `cp -p`, moves its change time, which cannot be set back. Every
other file (signature moved, or changed too close to the build to tell an edit in the
same clock tick) has its content digested and compared, as git does with "racily
clean" files. So a touch without change keeps the store, a same-size edit never does,
and a load reads only the files that moved instead of the whole folder.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from qa.data.snapshot import ARTICLES, SYNONYMS, VOCABULARIES, File, take_snapshot
from qa.errors import DataError, Problem

# A file changed this close before the build's clock is digested at every load: covers
# file systems whose timestamps are coarse (FAT keeps two seconds, HFS+ one).
RACY_NS = 3_000_000_000


@dataclass(frozen=True, slots=True)
class Stamp:
    """One data file as recorded: stat signature and content digest."""

    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int
    digest: str


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """Every data file's stamp by relative path, and the file system's clock before reading."""

    files: dict[str, Stamp]
    clock_ns: int


def digest(data: bytes) -> str:
    """Return the content digest recorded for a data file."""
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def fingerprint(folder: Path, scratch: Path) -> Fingerprint | None:
    """Read every data file as the loader does; None if any is unreadable.

    `scratch` is a writable folder on the data's file system (the index folder): a
    file made there gives the file system's own clock, which a skewed network clock
    cannot put ahead of the data files' times.
    """
    clock = _clock(scratch)
    files = _read_all(folder, VOCABULARIES)
    if files is None:
        return None
    return Fingerprint(
        {name: _stamp(f) for name, f in files.items()},
        clock,
    )


def digests(folder: Path) -> dict[str, str] | None:
    """Return every data file's content digest by relative path; None if any is unreadable."""
    files = _read_all(folder, VOCABULARIES)
    return None if files is None else {name: digest(f.data) for name, f in files.items()}


def unchanged(folder: Path, recorded: dict[str, Stamp], clock_ns: int) -> bool:
    """Tell whether the folder holds exactly the recorded files with the recorded content."""
    try:
        root = folder.resolve()
        found = _scan(root)
    except (OSError, RuntimeError):
        return False
    if found is None:  # links or odd entries: read it all as the loader would
        return digests(folder) == {n: s.digest for n, s in recorded.items()}
    if found.keys() != recorded.keys():
        return False
    for name, info in found.items():
        stamp = recorded[name]
        if info.st_size != stamp.size:
            return False
        same = (info.st_mtime_ns, info.st_ctime_ns, info.st_ino) == (
            stamp.mtime_ns,
            stamp.ctime_ns,
            stamp.inode,
        )
        if same and stamp.ctime_ns < clock_ns - RACY_NS:
            continue
        if _content_digest(root / name) != stamp.digest:
            return False
    return True


def _read_all(folder: Path, vocabularies: tuple[str, ...]) -> dict[str, File] | None:
    problems: list[Problem] = []
    try:
        snapshot = take_snapshot(folder, vocabularies, problems)
    except DataError:
        return None
    if problems:
        return None
    files = [*snapshot.vocabularies.values(), snapshot.synonyms]
    files += [f for _, meta, text in snapshot.articles for f in (meta, text)]
    prefix = len(str(folder)) + 1
    return {f.label[prefix:]: f for f in files if f is not None}


def _stamp(file: File) -> Stamp:
    size, mtime, ctime, inode = file.signature
    return Stamp(size, mtime, ctime, inode, digest(file.data))


def _clock(scratch: Path) -> int:
    import tempfile  # only `qa index` takes a fingerprint; a load never needs it

    scratch.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=scratch, prefix=".clock")
    try:
        return os.fstat(fd).st_mtime_ns
    finally:
        os.close(fd)
        os.unlink(name)


def _scan(root: Path) -> dict[str, os.stat_result] | None:
    """Return the lstat of every file the loader would read; None past anything but plain files."""
    found: dict[str, os.stat_result] = {}
    for name in (*(f"{v}.yaml" for v in VOCABULARIES), SYNONYMS):
        try:
            info = os.lstat(root / name)
        except FileNotFoundError:
            continue
        if not stat.S_ISREG(info.st_mode):
            return None
        found[name] = info
    folder = root / ARTICLES
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        return found
    if not stat.S_ISDIR(info.st_mode):
        return None
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.startswith(".") or not entry.name.endswith((".txt", ".yaml")):
                continue
            info = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(info.st_mode):
                return None
            found[f"{ARTICLES}/{entry.name}"] = info
    return found


def _content_digest(path: Path) -> str | None:
    """Return a plain file's digest, never following a link; None if it cannot be read."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return hashlib.file_digest(handle, lambda: hashlib.blake2b(digest_size=20)).hexdigest()
    except OSError:
        return None
    finally:
        os.close(fd)
