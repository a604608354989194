"""Rank meetings by how many of something each holds: the most, the fewest, one against another.

What is counted is a meeting's topics or its records of one kind. A record naming a
plural the article leaves uncounted ("MoUs on cooperation") stands for at least two
and an unknown most, so a ranking it could change is not given.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from qa.answer.count import own_text, plural_unstated
from qa.answer.realise import refusal, tallies
from qa.answer.realise import sentence as say
from qa.answer.realise.verdict import verdict
from qa.answer.result import Answer, fact, join, none
from qa.answer.scope import FOCUS_FIELDS, Scope, filtered
from qa.data.records import Dataset, Meeting, Record
from qa.understand.clauses import LESS
from qa.understand.counted import counted_kind
from qa.understand.plan import Plan
from qa.understand.text import words

# Kinds a meeting's tally can count; money is ranked by amount elsewhere.
COUNTED = frozenset(tallies.NOUNS)


@dataclass(frozen=True, slots=True)
class Tally:
    """How many of the counted thing one meeting holds: exactly `low`, or `low` and more."""

    meeting: Meeting
    low: int
    high: float
    vague: tuple[Record, ...] = ()

    def shown(self) -> int | str:
        """Return the count as written: 3, or "at least 3"."""
        return self.low if self.high == self.low else f"at least {self.low}"


def kind_of(plan: Plan) -> str | None:
    """Return the kind of thing a ranking or comparison counts, or None when it counts none."""
    named = (*plan.compared, *plan.scope.countries, *plan.scope.leaders)
    kind = counted_kind(plan.wording.tokens, frozenset(w for n in named for w in words(n)))
    kind = plan.relation if kind is None else kind
    return kind if kind in COUNTED else None


def tally(m: Meeting, kind: str) -> Tally:
    """Count a meeting's topics, or its records of one kind, with unstated plurals as ranges."""
    if kind == "discussion":
        n = len(m.topics())
        return Tally(m, n, n)
    records: tuple[Record, ...] = getattr(m, FOCUS_FIELDS[kind])
    # Only a document's name can stand for several ("MoUs"); statements are one each.
    vague = tuple(r for r in records if kind == "agreement" and plural_unstated(own_text(r)))
    low = len(records) + len(vague)
    return Tally(m, low, math.inf if vague else low, vague)


