"""Read a question's frame from its words: intent, kind of fact, superlatives, back-references."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from qa.understand.cues import (
    FILLERS,
    FOCUS_CUES,
    FOLLOW_PRONOUNS,
    REQUESTS,
    SUPERLATIVES,
    TOTAL_CUES,
    WHICH_NOUNS,
    YES_NO,
)
from qa.understand.text import STOPWORDS, stem

_OTHER_WH = frozenset("what which who whom how why where".split())
# "How big was the loan?": the size of money asked for is its amount.
_HOW_SIZE = frozenset(("how", w) for w in "big large small generous sizeable huge".split())


def intent_of(tokens: list[str], stems: list[str]) -> str:
    """Return what a question asks for: what, amount, total, count, when, who, which, ..."""
    pairs = set(pairwise(tokens))
    first = tokens[0] if tokens else ""
    said, stemmed = set(tokens), set(stems)
    if first in YES_NO and tokens[1:2] == ["it"] and {"who", "whom"} & said:
        # "Was it Xi who represented China?": a claim, its "who" only relative.
        return "confirm"
    superlative = superlative_of(tokens)
    money = bool(FOCUS_CUES["money"] & stemmed)
    if (
        ("how", "much") in pairs
        or {"amount", "value", "worth"} & said
        or (money and (superlative or "size" in said or _HOW_SIZE & pairs))
    ):
        return "total" if TOTAL_CUES & stemmed and not superlative else "amount"
    if TOTAL_CUES & stemmed and FOCUS_CUES["money"] & stemmed:
        return "total"
    if ("how", "many") in pairs or _counts_number(tokens):
        return "count"
    # A "when" clause inside a question another wh-word opens ("What did he say when
    # they met?", "how ... when it comes to") does not ask for a date.
    subordinate = first in _OTHER_WH and tokens[1:2] != ["when"]
    if ("when" in said and not subordinate) or {
        ("what", "date"),
        ("which", "date"),
        ("what", "day"),
        ("which", "day"),
    } & pairs:
        return "when"
    if "why" in said or (first == "how" and not {("how", "much"), ("how", "many")} & pairs):
        return "why"
    if (
        any(a in {"which", "what", "list", "name"} and stem(b) in WHICH_NOUNS for a, b in pairs)
        or any(
            t == "which" and stem(u) in WHICH_NOUNS
            for t, u in zip(tokens, tokens[2:], strict=False)
        )
        or (first in {"list", "name"} and not _lists_facts(tokens))
        or tokens[:2] == ["which", "of"]
    ):
        return "which"
    if {"who", "whom"} & said:
        return "who"
    if first in YES_NO or (tokens[1:2] == ["t"] and first[:-1] in YES_NO):
        return "confirm"  # "isn't" comes as "isn" and "t"
    return "what"


def _lists_facts(tokens: list[str]) -> bool:
    """Tell whether "list ..." asks for facts ("list the agreements", "the topics"), not who.

    The first word after "list"/"name" and its determiners decides: a kind of fact, or
    a word naming countries, leaders or meetings.
    """
    nouns = [stem(t) for t in tokens[1:] if t not in _LIST_FILLERS]
    if not nouns or nouns[0] in WHICH_NOUNS:
        return False
    kinds = ("agreement", "request", "money", "quote", "discussion")
    return any(nouns[0] in FOCUS_CUES[f] for f in kinds)


_LIST_FILLERS = frozenset("the all every each of me please".split())


# Number words after "number" rank rather than count ("the number one country").
_RANKS = frozenset("one two three four five six seven eight nine ten".split())


def _counts_number(tokens: list[str]) -> bool:
    """Tell whether "number" asks for a count ("the number of meetings"), not a rank."""
    return any(
        t == "number" and not (nxt in _RANKS or nxt.isdigit())
        for t, nxt in zip(tokens, [*tokens[1:], ""], strict=False)
    )


# "Called on Canada to", "call for": a request; "called the US the number one": naming.
_CALLS = frozenset({"call", "calls", "called", "calling"})
_CALL_FOR = frozenset({"for", "on", "upon"})


def without_idioms(tokens: list[str], stems: list[str]) -> list[str]:
    """Return the stems without cue words used in another sense.

    A "call" that names rather than asks ("called X the best") is no request, and
    "according to" names a source, not an accord.
    """
    return [
        "" if (t in _CALLS and nxt not in _CALL_FOR) or (t == "according" and nxt == "to") else s
        for t, s, nxt in zip(tokens, stems, [*tokens[1:], ""], strict=False)
    ]


def is_year(token: str) -> bool:
    """Tell whether a token is a year ("1981"), which narrows a search like a word."""
    return len(token) == 4 and token.isdigit() and token[:2] in ("19", "20")


def superlative_of(tokens: list[str]) -> str | None:
    """Return "max" or "min" for "the most"/"the least", not for "at least"/"at most"."""
    for before, t in pairwise(["", *tokens]):
        if t in SUPERLATIVES and before != "at":
            return SUPERLATIVES[t]
    return None


# "The second biggest", "the third most": which place from the top (or bottom) is asked.
PLACES = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5}


def superlative_place(tokens: Sequence[str]) -> int:
    """Return the place a superlative asks for: 2 for "the second biggest", else 1."""
    for before, t in pairwise(["", *tokens]):
        if t in SUPERLATIVES and before in PLACES:
            return PLACES[before]
    return 1


def without_request(tokens: list[str], stems: list[str]) -> list[str]:
    """Return the stems without an opening request ("give me", "tell us") that is no verb of it."""
    if tokens[:1] and tokens[0] in REQUESTS and tokens[1:2] in (["me"], ["us"]):
        return ["", "", *stems[2:]]
    return stems


def focus_of(stems: list[str], covered: set[int]) -> str | None:
    """Return the kind of fact a question is about (money, agreement, ...), or None."""
    free = {s for i, s in enumerate(stems) if i not in covered}
    for name in (
        "request",
        "quote",
        "money",
        "agreement",
        "position",
        "discussion",
        "meeting",
        "event",
    ):
        if FOCUS_CUES[name] & free:
            return name
    return None


def refers_back(tokens: list[str], content_words: int) -> bool:
    """Tell whether a question leans on the last turn ("And Canada?", "what did they say")."""
    return points_at_last(tokens) or (
        content_words <= 1 and all(t in FILLERS or t in STOPWORDS for t in tokens[:1])
    )


_EXISTENTIAL = frozenset((c, "there") for c in ("is", "are", "was", "were", "be"))


def points_at_last(tokens: list[str] | tuple[str, ...]) -> bool:
    """Tell whether a question says it leans on the last turn: a pronoun, "and", "what about".

    A question merely short ("what was signed?") leans on it less.
    """
    starts = list(tokens[:2])
    pronouns = set(FOLLOW_PRONOUNS & set(tokens))
    if "there" in pronouns and _EXISTENTIAL & set(pairwise(tokens)):
        pronouns.discard("there")  # "is there a base at Ream?" points at no place said before
    return (
        bool(pronouns) or starts[:1] == ["and"] or starts in (["what", "about"], ["how", "about"])
    )
