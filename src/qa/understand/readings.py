"""Read the parts of a question a plan needs: denial, thresholds, actors, askers, cue places."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import TYPE_CHECKING

from qa.understand.cues import FOCUS_CUES
from qa.understand.operators import (
    ABOVE,
    AT_LEAST,
    AT_MOST,
    BELOW,
    CONTRAST,
    DATE_WORDS,
    EXCEPT_ONE,
    EXCEPT_TWO,
    IN_COMMON,
    LESS,
    MORE,
    NEGATIONS,
)
from qa.understand.text import stem

if TYPE_CHECKING:
    from qa.understand.parse import Question

# "over $1 million" or "over a million", not "hand over": a threshold word must stand
# before a figure.
_FIGURE_AFTER = re.compile(
    r"\b(?:over|above|under|below|exceeding)\s+(?:(?:us)?[$\d]|(?:a|one)\s+(?:million|billion|thousand)\b)"
)

# A negation right after one of these words denies a noun phrase, not the verb
# ("who talked about never forgetting").
_NOT_VERBAL = frozenset("about of for to on in with from by at".split())


def negated(tokens: list[str]) -> bool:
    """Tell whether the question denies its verb: "not", "never", "didn't", "gave no money"."""
    for i, (t, nxt) in enumerate(zip(tokens, [*tokens[1:], ""], strict=False)):
        if t == "without" or (t == "no" and i and tokens[i - 1] == "with"):
            return True  # "meetings without an agreement", "ended with no agreement"
        if i and tokens[i - 1] in _NOT_VERBAL:
            continue
        if i == 0 and nxt == "t":
            continue  # "Isn't Biden the president?" leans to Yes: it claims he is
        if t in NEGATIONS or (nxt == "t" and t.endswith("n")) or (t == "no" and i > 0):
            return True
    return False


def threshold(
    tokens: list[str], pairs: set[tuple[str, str]], q: Question
) -> tuple[str, float] | None:
    """Return the comparison a question makes with a figure it names, if any."""
    if not q.amounts:
        return None
    words = set(tokens)
    if AT_LEAST & pairs:
        return (">=", q.amounts[0])
    if AT_MOST & pairs:
        return ("<=", q.amounts[0])
    figure = _FIGURE_AFTER.search(q.text.casefold())
    if (MORE & words and "than" in words) or (ABOVE & words and figure):
        return (">", q.amounts[0])
    if (LESS & words and "than" in words) or (BELOW & words and figure):
        return ("<", q.amounts[0])
    return None


_COMPARATIVE = re.compile(rf"\b(?:{'|'.join(sorted(MORE | LESS))})\b")
_FIGURE = re.compile(r"[$€£¥]\s?\d|\b\d")


def figure_first(text: str) -> bool:
    """Tell whether a figure comes before the comparative word in a question."""
    figure, comparative = _FIGURE.search(text), _COMPARATIVE.search(text)
    return bool(figure and comparative and figure.start() < comparative.start())


def received(q: Question, at: int) -> bool:
    """Tell whether the name at token `at` follows "to" (who money went to)."""
    return at > 0 and q.tokens[at - 1] == "to"


def except_at(tokens: list[str], pairs: set[tuple[str, str]]) -> int | None:
    for i, t in enumerate(tokens):
        if t in EXCEPT_ONE and (t != "but" or i > 0):
            return i
        if i + 1 < len(tokens) and (t, tokens[i + 1]) in EXCEPT_TWO:
            return i
    return None


# The kinds of name that can do or say something in a claim.
PARTIES = ("principal", "leader", "country")
# How far into a yes/no question its subject may start ("did the US ...", "was Biden ...").
SUBJECT_AT = 3


def actor(q: Question) -> tuple[str, str] | None:
    """Return who a yes/no question says acted: its opening subject, or a passive's agent.

    "Did Hun Sen thank Trudeau?" -> Hun Sen; "Was Hun Sen thanked by Trudeau?" -> Trudeau.
    """
    named = [(kind, value, at) for kind, value, at in q.spans if kind in PARTIES]
    by = [i for i, t in enumerate(q.tokens) if t == "by"]
    for kind, value, at in named:
        if any(0 < at - i <= 2 for i in by):
            return (kind, value)
    if not named or named[0][2] > SUBJECT_AT:
        return None
    return named[0][0], named[0][1]


# Auxiliaries that make the verb after a name passive: the name was asked, it did not ask.
PASSIVE = frozenset("get gets got was were is are be been being".split())


def asker(q: Question) -> tuple[str, str] | None:
    """Return who a question says asked: the name just before its asking verb.

    Who asked matters to "what did Mori ask Cambodia?" as much as to "did Mori ask ...?";
    "And the US?" or "who asked for that?" names no asker.
    """
    named = [(kind, value, at) for kind, value, at in q.spans if kind in PARTIES]
    for n, (kind, value, at) in enumerate(named):
        end = named[n + 1][2] if n + 1 < len(named) else len(q.tokens)
        after = q.tokens[at + 1 : min(end, at + 4)]
        if PASSIVE & set(after):
            continue  # "what did New Zealand get asked to buy?": asked, not asking
        if any(stem(t) in FOCUS_CUES["request"] for t in after):
            return kind, value
    return None


def contrast(tokens: list[str], pairs: set[tuple[str, str]], focus: str | None) -> set[str]:
    """Return the operators a question setting two named meetings side by side asks for.

    "Compare Japan and Canada", "how did they differ": the meetings whole ("contrast");
    "what did they have in common": their shared topics first; "the difference between
    what Japan and Canada gave": how much more one gave ("compare", "more").
    """
    stems = {stem(t) for t in tokens}
    if focus == "money":
        return {"compare", "more"} if CONTRAST & stems else set()
    if focus == "discussion" and ("both" in tokens or IN_COMMON & pairs):
        return {"contrast", "in common"}  # "what did Canada and Japan both discuss?"
    if focus not in (None, "meeting") or not (CONTRAST & stems or IN_COMMON & pairs):
        return set()
    if IN_COMMON & pairs or {"similar", "alike", "common"} & set(tokens):
        return {"contrast", "in common"}
    return {"contrast"}


# Words asking for arithmetic on the amounts given.
_AVERAGE = frozenset({"average", "mean"})
_SHARE = frozenset({"percentage", "percent", "proportion", "fraction", "share"})
# Words asking for any sum of amounts, which a follow-up after money asks of that money.
SUM_WORDS = _AVERAGE | _SHARE | {"total", "altogether"}
_TIMES = re.compile(r"\b(\d+(?:\.\d+)?)\s+times\b")
_MULTIPLES = {"twice": 2.0, "double": 2.0, "thrice": 3.0, "triple": 3.0}


def arithmetic(tokens: list[str], text: str, focus: str | None) -> tuple[set[str], float | None]:
    """Return the arithmetic a money question asks for, and a multiple it names.

    "The average pledge" ("average"), "what percentage of the money came from Japan"
    ("share"), "how many times more" ("ratio"), "more than 300 times Canada's" (300.0).
    A share is a noun only where a determiner or "of" marks it ("what share of ...").
    """
    if focus != "money":
        return set(), None
    said, ops = set(tokens), set()
    if _AVERAGE & said:
        ops.add("average")
    nouns = {t for i, t in enumerate(tokens) if t != "share" or _share_noun(tokens, i)}
    if _SHARE & nouns:
        ops.add("share")
    if ("many", "times") in set(pairwise(tokens)):
        ops.add("ratio")
    found = _TIMES.search(text.casefold())
    factor = float(found.group(1)) if found else None
    factor = factor or next((v for w, v in _MULTIPLES.items() if w in said), None)
    return ops, factor


def _share_noun(tokens: list[str], i: int) -> bool:
    before = tokens[i - 1] if i else ""
    after = tokens[i + 1] if i + 1 < len(tokens) else ""
    return before in ("what", "which", "the", "a", "its", "their", "whose") or after == "of"


def denies_date(tokens: list[str]) -> bool:
    """Tell whether "no" or "without" denies a date word ("on no known date", "without a date")."""
    return any(
        t in DATE_WORDS and {"no", "without"} & set(tokens[max(0, i - 3) : i])
        for i, t in enumerate(tokens)
    )


def choice(tokens: list[str], named: list[str]) -> bool:
    """Tell whether a question offers two named options to choose from ("X or Y")."""
    return "or" in tokens and len(named) >= 2


def before_aside(q: Question, tokens: list[str]) -> tuple[str, ...]:
    """Return the names a trailing "aside" sets aside ("Japan aside", "leaving Canada aside")."""
    at = next(
        (i for i, t in enumerate(tokens) if t == "aside" and tokens[i + 1 : i + 2] != ["from"]),
        None,
    )
    if at is None:
        return ()
    return tuple(dict.fromkeys(v for k, v, i in q.spans if k in ("country", "leader") and i < at))


def titles_before(q: Question, at: int) -> tuple[str, ...]:
    """Return the titles a question names before token `at`."""
    return tuple(dict.fromkeys(v for k, v, i in q.spans if k == "title" and i < at))


def first_at(tokens: list[str], cues: frozenset[str]) -> int | None:
    return next((i for i, t in enumerate(tokens) if t in cues), None)


def after_cue(q: Question, at: int | None) -> tuple[str, ...]:
    """Return the countries and leaders named after token `at` (none when `at` is None)."""
    if at is None:
        return ()
    return tuple(dict.fromkeys(v for k, v, i in q.spans if k in ("country", "leader") and i > at))
