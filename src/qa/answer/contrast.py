"""Compare two or more meetings as a whole: what each gave and agreed, what they shared."""

from __future__ import annotations

from collections.abc import Sequence

from qa.answer.rank import tally
from qa.answer.realise import sentence as say
from qa.answer.realise import tallies
from qa.answer.realise.refusal import unmet
from qa.answer.result import Answer, fact, join, none
from qa.data.records import Dataset, Meeting, Record
from qa.understand.plan import Plan
from qa.understand.quantity import format_date, format_money

# Topics of one side named in its line; the rest are counted.
OWN_TOPICS = 5


def sides(data: Dataset, plan: Plan, meetings: Sequence[Meeting]) -> Answer:
    """Set the named meetings side by side, the topics they share first when asked for."""
    if len(meetings) < 2:
        found = {n for m in meetings for n in (m.country, m.leader.name)}
        return none(unmet([n for n in plan.compared if n not in found]))
    shared = set.intersection(*(set(m.topics()) for m in meetings))
    both = "Both" if len(meetings) == 2 else "All of them"
    if shared:
        common = f"{both} discussed {say.topics(sorted(shared))}."
    else:
        common = f"The article reports no topic {both.casefold()} discussed."
    if plan.relation == "discussion":
        return fact(data, common, [(m, None) for m in meetings])  # the shared topics only
    lines = [_line(m, shared) for m in meetings]
    text = " ".join([common, *lines] if plan.has("in common") else [*lines, common])
    items: list[tuple[Meeting, Record | None]] = [(m, None) for m in meetings]
    return fact(data, text, items)


def _line(m: Meeting, shared: set[str]) -> str:
    """Return "Japan (Fumio Kishida): no date given; $51.3 million (grant); 2 agreements; ..."."""
    parts = [f"met on {format_date(m.date)}" if m.date else "no date given"]
    money = [
        f"{format_money(x.amount, x.currency)} ({x.kind})"
        if x.amount is not None
        else f"{say.indefinite(x.kind)} of no stated amount"
        for x in m.money
    ]
    parts.append(join(money) if money else "no money")
    # "MoUs on ..." stands for an unstated number of agreements: "at least 2".
    parts.append(tallies.counted("agreement", tally(m, "agreement").shown()))
    parts.append(tallies.counted("request", tally(m, "request").shown()))
    own = sorted(set(m.topics()) - shared)
    if own:
        shown = say.topics(own[:OWN_TOPICS])
        rest = f" and {len(own) - OWN_TOPICS} more" if len(own) > OWN_TOPICS else ""
        parts.append(f"{'also ' if shared else ''}discussed {shown}{rest}")
    return f"{say.capital(say.label(m))}: {'; '.join(parts)}."
