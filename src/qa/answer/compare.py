"""Compare money across meetings: one country against another, or against a figure."""

from __future__ import annotations

import operator
from collections.abc import Callable

from qa.answer.realise import sentence as say
from qa.answer.realise.verdict import no, verdict, yes
from qa.answer.result import Answer, fact, none
from qa.answer.scope import Scope
from qa.data.records import Dataset, Meeting, Record
from qa.understand.plan import Plan
from qa.understand.quantity import format_money

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
            return none("The article doesn't say: it reports only one of those meetings.")
        sums = [self._sum(m) for m in meetings]
        facts = [say.gave(m) for m in meetings]
        if None in sums:
            gap = next(m for m, s in zip(meetings, sums, strict=True) if s is None)
            whose = say.country(gap.country)
            text = f"The article doesn't say: it gives no amount for {whose}'s money. "
            return fact(
                self.data, text + say.capital("; ".join(facts)) + ".", _items(meetings), False
            )
        a, b = sums[0] or 0.0, sums[1] or 0.0
        more = plan.has("more")
        detail = "; ".join(facts) + "."
        if plan.wanted == "yes/no":
            holds = a > b if more else a < b
            return fact(self.data, verdict(holds, detail), _items(meetings))
        first = 0 if (a > b) == more else 1
        ordered = [facts[first], facts[1 - first]]
        lead = say.country(meetings[first].country)
        if plan.wanted == "amount":
            currency = next(x.currency for m in meetings for x in m.money if x.amount is not None)
            diff = format_money(abs(a - b), currency)
            text = f"{lead} gave {diff} {'more' if more else 'less'}: {'; '.join(ordered)}."
            return fact(self.data, say.capital(text), _items(meetings))
        text = say.capital(f"{lead}: {'; '.join(ordered)}.")
        return fact(self.data, text, _items(meetings))

    def threshold(self, plan: Plan, scope: Scope) -> Answer:
        """Check or list the money given above or below a figure the question names."""
        sign, figure = plan.threshold or (">", 0.0)
        test = TESTS[sign]
        given = [(m, x) for m in scope.meetings for x in m.money]
        known = [(m, x) for m, x in given if x.amount is not None]
        hits = [(m, x) for m, x in known if test(x.amount or 0.0, figure)]
        unknown = [(m, x) for m, x in given if x.amount is None]
        lines = [
            say.capital(f"{say.country(m.country)} {x.verb} {say.amount_of(x)}.") for m, x in hits
        ]
        gaps = [
            f"The article gives no amount for {say.country(m.country)}'s {x.kind}."
            for m, x in unknown
        ]
        if plan.wanted == "yes/no":
            if hits:
                return fact(self.data, yes(" ".join(lines)), list(hits))
            if scope.named and known:
                said = " ".join(say.capital(f"{say.gave(m)}.") for m in scope.meetings)
                return fact(self.data, no(said), list(known))
            if not scope.named and known and not unknown:
                return fact(
                    self.data,
                    no(" ".join(say.capital(f"{say.gave(m)}.") for m, _ in known)),
                    list(known),
                )
            text = "The article doesn't say. " + " ".join(gaps)
            return fact(self.data, text.strip(), list(given), False)
        if not hits:
            text = "None of the amounts the article gives fits. " + " ".join(gaps)
            return fact(self.data, text.strip(), list(given), False)
        return fact(self.data, " ".join(lines + gaps), list(hits + unknown))

    @staticmethod
    def _sum(m: Meeting) -> float | None:
        known = [x.amount for x in m.money if x.amount is not None]
        if any(x.amount is None for x in m.money) and not known:
            return None
        return sum(known)
