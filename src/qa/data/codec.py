"""Turn records into plain JSON values and back, building only known record types.

The store keeps records as JSON: nothing in it can name a type to build or code to
run, and positional fields keep its documents small and quick to rebuild.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from qa.data import corpus, records
from qa.errors import Problem

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


def encode_article(a: corpus.Article) -> list[Any]:
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
