"""Read dates and money amounts in questions, and write them back out in answers."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            "january jan",
            "february feb",
            "march mar",
            "april apr",
            "may",
            "june jun",
            "july jul",
            "august aug",
            "september sep sept",
            "october oct",
            "november nov",
            "december dec",
        ],
        start=1,
    )
    for name in names.split()
}
_MONTH = r"(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
# Each pattern is a plain sequence with bounded repeats, so matching stays linear.
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?:,?\s+(\d{{4}}))?")
_DAY_MONTH = re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b(?:,?\s+(\d{{4}}))?")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_BARE_DAY = re.compile(r"\bthe\s+(\d{1,2})(?:st|nd|rd|th)\b")
# A second day sharing the month just written: "November 13 and 14", "12-14 November".
_NEXT_DAY = re.compile(
    r"\s*(?:,|and|or|to|through|till|until|-|\u2013)\s*(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?\b"
    r"(?!\s*(?:million|billion|thousand|%|dollars))"
)
_DAY_BEFORE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s*(?:-|\u2013|to|and|or|through)\s*$")
# Every date pattern needs a digit; most questions have none and skip the patterns.
_DIGIT = re.compile(r"\d")
_SPAN = re.compile(r"\b(?:between|from)\b|\d\s*(?:to|through|till|until|-|\u2013)\s*(?:the\s+)?\d")
# Money is read with CLDR's tables (qa.understand.currency), whose loading is only worth
# paying for when a question holds something like an amount: a sign or scale by a number.
_MONEYISH = re.compile(
    r"[^\w\s.,;:!?'\"()\-/]\s?\d|\d\s?(?:thousand|million|billion|trillion|bn|mn|tn|k|m)\b"
    r"|\d,\d{3}\s[a-z]",
    re.IGNORECASE,
)
_WORD_AMOUNT = re.compile(
    r"\b(half a|a|one|two|three|four|five|six|seven|eight|nine|ten|a hundred|hundred)\s+"
    r"(million|billion|thousand)\s+(?:us\s)?(?:dollars|usd)\b"
)
# A figure written without a currency ("over 50 million", "half a million", "200k") is an
# amount too when nothing after it says what it counts ("a thousand years" is not money).
_BARE_AMOUNT = re.compile(
    r"(?<![\w$€£¥.,])(?:(\d{1,15}(?:\.\d{1,6})?)\s?(thousand|million|billion|bn|mn|k|m)"
    r"|(half a|a|one|two|three|four|five|six|seven|eight|nine|ten|a hundred|hundred)\s+"
    r"(million|billion|thousand)|(\d{1,3}(?:,\d{3})+))\b"
    r"(?=\s*(?:[?.!,;]|$|(?:us\s)?(?:dollars|usd)\b|(?:to|for|in|from|on|at|than|or|and|"
    r"each|altogether|total|more|less|bigger|larger|greater|higher|smaller|lower|over|under|"
    r"above|below|is|was)\b))"
)
_NUMBER_WORDS: dict[str, float] = {
    "a": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
}
_NUMBER_WORDS |= {"half a": 0.5}
_NUMBER_WORDS |= {"seven": 7, "eight": 8, "nine": 9, "ten": 10, "a hundred": 100, "hundred": 100}
# Every amount pattern needs a digit or one of these scale words: text with neither holds none.
_ANY_AMOUNT = re.compile(r"\d|thousand|million|billion")
_SCALE = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9}


@dataclass(frozen=True, slots=True)
class DateRef:
    """A date named in a question; month or year may be unknown ("the 12th")."""

    day: int
    month: int | None = None
    year: int | None = None

    def matches(self, date: dt.date | None) -> bool:
        """Tell whether a recorded date fits this possibly partial reference."""
        return (
            date is not None
            and date.day == self.day
            and (self.month in (None, date.month) and self.year in (None, date.year))
        )

    def __str__(self) -> str:
        if self.month is None:
            return f"the {self.day}th"
        month = dt.date(2000, self.month, 1).strftime("%B")
        return f"{month} {self.day}" + (f", {self.year}" if self.year else "")


def find_dates(text: str) -> list[DateRef]:
    """Return the valid dates written in folded question text, in order of appearance."""
    if not _DIGIT.search(text):
        return []
    found: list[tuple[int, DateRef]] = []
    taken: list[range] = []
    for m in _MONTH_DAY.finditer(text):
        found.append((m.start(), _ref(m.group(2), MONTHS[m.group(1)], m.group(3))))
        taken.append(range(*m.span()))
        more = _NEXT_DAY.match(text, m.end())
        if more:
            found.append((more.start(1), _ref(more.group(1), MONTHS[m.group(1)], m.group(3))))
            taken.append(range(*more.span()))
    for m in _DAY_MONTH.finditer(text):
        found.append((m.start(), _ref(m.group(1), MONTHS[m.group(2)], m.group(3))))
        taken.append(range(*m.span()))
        before = _DAY_BEFORE.search(text, max(0, m.start() - 16), m.start())
        if before:
            found.append((before.start(), _ref(before.group(1), MONTHS[m.group(2)], m.group(3))))
            taken.append(range(before.start(), m.start()))
    for m in _ISO.finditer(text):
        found.append((m.start(), _ref(m.group(3), int(m.group(2)), m.group(1))))
    for m in _BARE_DAY.finditer(text):
        if not any(m.start(1) in span for span in taken):
            found.append((m.start(), _ref(m.group(1), None, None)))
            more = _NEXT_DAY.match(text, m.end())
            if more and not any(more.start(1) in span for span in taken):
                found.append((more.start(1), _ref(more.group(1), None, None)))
    refs = [r for _, r in sorted(found, key=lambda p: p[0]) if _valid(r)]
    return list(dict.fromkeys(refs))


def is_span(text: str) -> bool:
    """Tell whether folded text joins its dates as a range ("between", "from", "12-14")."""
    return bool(_SPAN.search(text))


def _ref(day: str, month: int | None, year: str | None) -> DateRef:
    return DateRef(int(day), month, int(year) if year else None)


def _valid(ref: DateRef) -> bool:
    try:
        dt.date(ref.year or 2000, ref.month or 1, ref.day)
    except ValueError:
        return False
    return True


def find_amounts(text: str) -> list[float]:
    """Return the money amounts written in question text, in order ("$51.3 million" -> 51.3e6)."""
    if not _ANY_AMOUNT.search(text):
        return []
    # "one million dollars": a number written as a word, which the currency tables don't read.
    words = list(_WORD_AMOUNT.finditer(text))
    found = [(m.start(), _NUMBER_WORDS[m.group(1)] * _SCALE[m.group(2)]) for m in words]
    taken = [range(*m.span()) for m in words]
    if _MONEYISH.search(text):
        from qa.understand.currency import find_money

        money = find_money(text)
        found += [(a.start, a.value) for a in money]
        taken += [range(a.start, a.end) for a in money]
    found += _bare(text, taken)
    return [value for _, value in sorted(found, key=lambda p: p[0])]


def _bare(text: str, taken: list[range]) -> list[tuple[int, float]]:
    """Return the figures written without a currency, outside the spans already read."""
    found = []
    for m in _BARE_AMOUNT.finditer(text):
        if any(m.start() in span or span.start in range(*m.span()) for span in taken):
            continue
        if m.group(5):
            value = float(m.group(5).replace(",", ""))
        elif m.group(1):
            value = float(m.group(1)) * _SCALE[m.group(2)]
        else:
            value = _NUMBER_WORDS[m.group(3)] * _SCALE[m.group(4)]
        found.append((m.start(), value))
    return found


def format_money(amount: float, currency: str) -> str:
    """Write an amount as a reader would: $240,000, A$15 million, 1.2 billion baht."""
    from qa.understand import currency as money

    return money.format_money(amount, currency)


def format_date(date: dt.date) -> str:
    """Write a date as the article does: November 12, 2022."""
    return f"{date.strftime('%B')} {date.day}, {date.year}"
