"""Count two offices against each other: "did he meet more presidents or prime ministers?"."""

from __future__ import annotations

from qa.answer.realise import tallies
from qa.answer.realise.verdict import verdict
from qa.answer.result import Answer, fact
from qa.answer.scope import Scope
from qa.data.records import Dataset, Meeting, Record
from qa.understand.operators import LESS, MORE
from qa.understand.plan import Plan


def compared(data: Dataset, plan: Plan, scope: Scope) -> Answer | None:
    """Return which of two offices the meetings held more (fewer) of, or check a claim of it.

    None unless the question names two titles and compares them with "or" or "than".
    """
    titles = plan.scope.titles
    said = set(plan.wording.tokens)
    if len(titles) != 2 or not (MORE | LESS) & said or not {"or", "than"} & said:
        return None
    if plan.relation not in (None, "meeting"):
        return None
    held = [[m for m in scope.meetings if m.leader.title == t] for t in titles]
    n = [len(ms) for ms in held]
    shown = [tallies.of(k, t) for k, t in zip(n, titles, strict=True)]
    items: list[tuple[Meeting, Record | None]] = [(m, None) for ms in held for m in ms]
    more = bool(MORE & said)
    if "than" in said and plan.wanted in ("yes/no", "text"):
        holds = n[0] > n[1] if more else n[0] < n[1]
        return fact(data, verdict(holds, f"{shown[0]}, against {shown[1]}."), items)
    if n[0] == n[1]:
        return fact(data, f"Neither: {shown[0]} and {shown[1]}.", items)
    first = 0 if (n[0] > n[1]) == more else 1
    word = "More" if more else "Fewer"
    text = f"{word} {titles[first]}s: {shown[first]}, against {shown[1 - first]}."
    return fact(data, text, items)
