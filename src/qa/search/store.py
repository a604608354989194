"""Keep a data folder's index on disk, and refresh it when articles are added or changed.

Layout of `DATA/.index/`: the postings arrays (bm25.py), the token-id stream they were
built from (`ids.npy`, `offsets.npy`), the vocabulary (`vocab.txt`, one term per id)
and `meta.json`, which records each article's text file size and mtime with its range
of documents. A refresh tokenizes only articles that are new or changed, reuses the
stored token ids of the others, and rebuilds the postings from ids (seconds, even for a
million paragraphs), so the result is exactly what a build from scratch would give.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from qa.data.corpus import Article
from qa.data.records import Dataset
from qa.search import bm25, bm25_build
from qa.search.index import Index
from qa.search.tokens import encode_pieces

INDEX_DIR = ".index"
VERSION = 1


@dataclass(frozen=True, slots=True)
class Refresh:
    """What a refresh did: sizes, what was tokenized or reused, and how long it took."""

    path: Path
    articles: int
    paragraphs: int
    tokenized: int
    reused: int
    seconds: float


def _stamp(article: Article) -> dict[str, Any]:
    stat = Path(article.path).stat()
    return {"id": article.id, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def _unchanged(article: Article, old: dict[str, dict[str, Any]]) -> bool:
    prev = old.get(article.id)
    return prev is not None and {k: prev[k] for k in ("id", "size", "mtime_ns")} == _stamp(article)


def _read_meta(root: Path) -> dict[str, Any] | None:
    try:
        meta: dict[str, Any] = json.loads((root / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return meta if meta.get("version") == VERSION else None


def _read_vocab(root: Path) -> dict[str, int]:
    terms = (root / "vocab.txt").read_text(encoding="utf-8").split("\n")
    if terms and not terms[-1]:
        terms.pop()  # after the last newline
    return dict(zip(terms, range(len(terms)), strict=True))


def load_index(folder: Path, data: Dataset) -> Index | None:
    """Return the stored index if it matches the articles on disk now, else None."""
    root = folder / INDEX_DIR
    meta = _read_meta(root)
    if meta is None:
        return None
    stored = [{k: a[k] for k in ("id", "size", "mtime_ns")} for a in meta["articles"]]
    try:
        if stored != [_stamp(a) for a in data.articles]:
            return None
        postings = bm25.Postings.load(root)
        vocab = _read_vocab(root)
    except (OSError, ValueError, KeyError):
        return None
    paragraphs = [p for a in data.articles for p in a.paragraphs]
    if postings.size != len(paragraphs):
        return None
    return Index(paragraphs, vocab, postings)


def refresh_index(folder: Path, data: Dataset, progress: bool | None = None) -> Refresh:
    """Bring `folder/.index` up to date with the articles, tokenizing only what changed."""
    started = time.perf_counter()
    root = folder / INDEX_DIR
    show = sys.stderr.isatty() if progress is None else progress
    meta = _read_meta(root)
    old = {a["id"]: a for a in meta["articles"]} if meta else {}
    vocab = _read_vocab(root) if meta else {}
    old_ids = np.load(root / "ids.npy", mmap_mode="r") if meta else np.empty(0, np.int32)
    old_offsets = np.load(root / "offsets.npy") if meta else np.zeros(1, np.int64)
    changed = [a for a in data.articles if not _unchanged(a, old)]
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
        records.append({**_stamp(article), "docs": [start, end]})
        start = end
    all_ids = np.concatenate(pieces).astype(np.int32)
    all_offsets = np.concatenate([[0], np.cumsum(np.concatenate(lengths))]).astype(np.int64)
    postings = bm25_build.build(all_ids, all_offsets, len(vocab))
    _write(root, postings, all_ids, all_offsets, vocab, records)
    return Refresh(
        root,
        len(data.articles),
        len(all_offsets) - 1,
        len(changed),
        len(data.articles) - len(changed),
        time.perf_counter() - started,
    )


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
    terms = sorted(vocab, key=vocab.__getitem__)
    (fresh / "vocab.txt").write_text("\n".join(terms) + "\n", encoding="utf-8")
    meta = {"version": VERSION, "articles": records}
    (fresh / "meta.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")
    stale = root.with_name(INDEX_DIR + ".old")
    shutil.rmtree(stale, ignore_errors=True)
    if root.exists():
        root.rename(stale)
    fresh.rename(root)
    shutil.rmtree(stale, ignore_errors=True)
