"""Keep the validated dataset in SQLite beside the index, so loading skips YAML and checks.

`qa index` writes `DATA/.index/dataset.sqlite`: one row per data file with its stat
signature and BLAKE2 digest (`files`, read through the same snapshot the loader uses,
so links out of the folder are never followed; see freshness.py), and every signature
at once with the digests of files too new to trust by signature (`meta`); one JSON
document listing every article's record but its text (metadata, event, principal, its
paragraph count and text digest: `articles`), its paragraphs (`paragraphs`), the
counterpart and leader of every meeting, indexed by article, country and leader
(`meetings`), the vocabularies (`vocab`), and what routes a question to articles
(`routes`: who is met where, the keys naming each article, see routes.py). Loading
uses it only when the folder holds exactly the recorded files with the recorded
content; anything else (a missing, damaged or stale store) means "load the YAML".
A load reads the articles' records and the routes only: an article's paragraphs and
meetings are read (one indexed query each) when a question reaches it. Parsing and
validating YAML costs about 14 ms per article; reading the store costs a fraction of
that. The JSON is decoded into known record types only (codec.py): nothing in the
store can name a type to build or code to run. The parts read later are in stored.py.
"""

from __future__ import annotations

import gc
import json
import os
import sqlite3
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from qa.data import records
from qa.data.codec import decode, encode, encode_article
from qa.data.freshness import Fingerprint, Stamp, digests, fingerprint, signed, unchanged
from qa.data.routes import dump_routes, load_routes
from qa.data.stored import DAMAGE, Store, StoredMeetings, decode_article, uncollected

__all__ = [
    "STORE",
    "Fingerprint",
    "StoredMeetings",
    "fingerprint",
    "load_stored",
    "save_dataset",
    "uncollected",
    "verify_store",
]

STORE = "dataset.sqlite"
VERSION = 7


@contextmanager
def settled() -> Iterator[None]:
    """Load with the collector paused, then keep what was loaded out of its scans.

    Otherwise the first collection after a load rescans every object the load made (a
    fifth of a load at 10,000 articles), and each full collection after it does again.
    Frozen objects are still freed when nothing refers to them; cyclic garbage among them
    waits for the next load, which unfreezes and collects first.
    """
    if gc.get_freeze_count():
        gc.unfreeze()
        gc.collect()
    with uncollected():
        yield
        gc.freeze()


def save_dataset(
    folder: Path, data: records.Dataset, root: Path, files: Fingerprint | None
) -> Path | None:
    """Write the dataset to `root/dataset.sqlite` (atomically) and return its path.

    `files` is the fingerprint taken before `data` was loaded: an edit made while
    loading then leaves the store stale rather than recorded as current. None (a file
    could not be read) writes nothing.
    """
    if files is None:
        return None
    from qa.routing import routes_of

    root.mkdir(parents=True, exist_ok=True)
    target = root / STORE
    fresh = root / (STORE + ".new")
    fresh.unlink(missing_ok=True)
    with sqlite3.connect(fresh) as db:
        db.executescript(
            """
            CREATE TABLE meta (version INTEGER, clock INTEGER, signatures TEXT, racy TEXT);
            CREATE TABLE files (
                path TEXT PRIMARY KEY, size INTEGER, mtime INTEGER, ctime INTEGER,
                inode INTEGER, digest TEXT
            );
            CREATE TABLE articles (doc TEXT);
            CREATE TABLE paragraphs (article TEXT PRIMARY KEY, rows TEXT);
            CREATE TABLE meetings (article TEXT, country TEXT, leader TEXT, names TEXT, doc TEXT);
            CREATE INDEX meetings_by_article ON meetings (article);
            CREATE INDEX meetings_by_country ON meetings (country);
            CREATE INDEX meetings_by_leader ON meetings (leader);
            CREATE TABLE vocab (doc TEXT);
            CREATE TABLE routes (doc TEXT);
            """
        )
        db.execute(
            "INSERT INTO meta VALUES (?, ?, ?, ?)",
            (VERSION, files.clock_ns, json.dumps(files.signatures()), json.dumps(files.racy())),
        )
        db.executemany(
            "INSERT INTO files VALUES (?, ?, ?, ?, ?, ?)",
            [
                (path, s.size, s.mtime_ns, s.ctime_ns, s.inode, s.digest)
                for path, s in sorted(files.files.items())
            ],
        )
        # One document for all: a load decodes it in one call rather than one per article.
        listed = [encode_article(a) for a in sorted(data.articles, key=lambda a: a.id)]
        db.execute("INSERT INTO articles VALUES (?)", (json.dumps(listed),))
        db.executemany(
            "INSERT INTO paragraphs VALUES (?, ?)",
            [
                (a.id, json.dumps([[p.number, p.heading, p.text] for p in a.paragraphs]))
                for a in data.articles
            ],
        )
        db.executemany(
            "INSERT INTO meetings VALUES (?, ?, ?, ?, ?)",
            [
                (
                    m.article,
                    m.country,
                    m.leader.name,
                    json.dumps([encode(m.leader), [q.speaker for q in m.quotes]]),
                    json.dumps(encode(m)),
                )
                for m in data.meetings
            ],
        )
        from qa.understand.currency import written_forms

        money = written_forms(x.currency for m in data.meetings for x in m.money if x.currency)
        vocab = [data.countries, data.topics, data.titles, data.synonyms, data.warnings, money]
        db.execute("INSERT INTO vocab VALUES (?)", (json.dumps(encode(vocab)),))
        db.execute("INSERT INTO routes VALUES (?)", (dump_routes(routes_of(data)),))
    db.close()
    os.replace(fresh, target)
    return target


