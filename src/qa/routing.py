"""Compute what routes a question to articles: who is met where, and the articles' names."""

from __future__ import annotations

from collections import defaultdict

from qa.data.records import Dataset
from qa.data.routes import Routes
from qa.understand.article import ArticleNames
from qa.understand.lexicon import name_parts


def routes_of(data: Dataset) -> Routes:
    """Return the routes of a dataset in memory, as the store keeps them."""
    counterparts: dict[str, set[str]] = defaultdict(set)
    leaders: dict[str, set[str]] = defaultdict(set)
    for m in data.meetings:
        counterparts[m.country].add(m.article)
        leaders[m.leader.name].add(m.article)
    parts = {n: name_parts(n) for p in data.principals for n in (p.name, *p.aliases)}
    return Routes(
        {c: frozenset(ids) for c, ids in counterparts.items()},
        {n: frozenset(ids) for n, ids in leaders.items()},
        ArticleNames(data).tables(),
        parts,
    )
