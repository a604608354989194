"""Check claims about money: an amount given (or near it), and a kind of money named."""

from __future__ import annotations

import re

from qa.answer import claim
from qa.answer.realise import sentence as say
from qa.answer.realise.verdict import no, verdict, yes
from qa.answer.result import Answer, fact
from qa.answer.scope import Scope
from qa.data.records import Dataset, Meeting, Money
from qa.understand.operators import APPROXIMATE
from qa.understand.plan import Plan
from qa.understand.text import stem, terms

# Facts shown in support of a verdict, at most.
MAX_SUPPORT = 2
# Kinds of money that are not one another: a loan is no grant ("aid" may be either).
EXCLUSIVE_KINDS = ("grant", "loan", "investment")
# How near a claimed "roughly $51 million" must come to the amount given.
NEAR = 0.1
# "about $51 million", "around 50 million": words that only approximate right before a figure.
_ABOUT = re.compile(r"\b(?:about|around|some|approx)\.?\s+(?:us)?[$\u20ac\u00a3\u00a5]?\s?\d", re.I)


def close(amount: float, claimed: float, near: bool) -> bool:
    """Tell whether a claimed amount is the one given (or near it, for "roughly")."""
    return abs(amount - claimed) <= (NEAR * amount if near else 0.5)


def money_words(plan: Plan) -> frozenset[str]:
    """Return the terms of the amounts a claim writes ("yen" in "51.3 million yen")."""
    from qa.understand.currency import find_money

    text = plan.wording.text.casefold()
    return frozenset(t for a in find_money(text) for t in terms(text[a.start : a.end]))


def claimed_currencies(text: str, countries: tuple[str, ...]) -> frozenset[str]:
    """Return the currencies a claim writes its amounts in ("yen", "$"); none for bare figures."""
    if not any(ch.isdigit() for ch in text):
        return frozenset()
    from qa.understand.currency import find_money

    return frozenset(a.currency for a in find_money(text, countries))


def amount(data: Dataset, plan: Plan, scope: Scope) -> Answer | None:
    """Check a claimed amount against the amounts the records give (None: none given)."""
    given = [(m, x) for m in scope.meetings for x in m.money]
    if not given:
        return None
    near = bool(APPROXIMATE & set(plan.wording.tokens) or _ABOUT.search(plan.wording.text))
    named = claimed_currencies(plan.wording.text, plan.scope.countries)
    match = [
        (m, x)
        for m, x in given
        if x.amount is not None
        and any(close(x.amount, a, near) for a in plan.scope.amounts)
        # "51.3 million yen" is not the $51.3 million given.
        and (not named or x.currency in named)
    ]
    shown = match or given
    said = " ".join(say.sentence(m, x) for m, x in shown[:MAX_SUPPORT])
    if match and claim.timed(plan):
        # "Did Japan give the $51.3 million in October?": the amount's date decides.
        if not all(x.date or m.date for m, x in match):
            return fact(data, f"The article doesn't say when: {said}", list(match), False)
        held = any(claim.on_time(x.date or m.date, plan) for m, x in match)
        return fact(data, verdict(held, said), list(match))
    if match:
        return fact(data, yes(said), list(shown))
    if all(x.amount is None for _, x in given):
        return fact(data, f"The article doesn't say: {said}", list(given), False)
    return fact(data, no(said), list(shown))


def kind(data: Dataset, plan: Plan, scope: Scope) -> Answer | None:
    """Answer No when a claim names money of another kind than was given ("a grant")."""
    if plan.relation != "money" or not scope.named:
        return None
    named = {k for k in EXCLUSIVE_KINDS if stem(k) in plan.wording.terms}
    given = [(m, x) for m in scope.meetings for x in m.money]
    if len(named) > 1 and "or" in plan.wording.tokens and given:
        # "A loan or a grant?" asks which, not whether: the kind given answers it.
        return _which_kind(data, named, given)
    if not named or not given or any(x.kind in named for _, x in given):
        return None
    shown = given[:MAX_SUPPORT]
    return fact(data, no(" ".join(say.sentence(m, x) for m, x in shown)), list(shown))


def _which_kind(data: Dataset, named: set[str], given: list[tuple[Meeting, Money]]) -> Answer:
    """Name which of the kinds asked the money was, or say the article doesn't tell."""
    shown = given[:MAX_SUPPORT]
    said = " ".join(say.sentence(m, x) for m, x in shown)
    kinds = list(dict.fromkeys(x.kind for _, x in shown if x.kind in named))
    if not kinds:
        return fact(data, f"The article doesn't say which: {said}", list(shown), False)
    which = " and ".join(say.indefinite(k) for k in kinds)
    return fact(data, f"{say.capital(which)}: {said}", list(shown))
