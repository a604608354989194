"""Tell which leftover sentences report an event worth keeping: a visit, a thanks, a plan."""

from __future__ import annotations

import re

_EVENT = re.compile(
    r"\b(?:thanked|visited|visit|visits|celebrated|celebrate|agreed|plans?|planned|will|would|"
    r"noted|recalled|inspected|congratulated|valued|appreciated|hailed|confirmed|invited|"
    r"accepted|launched|opened|inaugurated|attended|hosted|toured|laid|unveiled|promised|"
    r"vowed|decided|set to|pledged|offered|expressed|discussed)\b",
    re.IGNORECASE,
)
_MEETING = re.compile(r"\b(?:met|meet|meets|meeting|talks|received|held)\b", re.IGNORECASE)


def is_event(sentence: str) -> bool:
    """Tell whether a sentence reports something done or planned (not only discussed)."""
    if re.search(r"\b(?:discussed|touched on|spoke highly)\b", sentence) and not re.search(
        r"\b(?:agreed|will|plans?)\b", sentence
    ):
        return False
    return bool(_EVENT.search(sentence))


def is_meeting(sentence: str) -> bool:
    """Tell whether a sentence reports the meeting itself (met, held talks, received)."""
    return bool(_MEETING.search(sentence))
