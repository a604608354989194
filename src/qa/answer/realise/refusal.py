"""Write refusals in one style: "The article doesn't say: <why>.", with what it does say."""

from __future__ import annotations

from collections.abc import Sequence

from qa.answer.realise import sentence as say
from qa.answer.result import join
from qa.data.records import Meeting

# What the article might have reported with a country, per relation asked.
WHAT_FOR = {
    "money": "any money given, pledged or lent by",
    "agreement": "any agreement signed with",
    "request": "any request {host} made of",
    "position": "any position stated with",
    "quote": "any quoted words from",
    "event": "any other event involving",
}


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
    """Return the reason "it gives no date for the meeting(s) with <leader or country>"."""
    if by_country:
        who = join([say.country(m.country) for m in meetings])
    else:
        who = join([say.leader(m) for m in meetings]) or "one of them"
    return f"it gives no date for the meeting{'s' if len(meetings) > 1 else ''} with {who}"


def undated_meeting(m: Meeting, host: bool = False) -> str:
    """Return "The article doesn't give the date of the meeting with <leader>."."""
    whose = f"{m.host.name}'s meeting" if host else "the meeting"
    return ungiven(f"the date of {whose} with {say.leader(m)}")


def _about(topics: Sequence[str]) -> str:
    return f" about {join(list(topics))}" if topics else ""


def _countries(meetings: Sequence[Meeting]) -> str:
    return join([say.country(m.country) for m in meetings])


def unquoted(leaders: Sequence[str], topics: Sequence[str] = ()) -> str:
    """Return "The article doesn't quote <leaders>[ about <topics>]."."""
    return f"The article doesn't quote {join(list(leaders))}{_about(topics)}."


def unreported_speech(who: str) -> str:
    """Return "The article doesn't report anything <who> said."."""
    return f"The article doesn't report anything {who} said."


def lacks(relation: str, meetings: Sequence[Meeting], topics: Sequence[str] = ()) -> str:
    """Return "The article doesn't mention any <relation's records> <countries>[ about ...]."."""
    what = WHAT_FOR[relation].format(host=meetings[0].host.name)
    return unmentioned(f"{what} {_countries(meetings)}{_about(topics)}")


def undated(
    relation: str | None, days: Sequence[object], meetings: Sequence[Meeting], named: bool
) -> str:
    """Return "The article doesn't mention any <relation's records>[ <countries>] on <days>."."""
    what = WHAT_FOR.get(relation or "", "anything").format(host=meetings[0].host.name)
    if what.endswith((" by", " with", " of", " from", " involving")) and not named:
        what = what.rsplit(" ", 1)[0]  # "any agreement signed", of no one in particular
    who = f" {_countries(meetings)}" if named else ""
    return unmentioned(f"{what}{who} on {join([str(d) for d in days])}")


def unasked(asker: str, host: str) -> str:
    """Return "The article doesn't mention any request <asker> made of <host>."."""
    return unmentioned(f"any request {asker} made of {host}")


def not_raised(topics: Sequence[str], meetings: Sequence[Meeting]) -> str:
    """Return "The article doesn't say <topics> came up with <countries>."."""
    return f"The article doesn't say {join(list(topics))} came up with {_countries(meetings)}."
