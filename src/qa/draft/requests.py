"""Draft requests: what the principal asked, urged or called on the counterpart to do."""

from __future__ import annotations

import re
from typing import Any

_ASK = re.compile(
    r"\b(asked|urged|called on|called upon|requested|pressed|encouraged|appealed to|"
    r"called for|requested that|would like|wants|wanted)\b",
    re.IGNORECASE,
)
_TO = re.compile(r"^((?:[\w’'.-]+\s){0,6}?)to\s(?!the\b|a\b|an\b)([a-z].*)$")
_THAT = re.compile(r"^that\s((?:[A-Z][\w’'.-]*\s?)+|the\s[\w\s]+?)\s([a-z].*)$")
_CUT = re.compile(
    r"\s+and\s+(?:\w+\s+){0,4}?(?:he|she|they)\s.*$"
    r"|,\s+(?:and|while|but|as)\s.*$"
    r"|\s+and\s+(?:also\s+)?(?:said|thanked|noted|expressed|agreed)\b.*$"
    r"|,\s+(?:the|a|an)\s[^,]*\s(?:said|announced)\b.*$"
    r"|,\s+according to\b.*$"
    r"|,\s+(?:saying|noting|adding|citing|arguing)\b.*$"
    r"|,\s+[A-Z][\w’'-]*(?:\s[A-Z][\w’'-]*)*\s(?:said|added|noted)\b.*$"
)


def draft_requests(sentence: str) -> list[dict[str, Any]]:
    """Return requests in a sentence as infinitive phrases; nominal ones are reworded."""
    text = sentence.rstrip(".").strip()
    marks = list(_ASK.finditer(text))
    found: list[dict[str, Any]] = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        tail = text[m.end() : end].strip()
        tail = re.sub(r"\s+(?:and|,)\s*(?:\w+\s+){0,6}?$", "", tail) if i + 1 < len(marks) else tail
        verb = m.group(1).casefold()
        request = _request(verb, tail)
        if not request:
            continue
        # "to raise X and to lift Y": two things asked
        first, *more = re.split(r",?\s+and\s+to\s+(?=[a-z])", request["text"])
        found.append({**request, "text": first})
        found.extend({**request, "text": extra} for extra in more)
    return found


def _request(verb: str, tail: str) -> dict[str, Any] | None:
    if verb == "called for" or (verb == "urged" and not _TO.match(tail)):
        phrase = _clean(tail)
        if not phrase:
            return None
        return {"text": f"support {phrase}", "note": f"reworded from “{verb} {phrase}”"}
    if verb in ("requested", "requested that"):
        that = _THAT.match(tail if tail.startswith("that") else f"that {tail}")
        if that:
            return {"text": _clean(that.group(2)), "to": that.group(1)}
    m = _TO.match(tail)
    if not m:
        return None
    text = _clean(m.group(2))
    return {"text": text, "to": m.group(1).strip()} if text else None


def _clean(text: str) -> str:
    return _CUT.sub("", text).strip().rstrip(",;").strip()
