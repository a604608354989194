"""Read a yes/no claim's parties: who it says acted, who else it names, who it names wrongly."""

from __future__ import annotations

from qa.answer.place import PLACE_CUES
from qa.answer.speech import voices
from qa.data.records import Event, Meeting, Position, Quote, Record, Request
from qa.understand.plan import MEETING_WORDS, Plan
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


def doers_of(m: Meeting, r: Record) -> set[str]:
    """Return who did or said a fact: a request is its asker's, a statement its speaker's."""
    if isinstance(r, Request):
        return {r.by or m.host.name}
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
