"""Read what a ranking or comparison counts: "the most agreements", "more requests or MoUs"."""

from __future__ import annotations

from qa.understand.clauses import LESS, MORE
from qa.understand.cues import FOCUS_CUES
from qa.understand.text import STOPWORDS, stem


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
