"""Read a fact's stance on a claim's object: denied, on the object itself, or turned."""

from __future__ import annotations

import re

from qa.data.records import Event, Position, Record
from qa.understand.cues import OPPOSITES, STANCES, SUPPORTING
from qa.understand.plan import Plan
from qa.understand.text import terms
from qa.understand.text import words as words_of
from qa.understand.vocabulary import is_function_word

# A stated fact that denies its verb ("does not permit"); quoted words are not checked,
# a quotation's "never" is rhetoric ("we must never forget"), not a denial.
NEGATION = frozenset({"not", "cannot"})


def denies(r: Record) -> bool:
    """Tell whether a stated fact denies its own verb ("does not permit")."""
    return isinstance(r, Position | Event) and bool(NEGATION & set(words_of(r.text)))


def same_stance(a: str, b: str) -> bool:
    """Tell whether two stance words are one stance (equal, or sharing an opposite)."""
    return a == b or bool(set(OPPOSITES.get(a, ())) & set(OPPOSITES.get(b, ())))


def misplaced(sentence: str, plan: Plan, opposite: bool = False) -> bool:
    """Tell whether a fact's stance word (or its opposite) precedes none of the claim's objects.

    What a stance is on comes after it: "adherence to the One China policy and its
    opposition to anything undermining China's sovereignty" opposes no policy.
    """
    asked = list(plan.wording.terms)
    at = next((i for i, t in enumerate(asked) if t in STANCES), None)
    if at is None:
        return False
    objects = {t for t in asked[at + 1 :] if not is_function_word(t)}
    said = terms(sentence)
    places = [
        i for i, t in enumerate(said) if t in STANCES and same_stance(t, asked[at]) != opposite
    ]
    if not places or not objects:
        return False
    return not objects <= set(said[places[0] + 1 :])


_POSSESSIVE = re.compile(r"\b(\w+)['\u2019]s\b")
_OF = re.compile(r"\bof\s+(?:the\s+)?(\w+)")


def possessed(sentence: str, plan: Plan) -> bool:
    """Tell whether a fact's stance falls on something of the claim's object, not on it.

    "Opposition to Russia's invasion" is no stance on Russia: an object the fact names
    only as an owner ("Russia's") is not what the stance is on, unless the claim says so
    too. A fact's support is the exception: supporting Ukraine's sovereignty supports Ukraine.
    """
    asked = list(plan.wording.terms)
    at = next((i for i, t in enumerate(asked) if t in STANCES), None)
    if at is None:
        return False
    owned_asked = _owned(plan.wording.text)
    objects = {t for t in asked[at + 1 :] if not is_function_word(t)} - owned_asked
    # What a stance is on comes after it ("adherence to the One China policy and its
    # opposition to ... China's sovereignty"): read from the fact's first stance word.
    spots = [
        (m.start(), set(terms(m.group())))
        for m in re.finditer(r"\w+", sentence)
        if set(terms(m.group())) & STANCES
    ]
    if spots and spots[0][1] & SUPPORTING:
        return False
    rest = sentence[spots[0][0] :] if spots else sentence
    owners = _owned(rest)
    said = terms(_OF.sub("", _POSSESSIVE.sub("", rest)))
    return any(o in owners and o not in said for o in objects)


def _owned(text: str) -> set[str]:
    """Return the words a text names as owners: "Russia's invasion", "invasion of Ukraine"."""
    found = _POSSESSIVE.findall(text) + _OF.findall(text)
    return {t for w in found for t in terms(w)}


def stanced(sentence: str, plan: Plan, alts: dict[str, tuple[str, ...]]) -> bool:
    """Tell whether a fact takes a stance at all when the claim is one ("oppose the US").

    A fact without the stance word, one of its alternatives or its opposite neither
    supports nor denies the stance, whatever else it shares with the claim.
    """
    stances = [t for t in plan.wording.terms if t in STANCES]
    if not stances:
        return True
    same = {s for t in stances for s in (t, *alts.get(t, ()))}
    family = same | {s for t in stances for s in OPPOSITES.get(t, ())}
    have = set(terms(sentence))
    if not family & have:
        return False
    # "Does New Zealand oppose China?" is not met by a stance on Ukraine in its meeting:
    # the fact's own stance word, whichever way it goes, must be on the claim's object.
    return bool(same & have) or not misplaced(sentence, plan, opposite=True)
