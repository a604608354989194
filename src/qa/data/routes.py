"""Hold what routes a question to articles, as one JSON document the store keeps.

Which articles each country and leader is met in, the keys naming each article, and
the lexicon's reading of every name (principals, leaders, speakers, vocabularies): a
folder of thousands of articles then loads them in one decode instead of reading every
meeting and stemming every name, and even one article starts without stemming them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

# A name's typo-correctable words with their stems, and its match key (see lexicon.py).
NameParts = tuple[tuple[tuple[str, str], ...], tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class Routes:
    """Who is met in which articles, and the tables naming the articles and principals.

    `names` holds ArticleNames' tables as JSON values; `parts` the parts of every name a
    lexicon reads, by name, so that it need not stem them again.
    """

    counterparts: dict[str, frozenset[str]]
    leaders: dict[str, frozenset[str]]
    names: dict[str, Any]
    parts: dict[str, NameParts]

    @property
    def met(self) -> frozenset[str]:
        """Return the articles holding any meeting."""
        return frozenset().union(*self.counterparts.values())


def dump_routes(routes: Routes) -> str:
    """Return the routes as one JSON document."""
    return json.dumps(
        {
            "counterparts": {c: sorted(ids) for c, ids in routes.counterparts.items()},
            "leaders": {n: sorted(ids) for n, ids in routes.leaders.items()},
            "names": routes.names,
            "parts": routes.parts,
        }
    )


def load_routes(doc: str) -> Routes:
    """Read routes back from dump_routes(); a malformed document raises ValueError."""
    found = json.loads(doc)
    if type(found) is not dict:
        raise ValueError("routes")
    counterparts = {c: frozenset(ids) for c, ids in found["counterparts"].items()}
    leaders = {n: frozenset(ids) for n, ids in found["leaders"].items()}
    parts: dict[str, NameParts] = {
        name: (tuple([(w, s) for w, s in spellings]), tuple(key))
        for name, (spellings, key) in found["parts"].items()
    }
    names = found["names"]
    if type(names) is not dict:
        raise ValueError("routes")
    return Routes(counterparts, leaders, names, parts)
