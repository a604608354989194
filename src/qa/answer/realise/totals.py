"""Write money answers: amounts given, totals with their sums, and comparisons of them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from qa.answer.realise import refusal
from qa.answer.realise import sentence as say
from qa.answer.realise.verdict import no, verdict, yes
from qa.answer.result import join
from qa.data.records import Meeting, Money
from qa.understand.quantity import format_money

Given = tuple[Meeting, Money]


def unstated(m: Meeting, x: Money) -> str:
    """Return "The article says <who> <gave> <what>, but does not give its amount."."""
    said = say.money(m, x)[:-1].replace(" (the article gives no amount)", "")
    return f"The article says {said}, but does not give its amount."


def amounts(found: Sequence[Given]) -> str:
    """Return the money sentences, the records without an amount said to lack one last."""
    known = [say.money(m, x) for m, x in found if x.amount is not None]
    return " ".join(known + [unstated(m, x) for m, x in found if x.amount is None])


def no_money(who: Sequence[Meeting]) -> str:
    """Return that the article mentions no money given by these countries, or of that amount."""
    named = f" by {join([say.country(m.country) for m in who])}" if who else " of that amount"
    return refusal.unmentioned(f"any money given, pledged or lent{named}")


def term(m: Meeting, x: Money) -> str:
    """Return one amount in a sum, with whose it is: "$240,000 (Canada)"."""
    return f"{format_money(x.amount or 0.0, x.currency)} ({say.country(m.country)})"


def total(by_currency: Mapping[str, Sequence[Given]], skipped: Sequence[Given]) -> str:
    """Return "In total $X: $a (A) + $b (B) = $X." per currency, then what has no amount."""
    if not by_currency:
        return refusal.reports("gives no money amounts to add up")
    lines = []
    for currency, rows in by_currency.items():
        sum_ = format_money(sum(x.amount or 0.0 for _, x in rows), currency)
        terms = " + ".join(term(m, x) for m, x in rows)
        lines.append(f"In total {sum_}: {terms}" + (f" = {sum_}." if len(rows) > 1 else "."))
    if skipped:
        lines.append(not_included(skipped))
    return " ".join(lines)


def not_included(skipped: Sequence[Given]) -> str:
    """Return "Not included: China's loan, for which the article gives no amount."."""
    kinds = join([f"{say.country(m.country)}'s {x.kind}" for m, x in skipped])
    return f"Not included: {kinds}, for which the article gives no amount."


def gave_all(meetings: Sequence[Meeting]) -> str:
    """Return "Canada agreed to provide $240,000; Japan provided $51.3 million."."""
    return say.capital("; ".join(say.gave(m) for m in meetings)) + "."


def one_of_two() -> str:
    """Return that the article reports only one of the two meetings compared."""
    return refusal.unsaid("it reports only one of those meetings")


def unsized(gap: Meeting, meetings: Sequence[Meeting]) -> str:
    """Return that a comparison fails for want of one country's amount, with what each gave."""
    reason = f"it gives no amount for {say.country(gap.country)}'s money"
    return refusal.unsaid(reason, [gave_all(meetings)])


def unrated(said: str) -> str:
    """Return that amounts in different currencies cannot be ranked, with what was given."""
    reason = "it gives the amounts in different currencies and no rate between them"
    return refusal.unsaid(reason, [said])


def too_few(given: int, said: str) -> str:
    """Return that the article gives fewer amounts than the place asked ("the fourth")."""
    only = "only one amount" if given == 1 else f"only {given} amounts"
    return refusal.unsaid(f"it gives {only}", [said])


def more_claim(holds: bool, meetings: Sequence[Meeting]) -> str:
    """Return "Yes/No: <what each gave>." for "did X give more than Y"."""
    return verdict(holds, "; ".join(say.gave(m) for m in meetings) + ".")


def ahead(
    lead: Meeting, ordered: Sequence[Meeting], difference: str = "", more: bool = True
) -> str:
    """Return "<Lead>: <what each gave>.", or "<Lead> gave <difference> more: ..."."""
    facts = "; ".join(say.gave(m) for m in ordered)
    who = say.country(lead.country)
    if difference:
        return say.capital(f"{who} gave {difference} {'more' if more else 'less'}: {facts}.")
    return say.capital(f"{who}: {facts}.")


def figure_claim(holds: bool, shown: Sequence[Given]) -> str:
    """Return "Yes/No: <the money the figures are>." for "is the 240,000 more than ..."."""
    return verdict(holds, " ".join(_given(shown)))


def no_figure(figure: float, given: Sequence[Money]) -> str:
    """Return that the article gives no such amount, naming the amounts it gives."""
    currency = given[0].currency if given else "USD"
    amounts = join([say.amount_of(x) for x in given])
    said = [f"The amounts it gives are {amounts}."] if amounts else []
    return refusal.unsaid(f"it gives no amount of {format_money(figure, currency)}", said)


def _given(hits: Sequence[Given]) -> list[str]:
    """Return "Canada agreed to provide $240,000." per money record."""
    return [say.capital(f"{say.country(m.country)} {x.verb} {say.amount_of(x)}.") for m, x in hits]


def _no_amount(unknown: Sequence[Given]) -> list[str]:
    """Return "The article gives no amount for China's loan." per record without one."""
    return [
        refusal.reports(f"gives no amount for {say.country(m.country)}'s {x.kind}")
        for m, x in unknown
    ]


def over_claim(hits: Sequence[Given]) -> str:
    """Return "Yes: <the money past the figure>."."""
    return yes(" ".join(_given(hits)))


def under_claim(meetings: Sequence[Meeting]) -> str:
    """Return "No: <what each gave>." when none of it passes the figure."""
    return no(" ".join(say.capital(f"{say.gave(m)}.") for m in meetings))


def past(hits: Sequence[Given], unknown: Sequence[Given]) -> str:
    """Return the money past a figure, then the records without an amount."""
    return " ".join(_given(hits) + _no_amount(unknown))


def none_past(unknown: Sequence[Given], claim: bool) -> str:
    """Return that no amount given fits the figure (or that it doesn't say), naming gaps."""
    if claim:
        return refusal.unsaid("", _no_amount(unknown))
    return " ".join(["None of the amounts the article gives fits.", *_no_amount(unknown)])