def load_stored(folder: Path, root: Path) -> records.Dataset | None:
    """Return the stored dataset when it matches every data file now, else None.

    The store stays open (read-only) for as long as the dataset lives, so what is read
    later comes from the very file that was checked, even if `qa index` replaces it.
    """
    path = root / STORE
    if not path.is_file():
        return None
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    except DAMAGE:
        return None
    store = Store(db, path)
    try:
        data = _read(folder, store)
    except DAMAGE:
        data = None
    if data is None:
        db.close()
    else:
        # Closed when the last part of the dataset that reads from it is gone.
        weakref.finalize(store, db.close)
    return data


def verify_store(folder: Path, root: Path) -> str:
    """Say whether a stored dataset is stale by every file's content; "" if current or absent."""
    path = root / STORE
    if not path.exists():
        return ""
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            ((version,),) = db.execute("SELECT version FROM meta").fetchall()
            recorded = dict(db.execute("SELECT path, digest FROM files").fetchall())
        db.close()
    except DAMAGE:
        return f"{path}: the stored dataset is damaged; run qa index"
    if version != VERSION or recorded != digests(folder):
        return f"{path}: the stored dataset is stale; run qa index"
    return ""


def _read(folder: Path, store: Store) -> records.Dataset | None:
    (version,) = store.rows("SELECT version FROM meta")[0]
    if version != VERSION:
        return None
    (clock, signatures, racy) = store.rows("SELECT clock, signatures, racy FROM meta")[0]
    signatures, racy = json.loads(signatures), json.loads(racy)
    if type(signatures) is not dict or type(racy) is not dict:
        raise ValueError(racy)
    fresh = signed(folder, signatures, racy)
    if fresh is None:
        stamps = {
            path: Stamp(size, mtime, ctime, inode, digest)
            for path, size, mtime, ctime, inode, digest in store.rows("SELECT * FROM files")
        }
        fresh = unchanged(folder, stamps, clock)
    if not fresh:
        return None
    (doc,) = store.rows("SELECT doc FROM articles")[0]
    articles = [decode_article(found, store) for found in json.loads(doc)]
    (doc,) = store.rows("SELECT doc FROM vocab")[0]
    countries, topics, titles, synonyms, warnings, money = decode(json.loads(doc))
    from qa.understand.currency import remember_written

    remember_written(money)
    (doc,) = store.rows("SELECT doc FROM routes")[0]
    ((count,),) = store.rows("SELECT count(*) FROM meetings")
    meetings = StoredMeetings(store, load_routes(doc), count)
    return records.Dataset(
        tuple(articles),
        tuple(a.principal for a in articles if a.principal),
        countries,
        topics,
        titles,
        meetings,
        synonyms,
        warnings,
    )
