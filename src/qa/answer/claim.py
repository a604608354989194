"""Read a yes/no claim's parties: who it says acted, who else it names, who it names wrongly."""

from __future__ import annotations

import datetime as dt
import re

from qa.answer.place import PLACE_CUES
from qa.answer.speech import voices
from qa.data.records import Event, Meeting, Money, Position, Quote, Record, Request
from qa.understand.operators import MEETING_WORDS
from qa.understand.plan import Plan
from qa.understand.quantity import MONTHS
from qa.understand.text import name_key, term_set

# Words that make a claim about each of several people, not about them together.
EACH = frozenset({"both", "each", "either", "all"})
# Words saying two people met ("meet", "see", "sit down with"), not what they did.
MEETING_VERBS = MEETING_WORDS - {"two", "both"}


def joint(m: Meeting, r: Record) -> bool:
    """Tell whether a record is of the meeting itself, not one side's words or outing."""
    if isinstance(r, Quote):
        return False
    return not isinstance(r, Event) or bool(set(name_key(m.host.name)) & term_set(r.text))


def reversed_by(m: Meeting, r: Record, plan: Plan) -> bool:
    """Tell whether a record is the act of the claim's other party, not of its subject.

    "Did Hun Sen thank Trudeau?" is not carried by Trudeau thanking Hun Sen: a request
    is the principal's, a statement its speaker's (or the leader it reports).
    """
    doers = doers_of(m, r)
    subject, others = parties(m, plan)
    return bool(doers) and not doers & subject and bool(doers & others)


def by_subject(m: Meeting, r: Record, plan: Plan) -> bool:
    """Tell whether a fact may be the claim's subject's own act (it names no other doer)."""
    doers = doers_of(m, r)
    subject, _ = parties(m, plan)
    return not doers or not subject or bool(doers & subject)


def by_outsider(m: Meeting, r: Record, plan: Plan) -> bool:
    """Tell whether a fact is from a meeting the claim's subject had no part in.

    "Is Japan against China?" is not carried by Cambodia's stance in its meeting with
    China, nor "did Biden mention China?" by what Hun Sen and Li discussed.
    """
    if plan.actor is None:
        return False
    kind, name = plan.actor
    # A country may be named as what was discussed ("was Ukraine mentioned with Canada?"),
    # a leader only as who did it.
    if kind == "principal" or (kind == "country" and not doers_of(m, r)):
        return False
    return name not in (m.host.name, m.host.country, m.country, m.leader.name)


def doers_of(m: Meeting, r: Record) -> set[str]:
    """Return who did or said a fact: a request is its asker's, a statement its speaker's."""
    if isinstance(r, Request):
        return {r.by or m.host.name}
    if isinstance(r, Money):
        return {m.leader.name}  # the counterpart's country gives, pledges or lends
    if isinstance(r, Quote | Position | Event):
        return voices(m, r)
    return set()


def parties(m: Meeting, plan: Plan) -> tuple[set[str], set[str]]:
    """Return who in a meeting the claim's subject is, and who else it names."""
    named: set[str] = set(plan.scope.leaders) & {m.leader.name}
    if plan.scope.principal or m.host.country in plan.scope.countries:
        named.add(m.host.name)
    if m.country in plan.scope.countries:
        named.add(m.leader.name)
    subject: set[str] = set()
    if plan.actor:
        kind, name = plan.actor
        if kind == "principal" or (kind == "country" and name == m.host.country):
            subject = {m.host.name}
        elif name in (m.country, m.leader.name):
            subject = {m.leader.name}
    return subject, named - subject


def progressive(tokens: tuple[str, ...]) -> bool:
    """Tell whether "is X ...ing" asks about an act ("is Korea employing workers")."""
    from lemminflect import getAllLemmas

    return any(t.endswith("ing") and "VERB" in getAllLemmas(t) for t in tokens[2:])


def full_name(plan: Plan) -> str:
    """Return two or more capitalised words in a row the article never uses ("Xi Jinping")."""
    capitals, unknown = plan.wording.capitals, set(plan.wording.names)
    said = plan.wording.text.split()
    for i in range(len(said) - 1):
        pair = [w.strip("?.,!'\"") for w in said[i : i + 2]]
        if i and said[i - 1].casefold() in PLACE_CUES:
            continue  # "in Tokyo Bay" names a place, not a person
        if all(w in capitals for w in pair) and unknown & set(pair):
            j = i + 2
            while j < len(said) and said[j].strip("?.,!'\"") in capitals:
                pair.append(said[j].strip("?.,!'\""))
                j += 1
            return " ".join(pair)
    return ""


_YEAR = re.compile(r"(?:19|20)\d\d")


def claimed_years(plan: Plan) -> list[int]:
    """Return the years a claim names ("in 2021")."""
    return [int(t) for t in plan.wording.tokens if _YEAR.fullmatch(t)]


def claimed_months(plan: Plan) -> list[int]:
    """Return the months a claim names without a day ("in December")."""
    dated = {d.month for d in plan.scope.dates}
    # "may" is far more often the verb than the month.
    return [
        MONTHS[t]
        for t in plan.wording.tokens
        if t in MONTHS and t != "may" and MONTHS[t] not in dated
    ]


def timed(plan: Plan, years: bool = True) -> bool:
    """Tell whether a claim says when: a day, a month, a year, or before or after a day."""
    return bool(plan.scope.dates or claimed_months(plan) or (years and claimed_years(plan)))


def on_time(date: dt.date | None, plan: Plan, years: bool = True) -> bool:
    """Tell whether a recorded date fits when the claim says (any date fits no time said).

    "Before November 13" is a side of that day, not the day itself. Without `years`, a
    year is left to the facts' words ("his first visit in 1981" is not a record's date).
    """
    if not timed(plan, years):
        return True
    if date is None:
        return False
    if plan.scope.dates:
        first = plan.scope.dates[0]
        if plan.has("before") or plan.has("after"):
            ref = dt.date(first.year or date.year, first.month or date.month, first.day)
            if (date >= ref) if plan.has("before") else (date <= ref):
                return False
        elif not any(d.matches(date) for d in plan.scope.dates):
            return False
    months, said = claimed_months(plan), claimed_years(plan) if years else []
    return (not months or date.month in months) and (not said or date.year in said)
