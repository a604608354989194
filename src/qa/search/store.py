"""Keep a data folder's index on disk, and refresh it when articles are added or changed.

Layout of `DATA/.index/`: the postings arrays (bm25.py), the token-id stream they were
built from (`ids.npy`, `offsets.npy`), the vocabulary (`vocab.txt`, one term per id, and
its sorted keys, searched without building a dictionary: terms.py) and `meta.json`,
which records each article's content digest with its range of documents, and the size
and checksum of every other file. A refresh tokenizes only articles that
are new or changed, reuses the stored token ids of the others, and rebuilds the
postings from ids (seconds, even for a million paragraphs), so the result is exactly
what a build from scratch would give.

Freshness is a BLAKE2 digest of the very paragraphs that get tokenized, so an edit
that keeps a file's size and modification time, or one made while `qa index` runs, is
never mistaken for indexed text. A load checks each file's size and the arrays'
headers (a truncated array, an emptied vocabulary, a meta.json of the wrong shape mean
no index: `qa ask` builds one in memory); reading every byte for its checksum would
cost about a second at a million paragraphs, so `qa index` and `qa check` do that, and
`qa index` rebuilds from scratch an index whose checksums differ. Refreshes take a
lock file, so two never interleave.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from qa.data.corpus import Article, ParagraphTable, text_digest
from qa.data.records import Dataset
from qa.search import bm25, terms
from qa.search.arrays import map_array
from qa.search.index import Index
from qa.search.terms import Terms, read_terms, save_terms
from qa.search.tokens import encode_pieces

INDEX_DIR = ".index"
LOCK = ".index.lock"
VERSION = 7  # 7: length norms as codes into a table; an older index is rebuilt
FILES = (*terms.FILES, "ids.npy", "offsets.npy", "bm25.json", *(f"{a}.npy" for a in bm25.ARRAYS))
# Reading the stored index must never fail on what is on disk; any of these means "stale".
DAMAGE = (OSError, ValueError, KeyError, TypeError, IndexError, EOFError, AttributeError)


@dataclass(frozen=True, slots=True)
class Refresh:
    """What a refresh did: sizes, what was tokenized or reused, and how long it took."""

    path: Path
    articles: int
    paragraphs: int
    tokenized: int
    reused: int
    seconds: float


def digest(article: Article) -> str:
    """Return the BLAKE2 digest of exactly what the index tokenizes for an article."""
    return text_digest(article.paragraphs)


def _checksum(path: Path) -> str:
    import hashlib  # loads OpenSSL: only `qa index` and `qa check` read whole files

    with path.open("rb") as handle:
        return hashlib.file_digest(handle, lambda: hashlib.blake2b(digest_size=20)).hexdigest()


def _read_meta(root: Path) -> dict[str, Any] | None:
    """Return meta.json when it has exactly the expected shape, else None."""
    try:
        meta = json.loads((root / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(meta, dict) or meta.get("version") != VERSION:
        return None
    articles, files, sizes = meta.get("articles"), meta.get("files"), meta.get("sizes")
    if not (isinstance(files, dict) and isinstance(sizes, dict) and isinstance(articles, list)):
        return None
    if set(files) != set(FILES) or not all(isinstance(v, str) for v in files.values()):
        return None
    if set(sizes) != set(FILES) or not all(type(v) is int for v in sizes.values()):
        return None
    end = 0
    for a in articles:
        if not (
            isinstance(a, dict)
            and isinstance(a.get("id"), str)
            and isinstance(a.get("digest"), str)
            and isinstance(a.get("docs"), list)
            and len(a["docs"]) == 2
            and all(type(d) is int for d in a["docs"])
            and a["docs"][0] == end <= a["docs"][1]
        ):
            return None
        end = a["docs"][1]
    return meta


def _version(root: Path) -> object:
    """Return the version meta.json records, or None if it records none."""
    try:
        meta = json.loads((root / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return meta.get("version") if isinstance(meta, dict) else None


def _sized(root: Path, meta: dict[str, Any]) -> bool:
    """Tell whether every file of the index still has the size meta.json records."""
    try:
        return all((root / name).stat().st_size == meta["sizes"][name] for name in FILES)
    except OSError:
        return False


def _intact(root: Path, meta: dict[str, Any]) -> bool:
    """Tell whether every file of the index still has the checksum meta.json records."""
    try:
        return all(_checksum(root / name) == meta["files"][name] for name in FILES)
    except OSError:
        return False


def load_index(folder: Path, data: Dataset) -> Index | None:
    """Return the stored index if it is intact and matches the loaded articles, else None."""
    root = folder / INDEX_DIR
    meta = _read_meta(root)
    if meta is None:
        return None
    stored = [(a["id"], a["digest"], a["docs"][1] - a["docs"][0]) for a in meta["articles"]]
    if stored != [(a.id, digest(a), len(a.paragraphs)) for a in data.articles]:
        return None
    try:
        # Map first, check after: files swapped in between then fail the sizes.
        postings = bm25.Postings.load(root)
        vocab = Terms(root)
        # Mapped, not read: only the articles a question reaches touch their pages.
        tokens = (map_array(root / "ids.npy"), map_array(root / "offsets.npy"))
        if not _sized(root, meta):
            return None
    except DAMAGE:
        return None
    paragraphs = ParagraphTable(data.articles)
    if postings.size != len(paragraphs) or len(postings.idf) != len(vocab):
        return None
    return Index(paragraphs, vocab, postings, tokens)


def verify_index(folder: Path, data: Dataset) -> str:
    """Say what is wrong with a stored index, reading every byte; "" if current or absent."""
    root = folder / INDEX_DIR
    if not root.exists():
        return ""
    meta = _read_meta(root)
    if meta is None and _version(root) not in (None, VERSION):
        return f"{root}: the stored index is from an older version of qa; run qa index"
    if meta is None or not _intact(root, meta):
        return f"{root}: the stored index is damaged; run qa index"
    if load_index(folder, data) is None:
        return f"{root}: the stored index is stale; run qa index"
    return ""


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on the folder's index while a refresh runs."""
    import fcntl

    with (folder / LOCK).open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def refresh_index(folder: Path, data: Dataset, progress: bool | None = None) -> Refresh:
    """Bring `folder/.index` up to date with the articles, tokenizing only what changed."""
    started = time.perf_counter()
    show = sys.stderr.isatty() if progress is None else progress
    with _locked(folder):
        root, done = _refresh(folder, data, show)
    return Refresh(root, *done, time.perf_counter() - started)


