"""Tell the doer from the done-to: "who did Hun Sen thank?" is not "who thanked Hun Sen?"."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from qa.understand.text import STOPWORDS, stem, terms

AUXILIARIES = frozenset("did does do will would has have had".split())


@dataclass(frozen=True, slots=True)
class Role:
    """What a who-question asks of one named party: the verb's stem and the name's stems."""

    verb: str
    name: tuple[str, ...]
    agent: bool  # the named party did it ("who did Hun Sen thank?"): asked, whom


def asked_role(tokens: tuple[str, ...], names: Collection[tuple[str, ...]]) -> Role | None:
    """Return the role a "who did X <verb>" or "who <verb> X" question gives a known name.

    `names` holds the stems of every name the articles' records know; None when the
    question has neither shape around one of them.
    """
    said = [t for t in tokens if t]
    if len(said) < 3 or said[0] not in ("who", "whom"):
        return None
    if said[1] in AUXILIARIES:
        # "who did Hun Sen thank (for ...)?": the name runs up to the verb.
        for end in range(3, len(said)):
            key = tuple(terms(" ".join(said[2:end])))
            verb = said[end]
            if key in names and verb.isalpha() and verb not in STOPWORDS:
                return Role(stem(verb), key, True)
        return None
    # "who thanked Hun Sen (for ...)?": the name follows the verb.
    for end in range(len(said), 2, -1):
        key = tuple(terms(" ".join(said[2:end])))
        if key in names and said[1].isalpha():
            return Role(stem(said[1]), key, False)
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
