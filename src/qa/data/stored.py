"""Read a stored dataset's parts when first used, from its open SQLite store.

An article's paragraphs and meetings are read (one indexed query each) when a
question reaches the article; every meeting only when a question asks across all.
What is read is checked against what was recorded: a damaged store is an error
naming the part, never a wrong answer.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import sqlite3
from _thread import allocate_lock
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from qa.data import corpus, records
from qa.data.codec import decode
from qa.data.routes import Routes
from qa.errors import DataError, Problem

# Reading the store must never fail on what is on disk; any of these means "stale".
DAMAGE = (sqlite3.Error, OSError, ValueError, KeyError, TypeError, IndexError)


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


class Store:
    """One open, read-only store shared by the lazily read parts of a dataset."""

    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self.db, self.path = db, path
        # Engines may answer on several threads; one connection serves them in turn. The
        # lock is threading.Lock itself, taken from _thread so `qa ask` loads no threading.
        self.lock = allocate_lock()

    def rows(self, sql: str, *args: str) -> list[Any]:
        """Run a query and return its rows."""
        with self.lock:
            return self.db.execute(sql, args).fetchall()

    def damaged(self, what: str) -> DataError:
        """Return the error for a store whose lazily read part is not what was recorded."""
        return DataError([Problem(str(self.path), 0, f"{what} is damaged; run qa index")])


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text is not None else None


def decode_article(doc: list[Any], store: Store) -> corpus.Article:
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


class StoredMeetings(corpus.ReadOnDemand[records.Meeting]):
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

    def __repr__(self) -> str:
        return f"StoredMeetings({self.size} meetings)"
