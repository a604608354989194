"""Answer questions of time over meetings: order, before/after, same day, ranges, dates."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import replace

from qa.answer.realise import sentence as say
from qa.answer.realise.verdict import verdict, yes
from qa.answer.result import Answer, fact, join, none
from qa.answer.scope import FOCUS_FIELDS, Scope
from qa.data.records import Dataset, Meeting, Record
from qa.understand.plan import Plan
from qa.understand.quantity import DateRef, format_date

ONE_DAY = dt.timedelta(days=1)


def _items(meetings: list[Meeting]) -> list[tuple[Meeting, Record | None]]:
    return [(m, None) for m in meetings]


def _key(m: Meeting) -> dt.date:
    return m.date or dt.date.max


def _on(day: dt.date | None) -> str:
    return format_date(day or dt.date.min)


def when_of(m: Meeting, relation: str | None) -> tuple[dt.date | None, Record | None]:
    """Return the date of a meeting, or of its first dated record of the relation asked."""
    if relation in FOCUS_FIELDS:
        dated = [r for r in getattr(m, FOCUS_FIELDS[relation]) if r.date]
        if dated:
            return dated[0].date, dated[0]
    return m.date, None


class Chronology:
    """Order, compare and filter meetings by the dates the article gives."""

    def __init__(self, data: Dataset) -> None:
        self.data = data

    def order(self, plan: Plan, scope: Scope) -> Answer:
        """Name the first or last dated meeting(s), or list them all in order."""
        dated = sorted((m for m in scope.meetings if m.date), key=_key)
        undated = [m for m in scope.meetings if not m.date]
        if not dated:
            return none("The article gives no date for any of those meetings.")
        if plan.has("chronological") or not plan.operators & {"first", "last"}:
            parts = [f"{say.leader(m)} on {_on(m.date)}" for m in dated]
            text = f"In order, {dated[0].host.name} met {join(parts)}."
            return fact(self.data, text + say.undated_note(undated), _items(dated))
        day = dated[0].date if plan.has("first") else dated[-1].date
        picked = [m for m in dated if m.date == day]
        word = "earliest" if plan.has("first") else "latest"
        many = len(picked) > 1
        text = f"The {word} dated meeting{'s were' if many else ' was'} on {_on(day)}, "
        text += f"with {join([say.leader(m) for m in picked])}."
        return fact(self.data, text + say.undated_note(undated), _items(picked))

    def between(self, plan: Plan, scope: Scope, anchors: list[Meeting]) -> Answer:
        """List meetings before, after, between or on the same day as a date or a meeting."""
        ref: dt.date | None = None
        if anchors:
            # An undated meeting may still be dated by its fact ("after Japan gave $51.3 million").
            ref = anchors[0].date or when_of(anchors[0], plan.relation)[0]
            if ref is None:
                who = say.leader(anchors[0])
                return none(f"The article doesn't give the date of the meeting with {who}.")
        pool = [m for m in scope.meetings if m not in anchors]
        found = sorted((m for m in pool if m.date and _fits(plan, m.date, ref)), key=_key)
        undated = say.undated_note([m for m in pool if not m.date])
        when = _describe(plan, ref, anchors)
        if not found:
            return fact(self.data, f"The article reports no meeting {when}.{undated}", [], False)
        parts = [f"{say.leader(m)} ({_on(m.date)})" for m in found]
        text = f"{say.capital(when)}, {found[0].host.name} met {join(parts)}."
        return fact(self.data, text + undated, _items(found))

    def same_day(self, plan: Plan, scope: Scope) -> Answer:
        """Name the days on which more than one meeting took place."""
        days: dict[dt.date, list[Meeting]] = defaultdict(list)
        for m in scope.meetings:
            if m.date:
                days[m.date].append(m)
        shared = {d: ms for d, ms in sorted(days.items()) if len(ms) > 1}
        if not shared:
            return none("The article dates no two meetings on the same day.")
        parts = [f"{join([say.leader(m) for m in ms])} on {_on(d)}" for d, ms in shared.items()]
        host = scope.meetings[0].host.name
        text = f"{host} met {'; '.join(parts)}."
        return fact(self.data, text, _items([m for ms in shared.values() for m in ms]))

    def claim(self, plan: Plan, subjects: list[Meeting], anchors: list[Meeting]) -> Answer:
        """Check "did X happen before/after/on the same day as Y" with both dates."""
        every = subjects + anchors
        dates = [when_of(m, plan.relation) for m in subjects] + [(m.date, None) for m in anchors]
        missing = [m for m, (d, _) in zip(every, dates, strict=True) if d is None]
        if missing or not subjects or not anchors:
            who = join([say.leader(m) for m in missing]) or "one of them"
            text = f"The article doesn't say: it gives no date for the meeting with {who}."
            return fact(self.data, text, _items(every), False)
        first, ref = dates[0][0] or dt.date.min, dates[-1][0] or dt.date.min
        if plan.has("same day"):
            holds = first == ref
        else:
            holds = first < ref if plan.has("before") else first > ref
        parts = []
        for m, (d, r) in zip(every, dates, strict=True):
            parts.append(f"{say.sentence(m, r)[:-1] if r else say.leader(m)} on {_on(d)}")
        text = verdict(holds, f"{join(parts)}.")
        records = [(m, r) for m, (_, r) in zip(every, dates, strict=True)]
        return fact(self.data, text, records)

    def any_claim(self, plan: Plan, scope: Scope, anchors: list[Meeting]) -> Answer:
        """Check "did he meet anyone before/after X": Yes with those dated so, else say why not."""
        found = self.between(plan, scope, anchors)
        if found.answered:
            return replace(found, text=yes(found.text))
        ref = anchors[0].date or when_of(anchors[0], plan.relation)[0]
        undated = [m for m in scope.meetings if m not in anchors and not m.date]
        if ref is None or not undated:
            return found
        when = _describe(plan, ref, anchors)
        text = f"The article doesn't say: it dates no meeting {when}.{say.undated_note(undated)}"
        return fact(self.data, text, _items(anchors + undated), False)

    def choose(self, plan: Plan, meetings: list[Meeting]) -> Answer:
        """Say which of two or more meetings came earlier or later."""
        undated = [m for m in meetings if not m.date]
        if undated:
            names = join([say.country(m.country) for m in undated])
            text = f"The article doesn't say: it gives no date for the meetings with {names}."
            return fact(self.data, text, _items(meetings), False)
        ordered = sorted(meetings, key=_key)
        pick = ordered[-1] if plan.has("later") else ordered[0]
        others = [f"{say.leader(m)} on {_on(m.date)}" for m in meetings if m is not pick]
        text = f"The meeting with {say.leader(pick)}, on {_on(pick.date)}; {join(others)}."
        return fact(self.data, text, _items(meetings))

    def on_dates(self, plan: Plan, scope: Scope) -> Answer:
        """Report the meetings and facts dated on the days a question names."""
        hits = [
            (m, None) for m in scope.meetings if any(d.matches(m.date) for d in plan.scope.dates)
        ]
        facts = [
            (m, r)
            for m in scope.meetings
            for r in m.facts()
            if r.date and any(d.matches(r.date) for d in plan.scope.dates)
        ]
        when = join([str(d) for d in plan.scope.dates])
        if not hits and not facts:
            return none(f"The article reports nothing dated {when}.")
        parts = [say.meeting(m) for m, _ in hits] + [say.sentence(m, r) for m, r in facts]
        items: list[tuple[Meeting, Record | None]] = [*hits, *facts]
        return fact(self.data, f"On {when}: " + " ".join(parts), items)

    def by_date_given(self, plan: Plan, scope: Scope) -> Answer:
        """List (or count) the meetings the article dates, or those it leaves undated."""
        undated = plan.negated or plan.has("undated") or "undated" in plan.wording.tokens
        want_dated = not undated
        chosen = [m for m in scope.meetings if bool(m.date) == want_dated]
        n, total = len(chosen), len(scope.meetings)
        if want_dated:
            parts = [f"{say.label(m)} on {_on(m.date)}" for m in sorted(chosen, key=_key)]
            text = f"The article dates {n} of the {total} meetings: {join(parts)}."
        else:
            text = f"The article gives no date for {n} of the {total} meetings: "
            text += join([say.label(m) for m in chosen]) + "."
        return fact(self.data, text, _items(chosen))


def _day(ref: DateRef, like: dt.date) -> dt.date:
    return dt.date(ref.year or like.year, ref.month or like.month, ref.day)


def _fits(plan: Plan, date: dt.date, anchor: dt.date | None) -> bool:
    if plan.scope.span:
        return _day(plan.scope.span[0], date) <= date <= _day(plan.scope.span[1], date)
    ref = anchor or _day(plan.scope.dates[0], date)
    if plan.has("same day"):
        return date == ref
    if plan.has("adjacent day"):
        return date == ref + (ONE_DAY if plan.has("after") else -ONE_DAY)
    return date < ref if plan.has("before") else date > ref


def _describe(plan: Plan, ref: dt.date | None, anchors: list[Meeting]) -> str:
    if plan.scope.span:
        return f"between {plan.scope.span[0]} and {plan.scope.span[1]}"
    if anchors and ref:
        what = f"the meeting with {say.leader(anchors[0])} ({format_date(ref)})"
        if plan.has("same day"):
            return f"on the same day as {what}"
        day = "the day " if plan.has("adjacent day") else ""
        return f"{day}{'before' if plan.has('before') else 'after'} {what}"
    return f"{'before' if plan.has('before') else 'after'} {plan.scope.dates[0]}"
