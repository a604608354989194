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
that. The JSON is decoded into known record types only: nothing in the store can name
a type to build or code to run.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import json
import os
import sqlite3
import threading
import weakref
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, overload

from qa.data import corpus, records
from qa.data.freshness import Fingerprint, Stamp, digests, fingerprint, signed, unchanged
from qa.data.routes import Routes, dump_routes, load_routes
from qa.errors import DataError, Problem

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
VERSION = 6
# Reading the store must never fail on what is on disk; any of these means "stale".
DAMAGE = (sqlite3.Error, OSError, ValueError, KeyError, TypeError, IndexError)
_TYPES: dict[str, type[Any]] = {
    t.__name__: t
    for t in (
        corpus.Article,
        corpus.Paragraph,
        corpus.Occasion,
        records.Person,
        records.Term,
        records.Synonym,
        records.Meeting,
        records.Money,
        records.Agreement,
        records.Request,
        records.Position,
        records.Quote,
        records.Event,
        records.Discussion,
        Problem,
    )
}


def encode(value: Any) -> Any:
    """Turn a record (nested dataclasses, tuples, dates) into plain JSON values.

    A record becomes {"type": [field values in order]}, a date {"date": "YYYY-MM-DD"},
    a tuple a list; positional fields keep the documents small and quick to rebuild.
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = [encode(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init]
        return {type(value).__name__: fields}
    if isinstance(value, tuple | list):
        return [encode(v) for v in value]
    if isinstance(value, dt.date):
        return {"date": value.isoformat()}
    return value


def decode(value: Any) -> Any:
    """Rebuild records from encode()'s output; only known record types are built."""
    if type(value) is list:
        return tuple([decode(v) for v in value])
    if type(value) is dict:
        ((kind, fields),) = value.items()
        if kind == "date":
            return dt.date.fromisoformat(fields)
        return _TYPES[kind](*[decode(v) for v in fields])
    return value


@contextmanager
def uncollected() -> Iterator[None]:
    """Pause the garbage collector while many records are built.

    Decoding makes hundreds of thousands of small objects and no cyclic garbage; the
    collector would rescan them again and again (a third of a load at 10,000 articles,
    more beside an engine already loaded).
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


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
        listed = [_encode_article(a) for a in sorted(data.articles, key=lambda a: a.id)]
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
        vocab = [data.countries, data.topics, data.titles, data.synonyms, data.warnings]
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


class Store:
    """One open, read-only store shared by the lazily read parts of a dataset."""

    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self.db, self.path = db, path
        # Engines may answer on several threads; one connection serves them in turn.
        self.lock = threading.Lock()

    def rows(self, sql: str, *args: str) -> list[Any]:
        """Run a query and return its rows."""
        with self.lock:
            return self.db.execute(sql, args).fetchall()

    def damaged(self, what: str) -> DataError:
        """Return the error for a store whose lazily read part is not what was recorded."""
        return DataError([Problem(str(self.path), 0, f"{what} is damaged; run qa index")])


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
    articles = [_decode_article(found, store) for found in json.loads(doc)]
    (doc,) = store.rows("SELECT doc FROM vocab")[0]
    countries, topics, titles, synonyms, warnings = decode(json.loads(doc))
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


def _encode_article(a: corpus.Article) -> list[Any]:
    """Encode what an article's record holds but its paragraphs."""
    fields = [a.id, a.title, a.publisher, a.date, a.url, a.path, a.headline]
    count, digest = len(a.paragraphs), corpus.text_digest(a.paragraphs)
    # Flat lists, not encode()'s tagged records: every load decodes one per article.
    event = a.occasion
    occasion = event and [
        event.name,
        event.aliases,
        event.place,
        _day(event.start),
        _day(event.end),
    ]
    who = a.principal
    principal = who and [who.name, who.title, who.country, who.aliases]
    return [fields, occasion, principal, count, digest]


