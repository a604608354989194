"""Compare money across meetings: one country against another, or against a figure."""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence

from qa.answer.realise import totals
from qa.answer.result import Answer, fact, none
from qa.answer.scope import Scope
from qa.data.records import MONEY_KINDS, Dataset, Meeting, Record
from qa.understand.plan import Plan
from qa.understand.quantity import format_money
from qa.understand.text import stem

TESTS: dict[str, Callable[[float, float], bool]] = {
    ">": operator.gt,
    ">=": operator.ge,
    "<": operator.lt,
    "<=": operator.le,
}


def _items(meetings: list[Meeting]) -> list[tuple[Meeting, Record | None]]:
    return [(m, x) for m in meetings for x in m.money] or [(m, None) for m in meetings]


class Comparisons:
    """Answer "did X give more than Y", "who gave more", "how much more", "over $1 million"."""

    def __init__(self, data: Dataset) -> None:
        self.data = data

    def between(self, plan: Plan, meetings: list[Meeting]) -> Answer:
        """Compare two meetings' money: a claim to check, a choice, or a difference."""
        if len(meetings) < 2:
            return none(totals.one_of_two())
        sums = [self._sum(m) for m in meetings]
        if None in sums:
            gap = next(m for m, s in zip(meetings, sums, strict=True) if s is None)
            return fact(self.data, totals.unsized(gap, meetings), _items(meetings), False)
        currencies = {x.currency for m in meetings[:2] for x in m.money if x.amount is not None}
        if len(currencies) > 1:
            text = totals.unrated(totals.gave_all(meetings))
            return fact(self.data, text, _items(meetings), False)
        a, b = sums[0] or 0.0, sums[1] or 0.0
        more = plan.has("more")
        if plan.wanted == "yes/no":
            holds = a > b if more else a < b
            return fact(self.data, totals.more_claim(holds, meetings), _items(meetings))
        first = 0 if (a > b) == more else 1
        ordered = [meetings[first], meetings[1 - first]]
        difference = ""
        if plan.wanted == "amount":
            currency = next(x.currency for m in meetings for x in m.money if x.amount is not None)
            difference = format_money(abs(a - b), currency)
        text = totals.ahead(meetings[first], ordered, difference, more)
        return fact(self.data, text, _items(meetings))

    def threshold(self, plan: Plan, scope: Scope) -> Answer:
        """Check or list the money given above or below a figure the question names."""
        sign, figure = plan.threshold or (">", 0.0)
        test = TESTS[sign]
        if plan.figure is not None:
            return self._figure(plan, scope, test)
        given = [(m, x) for m in _givers(plan, scope.meetings) for x in m.money]
        known = [(m, x) for m, x in given if x.amount is not None]
        hits = [(m, x) for m, x in known if test(x.amount or 0.0, figure)]
        unknown = [(m, x) for m, x in given if x.amount is None]
        if plan.wanted == "yes/no":
            if hits:
                return fact(self.data, totals.over_claim(hits), list(hits))
            if scope.named and known:
                givers = _givers(plan, scope.meetings)
                return fact(self.data, totals.under_claim(givers), list(known))
            if not scope.named and known and not unknown:
                said = totals.under_claim([m for m, _ in known])
                return fact(self.data, said, list(known))
        if not hits:
            text = totals.none_past(unknown, claim=plan.wanted == "yes/no")
            return fact(self.data, text, list(given), False)
        return fact(self.data, totals.past(hits, unknown), list(hits + unknown))

    def _figure(self, plan: Plan, scope: Scope, test: Callable[[float, float], bool]) -> Answer:
        """Check a claim comparing a figure the article gives with another figure."""
        figure, bar = plan.figure or 0.0, (plan.threshold or (">", 0.0))[1]
        given = [(m, x) for m in scope.meetings for x in m.money if x.amount is not None]
        subject = [(m, x) for m, x in given if _same(x.amount, figure)]
        if not subject:
            return none(totals.no_figure(figure, [x for _, x in given]))
        other = [(m, x) for m, x in given if _same(x.amount, bar) and (m, x) not in subject]
        shown = subject + other
        return fact(self.data, totals.figure_claim(test(figure, bar), shown), list(shown))

    def by_kinds(self, plan: Plan) -> list[Meeting] | None:
        """Return the two sides of "was Japan's grant bigger than the loan?", in the order said.

        Each of the two kinds of money named is a side: the named meeting's own money of
        that kind, else the one other meeting that has money of it. None when a side is
        not one meeting.
        """
        named = [m for m in self.data.meetings if m.country in plan.compared]
        spots = [k for t in plan.wording.tokens for k in MONEY_KINDS if stem(t) == stem(k)]
        if len(spots) != 2:
            return None
        sides: list[Meeting] = []
        for kind in spots:
            own = [m for m in named if any(x.kind == kind for x in m.money)]
            others = [
                m
                for m in self.data.meetings
                if m not in named and any(x.kind == kind for x in m.money)
            ]
            pool = own or others
            if len(pool) != 1 or pool[0] in sides:
                return None
            sides.append(pool[0])
        return sides

    @staticmethod
    def _sum(m: Meeting) -> float | None:
        known = [x.amount for x in m.money if x.amount is not None]
        if any(x.amount is None for x in m.money) and not known:
            return None
        return sum(known)


def _same(amount: float | None, figure: float) -> bool:
    return amount is not None and abs(amount - figure) < 0.5


def _givers(plan: Plan, meetings: Sequence[Meeting]) -> Sequence[Meeting]:
    """Return the meetings whose counterpart is the claim's giver, when it names one of them.

    "Did Canada give more than $1 million to Japan?" asks after Canada's money only.
    """
    if plan.wanted != "yes/no" or not plan.actor or plan.actor[0] != "country":
        return meetings
    own = [m for m in meetings if m.country == plan.actor[1]]
    return own or meetings
