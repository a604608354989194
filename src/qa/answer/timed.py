"""Answer time questions over the meetings a topic or kind of fact picks.

"Which countries that discussed demining did he meet after November 12?" and "who gave
money before November 13?" time each picked meeting by its own date, or by the date of
its fact of the kind asked ("Japan provided $51.3 million on November 12"); "which
topics came up on November 13?" reads the topics of what happened that day.
"""

from __future__ import annotations

import datetime as dt

from qa.answer.chrono import when_of
from qa.answer.realise import order, refusal
from qa.answer.realise import sentence as say
from qa.answer.realise.verdict import verdict
from qa.answer.result import Answer, fact, join, none
from qa.answer.scope import FOCUS_FIELDS, Scope
from qa.answer.sets import picked
from qa.data.records import Dataset, Meeting, Record
from qa.understand.clauses import Part
from qa.understand.counted import TOPIC_NOUNS
from qa.understand.plan import Plan
from qa.understand.quantity import DateRef
from qa.understand.text import stem


def applies(plan: Plan, scope: Scope) -> bool:
    """Tell whether a plan times the meetings a topic, title or kind of fact picks."""
    return (
        bool(plan.scope.dates)
        and bool(plan.operators & {"before", "after"})
        and not plan.has("span")
        and not scope.named
        and bool(plan.scope.topics or plan.scope.titles or plan.relation in FOCUS_FIELDS)
    )


def around(data: Dataset, plan: Plan, scope: Scope) -> Answer:
    """List the picked meetings (or their facts) dated before or after the date named."""
    part = Part(plan.relation, plan.scope.topics, plan.scope.titles)
    side = "before" if plan.has("before") else "after"
    ref = plan.scope.dates[0]
    hits: list[tuple[Meeting, Record | None, dt.date]] = []
    undated: list[Meeting] = []
    for m in picked(scope, plan, part):
        day, record = when_of(m, plan.relation)
        if day is None:
            undated.append(m)
        elif day < _day(ref, day) if side == "before" else day > _day(ref, day):
            hits.append((m, record, day))
    hits.sort(key=lambda h: h[2])
    w = order.Window(side, date=ref)
    note = say.undated_note(undated)
    if not hits:
        return none(refusal.reports(f"reports none {order.window(w)}") + note)
    if all(r is not None for _, r, _ in hits):
        said = " ".join(say.sentence(m, r) for m, r, _ in hits if r is not None)
        return fact(data, f"{say.capital(order.window(w))}: {said}{note}", _items(hits))
    text = order.within(w, [m for m, _, _ in hits], undated)
    return fact(data, text, _items(hits))


def asks_topics(plan: Plan, scope: Scope) -> bool:
    """Tell whether a plan asks which topics came up on the dates it names."""
    return (
        bool(plan.scope.dates)
        and not plan.operators & {"before", "after", "span"}
        and not scope.named
        and not plan.scope.topics
        and any(stem(t) in TOPIC_NOUNS for t in plan.wording.tokens)
    )


def topics_on(data: Dataset, plan: Plan, scope: Scope) -> Answer:
    """Name the topics of the meetings and facts dated on the days a question names."""
    dates = plan.scope.dates
    met = [m for m in scope.meetings if any(d.matches(m.date) for d in dates)]
    also = [
        (m, r)
        for m in scope.meetings
        if m not in met
        for r in m.facts()
        if r.date and r.topics and any(d.matches(r.date) for d in dates)
    ]
    days = join(sorted({str(d) for d in dates}))
    parts = [f"{m.host.name} and {say.leader(m)} discussed {say.topic_list(m)}." for m in met]
    parts += [f"{say.sentence(m, r)[:-1]} ({say.topics(list(r.topics))})." for m, r in also]
    if not parts:
        return none(refusal.unmentioned(f"anything dated {days}"))
    items: list[tuple[Meeting, Record | None]] = [(m, None) for m in met]
    items += [(m, r) for m, r in also]
    return fact(data, f"On {days}: " + " ".join(parts), items)


def fact_claim(data: Dataset, plan: Plan, anchor: Meeting) -> Answer | None:
    """Check "was any money given on the same day he met X?" by the facts' own dates."""
    field = FOCUS_FIELDS.get(plan.relation or "")
    if field is None or anchor.date is None:
        return None
    ref = anchor.date
    side = "same day" if plan.has("same day") else "before" if plan.has("before") else "after"
    dated: list[tuple[Meeting, Record | None, dt.date]] = []
    undated: list[Meeting] = []
    for m in data.meetings:
        if m.article != anchor.article or m is anchor:
            continue
        for r in getattr(m, field):
            day = r.date or m.date
            if day is None:
                undated.append(m)
            elif _fits(side, day, ref):
                dated.append((m, r, day))
    w = order.Window(side, anchor=anchor, day=ref)
    if dated:
        said = " ".join(say.sentence(m, r) for m, r, _ in dated if r is not None)
        return fact(data, verdict(True, f"{say.capital(order.window(w))}: {said}"), _items(dated))
    note = say.undated_note(list(dict.fromkeys(undated)))
    if undated:
        text = refusal.unsaid(f"it dates none {order.window(w)}") + note
        return fact(data, text, [(m, None) for m in undated], False)
    return fact(
        data, verdict(False, f"the article dates none {order.window(w)}."), [(anchor, None)]
    )


def _fits(side: str, day: dt.date, ref: dt.date) -> bool:
    if side == "same day":
        return day == ref
    return day < ref if side == "before" else day > ref


def _day(ref: DateRef, like: dt.date) -> dt.date:
    return dt.date(ref.year or like.year, ref.month or like.month, ref.day)


def _items(
    hits: list[tuple[Meeting, Record | None, dt.date]],
) -> list[tuple[Meeting, Record | None]]:
    return [(m, r) for m, r, _ in hits]
