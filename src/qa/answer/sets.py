"""Answer with sets of meetings clauses pick: one left out of another, or two compared."""

from __future__ import annotations

from dataclasses import replace

from qa.answer.realise import refusal, tallies
from qa.answer.realise import sentence as say
from qa.answer.result import Answer, fact, none
from qa.answer.scope import FOCUS_FIELDS, Scope, filtered
from qa.data.records import Dataset, Meeting, Record
from qa.understand.clauses import LESS, Part
from qa.understand.plan import Plan


def picked(scope: Scope, plan: Plan, part: Part) -> list[Meeting]:
    """Return the scoped meetings a clause picks ("that gave money", "with a date")."""
    asked = replace(
        plan,
        relation=part.relation,
        scope=replace(
            plan.scope, topics=part.topics, titles=part.titles, dates=part.dates, amounts=()
        ),
    )
    return [m for m in filtered(scope, asked) if m.date or not part.dated]


def left_out(data: Dataset, plan: Plan, scope: Scope) -> Answer:
    """List the meetings the kept clause picks less those the other clauses pick."""
    sets = plan.sets
    if sets is None:
        return none(refusal.unsaid())
    base = picked(scope, plan, sets.kept)
    out = {id(m) for p in sets.without for m in picked(scope, plan, p)}
    rest = [m for m in base if id(m) not in out]
    text = tallies.left(sets.kept, len(base), len(scope.meetings), sets.without, rest)
    if not rest:
        return none(text)
    return fact(data, text, _items(rest))


def both(data: Dataset, plan: Plan, scope: Scope) -> Answer:
    """List the meetings every clause picks: "gave money and signed an agreement"."""
    sets = plan.sets
    if sets is None:
        return none(refusal.unsaid())
    parts = (sets.kept, *sets.also)
    chosen = picked(scope, plan, sets.kept)
    for p in sets.also:
        also = {id(m) for m in picked(scope, plan, p)}
        chosen = [m for m in chosen if id(m) in also]
    text = tallies.all_of(parts, chosen)
    return fact(data, text, _items(chosen)) if chosen else none(text)


def rest_of(data: Dataset, plan: Plan, scope: Scope) -> Answer | None:
    """Tell what the named meetings held besides the topics or kind of fact set aside.

    "Apart from Ukraine, what did Biden discuss?" names the other topics; "what did
    Canada do apart from giving money?" gives the facts of every other kind.
    """
    sets = plan.sets
    if sets is None or not scope.named:
        return None
    topics = {t for p in sets.without for t in p.topics}
    kinds = {FOCUS_FIELDS[p.relation] for p in sets.without if p.relation in FOCUS_FIELDS}
    if topics and not kinds:
        text = " ".join(tallies.other_topics(m, topics) for m in scope.meetings)
        return fact(data, text, [(m, None) for m in scope.meetings])
    if not kinds:
        return None
    items: list[tuple[Meeting, Record | None]] = [
        (m, r)
        for m in scope.meetings
        for field in FOCUS_FIELDS.values()
        if field not in kinds
        for r in getattr(m, field)
        if not topics & set(r.topics)
    ]
    if not items:
        return none(refusal.reports("reports nothing else of those meetings"))
    text = " ".join(say.sentence(m, r) for m, r in items if r is not None)
    return fact(data, text, items)


def compared(data: Dataset, plan: Plan, scope: Scope) -> Answer:
    """Say which of two clause-picked sets of meetings is larger, or by how many."""
    sets = plan.sets
    if sets is None or len(sets.contrast) != 2:
        return none(refusal.unsaid())
    chosen = [picked(scope, plan, p) for p in sets.contrast]
    sizes = [len(c) for c in chosen]
    items = _items([m for c in chosen for m in c])
    if plan.wanted == "count":
        return fact(data, tallies.difference(sets.contrast, sizes), items)
    # "At the summit, were more countries A than B?" is a claim however it opens.
    claim = plan.wanted in ("yes/no", "text") and sets.joined == "than"
    more = not plan.has("less") and not _asks_fewer(plan)
    return fact(data, tallies.contrast(sets.contrast, sizes, claim, more), items)


def _asks_fewer(plan: Plan) -> bool:
    return bool(LESS & set(plan.wording.tokens))


def _items(meetings: list[Meeting]) -> list[tuple[Meeting, Record | None]]:
    return [(m, None) for m in dict.fromkeys(meetings)]
