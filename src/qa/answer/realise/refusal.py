"""Write refusals in one style: "The article doesn't say: <why>.", with what it does say."""

from __future__ import annotations

from collections.abc import Sequence

from qa.answer.realise import sentence as say
from qa.answer.result import join
from qa.data.records import Meeting


def unsaid(reason: str = "", evidence: Sequence[str] = ()) -> str:
    """Return "The article doesn't say[: <reason>]." and the sentences it does give."""
    head = f"The article doesn't say: {reason}." if reason else "The article doesn't say."
    return " ".join([head, *evidence])


def unmentioned(what: str) -> str:
    """Return "The article doesn't mention <what>."."""
    return f"The article doesn't mention {what}."


def unmet(names: Sequence[str]) -> str:
    """Return "The article doesn't mention a meeting with <names>."."""
    return unmentioned(f"a meeting with {join(list(names))}")


def ungiven(what: str, evidence: Sequence[str] = ()) -> str:
    """Return "The article doesn't give <what>.", or ": <evidence>" in place of the stop."""
    if evidence:
        return f"The article doesn't give {what}: " + " ".join(evidence)
    return f"The article doesn't give {what}."


def reports(finding: str, evidence: Sequence[str] = ()) -> str:
    """Return "The article <finding>." for what it reports none of, and what it does say."""
    return " ".join([f"The article {finding}.", *evidence])


def no_date_for(meetings: Sequence[Meeting], by_country: bool = False) -> str:
    """Return the reason "it gives no date for the meeting with <leader>"."""
    if by_country:
        names = join([say.country(m.country) for m in meetings])
        return f"it gives no date for the meetings with {names}"
    who = join([say.leader(m) for m in meetings]) or "one of them"
    return f"it gives no date for the meeting with {who}"


def undated_meeting(m: Meeting, host: bool = False) -> str:
    """Return "The article doesn't give the date of the meeting with <leader>."."""
    whose = f"{m.host.name}'s meeting" if host else "the meeting"
    return ungiven(f"the date of {whose} with {say.leader(m)}")
