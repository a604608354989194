"""Check claims about every meeting: "did every leader discuss demining?", "did all give money?"."""

from __future__ import annotations

from qa.answer.realise import lists
from qa.answer.realise.verdict import verdict
from qa.answer.result import Answer, fact
from qa.answer.scope import FOCUS_FIELDS, Scope, filtered
from qa.data.records import Dataset, Meeting, Record
from qa.understand.cues import WHICH_NOUNS
from qa.understand.plan import Plan
from qa.understand.text import stem

# Words claiming something of every meeting when a word for the meetings follows.
_EVERY = frozenset({"every", "all", "each"})
# Words claiming it of every counterpart on their own.
_EVERYONE = frozenset({"everyone", "everybody"})
_BETWEEN = frozenset({"the", "of", "those", "these", "his", "her", "their"})


def applies(plan: Plan, scope: Scope) -> bool:
    """Tell whether a yes/no claim is made of every meeting in scope.

    "Every leader", "all the countries", "everyone"; "all of them" after a list means
    every meeting listed, which the follow-up has put in scope.
    """
    if plan.wanted != "yes/no" or plan.negated or len(scope.meetings) < 2:
        return False
    # Only what the records can check of each meeting: a topic they name, a kind of fact,
    # or the meeting itself. "Did every leader discuss the moon?" is not one of them.
    checked = plan.scope.topics or plan.relation in (*FOCUS_FIELDS, "meeting")
    if not checked or plan.wording.unknown or plan.wording.anchors:
        return False
    tokens = plan.wording.tokens
    for i, t in enumerate(tokens):
        if t in _EVERYONE and not scope.named:
            return True
        if t in _EVERY:
            rest = [w for w in tokens[i + 1 : i + 4] if w not in _BETWEEN]
            if rest and stem(rest[0]) in WHICH_NOUNS and not scope.named:
                return True
            if tokens[i + 1 : i + 3] in (("of", "them"), ("of", "those"), ("of", "these")):
                return True
    return False


def claim(data: Dataset, plan: Plan, scope: Scope) -> Answer:
    """Say Yes when every meeting holds what is claimed, else No with how many do."""
    kept = filtered(scope, plan)
    total = len(scope.meetings)
    items: list[tuple[Meeting, Record | None]] = [(m, None) for m in kept]
    topics = plan.scope.topics
    if not kept:
        none_did = lists.lacking(scope.meetings, total, relation=plan.relation, topics=topics)
        return fact(data, verdict(False, none_did), items)
    host = scope.meetings[0].host.name
    listed = lists.chosen(host, kept, relation=plan.relation, topics=topics, out_of=total)
    return fact(data, verdict(len(kept) == total, listed), items)