def _stored(root: Path) -> tuple[dict[str, Any], dict[str, int], np.ndarray, np.ndarray]:
    """Return the reusable parts of an intact stored index; nothing when it is damaged."""
    nothing: tuple[dict[str, Any], dict[str, int], np.ndarray, np.ndarray] = (
        {},
        {},
        np.empty(0, np.int32),
        np.zeros(1, np.int64),
    )
    meta = _read_meta(root)
    if meta is None:
        return nothing
    try:
        vocab = read_terms(root)
        ids = np.load(root / "ids.npy", mmap_mode="r")
        offsets = np.load(root / "offsets.npy")
        if not _intact(root, meta):
            return nothing
    except DAMAGE:
        return nothing
    last = meta["articles"][-1]["docs"][1] if meta["articles"] else 0
    if (
        len(offsets) != last + 1
        or offsets[-1] != len(ids)
        or (len(ids) and ids.max() >= len(vocab))
    ):
        return nothing
    return {a["id"]: a for a in meta["articles"]}, vocab, ids, offsets


def _refresh(folder: Path, data: Dataset, show: bool) -> tuple[Path, tuple[int, int, int, int]]:
    root = folder / INDEX_DIR
    old, vocab, old_ids, old_offsets = _stored(root)
    digests = {a.id: digest(a) for a in data.articles}
    changed = [a for a in data.articles if old.get(a.id, {}).get("digest") != digests[a.id]]
    tokens = _tokenize(changed, vocab, show)
    pieces: list[np.ndarray] = []
    lengths: list[np.ndarray] = []
    records = []
    start = 0
    for article in data.articles:
        if article.id in tokens:
            ids, offsets = tokens[article.id]
        else:
            lo, hi = old[article.id]["docs"]
            ids = np.asarray(old_ids[old_offsets[lo] : old_offsets[hi]])
            offsets = old_offsets[lo : hi + 1] - old_offsets[lo]
        pieces.append(ids)
        lengths.append(np.diff(offsets))
        end = start + len(offsets) - 1
        records.append({"id": article.id, "digest": digests[article.id], "docs": [start, end]})
        start = end
    all_ids = np.concatenate(pieces).astype(np.int32)
    all_offsets = np.concatenate([[0], np.cumsum(np.concatenate(lengths))]).astype(np.int64)
    from qa.search import bm25_build  # only a refresh builds: `qa ask` maps the stored index

    postings = bm25_build.build(all_ids, all_offsets, len(vocab))
    _write(root, postings, all_ids, all_offsets, vocab, records)
    counts = (len(data.articles), len(all_offsets) - 1, len(changed))
    return root, (*counts, len(data.articles) - len(changed))


def _tokenize(
    articles: list[Article], vocab: dict[str, int], show: bool
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    total = sum(len(a.paragraphs) for a in articles)
    bar = _bar(total, show)
    encoded = encode_pieces([a.paragraphs for a in articles], vocab, progress=bar.update)
    bar.close()
    return {a.id: pair for a, pair in zip(articles, encoded, strict=True)}


class _Quiet:
    def update(self, n: int) -> None:
        """Ignore progress."""

    def close(self) -> None:
        """Nothing to close."""


def _bar(total: int, show: bool) -> Any:
    if not show:
        return _Quiet()
    from tqdm import tqdm

    return tqdm(total=total, unit="para", desc="tokenizing", file=sys.stderr)


def _write(
    root: Path,
    postings: bm25.Postings,
    ids: np.ndarray,
    offsets: np.ndarray,
    vocab: dict[str, int],
    records: list[dict[str, Any]],
) -> None:
    """Write everything to a fresh folder, then swap it in for the old one."""
    import shutil

    fresh = root.with_name(INDEX_DIR + ".new")
    shutil.rmtree(fresh, ignore_errors=True)
    postings.save(fresh)
    np.save(fresh / "ids.npy", ids)
    np.save(fresh / "offsets.npy", offsets)
    save_terms(fresh, vocab)
    files = {name: _checksum(fresh / name) for name in FILES}
    sizes = {name: (fresh / name).stat().st_size for name in FILES}
    meta = {"version": VERSION, "articles": records, "files": files, "sizes": sizes}
    (fresh / "meta.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")
    stale = root.with_name(INDEX_DIR + ".old")
    shutil.rmtree(stale, ignore_errors=True)
    if root.exists():
        root.rename(stale)
    fresh.rename(root)
    shutil.rmtree(stale, ignore_errors=True)