class Ranks:
    """Answer "which meeting had the most X?" and "did A have more X than B?"."""

    def __init__(self, data: Dataset) -> None:
        self.data = data

    def extreme(self, plan: Plan, scope: Scope, kind: str) -> Answer:
        """Name the meetings with the most (or fewest) of a kind, ties as ties."""
        pool = filtered(scope, replace(plan, relation=None))
        tallies_ = [tally(m, kind) for m in pool]
        if not tallies_:
            return none(refusal.unsaid())
        most = plan.wording.superlative == "max"
        # Every meeting whose count could reach the extreme is a contender for it.
        if most:
            top = max(t.low for t in tallies_)
            close = [t for t in tallies_ if t.high >= top]
        else:
            bottom = min(t.high for t in tallies_)
            close = [t for t in tallies_ if t.low <= bottom]
        if len(close) > 1 and any(t.high != t.low for t in close):
            return self._unstated(kind, [t for t in tallies_ if t.vague])
        text = _winners(close, kind, most, len(tallies_))
        return fact(self.data, text, _evidence(close, kind))

    def topics(self, plan: Plan, scope: Scope) -> Answer:
        """Name the topics discussed in the most (or fewest) meetings, ties as ties."""
        pool = filtered(scope, replace(plan, relation=None))
        held = Counter(t for m in pool for t in m.topics())
        if not held:
            return none(refusal.unsaid())
        edge = max(held.values()) if plan.wording.superlative == "max" else min(held.values())
        top = sorted(t for t, n in held.items() if n == edge)
        met = [m for m in pool if set(top) & m.topics()]
        text = tallies.topic_ranks(top, edge, len(pool), plan.wording.superlative == "max", met)
        return fact(self.data, text, [(m, None) for m in met])

    def all_topics(self, plan: Plan, scope: Scope) -> Answer:
        """Name every topic raised, in how many meetings each, the commonest first."""
        pool = filtered(scope, replace(plan, relation=None))
        held = Counter(t for m in pool for t in m.topics())
        if not held:
            return none(refusal.unsaid())
        ranked = sorted(held.items(), key=lambda tn: (-tn[1], tn[0].casefold()))
        text = tallies.topic_list(ranked, len(pool))
        return fact(self.data, text, [(m, None) for m in pool])

    def between(
        self, plan: Plan, meetings: Sequence[Meeting], kind: str, more: bool | None = None
    ) -> Answer:
        """Compare two named meetings' counts: a claim to check, a choice, or a difference."""
        if len(meetings) < 2:
            return none(refusal.unsaid())
        a, b = tally(meetings[0], kind), tally(meetings[1], kind)
        more = plan.has("more") if more is None else more
        known = (a.low > b.high or b.low > a.high) or (a.high == a.low and b.high == b.low)
        if not known:
            return self._unstated(kind, [t for t in (a, b) if t.vague])
        items = _evidence([a, b], kind)
        if plan.wanted == "yes/no":
            holds = a.low > b.high if more else a.high < b.low
            return fact(self.data, f"{'Yes' if holds else 'No'}: {_against(a, b, kind)}.", items)
        if a.low == b.low:
            return fact(self.data, f"Neither: {_against(a, b, kind)}.", items)
        first, second = (a, b) if (a.low > b.low) == more else (b, a)
        if plan.wanted == "count":
            gap = abs(a.low - b.low)
            return fact(self.data, f"{gap} more: {_against(first, second, kind)}.", items)
        head = say.capital(say.label(first.meeting))
        count = tallies.counted(kind, first.shown())
        text = f"{head}: {count}, against {second.shown()} with {say.label(second.meeting)}."
        return fact(self.data, text, items)

    def totals(self, plan: Plan, scope: Scope, compared: tuple[str, str, str]) -> Answer:
        """Say which of two kinds of fact the scoped meetings hold more of, in all."""
        kinds, joined = compared[:2], compared[2]
        per = [[tally(m, k) for m in scope.meetings] for k in kinds]
        low = [sum(t.low for t in ts) for ts in per]
        high = [sum(t.high for t in ts) for ts in per]
        exact = low == high
        if not (low[0] > high[1] or low[1] > high[0] or exact):
            kind = kinds[0] if any(t.vague for t in per[0]) else kinds[1]
            return self._unstated(kind, [t for ts in per for t in ts if t.vague])
        shown = [
            tallies.counted(k, lo if lo == hi else f"at least {lo}")
            for k, lo, hi in zip(kinds, low, high, strict=True)
        ]
        items: list[tuple[Meeting, Record | None]] = [
            (m, r) for k in kinds for m in scope.meetings for r in _evidence_of(m, k)
        ]
        more = not LESS & set(plan.wording.tokens)
        if joined == "than" and plan.wanted in ("yes/no", "text"):
            holds = low[0] > high[1] if more else high[0] < low[1]
            return fact(self.data, verdict(holds, f"{shown[0]}, against {shown[1]}."), items)
        if exact and low[0] == low[1]:
            return fact(self.data, f"Neither: {shown[0]} and {shown[1]}.", items)
        first = 0 if (low[0] > low[1]) == more else 1
        word = "More" if more else "Fewer"
        text = f"{word} {tallies.NOUNS[kinds[first]]}s: {shown[first]}, against {shown[1 - first]}."
        return fact(self.data, text, items)

    def _unstated(self, kind: str, vague: Sequence[Tally]) -> Answer:
        """Say the ranking is unknown because some records stand for an unstated number."""
        where = join([say.country(t.meeting.country) for t in vague])
        said = [say.sentence(t.meeting, r) for t in vague for r in t.vague]
        noun = tallies.NOUNS[kind]
        reason = f"it gives no number for some of the {noun}s with {where}"
        items: list[tuple[Meeting, Record | None]] = [
            (t.meeting, r) for t in vague for r in t.vague
        ]
        return fact(self.data, refusal.unsaid(reason, said), items, False)


def _against(a: Tally, b: Tally, kind: str) -> str:
    """Return "9 topics with China, against 8 with India"."""
    first = f"{tallies.counted(kind, a.shown())} with {say.label(a.meeting)}"
    return f"{first}, against {b.shown()} with {say.label(b.meeting)}"


def _winners(close: list[Tally], kind: str, most: bool, total: int) -> str:
    """Return "<labels>: 14 topics each, the most of the 9 meetings."."""
    who = say.capital(join([say.label(t.meeting) for t in close]))
    each = " each" if len(close) > 1 and close[0].low else ""
    edge = "most" if most else "fewest"
    count = tallies.counted(kind, close[0].shown())
    return f"{who}: {count}{each}, the {edge} of the {total} meetings."


def _evidence_of(m: Meeting, kind: str) -> tuple[Record, ...]:
    return m.facts() if kind == "discussion" else getattr(m, FOCUS_FIELDS[kind])


def _evidence(tallied: Sequence[Tally], kind: str) -> list[tuple[Meeting, Record | None]]:
    """Return the records behind the counts, or the meetings for counts of topics."""
    if kind == "discussion":
        return [(t.meeting, None) for t in tallied]
    field = FOCUS_FIELDS[kind]
    found: list[tuple[Meeting, Record | None]] = [
        (t.meeting, r) for t in tallied for r in getattr(t.meeting, field)
    ]
    return found or [(t.meeting, None) for t in tallied]
