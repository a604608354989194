"""Tell what type of answer a question wants (a date, money, a person) and spot it in text."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from itertools import pairwise

from qa.understand.parse import Question
from qa.understand.subject import Wording

_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_YEAR = r"\b(?:1[89]|20)\d\d(?:['\u2019]?s)?\b|\b(?:last|next|this|that|the same)\s+year\b"
_MONTH = rf"\b(?:{_MONTHS})\b|\b(?:last|next|this|that|the same)\s+month\b"
_DATE = rf"{_YEAR}|{_MONTH}|\b(?:last|next|this)\s+week\b"
# A figure of money: a currency sign or a currency word beside a number. A figure in
# megawatts or people answers a different question.
_MONEY = (
    r"[$\u20ac\u00a3\u00a5]\s?\d"
    r"|\b\d[\d,.]*\s*(?:million|billion|thousand)?\s*(?:dollars|usd|riel|yen|euros?|pounds)\b"
)
# Words naming what a person is, when the sentence names no one ("the foreign minister").
_ROLES = (
    r"\b(?:minister|president|premier|king|queen|sultan|prince|leader|chancellor|secretary|"
    r"ambassador|governor|mayor|commander|chief|spokesperson|spokesman|official|officials|"
    r"experts?|envoy|delegation|chair(?:man|woman)?)\b"
)
# A name: two capitalised words in a row, or one after a title-like word.
_NAME = r"\b[A-Z][a-z]+(?:[- ][A-Z][a-z]+)+\b"
_PLACE = (
    r"\b(?:in|at|to|from|near)\s+(?:the\s+)?[A-Z][\w-]+"
    r"|\b(?i:province|city|capital|village|district|museum|base|country|island|region)\b"
)

# Each answer type's pattern and flags, compiled on first use: a question needs one type
# at most, and compiling them all would cost every `qa ask` several milliseconds.
PATTERNS: dict[str, tuple[str, int]] = {
    "date": (_DATE, re.IGNORECASE),
    "year": (_YEAR, re.IGNORECASE),
    "month": (_MONTH, re.IGNORECASE),
    "money": (_MONEY, re.IGNORECASE),
    "place": (_PLACE, 0),
    "clock": (r"\b\d{1,2}(?::\d\d)?\s*(?:a\.?m\.?|p\.?m\.?|o'clock|h\b)|\b\d{1,2}:\d\d\b", re.I),
}
_NUMBERS = "one|two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds?|thousands?|millions?"
# "How long", "how big": a figure or a number word answers; a bare noun does not.
_MEASURE = rf"\d|\b(?:{_NUMBERS}|billions?|decades?|centur(?:y|ies))\b"
HOW_MEASURE = frozenset("long big large old far many much tall wide deep heavy expensive".split())
PATTERNS["measure"] = (_MEASURE, re.IGNORECASE)
# A reason or a purpose: what a bare "why?" needs in a sentence ("because", "to mark").
PATTERNS["reason"] = (
    r"\b(?:because|since|so that|in order to|due to|thanks to|as a result|on behalf of|"
    r"to (?:commemorate|celebrate|mark|strengthen|protect|boost|ensure|promote|pay)|"
    r"for (?:its|his|her|their|the successful)\b)",
    re.IGNORECASE,
)
PATTERNS["dated"] = (rf"\b(?:{_MONTHS})\s+\d{{1,2}}\b|\b(?:1[89]|20)\d\d\b", re.IGNORECASE)
PATTERNS["role"] = (_ROLES, re.IGNORECASE)
PATTERNS["names"] = (_NAME, 0)
# What a sentence saying that something is not so holds ("does not permit").
PATTERNS["negation"] = (
    r"\b(?:not|never|no|nor|neither|without|cannot)\b|n['\u2019]t\b",
    re.IGNORECASE,
)
# "Which year", "what month", "in what date": the noun after the question word says it.
_ASKED_NOUNS = {
    "year": "year",
    "years": "year",
    "month": "month",
    "date": "date",
    "day": "date",
    "time": "clock",
    "name": "name",
    "number": "measure",
}


def wanted_type(q: Question | Wording) -> str | None:
    """Return the answer type a question needs: date, year, month, money, person, place."""
    tokens = [t.casefold() for t in q.tokens]
    for a, b in pairwise(tokens):
        if (a in ("which", "what") and b in _ASKED_NOUNS) or (a, b) == ("name", "of"):
            return _ASKED_NOUNS.get(b, "name")
    if any(a == "how" and b in HOW_MEASURE for a, b in pairwise(tokens)):
        return "money" if q.intent in ("amount", "total") else "measure"
    if q.intent == "when":
        return "date"
    if q.intent in ("amount", "total"):
        return "money"
    first = next((t for t in tokens if t in ("who", "whom", "where", "what", "which")), "")
    if first in ("who", "whom") and q.intent == "who":
        return "person"
    if first == "where":
        return "place"
    return None


def has_type(text: str, kind: str | None, people: Iterable[str] = ()) -> bool:
    """Tell whether text holds an answer of the kind (any text does when kind is None)."""
    if kind is None:
        return True
    if kind == "name":
        folded = text.casefold()
        return any(p.casefold() in folded for p in people) or any(
            m.start() > 0 for m in pattern("names").finditer(text)
        )
    if kind == "person":
        folded = text.casefold()
        return (
            any(p.casefold() in folded for p in people)
            or bool(pattern("role").search(text))
            or any(m.start() > 0 for m in pattern("names").finditer(text))
        )
    if kind == "measure":
        # "November 13" and "2025" are dates, not sizes.
        text = pattern("dated").sub(" ", text)
    return bool(pattern(kind).search(text))


@cache
def pattern(kind: str) -> re.Pattern[str]:
    """Return the compiled pattern of an answer type, or of "dated", "role" or "names"."""
    source, flags = PATTERNS[kind]
    return re.compile(source, flags)
