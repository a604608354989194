"""Check claims about the people met: their titles, who met whom, and strangers."""

from __future__ import annotations

from qa.answer import claim
from qa.answer.realise import sentence as say
from qa.answer.realise.verdict import no, verdict
from qa.answer.result import Answer, fact, join
from qa.answer.scope import Scope
from qa.data.records import Dataset
from qa.understand.plan import Plan


def title(data: Dataset, plan: Plan, scope: Scope) -> Answer:
    """Check "is Kishida a president?" against the named leaders' titles."""
    parts = [say.holds_title(m) for m in scope.meetings]
    holds = all(m.leader.title in plan.scope.titles for m in scope.meetings)
    lead = verdict(holds != plan.negated, "")
    return fact(data, lead + " ".join(parts), [(m, None) for m in scope.meetings])


def between(data: Dataset, scope: Scope) -> Answer | None:
    """Say the records cannot check a meeting of two counterparts with each other."""
    leaders = list(dict.fromkeys(say.leader(m) for m in scope.meetings))
    if len(leaders) < 2:
        return None
    host = scope.meetings[0].host.name
    text = (
        f"The article doesn't say: it reports {host}'s meetings with {join(leaders)}, "
        "not a meeting between them."
    )
    return fact(data, text, [(m, None) for m in scope.meetings], False)


def stranger(data: Dataset, plan: Plan, scope: Scope) -> Answer | None:
    """Answer No when a claim puts a person the article never names in a named meeting.

    "Was Australia represented by Scott Morrison?": the meeting with Australia is
    recorded, and with someone else.
    """
    if not scope.named or plan.scope.leaders or plan.relation not in (None, "meeting"):
        return None
    person = claim.full_name(plan)
    if not person:
        return None
    parts = [f"{m.host.name} met {say.leader(m)}." for m in scope.meetings]
    text = no(f"{' '.join(parts)} The article never mentions {person}.")
    return fact(data, text, [(m, None) for m in scope.meetings])
