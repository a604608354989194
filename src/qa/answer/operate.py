"""Run a plan's operators over meetings: compare, negate, order and date comparisons."""

from __future__ import annotations

import datetime as dt

from qa.answer import phrases as say
from qa.answer.result import Answer, fact, join, none
from qa.answer.scope import FOCUS_FIELDS, Scope, filtered
from qa.data.records import Dataset, Meeting, Record
from qa.understand.plan import Plan
from qa.understand.quantity import DateRef, format_date, format_money

NOT_DONE = {
    "money": "gave, pledged or lent no money",
    "agreement": "signed or announced no agreement",
    "request": "were asked for nothing",
    "position": "had no position recorded",
    "quote": "are not quoted",
    "event": "had no other event reported",
}


class Operations:
    """Answer plans whose operators decide the answer: comparisons, negations, orderings."""

    def __init__(self, data: Dataset) -> None:
        self.data = data

    def run(self, plan: Plan, scope: Scope) -> Answer | None:
        """Return the answer an operator gives, or None when no operator applies."""
        q = plan.words
        if plan.has("compare"):
            return self.compare(plan)
        if plan.negated and plan.wanted in ("list", "entity", "count"):
            return self.negate(plan, scope)
        meetingish = q.focus in (None, "meeting", "event") and not q.topics and not q.extra
        if plan.wanted == "yes/no" and plan.has("same day") and len(plan.anchor) > 1:
            return self.same_day(plan)
        if not meetingish or plan.wanted in ("amount", "yes/no"):
            return None
        if plan.anchor or plan.has("span") or (q.dates and plan.operators & {"before", "after"}):
            return self.dated(plan, scope)
        if (
            plan.operators & {"first", "last"}
            and q.focus != "event"
            and not q.titles
            and len(scope.meetings) > 1
        ):
            return self.order(plan, scope)
        return None

    def compare(self, plan: Plan) -> Answer:
        """Compare two named countries' money: a claim to check, or a choice to make."""
        meetings = [m for name in plan.compared for m in self._named(name)][:2]
        if len(meetings) < 2:
            return none(
                "The article doesn't say: it reports only one of those meetings.", plan.words
            )
        sums: list[float | None] = []
        for m in meetings:
            known = [x.amount for x in m.money if x.amount is not None]
            unknown = [x for x in m.money if x.amount is None]
            sums.append(None if unknown and not known else sum(known))
        facts = [self._gave(m) for m in meetings]
        if None in sums:
            gap = next(m for m, s in zip(meetings, sums, strict=True) if s is None)
            whose = say.country(gap.country)
            text = f"The article doesn't say: it gives no amount for {whose}'s money. "
            return fact(self.data, text + " ".join(facts), _items(meetings), plan.words, False)
        a, b = sums[0] or 0.0, sums[1] or 0.0
        more = plan.has("more")
        detail = "; ".join(facts) + "."
        if plan.wanted == "yes/no":
            holds = a > b if more else a < b
            return fact(
                self.data, f"{'Yes' if holds else 'No'}: {detail}", _items(meetings), plan.words
            )
        first = 0 if (a > b) == more else 1
        ordered = [facts[first], facts[1 - first]]
        text = say.capital(f"{say.country(meetings[first].country)}: {'; '.join(ordered)}.")
        return fact(self.data, text, _items(meetings), plan.words)

    def negate(self, plan: Plan, scope: Scope) -> Answer:
        """List the meetings that lack what the question denies ("did not give money")."""
        q = plan.words
        field = FOCUS_FIELDS.get(q.focus or "")
        if not (field or q.topics or q.dates or q.titles):
            listed = join([say.label(m) for m in scope.meetings])
            return none(f"The article reports only the meetings that took place: {listed}.", q)
        kept = {id(m) for m in filtered(scope, q)}
        left = [m for m in scope.meetings if id(m) not in kept]
        if q.topics:
            what = f"did not discuss {say.topics(q.topics)}"
        elif q.dates:
            what = f"did not meet on {join([str(d) for d in q.dates])}"
        elif q.titles:
            what = f"were not led by a {join(list(q.titles))}"
        else:
            what = NOT_DONE.get(q.focus or "", "did not")
        if not left:
            return none(f"The article reports none that {what}.", q)
        n, total = len(left), len(scope.meetings)
        text = f"{n} of the {total} countries {what}, by the article's account: "
        return fact(self.data, text + join([say.label(m) for m in left]) + ".", _items(left), q)

    def order(self, plan: Plan, scope: Scope) -> Answer:
        """Name the first or last dated meeting(s), and the meetings the article leaves undated."""
        dated = sorted((m for m in scope.meetings if m.date), key=_date)
        undated = [m for m in scope.meetings if not m.date]
        if not dated:
            return none("The article gives no date for any of those meetings.", plan.words)
        day = dated[0].date if plan.has("first") else dated[-1].date
        picked = [m for m in dated if m.date == day]
        word = "earliest" if plan.has("first") else "latest"
        verb = "were" if len(picked) > 1 else "was"
        text = f"The {word} dated meeting{'s' if len(picked) > 1 else ''} {verb} on "
        text += f"{format_date(day or dt.date.min)}, with {join([say.leader(m) for m in picked])}."
        return fact(self.data, text + _undated(undated), _items(picked), plan.words)

    def dated(self, plan: Plan, scope: Scope) -> Answer:
        """List meetings before, after, between or on the same day as a date or a meeting."""
        q = plan.words
        anchors = [m for name in plan.anchor for m in self._named(name)]
        if plan.anchor and not anchors:
            return none(f"The article doesn't mention a meeting with {join(list(plan.anchor))}.", q)
        ref: dt.date | None = None
        if anchors:
            ref = anchors[0].date
            if ref is None:
                who = say.leader(anchors[0])
                return none(f"The article doesn't give the date of the meeting with {who}.", q)
        pool = [m for m in scope.meetings if m not in anchors]
        found = [m for m in pool if m.date and _fits(plan, m.date, ref)]
        undated = [m for m in pool if not m.date]
        when = _describe(plan, ref, anchors)
        if not found:
            return fact(
                self.data,
                f"The article reports no meeting {when}.{_undated(undated)}",
                [],
                q,
                False,
            )
        found.sort(key=_date)
        parts = [f"{say.leader(m)} ({format_date(m.date or dt.date.min)})" for m in found]
        host = found[0].host.name
        text = f"{say.capital(when)}, {host} met {join(parts)}."
        return fact(self.data, text + _undated(undated), _items(found), q)

    def same_day(self, plan: Plan) -> Answer:
        """Check the claim that two or more meetings fell on the same day."""
        meetings = [m for name in plan.anchor for m in self._named(name)]
        undated = [m for m in meetings if not m.date]
        if undated:
            who = join([say.leader(m) for m in undated])
            text = f"The article doesn't say: it gives no date for the meeting with {who}."
            return fact(self.data, text, _items(meetings), plan.words, False)
        days = {m.date for m in meetings}
        parts = [f"{say.leader(m)} on {format_date(m.date or dt.date.min)}" for m in meetings]
        if len(days) == 1:
            text = f"Yes: {meetings[0].host.name} met {join([say.leader(m) for m in meetings])}"
            text += f" on {format_date(meetings[0].date or dt.date.min)}."
        else:
            text = f"No: {meetings[0].host.name} met {join(parts)}."
        return fact(self.data, text, _items(meetings), plan.words)

    def _named(self, name: str) -> list[Meeting]:
        return [m for m in self.data.meetings if name in (m.country, m.leader.name)]

    def _gave(self, m: Meeting) -> str:
        if not m.money:
            return f"the article reports no money from {say.country(m.country)}"
        parts = [
            f"{x.verb} {format_money(x.amount, x.currency) if x.amount is not None else x.what}"
            for x in m.money
        ]
        return f"{say.country(m.country)} {join(parts)}"


