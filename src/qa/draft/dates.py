"""Read the dates a sentence gives, completing the year from the article."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from qa.understand.quantity import find_dates

_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")


def dates_in(text: str, year: int | None) -> list[dt.date]:
    """Return the full dates written in text; a date without a year takes `year`."""
    return list(_dates(text, year))


@lru_cache(maxsize=1024)
def _dates(text: str, year: int | None) -> tuple[dt.date, ...]:
    found = []
    for ref in find_dates(text.casefold()):
        if ref.month is None or (ref.year or year) is None:
            continue
        try:
            found.append(dt.date(ref.year or year or 0, ref.month, ref.day))
        except ValueError:
            continue
    return tuple(found)


def article_year(date: str, texts: list[str]) -> int | None:
    """Return the article's year: from its metadata date, else the first full date in its text."""
    m = _YEAR.match(date or "")
    if m:
        return int(m.group(1))
    for text in texts:
        for ref in find_dates(text.casefold()):
            if ref.year:
                return ref.year
    return None
