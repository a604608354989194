"""Tell the doer from the done-to: "who did Hun Sen thank?" is not "who thanked Hun Sen?"."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from qa.answer.realise import sentence as say
from qa.answer.realise.lists import labels
from qa.answer.result import Answer, fact, join, none
from qa.answer.scope import own_paragraphs
from qa.data.records import Dataset, Meeting
from qa.search.index import sentences
from qa.understand.text import STOPWORDS, stem, terms

AUXILIARIES = frozenset("did does do will would has have had didn doesn don hasn haven".split())
NOT = frozenset("not n't t never".split())  # "didn't" reads as "didn", "t"


@dataclass(frozen=True, slots=True)
class Role:
    """What a who-question asks of one named party: the verb's stem and the name's stems."""

    verb: str
    name: tuple[str, ...]
    agent: bool  # the named party did it ("who did Hun Sen thank?"): asked, whom
    said: str = ""  # the verb as the question has it ("thank")


def name_keys(data: Dataset) -> frozenset[tuple[str, ...]]:
    """Return the stems of every person's and country's name and alias in the records."""
    named = [n for m in data.meetings for p in (m.leader, m.host) for n in (p.name, *p.aliases)]
    named += [n for c in data.countries for n in (c.name, *c.aliases)]
    return frozenset(key for n in named if (key := tuple(terms(n))))


def asked_role(tokens: tuple[str, ...], names: Collection[tuple[str, ...]]) -> Role | None:
    """Return the role a "who did X <verb>" or "who <verb> X" question gives a known name.

    `names` holds the stems of every name the articles' records know; None when the
    question has neither shape around one of them.
    """
    said = [t for t in tokens if t]
    if len(said) > 3 and said[0] == "which":
        said = ["who", *said[2:]]  # "which leaders did Hun Sen thank?" asks who, in a list
    if len(said) < 3 or said[0] not in ("who", "whom"):
        return None
    if said[1] in AUXILIARIES and said[2] not in NOT:
        # "who did Hun Sen (not) thank (for ...)?": the name runs up to the verb.
        for end in range(3, len(said)):
            key = tuple(terms(" ".join(said[2:end])))
            verb = said[end + 1] if said[end] in NOT and end + 1 < len(said) else said[end]
            if key in names and verb.isalpha() and verb not in STOPWORDS:
                return Role(stem(verb), key, True, verb)
        return None
    # "who (did not) thank(ed) Hun Sen (for ...)?": the name follows the verb.
    at = 1
    while at < len(said) - 1 and (said[at] in AUXILIARIES or said[at] in NOT):
        at += 1
    for end in range(len(said), at + 1, -1):
        key = tuple(terms(" ".join(said[at + 1 : end])))
        if key in names and said[at].isalpha():
            return Role(stem(said[at]), key, False, said[at])
    return None


def fits(sentence: str, role: Role) -> bool:
    """Tell whether the sentence has the named party on the asked side of the verb."""
    found = terms(sentence)
    if role.verb not in found:
        return False
    at = found.index(role.verb)
    side = found[:at] if role.agent else found[at + 1 :]
    n = len(role.name)
    return any(tuple(side[i : i + n]) == role.name for i in range(len(side) - n + 1))


def acting(data: Dataset, meetings: Sequence[Meeting], role: Role) -> list[tuple[Meeting, str]]:
    """Return each meeting whose own paragraphs have the role's act, with its first sentence.

    A meeting's paragraphs are those of its section and those it cites.
    """
    found = []
    for m in meetings:
        texts = [p.text for p in own_paragraphs(data, m)]
        said = next((s for t in texts for s in sentences(t) if fits(s, role)), None)
        if said is not None:
            found.append((m, said))
    return found


def which(
    data: Dataset,
    meetings: Sequence[Meeting],
    role: Role,
    negated: bool,
    said_anywhere: bool = False,
) -> Answer | None:
    """Answer "which leaders did Hun Sen (not) thank?" from the meetings' own sentences.

    When no meeting's paragraphs have the act, a question whose verb the article uses
    elsewhere (`said_anywhere`) is told so; otherwise None: the records cannot tell.
    """
    acted = acting(data, meetings, role)
    name = _shown(meetings, role.name)
    if not acted:
        if negated or not said_anywhere:
            return None
        # The verb is the article's, never with these roles: no paragraph answers it.
        doer = (
            f"{name} {_past(role.said)} anyone"
            if role.agent
            else f"anyone {_past(role.said)} {name}"
        )
        return none(f"The article doesn't say {doer}.")
    if not negated:
        # Who first, in one sentence, so that no one hides on a later page; then each act.
        met = [m for m, _ in acted]
        past = _past(role.said)
        if role.agent:
            lead = f"{name} {past} the leaders of {say.countries(len(met))}: {labels(met)}."
        else:
            lead = f"{labels(met)} {past} {name}."
        text = " ".join([f"By the article's account, {lead}", *(s for _, s in acted)])
        return fact(data, text, [(m, None) for m in met])
    done = {id(m) for m, _ in acted}
    rest = [m for m in meetings if id(m) not in done]
    if not rest:
        return None
    shown = join([say.country(m.country) for m, _ in acted])
    if role.agent:
        text = f"{name} did not {role.said} {labels(rest)}; it has {name} do so with {shown}."
    else:
        text = f"{labels(rest)} did not {role.said} {name}; it has {shown} do so."
    text = f"By the article's account, {text}"
    return fact(data, text, [(m, None) for m in meetings])


def _shown(meetings: Sequence[Meeting], key: tuple[str, ...]) -> str:
    """Return the name as the records spell it ("Hun Sen"), whose stems are key."""
    for m in meetings:
        for person in (m.host, m.leader):
            for name in (person.name, *person.aliases):
                if tuple(terms(name)) == key:
                    return name
        if tuple(terms(m.country)) == key:
            return say.country(m.country)
    return " ".join(key)


def _past(verb: str) -> str:
    """Return the verb's past tense ("thank" -> "thanked"), as the question's verb if none."""
    from lemminflect import getInflection  # only a which-question about an act needs it

    lemma = (getInflection(verb, "VB") or (verb,))[0]
    return (getInflection(lemma, "VBD") or (verb,))[0]
