"""Draft quotes with their speakers, and reported speech and stances as positions."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Attributions sit within a clause of their quotation; looking no further keeps the
# patterns linear on long paragraphs.
_WINDOW = 240
_QUOTE = re.compile(r"“([^”]{12,})”|\"([^\"]{12,})\"")
_SAY = (
    r"said|says|saying|tweeted|wrote|posted|told\s(?:reporters|journalists|(?:an?|the)\s[\w\s]{1,30}?(?=\sthat\b|[,:.]|$))|"
    r"added|stressed|noted|declared|stated|announced|insisted|remarked"
)
_AFTER = re.compile(rf"^[,.]?\s*(?P<attr>.*?\b(?P<verb>{_SAY})\b.*?)[.]?$", re.IGNORECASE)
_BEFORE = re.compile(rf"(?P<attr>[^.“”\"]*?\b(?P<verb>{_SAY})\b[^“”\"]*?)[:,]\s*$", re.IGNORECASE)
_SAYER = re.compile(rf"(?P<attr>[^“”\"]*?\b(?P<verb>{_SAY})\b)[^“”\"]*$", re.IGNORECASE)
_BODY = re.compile(
    r"(?:(?:the|a|an)\s+)?(?:(?:press|joint|written)\s+)?statement\s+(?:of|by|from)\s+(the\s+[\w\s]+?)$"
    r"|((?:the|a|an)\s+(?:[\w-]+\s+){0,3}?(?:ministry|government|embassy|office|spokesperson|"
    r"spokesman|spokeswoman|palace|department|agency))\b",
    re.IGNORECASE,
)
_PRONOUN = re.compile(r"^(?:he|she|they)\b", re.IGNORECASE)
_REPORTED = re.compile(
    r"(?:^|,\s+|\bwhich\s+)(?P<who>[^,“”\"]{2,80}?)\s+(?:also\s+|expressly\s+|firmly\s+)?"
    r"(?P<verb>said|says|stressed|noted|added|told\s[\w\s’']{1,40}?|underlined|insisted|"
    r"reiterated|reaffirmed|expressed (?:optimism|hope|support|concern)|was optimistic|"
    r"commended|thanked|welcomed|backed|supported|opposed|condemned)\b\s*(?:that\s)?(?P<what>.+)$"
)
_STANCE = re.compile(
    r"\b(?:position|support(?:s|ed)? for|opposition|adherence|optimis\w*|commend\w*|"
    r"condemn\w*|reaffirm\w*|reiterat\w*|back(?:s|ed)?|oppos\w*|concern\w*)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Quoted:
    """Words quoted in a paragraph, the attribution around them and their span."""

    words: str
    attribution: str
    verb: str
    start: int
    end: int


def find_quotes(text: str) -> list[Quoted]:
    """Return the quotations of a paragraph with the words that attribute them."""
    found = []
    for m in _QUOTE.finditer(text):
        words = (m.group(1) or m.group(2)).strip()
        if len(words.split()) < 4:
            continue  # a quoted name or slogan ("Comprehensive Strategic Partnership")
        after = text[m.end() : m.end() + _WINDOW]
        sentence_after = re.split(r"(?<=[.!?])\s", after, maxsplit=1)[0]
        tail = _AFTER.match(sentence_after)
        continues = words.endswith(",") or not sentence_after.lstrip()[:1].isupper()
        if tail and len(tail.group("attr")) < 120 and continues:
            attribution, verb = tail.group("attr"), tail.group("verb")
        else:
            before = text[max(0, m.start() - _WINDOW) : m.start()]
            head = _BEFORE.search(before) or _fragment(before)
            if not head:
                continue
            attribution, verb = head.group("attr"), head.group("verb")
        words = re.sub(r"[,]$", ".", words)
        found.append(Quoted(words, attribution.strip(" ,"), verb, m.start(), m.end()))
    return found


def _fragment(before: str) -> re.Match[str] | None:
    """Match "X told reporters that ... " before a quoted phrase inside reported speech."""
    sentence = re.split(r"(?<=[.!?])\s+", before)[-1]
    return _SAYER.match(sentence)


def speaking_body(attribution: str) -> str:
    """Return the institution an attribution names ("the foreign ministry"), or ""."""
    m = _BODY.search(attribution)
    if not m:
        return ""
    body = (m.group(1) or m.group(2)).strip()
    body = re.sub(r"^(?:a|an)\s", "the ", body)
    return re.sub(r"\s+(?:statement|press statement)$", "", body)


def quote_verb(attribution: str, verb: str) -> str:
    """Return the verb a quote is reported with ("tweeted", "said in a statement")."""
    if re.search(r"\bquoted as saying\b", attribution):
        return "was quoted as saying"
    if re.search(r"\bstatement\b", attribution, re.IGNORECASE) and verb.casefold() == "said":
        return (
            "said in a press statement"
            if "press" in attribution.casefold()
            else "said in a statement"
        )
    return verb.casefold()


def is_pronoun(text: str) -> bool:
    """Tell whether an attribution starts with a personal pronoun ("he tweeted")."""
    return bool(_PRONOUN.match(text.strip()))


def reported(sentence: str) -> tuple[str, str] | None:
    """Return (speaker words, verb) when a sentence reports speech or a stance."""
    m = _REPORTED.search(sentence)
    if not m or "“" in sentence[: m.start("what")]:
        return None
    verb = m.group("verb").casefold()
    speech = verb.startswith(
        ("said", "says", "told", "stressed", "noted", "added", "underlined", "insisted")
    )
    if not speech and not _STANCE.search(sentence) and verb != "thanked":
        return None
    return m.group("who").strip(), verb
