"""Draft agreements: documents signed or witnessed, relations upgraded, plans agreed on."""

from __future__ import annotations

import re
from typing import Any

from rapidfuzz.distance import OSA

_SIGN = re.compile(
    r"\b(witnessed the signing of|oversaw the signing of|witnessed the exchange of|"
    r"signed|inked|concluded|exchanged|"
    r"announced|agreed on|agreed to|upgraded|elevated)\s+(.+)$",
    re.IGNORECASE,
)
# What an announcement or "agreed to" must be about to count as an agreement.
_ANNOUNCED = re.compile(
    r"^(?:an?\s|the\s)?(?:upgrade|elevation|agreement|partnership|deal|plan)", re.I
)
_AGREED_TO = re.compile(
    r"^(?:designate|establish|launch|set up|create|adopt|form|open|elevate|upgrade|sign)\b", re.I
)
_CUT = re.compile(
    r",\s+and\s+.*$"
    r"|\s+and\s+(?:also\s+)?(?:\w+\s+){0,3}?(?:he|she|they|agreed|expressed|discussed|said|"
    r"pledged|urged|asked|called|reiterated|thanked|noted)\b.*$"
    r"|,\s+(?:the|a|an)\s[^,]*\s(?:said|announced|reported)\b.*$"
    r"|\s+(?:at their meeting|during (?:the|their) (?:meeting|talks|visit))\b.*$"
    r"|,?\s+(?:on|in)\s+(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\s+\d{1,2}\b.*$"
)
_TYPO_OF_SIGNED = re.compile(r"\b([a-z]{5,7})\s+(?=(?:an?|the|two|three|several|\w+)\s)")


def draft_agreements(sentence: str) -> list[dict[str, Any]]:
    """Return the agreements a sentence reports, as name and verb."""
    return split_agreement(sentence)[0]


def split_agreement(sentence: str) -> tuple[list[dict[str, Any]], str]:
    """Return a sentence's agreements and any clause after them ("and agreed to ...")."""
    text = _fix_signed(sentence.rstrip("."))
    first = _SIGN.search(text)
    if not first:
        return [], ""
    subject = text[: first.start()].strip()
    at = first.start()
    # "agreed to raise trade ... and signed an MoU": a verb whose object is no agreement
    # gives way to the next one.
    while (m := _SIGN.search(text, at)) is not None:
        found = _agreements(m.group(1).casefold(), _CUT.sub("", m.group(2)))
        if found:
            # What the subject did before, with no agreement in it, is kept as a clause too.
            before = re.sub(r"[\s,]+and$", "", text[: m.start()].strip())
            before = f"{before}." if m.start() > first.start() else ""
            return found, " ".join(c for c in (before, _after(subject, m.group(2))) if c)
        at = m.start(2)
    return [], ""


def _after(subject: str, rest: str) -> str:
    """Return the clause after the agreement ("and agreed to meet yearly"), as a sentence."""
    cut = _CUT.search(rest)
    clause = cut.group(0).lstrip(" ,") if cut else ""
    if not clause.startswith("and "):
        return ""
    rest = clause[4:]
    # "..., and Otieno invited Tan": a clause with its own subject stands alone.
    own = rest[:1].isupper()
    return f"{rest}." if own else (f"{subject} {rest}." if subject else "")


def _agreements(verb: str, rest: str) -> list[dict[str, Any]]:
    rest = rest.strip().rstrip(",;")
    if not rest or re.match(r"^(?:in|on|at|by|with|into|for)\b", rest):
        return []  # "the MoU signed in 2002": a participle, not a signing
    if verb in ("announced", "agreed on") and not (_ANNOUNCED.match(rest) or verb == "agreed on"):
        return []
    if verb == "agreed to":
        if not _AGREED_TO.match(rest):
            return []
        return [{"name": f"to {rest}", "verb": "agreed"}]
    if verb in ("upgraded", "elevated"):
        return [{"name": f"an upgrade of {rest}", "verb": "agreed on"}]
    if verb == "announced":
        return [{"name": rest, "verb": "announced"}]
    return [{"name": rest, "verb": "signed" if verb in ("inked", "concluded") else verb}]


def _fix_signed(text: str) -> str:
    # News copy misspells "signed" ("singed"); one transposition is read as the word.
    def _replace(m: re.Match[str]) -> str:
        word = m.group(1)
        if (
            word != "signed"
            and OSA.distance(word, "signed") == 1
            and sorted(word) == sorted("signed")
        ):
            return "signed "
        return m.group(0)

    return _TYPO_OF_SIGNED.sub(_replace, text)