def _items(meetings: list[Meeting]) -> list[tuple[Meeting, Record | None]]:
    return [(m, None) for m in meetings]


def _date(m: Meeting) -> dt.date:
    return m.date or dt.date.max


def _undated(meetings: list[Meeting]) -> str:
    if not meetings:
        return ""
    names = join([say.country(m.country) for m in meetings])
    return f" The article gives no date for the meetings with {names}."


def _day(ref: DateRef, like: dt.date) -> dt.date:
    return dt.date(ref.year or like.year, ref.month or like.month, ref.day)


def _fits(plan: Plan, date: dt.date, anchor: dt.date | None) -> bool:
    q = plan.words
    if plan.span:
        lo, hi = _day(plan.span[0], date), _day(plan.span[1], date)
        return lo <= date <= hi
    ref = anchor or _day(q.dates[0], date)
    if plan.has("same day"):
        return date == ref
    return date < ref if plan.has("before") else date > ref


def _describe(plan: Plan, ref: dt.date | None, anchors: list[Meeting]) -> str:
    if plan.span:
        return f"between {plan.span[0]} and {plan.span[1]}"
    if anchors and ref:
        what = f"the meeting with {say.leader(anchors[0])} ({format_date(ref)})"
        return (
            f"on the same day as {what}"
            if plan.has("same day")
            else (f"{'before' if plan.has('before') else 'after'} {what}")
        )
    return f"{'before' if plan.has('before') else 'after'} {plan.words.dates[0]}"
