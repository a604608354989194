"""Answer questions of time over meetings: order, before/after, same day, ranges, dates."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import replace

from qa.answer.realise import order as say
from qa.answer.realise import refusal
from qa.answer.realise.order import Window
from qa.answer.realise.verdict import yes
from qa.answer.result import Answer, fact, none
from qa.answer.scope import FOCUS_FIELDS, Scope
from qa.data.records import Dataset, Meeting, Record
from qa.understand.plan import Plan
from qa.understand.quantity import DateRef

ONE_DAY = dt.timedelta(days=1)


def _items(meetings: list[Meeting]) -> list[tuple[Meeting, Record | None]]:
    return [(m, None) for m in meetings]


def _key(m: Meeting) -> dt.date:
    return m.date or dt.date.max


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
            return none(refusal.reports("gives no date for any of those meetings"))
        if plan.has("chronological") or not plan.operators & {"first", "last"}:
            return fact(self.data, say.in_order(dated, undated), _items(dated))
        day = dated[0].date if plan.has("first") else dated[-1].date
        picked = [m for m in dated if m.date == day]
        text = say.extreme(plan.has("first"), picked, undated)
        return fact(self.data, text, _items(picked))

    def extreme_claim(self, plan: Plan, subjects: tuple[Meeting, ...]) -> Answer:
        """Check "was X the first (last) leader he met" against every meeting of X's article.

        A dated meeting past the subject's day says No; an undated subject, or undated
        meetings beside the subject's day, leave it to what the article dates.
        """
        first = plan.has("first")
        subject = subjects[0]
        if subject.date is None:
            text = refusal.unsaid(refusal.no_date_for([subject]))
            return fact(self.data, text, _items([subject]), False)
        pool = [m for m in self.data.meetings if m.article == subject.article]
        dated = sorted((m for m in pool if m.date), key=_key)
        day = dated[0].date if first else dated[-1].date
        undated = [m for m in pool if not m.date]
        if subject.date != day:
            picked = [m for m in dated if m.date == day]
            text = say.not_extreme(first, subject, picked)
            return fact(self.data, text, _items([subject, *picked]))
        beside = [m for m in dated if m.date == day and m is not subject]
        text = say.extreme_holds(first, subject, beside, undated)
        return fact(self.data, text, _items([subject, *beside]))

    def between(self, plan: Plan, scope: Scope, anchors: list[Meeting]) -> Answer:
        """List meetings before, after, between or on the same day as a date or a meeting."""
        ref: dt.date | None = None
        if anchors:
            # An undated meeting may still be dated by its fact ("after Japan gave $51.3 million").
            ref = anchors[0].date or when_of(anchors[0], plan.relation)[0]
            if ref is None:
                return none(refusal.undated_meeting(anchors[0]))
        pool = [m for m in scope.meetings if m not in anchors]
        found = sorted((m for m in pool if m.date and _fits(plan, m.date, ref)), key=_key)
        if found and plan.has("nearest"):
            day = found[-1].date if plan.has("before") else found[0].date
            found = [m for m in found if m.date == day]
        text = say.within(_window(plan, ref, anchors), found, [m for m in pool if not m.date])
        return fact(self.data, text, _items(found), bool(found))

    def in_months(self, scope: Scope, months: list[int], years: list[int]) -> Answer:
        """List the meetings dated in the months (and years) a question names without a day."""
        found = sorted(
            (
                m
                for m in scope.meetings
                if m.date and m.date.month in months and (not years or m.date.year in years)
            ),
            key=_key,
        )
        undated = [m for m in scope.meetings if not m.date]
        text = say.in_months(months, years, found, undated)
        return fact(self.data, text, _items(found), bool(found))

    def same_day(self, plan: Plan, scope: Scope) -> Answer:
        """Name the days on which more than one meeting took place."""
        days: dict[dt.date, list[Meeting]] = defaultdict(list)
        for m in scope.meetings:
            if m.date:
                days[m.date].append(m)
        shared = {d: ms for d, ms in sorted(days.items()) if len(ms) > 1}
        if not shared:
            return none(refusal.reports("dates no two meetings on the same day"))
        items = _items([m for ms in shared.values() for m in ms])
        return fact(self.data, say.same_day(shared), items)

    def claim(self, plan: Plan, subjects: list[Meeting], anchors: list[Meeting]) -> Answer:
        """Check "did X happen before/after/on the same day as Y" with both dates."""
        every = subjects + anchors
        dates = [when_of(m, plan.relation) for m in subjects] + [(m.date, None) for m in anchors]
        missing = [m for m, (d, _) in zip(every, dates, strict=True) if d is None]
        if missing or not subjects or not anchors:
            text = refusal.unsaid(refusal.no_date_for(missing))
            return fact(self.data, text, _items(every), False)
        first, ref = dates[0][0] or dt.date.min, dates[-1][0] or dt.date.min
        if plan.has("same day"):
            holds = first == ref
        else:
            holds = first < ref if plan.has("before") else first > ref
        timed = [(m, r, d or dt.date.min) for m, (d, r) in zip(every, dates, strict=True)]
        records = [(m, r) for m, r, _ in timed]
        return fact(self.data, say.timed_claim(holds, timed), records)

    def any_claim(self, plan: Plan, scope: Scope, anchors: list[Meeting]) -> Answer:
        """Check "did he meet anyone after X (or a day)": Yes with those dated so, else why not."""
        found = self.between(plan, scope, anchors)
        if found.answered:
            return replace(found, text=yes(found.text))
        if anchors:
            ref = anchors[0].date or when_of(anchors[0], plan.relation)[0]
        else:
            like = next((m.date for m in scope.meetings if m.date), None)
            ref = _day(plan.scope.dates[0], like) if like else None
        undated = [m for m in scope.meetings if m not in anchors and not m.date]
        if ref is None or not undated:
            return found
        text = say.none_within(_window(plan, ref, anchors), undated)
        return fact(self.data, text, _items(anchors + undated), False)

    def choose(self, plan: Plan, meetings: list[Meeting]) -> Answer:
        """Say which of two or more meetings came earlier or later."""
        undated = [m for m in meetings if not m.date]
        if undated:
            text = refusal.unsaid(refusal.no_date_for(undated, by_country=True))
            return fact(self.data, text, _items(meetings), False)
        ordered = sorted(meetings, key=_key)
        pick = ordered[-1] if plan.has("later") else ordered[0]
        text = say.choice(pick, [m for m in meetings if m is not pick])
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
        items: list[tuple[Meeting, Record | None]] = [*hits, *facts]
        text = say.on_days(plan.scope.dates, items)
        if not items:
            return none(text)
        return fact(self.data, text, items)

    def by_date_given(self, plan: Plan, scope: Scope) -> Answer:
        """List (or count) the meetings the article dates, or those it leaves undated."""
        undated = plan.negated or plan.has("undated") or "undated" in plan.wording.tokens
        want_dated = not undated
        chosen = [m for m in scope.meetings if bool(m.date) == want_dated]
        shown = sorted(chosen, key=_key) if want_dated else chosen
        text = say.dated_share(shown, len(scope.meetings), want_dated)
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


def _window(plan: Plan, ref: dt.date | None, anchors: list[Meeting]) -> Window:
    """Return the stretch of time the plan asks about, timed from its anchor or date."""
    side = "before" if plan.has("before") else "after"
    if anchors and ref and plan.has("same day"):
        side = "same day"
    return Window(
        side,
        date=plan.scope.dates[0] if plan.scope.dates else None,
        anchor=anchors[0] if anchors and ref else None,
        day=ref,
        adjacent=plan.has("adjacent day"),
        span=plan.scope.span or None,
    )
