"""Draft money facts: an amount and currency a giving verb governs, its kind and purpose."""

from __future__ import annotations

import re
from typing import Any

from qa.understand.currency import find_money

_GIVE = (
    r"provide[sd]?|provided|pledge[sd]?|give[sn]?|gave|grant(?:ed|s)?|donate[sd]?|lend|lends|"
    r"lent|extend(?:ed|s)?|offer(?:ed|s)?|commit(?:ted|s)?|contribute[sd]?|invest(?:ed|s)?|"
    r"announce[sd]?|allocate[sd]?|approve[sd]?|disburse[sd]?|fund(?:ed|s)?|finance[sd]?"
)
_VERB = re.compile(
    rf"\b((?:(?:has|have|had|will|would|shall|also|agreed to|pledged to|promised to|plans to|"
    rf"planned to|decided to|is to|was to|is set to|to)\s+)*(?:{_GIVE}))\b",
    re.IGNORECASE,
)
_NO_AMOUNT = re.compile(
    r"\b(an?\s+(?:(?:new|concessional|soft|further|additional|fresh)\s+)?"
    r"(?:loan|grant|aid package|assistance package|credit line|donation))\b",
    re.IGNORECASE,
)
# How far (characters) an amount may follow its verb: "provide a €500 million loan".
_REACH = 60
_PURPOSE = re.compile(r"\s(?:(?:in|as)\s[\w\s-]{0,30}?\s)?((?:for|to)\s.+)$")
_NAMED = re.compile(r"\s(?:(?:[\w-]+\s){0,2}?)(loan|grant|credit line|aid package)\b", re.I)
_LAST_VERB = re.compile(r"\b(signed|agreed|approved|concluded|inked)\s+(?:an?\s+|the\s+)?$")
_INTO = re.compile(r"^\s((?:into|in)\s.+)$")  # what an investment goes into
_RECIPIENT = re.compile(r"^to\s(?:the\s)?[A-Z][\w’'-]*(?:\s[A-Z][\w’'-]*)*(?=\s(?:for|to)\s)")
_TRAIL = re.compile(
    r",\s(?:(?:the|a|an|according)\b[^,]*|[A-Z][\w’'-]*(?:\s[A-Z][\w’'-]*)*)\s"
    r"(?:said|announced|told|added|noted|stated|confirmed)\b.*$"
    r"|,\s(?:according to|said)\b.*$"
    r"|\s(?:at their meeting|during (?:the|their) (?:meeting|talks))\b.*$"
)


def draft_money(sentence: str, countries: tuple[str, ...]) -> list[dict[str, Any]]:
    """Return money facts in a sentence: each sum a giving verb governs, or a loan with no sum."""
    facts: list[dict[str, Any]] = []
    amounts = find_money(sentence, countries)
    verbs = list(_VERB.finditer(sentence))
    used: set[int] = set()
    for verb in verbs:
        after = [a for a in amounts if 0 <= a.start - verb.end() <= _REACH and a.start not in used]
        if after:
            amount = after[0]
            used.add(amount.start)
            rest = sentence[amount.end :]
            facts.append(
                {
                    "verb": _verb_text(verb.group(1)),
                    "kind": _kind(sentence[verb.start() : amount.end + 40]),
                    "amount": _number(amount.value),
                    "currency": amount.currency,
                    **_purpose(rest),
                }
            )
            continue
        bare = _NO_AMOUNT.match(sentence, verb.end() + 1)
        if bare and amounts:
            continue
        if bare and not amounts:
            facts.append(
                {
                    "verb": _verb_text(verb.group(1)),
                    "kind": _kind(bare.group(1)),
                    "what": bare.group(1),
                    **_purpose(sentence[bare.end() :]),
                }
            )
    for amount in amounts:
        # "signed a ¥45 billion loan agreement": the sum names a loan or grant itself.
        kind = _NAMED.match(sentence, amount.end)
        before = _LAST_VERB.search(sentence[: amount.start])
        if amount.start in used or not kind or not before:
            continue
        named = _kind(kind.group(1))
        facts.append(
            {
                # "signed a ¥45 billion loan agreement": the giver agreed to lend that sum.
                "verb": "agreed to lend" if named == "loan" else "agreed to provide",
                "kind": named,
                "amount": _number(amount.value),
                "currency": amount.currency,
                **_purpose(sentence[kind.end() :]),
            }
        )
    return facts


def giver_before(sentence: str, verb: str) -> str:
    """Return the words before the giving verb: who gives, for the reviewer."""
    at = sentence.find(verb)
    if at < 0:  # a sum that names a loan: the subject comes before "signed"
        found = re.search(r"\b(?:signed|agreed|approved|concluded|inked)\b", sentence)
        at = found.start() if found else -1
    return sentence[:at].strip() if at > 0 else ""


def _verb_text(verb: str) -> str:
    return " ".join(w for w in verb.split() if w.casefold() != "also").casefold()


def _kind(text: str) -> str:
    low = text.casefold()
    if re.search(r"\b(?:loan|lend|lent|credit|concessional)", low):
        return "loan"
    if re.search(r"\binvest", low):
        return "investment"
    if re.search(r"\bgrant", low):
        return "grant"
    if re.search(r"\baid\b|assistance", low):
        return "aid"
    return "grant"


def _number(value: float) -> int | float:
    return int(value) if value == int(value) else value


def _purpose(rest: str) -> dict[str, Any]:
    text = _TRAIL.sub("", rest.strip().rstrip(".").strip())
    text = _RECIPIENT.sub("", text)  # "to Cambodia for ...": the recipient, not the purpose
    m = _PURPOSE.search(" " + text) or _INTO.search(" " + text)
    if not m:
        return {}
    purpose = m.group(1).strip().rstrip(",;")
    found: dict[str, Any] = {}
    if ":" in purpose:
        purpose, _, listed = purpose.partition(":")
        items = [i.strip() for i in re.split(r",\s|;\s", listed) if i.strip()]
        if items and " and " in items[-1]:
            items[-1:] = [p.strip() for p in items[-1].rsplit(" and ", 1)]
        found["items"] = [i[:1].lower() + i[1:] if i[1:2].islower() else i for i in items]
    else:
        including = re.search(r",?\s(?:including|such as)\s(.+)$", purpose)
        if including:
            purpose = purpose[: including.start()]
            parts = re.split(r",\s|\sand\s", including.group(1))
            found["items"] = [p.strip() for p in parts if p.strip()]
    found["purpose"] = purpose.strip()
    return found
