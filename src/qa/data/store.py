"""Keep the validated dataset in SQLite beside the index, so loading skips YAML and checks.

`qa index` writes `DATA/.index/dataset.sqlite`: one row per data file with the BLAKE2
digest of its bytes (`files`, read through the same snapshot the loader uses, so links
out of the folder are never followed), one JSON document per
article holding its metadata, paragraphs and meetings (`articles`), the counterpart
and leader of every meeting, indexed by article, country and leader (`meetings`), and
the vocabularies (`vocab`). Loading uses it
only when every data file on disk has the recorded digest and no file was added or
removed (a same-size edit that keeps the modification time is still seen); anything
else (a missing, damaged or stale store) means "load the YAML".
Parsing and validating YAML costs about 14 ms per article; reading the store costs a
fraction of that. The JSON is decoded into known record types only: nothing in the
store can name a type to build or code to run.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import sqlite3
from pathlib import Path
from typing import Any

from qa.data import corpus, records
from qa.data.dataset import VOCABULARIES
from qa.data.snapshot import take_snapshot
from qa.errors import DataError, Problem

STORE = "dataset.sqlite"
VERSION = 4
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


def fingerprint(folder: Path) -> dict[str, str] | None:
    """Return each data file's content digest by relative path; None if any is unreadable."""
    problems: list[Problem] = []
    try:
        snapshot = take_snapshot(folder, VOCABULARIES, problems)
    except DataError:
        return None
    if problems:
        return None
    files = [*snapshot.vocabularies.values(), snapshot.synonyms]
    files += [f for _, meta, text in snapshot.articles for f in (meta, text)]
    prefix = len(str(folder)) + 1
    return {
        f.label[prefix:]: hashlib.blake2b(f.data, digest_size=20).hexdigest()
        for f in files
        if f is not None
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


def save_dataset(
    folder: Path, data: records.Dataset, root: Path, files: dict[str, str] | None
) -> Path | None:
    """Write the dataset to `root/dataset.sqlite` (atomically) and return its path.

    `files` is the fingerprint taken before `data` was loaded: an edit made while
    loading then leaves the store stale rather than recorded as current. None (a file
    could not be read) writes nothing.
    """
    if files is None:
        return None
    root.mkdir(parents=True, exist_ok=True)
    target = root / STORE
    fresh = root / (STORE + ".new")
    fresh.unlink(missing_ok=True)
    with sqlite3.connect(fresh) as db:
        db.executescript(
            """
            CREATE TABLE meta (version INTEGER);
            CREATE TABLE files (path TEXT PRIMARY KEY, digest TEXT);
            CREATE TABLE articles (id TEXT PRIMARY KEY, doc TEXT);
            CREATE TABLE meetings (article TEXT, country TEXT, leader TEXT, names TEXT, doc TEXT);
            CREATE INDEX meetings_by_article ON meetings (article);
            CREATE INDEX meetings_by_country ON meetings (country);
            CREATE INDEX meetings_by_leader ON meetings (leader);
            CREATE TABLE vocab (doc TEXT);
            """
        )
        db.execute("INSERT INTO meta VALUES (?)", (VERSION,))
        db.executemany(
            "INSERT INTO files VALUES (?, ?)",
            sorted(files.items()),
        )
        db.executemany(
            "INSERT INTO articles VALUES (?, ?)",
            [(a.id, json.dumps(_encode_article(a))) for a in data.articles],
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
    db.close()
    os.replace(fresh, target)
    return target


def load_stored(folder: Path, root: Path) -> records.Dataset | None:
    """Return the stored dataset when it matches every data file now, else None."""
    path = root / STORE
    if not path.is_file():
        return None
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return _read(folder, db, path)
        finally:
            db.close()
    except DAMAGE:
        return None


def _read(folder: Path, db: sqlite3.Connection, path: Path) -> records.Dataset | None:
    (version,) = db.execute("SELECT version FROM meta").fetchone()
    if version != VERSION:
        return None
    stored = dict(db.execute("SELECT path, digest FROM files"))
    if stored != fingerprint(folder):
        return None
    keys: dict[str, Any] = {}
    articles = [
        _decode_article(json.loads(doc), keys)
        for (doc,) in db.execute("SELECT doc FROM articles ORDER BY id")
    ]
    rows = db.execute("SELECT article, country, leader FROM meetings").fetchall()
    (doc,) = db.execute("SELECT doc FROM vocab").fetchone()
    countries, topics, titles, synonyms, warnings = decode(json.loads(doc))
    return records.Dataset(
        tuple(articles),
        tuple(a.principal for a in articles if a.principal),
        countries,
        topics,
        titles,
        StoredMeetings(path, keys, rows),
        synonyms,
        warnings,
    )


def _encode_article(a: corpus.Article) -> list[Any]:
    """Encode an article with its paragraphs as plain rows, and the keys that name it."""
    from qa.understand.article import name_keys

    rows = [[p.number, p.heading, p.text] for p in a.paragraphs]
    fields = [a.id, a.title, a.publisher, a.date, a.url, a.path, a.headline]
    return [fields, encode(a.occasion), encode(a.principal), rows, name_keys(a)]


def _decode_article(doc: list[Any], keys: dict[str, Any]) -> corpus.Article:
    (aid, title, publisher, date, url, path, headline), occasion, principal, rows, names = doc
    paragraphs = tuple([corpus.Paragraph(aid, n, h, t) for n, h, t in rows])
    keys[aid] = [(tuple(key), framing) for key, framing in names]
    return corpus.Article(
        aid,
        title,
        publisher,
        date,
        url,
        path,
        paragraphs,
        headline,
        decode(occasion),
        decode(principal),
    )


class StoredMeetings(tuple):  # type: ignore[type-arg]
    """A dataset's meetings, read from the store per article, or all at first full use.

    Routing a question needs only who met whom (`rows`, read at load); an article's
    engine needs that article's meetings (one indexed query). Only a question asked
    across every article reads them all.
    """

    def __new__(cls, path: Path, keys: dict[str, Any], rows: list[tuple[str, str, str]]) -> Any:
        return super().__new__(cls)

    def __init__(self, path: Path, keys: dict[str, Any], rows: list[tuple[str, str, str]]) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = None
        # The keys that name each article, stored so routing need not stem them again.
        self.name_keys = keys
        self.rows = rows
        self._all: tuple[records.Meeting, ...] | None = None

    def names_only(self) -> tuple[records.Meeting, ...]:
        """Return one stand-in meeting per distinct leader and speakers, for name lookup.

        They carry only what a lexicon reads (the leader and who is quoted), so a
        question's names are recognised without reading every meeting.
        """
        db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        try:
            docs = [d for (d,) in db.execute("SELECT DISTINCT names FROM meetings")]
        finally:
            db.close()
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
        return tuple(decode(json.loads(doc)) for (doc,) in self._query(article_id))

    def _query(self, article_id: str | None) -> list[tuple[str]]:
        if self._db is None:
            # One read-only connection for the engine's lifetime; opening one per query
            # costs more than the query.
            self._db = sqlite3.connect(
                f"file:{self.path}?mode=ro", uri=True, check_same_thread=False
            )
        if article_id is None:
            return self._db.execute("SELECT doc FROM meetings ORDER BY rowid").fetchall()
        sql = "SELECT doc FROM meetings WHERE article = ? ORDER BY rowid"
        return self._db.execute(sql, (article_id,)).fetchall()

    def all(self) -> tuple[records.Meeting, ...]:
        """Return every meeting, reading them once."""
        if self._all is None:
            self._all = tuple(decode(json.loads(doc)) for (doc,) in self._query(None))
        return self._all

    def __iter__(self) -> Any:
        return iter(self.all())

    def __len__(self) -> int:
        return len(self.rows)

    def __bool__(self) -> bool:
        return bool(self.rows)

    def __getitem__(self, key: Any) -> Any:
        return self.all()[key]

    def __contains__(self, item: object) -> bool:
        return item in self.all()

    def __eq__(self, other: object) -> bool:
        return self.all() == (other.all() if isinstance(other, StoredMeetings) else other)

    def __hash__(self) -> int:
        return hash(self.all())

    def __add__(self, other: Any) -> Any:
        return self.all() + tuple(other)

    def __repr__(self) -> str:
        return f"StoredMeetings({len(self.rows)} meetings)"
