"""Work out averages, shares and multiples of the amounts given, showing the sums."""

from __future__ import annotations

from collections.abc import Sequence

from qa.answer.realise import lists, refusal, totals
from qa.answer.realise import sentence as say
from qa.answer.realise.verdict import verdict
from qa.answer.result import Answer, fact, join, none
from qa.answer.scope import Scope, by_currency, filtered, money_in
from qa.data.records import Dataset, Meeting, Money, Record
from qa.understand.currency import currency_name
from qa.understand.plan import Plan
from qa.understand.quantity import format_money

Given = tuple[Meeting, Money]


def average(data: Dataset, plan: Plan, scope: Scope) -> Answer:
    """Return the mean amount per currency: "On average $X: ($a + $b) / 2 = $X."."""
    found = money_in(plan, scope)
    known = by_currency(found)
    if not known:
        return none(refusal.reports("gives no money amounts to average"))
    lines = []
    for currency, rows in known.items():
        if len(rows) == 1:
            named = currency_name(currency)
            lines.append(f"Only one amount is given in {named}: {totals.term(*rows[0])}.")
            continue
        mean = format_money(sum(x.amount or 0.0 for _, x in rows) / len(rows), currency)
        terms = " + ".join(totals.term(m, x) for m, x in rows)
        lines.append(f"On average {mean}: ({terms}) / {len(rows)} = {mean}.")
    return fact(data, " ".join(lines) + _left_out(found), list(found))


def share(data: Dataset, plan: Plan, scope: Scope) -> Answer:
    """Return what part of all the money given the named countries gave, in percent."""
    if not scope.named:
        return _share_of_meetings(data, plan, scope)
    every = money_in(plan, Scope(tuple(_all(data, scope)), False, (), ()))
    named = {id(m) for m in scope.meetings}
    known = by_currency(every)
    if not known:
        return none(refusal.unsaid("it gives no amounts to take a share of"))
    lines = []
    for currency, rows in known.items():
        whole = sum(x.amount or 0.0 for _, x in rows)
        part = sum(x.amount or 0.0 for m, x in rows if id(m) in named)
        who = join([say.country(c) for c in dict.fromkeys(m.country for m in scope.meetings)])
        lines.append(
            f"{say.capital(who)}: {format_money(part, currency)} of the "
            f"{format_money(whole, currency)} given in all, {_percent(part, whole)}."
        )
    return fact(data, " ".join(lines) + _left_out(every), list(every))


def _share_of_meetings(data: Dataset, plan: Plan, scope: Scope) -> Answer:
    """Return what share of the meetings gave money: "3 of the 9 countries (33.3%) ..."."""
    kept = filtered(scope, plan)
    total = len(scope.meetings)
    if not total:
        return none(refusal.unsaid())
    host = scope.meetings[0].host.name
    text = lists.chosen(host, kept, relation=plan.relation, out_of=total)
    items: list[tuple[Meeting, Record | None]] = [(m, None) for m in kept]
    return fact(data, f"{_percent(len(kept), total)}: {text}", items)


def times(data: Dataset, plan: Plan, meetings: Sequence[Meeting]) -> Answer:
    """Say how many times one side's money is the other's, or check a claimed multiple."""
    if len(meetings) < 2:
        return none(refusal.unsaid("it reports only one of those meetings"))
    a, b = meetings[:2]
    sums = [_known(m) for m in (a, b)]
    if not sums[0] or not sums[1]:
        gap = a if not sums[0] else b
        return none(refusal.unsaid(f"it gives no amount for {say.country(gap.country)}'s money"))
    (cur_a, x), (cur_b, y) = sums[0], sums[1]
    items: list[tuple[Meeting, Record | None]] = [(m, r) for m in (a, b) for r in m.money]
    if cur_a != cur_b:
        return none(refusal.unsaid("the two amounts are in different currencies"))
    ratio = x / y
    said = (
        f"{say.country(a.country)}'s {format_money(x, cur_a)} is {_times(ratio)} "
        f"{say.country(b.country)}'s {format_money(y, cur_b)}"
    )
    if plan.factor is None:
        return fact(data, f"{say.capital(said)}.", items)
    more = not plan.has("less")
    holds = ratio > plan.factor if more else ratio < 1 / plan.factor
    return fact(data, verdict(holds, f"{said}."), items)


def _all(data: Dataset, scope: Scope) -> list[Meeting]:
    """Return every meeting of the articles the scoped meetings come from."""
    ids = {m.article for m in scope.meetings}
    return [m for m in data.meetings if m.article in ids]


def _known(m: Meeting) -> tuple[str, float] | None:
    """Return a meeting's currency and the sum of its stated amounts, if one currency."""
    known = [x for x in m.money if x.amount is not None]
    if not known or len({x.currency for x in known}) != 1:
        return None
    return known[0].currency, sum(x.amount or 0.0 for x in known)


def _left_out(found: Sequence[Given]) -> str:
    skipped = [(m, x) for m, x in found if x.amount is None]
    return " " + totals.not_included(skipped) if skipped else ""


def _percent(part: float, whole: float) -> str:
    return f"{round(100 * part / whole, 1):g}%"


def _times(ratio: float) -> str:
    return f"{round(ratio, 2):g} times" if ratio >= 1 else f"{round(ratio * 100, 1):g}% of"
