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

A load first compares every file's name and signature at once with the recorded ones
(one dictionary equality), so the usual case, nothing moved, costs one stat per file
and nothing per file in Python; only when they differ is each file compared in turn.
"""

from __future__ import annotations

import os
import stat

# hashlib's own BLAKE2, imported without hashlib: hashlib loads OpenSSL at import.
from _blake2 import blake2b
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from qa.data.layout import ARTICLES, SYNONYMS, VOCABULARIES
from qa.errors import DataError, Problem

if TYPE_CHECKING:
    from qa.data.snapshot import File

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

    def signatures(self) -> dict[str, Signature]:
        """Return every file's stat signature as recorded: [size, mtime, ctime, inode]."""
        return {n: [s.size, s.mtime_ns, s.ctime_ns, s.inode] for n, s in self.files.items()}

    def racy(self) -> dict[str, str]:
        """Return the digest of every file changed too close to the clock to trust its stat."""
        return {n: s.digest for n, s in self.files.items() if _racy(s.ctime_ns, self.clock_ns)}


# [size, mtime, ctime, inode]: a list, as JSON gives it back, so a recorded mapping
# read from the store compares equal to a scan without converting it.
Signature = list[int]


def signed(folder: Path, recorded: Mapping[str, Signature], racy: Mapping[str, str]) -> bool | None:
    """Tell whether the folder holds files with exactly these signatures, racy ones by
    content; None if unsure.

    None (a signature moved, or the folder holds links or odd entries) asks for the
    file-by-file comparison of unchanged(), which forgives a touch without change.
    """
    try:
        root = folder.resolve()
        found = _scan(root)
    except (OSError, RuntimeError):
        return False
    if found is None or found != recorded:
        return None
    return all(_content_digest(root / name) == d for name, d in racy.items())


def _racy(ctime_ns: int, clock_ns: int) -> bool:
    return ctime_ns >= clock_ns - RACY_NS


def digest(data: bytes) -> str:
    """Return the content digest recorded for a data file."""
    return blake2b(data, digest_size=20).hexdigest()


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


def unchanged(folder: Path, recorded: Mapping[str, Stamp], clock_ns: int) -> bool:
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
    for name, (size, mtime, ctime, inode) in found.items():
        stamp = recorded[name]
        if size != stamp.size:
            return False
        same = (mtime, ctime, inode) == (stamp.mtime_ns, stamp.ctime_ns, stamp.inode)
        if same and not _racy(stamp.ctime_ns, clock_ns):
            continue
        if _content_digest(root / name) != stamp.digest:
            return False
    return True


def _read_all(folder: Path, vocabularies: tuple[str, ...]) -> dict[str, File] | None:
    from qa.data.snapshot import take_snapshot  # reading every file: `qa index`, slow checks

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


def _scan(root: Path) -> dict[str, Signature] | None:
    """Return the stat signature of every file the loader would read; None past anything
    but plain files."""
    found: dict[str, Signature] = {}
    for name in (*(f"{v}.yaml" for v in VOCABULARIES), SYNONYMS):
        try:
            info = os.lstat(root / name)
        except FileNotFoundError:
            continue
        if not stat.S_ISREG(info.st_mode):
            return None
        found[name] = [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]
    try:
        # O_NOFOLLOW: a link in place of the folder is read as the loader would, in full.
        fd = os.open(root / ARTICLES, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except FileNotFoundError:
        return found
    except OSError:
        return None
    try:
        # Names, then one lstat each relative to the open folder: cheaper than scandir's
        # entries, and a file gone in between raises, so the folder reads as changed.
        names = [n for n in os.listdir(fd) if n[0] != "." and n.endswith((".txt", ".yaml"))]
        infos = [os.stat(n, dir_fd=fd, follow_symlinks=False) for n in names]
    finally:
        os.close(fd)
    regular, prefix = stat.S_ISREG, f"{ARTICLES}/"
    for name, info in zip(names, infos, strict=True):
        if not regular(info.st_mode):
            return None
        found[prefix + name] = [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]
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
        found = blake2b(digest_size=20)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            while chunk := handle.read(1 << 18):
                found.update(chunk)
        return found.hexdigest()
    except OSError:
        return None
    finally:
        os.close(fd)