def _day(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text is not None else None


def _decode_article(doc: list[Any], store: Store) -> corpus.Article:
    (aid, title, publisher, date, url, path, headline), event, who, count, digest = doc
    if type(count) is not int or type(digest) is not str:
        raise ValueError(aid)
    paragraphs = corpus.LazyParagraphs(count, digest, _paragraph_reader(store, aid, count, digest))
    occasion = None
    if event is not None:
        name, aliases, place, start, end = event
        occasion = corpus.Occasion(name, tuple(aliases), place, _date(start), _date(end))
    principal = None
    if who is not None:
        name, title_, country, aliases = who
        principal = records.Person(name, title_, country, tuple(aliases))
    return corpus.Article(
        aid, title, publisher, date, url, path, paragraphs, headline, occasion, principal
    )


def _paragraph_reader(
    store: Store, aid: str, count: int, digest: str
) -> Callable[[], tuple[corpus.Paragraph, ...]]:
    def read() -> tuple[corpus.Paragraph, ...]:
        try:
            (rows,) = store.rows("SELECT rows FROM paragraphs WHERE article = ?", aid)[0]
            found = tuple([corpus.Paragraph(aid, n, h, t) for n, h, t in json.loads(rows)])
        except DAMAGE:
            raise store.damaged(f"the text of {aid}") from None
        if len(found) != count or corpus.text_digest(found) != digest:
            raise store.damaged(f"the text of {aid}")
        return found

    return read


class StoredMeetings(Sequence[records.Meeting]):
    """A dataset's meetings, read from the store per article, or all at first full use.

    Routing a question needs only who met whom (`routes`, read at load); an article's
    engine needs that article's meetings (one indexed query). Only a question asked
    across every article reads them all.
    """

    def __init__(self, store: Store, routes: Routes, count: int) -> None:
        self.store = store
        self.routes = routes
        self.size = count
        self._all: tuple[records.Meeting, ...] | None = None

    def names_only(self) -> tuple[records.Meeting, ...]:
        """Return one stand-in meeting per distinct leader and speakers, for name lookup.

        They carry only what a lexicon reads (the leader and who is quoted), so a
        question's names are recognised without reading every meeting.
        """
        docs = [d for (d,) in self.store.rows("SELECT DISTINCT names FROM meetings")]
        nobody = records.Person("", "", "", ())
        found = []
        for doc in docs:
            leader, speakers = json.loads(doc)
            quotes = tuple(records.Quote((), None, (), s, "said", "") for s in speakers)
            person = decode(leader)
            found.append(
                records.Meeting(
                    "", "", person.country, "", nobody, person, None, (), (), (), (), (), (),
                    quotes, (),
                )
            )  # fmt: skip
        return tuple(found)

    def of(self, article_id: str) -> tuple[records.Meeting, ...]:
        """Return one article's meetings (an indexed query)."""
        sql = "SELECT doc FROM meetings WHERE article = ? ORDER BY rowid"
        return self._decode(self.store.rows(sql, article_id), article_id)

    @property
    def read(self) -> bool:
        """Tell whether every meeting has been read yet."""
        return self._all is not None

    def all(self) -> tuple[records.Meeting, ...]:
        """Return every meeting, reading them once."""
        if self._all is None:
            rows = self.store.rows("SELECT doc FROM meetings ORDER BY rowid")
            self._all = self._decode(rows, "every article")
        return self._all

    def _decode(self, rows: list[tuple[str]], what: str) -> tuple[records.Meeting, ...]:
        try:
            with uncollected():
                found = tuple(decode(json.loads(doc)) for (doc,) in rows)
            if all(type(m) is records.Meeting for m in found):
                return found
        except DAMAGE:
            pass
        raise self.store.damaged(f"the meetings of {what}")

    def __len__(self) -> int:
        return self.size

    @overload
    def __getitem__(self, key: int) -> records.Meeting: ...
    @overload
    def __getitem__(self, key: slice) -> tuple[records.Meeting, ...]: ...
    def __getitem__(self, key: int | slice) -> records.Meeting | tuple[records.Meeting, ...]:
        return self.all()[key]

    def __iter__(self) -> Iterator[records.Meeting]:
        return iter(self.all())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, StoredMeetings):
            return self.all() == other.all()
        return self.all() == other if isinstance(other, tuple) else NotImplemented

    def __hash__(self) -> int:
        return hash(self.all())

    def __repr__(self) -> str:
        return f"StoredMeetings({self.size} meetings)"
