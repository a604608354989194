"""Read what a ranking or comparison counts: "the most agreements", "more requests", topics."""

from __future__ import annotations

from typing import TYPE_CHECKING

from qa.understand.clauses import LESS, MORE
from qa.understand.cues import FOCUS_CUES, SUPERLATIVES, WHICH_NOUNS
from qa.understand.text import STOPWORDS, stem

if TYPE_CHECKING:
    from qa.understand.plan import Plan


def counted_kind(tokens: tuple[str, ...], names: frozenset[str] = frozenset()) -> str | None:
    """Return the kind of fact a "most"/"more" counts ("most agreements" -> agreement).

    Returns "" when it counts a thing that is no kind of fact ("the most projects"), and
    None when it names nothing counted ("quoted the most", "the most things", "more,
    Trudeau or Biden": a word of `names`).
    """
    for i, t in enumerate(tokens):
        if t not in MORE | LESS | _SUPERLATIVE:
            continue
        for nxt in tokens[i + 1 : i + 4]:
            if nxt in ("number", "of", "the"):
                continue
            if not nxt.isalpha() or nxt in STOPWORDS or stem(nxt) in VAGUE or nxt in names:
                return None
            return _kind(stem(nxt)) or ""
    return None


def compared_kinds(tokens: tuple[str, ...]) -> tuple[str, str, str] | None:
    """Return the kinds of fact "were there more requests or agreements?" compares.

    The third item is the word joining them: "or" asks which, "than" makes a claim.
    """
    at = next((i for i, t in enumerate(tokens) if t in MORE | LESS), None)
    if at is None:
        return None
    first = _kind(stem(tokens[at + 1])) if at + 1 < len(tokens) else None
    split = next((i for i in range(at + 2, len(tokens)) if tokens[i] in ("or", "than")), None)
    if first is None or split is None:
        return None
    rest = [t for t in tokens[split + 1 :] if t not in ("the", "of", "any")]
    second = _kind(stem(rest[0])) if rest else None
    return (first, second, tokens[split]) if second and second != first else None


_SUPERLATIVE = frozenset("most fewest least largest biggest highest smallest lowest".split())
# Nouns that count whatever the verb says: "asked for the most things".
VAGUE = frozenset(stem(w) for w in "thing things time times stuff often".split())
# Nouns counting topics rather than records ("most topics", "more subjects").
TOPIC_NOUNS = frozenset(stem(w) for w in "topics subjects issues areas themes matters".split())


def _kind(noun: str) -> str | None:
    if noun in TOPIC_NOUNS:
        return "discussion"
    for name in ("request", "quote", "agreement", "position", "event"):
        if noun in FOCUS_CUES[name]:
            return name
    return "event" if noun == stem("events") else None


def ranks_topics(tokens: tuple[str, ...], relation: str | None) -> bool:
    """Tell whether a superlative asks which topic came up most, not which meeting had most.

    "What topics were discussed most often?", "the most common topic", and "what was
    discussed most?" rank topics; "which meeting covered the most topics?" ranks meetings.
    """
    stems = [stem(t) for t in tokens]
    for i, t in enumerate(tokens[:-1]):
        if t in ("what", "which") and stems[i + 1] in TOPIC_NOUNS:
            return True
        if t in SUPERLATIVES and TOPIC_NOUNS & set(stems[i + 2 : i + 4]):
            # "the most common topic", "the most talked about topic"; "the most topics" counts
            return True
    counted = TOPIC_NOUNS | WHICH_NOUNS
    return tokens[:1] == ("what",) and relation == "discussion" and not counted & set(stems)


def lists_topics(plan: Plan, named: bool) -> bool:
    """Tell whether a question asks for every topic raised ("what topics were discussed?").

    Only of no meeting in particular, with no filter but the kind of fact: one meeting's
    topics are its summary, and a topic named asks who discussed it.
    """
    stems = {stem(t) for t in plan.wording.tokens}
    filters = plan.scope.topics or plan.scope.dates or plan.scope.titles or plan.operators
    return (
        not named
        and not filters
        and not plan.negated
        and plan.wanted in ("list", "text")
        and plan.relation in (None, "discussion")
        and bool(TOPIC_NOUNS & stems)
        and not WHICH_NOUNS & stems
    )
