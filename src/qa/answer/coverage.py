"""Measure how much of a question a paragraph covers, in its words or in lemmas and synonyms."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from weakref import WeakKeyDictionary

from qa.search.index import Index
from qa.understand.cues import QUESTION_WORDS, WHICH_NOUNS
from qa.understand.operators import MEETING_WORDS, OPERATOR_WORDS
from qa.understand.parse import Question
from qa.understand.subject import Wording
from qa.understand.text import STOPWORDS, stem, words
from qa.understand.vocabulary import (
    PARTICLES,
    PREPOSITIONS,
    is_anchor,
    is_contraction,
    is_noise,
    lemmas,
)

# Two stems count as one word when they share this many leading letters and are this
# alike ("deporte"/"deport", "recognis"/"recogn"); shorter prefixes join unrelated words.
PREFIX = 5
MIN_SIMILARITY = 80.0
# A misspelt name keeps its first letters and about its length ("trudo" for "Trudeau"),
# but may lose the fifth letter.
TYPO_PREFIX = 3
TYPO_LENGTH = 2
TYPO_SIMILARITY = 0.8
MONTHS = tuple(
    """january february march april may june july august september october november
    december""".split()
)
# Words that frame a question, not its content: "according to", "how long", "which year",
# and light verbs that only carry a noun ("put his name to", "set up").
FRAMING = frozenset({"accord", "put", "set", "keep", "let"})
# Verbs that frame what is asked as a wish or an expectation ("is supposed to go",
# "wants a seat"): the paragraph states the thing itself.
MODAL = frozenset(stem(w) for w in "supposed suppose want wants wanted wish intend meant".split())
# Nouns that stand in for whatever the answer is ("what stolen stuff", "what kind of
# fraud", "the last person"): they name no content of their own.
VAGUE = frozenset(
    stem(w) for w in "thing things stuff kind kinds sort sorts person persons".split()
)
DATE_NOUNS = frozenset({"year", "month", "date", "day"})
ASKED_NOUNS = DATE_NOUNS | {"time"}
# What an absent phrasal verb weighs, as a share of the largest IDF: half, so one such
# verb beside two matched content words still leaves most of the question covered.
COMMON_SHARE = 0.5
# What follows the verb of a phrasal verb: the particles, "by" and "into" ("drop by").
PHRASAL = PARTICLES | {"by", "into"}

# Stems that are never what a question asks about, whatever it is: its framing and
# operators, "which year" or "what month and year" (the type asked for), and the
# particle of a phrasal verb ("stamp out"), which means nothing without its verb.
_SKIP = (
    QUESTION_WORDS
    | WHICH_NOUNS
    | MEETING_WORDS
    | OPERATOR_WORDS
    | FRAMING
    | VAGUE
    | MODAL
    | PREPOSITIONS
    | DATE_NOUNS
    | PARTICLES
)

_PREFIXES: WeakKeyDictionary[Index, dict[str, tuple[str, ...]]] = WeakKeyDictionary()


@dataclass(frozen=True, slots=True)
class Wanted:
    """A question's content stems, each with the article stems that may stand for it."""

    forms: dict[str, frozenset[str]]
    weights: dict[str, float]
    # Content stems no paragraph holds in any form: what the article never says.
    unmatched: tuple[str, ...]
    # Every stem the question has, framing words too, to rank paragraphs by.
    query: tuple[str, ...]
    # Content stems of capitalised words: who or what the question is about.
    names: frozenset[str] = frozenset()

    def search_terms(self) -> tuple[str, ...]:
        """Return every stem to search for: the question's and their stand-ins."""
        return tuple(dict.fromkeys((*self.query, *(f for t in self.forms for f in self.forms[t]))))

    def coverage(self, have: Iterable[str]) -> float:
        """Return the weighted share of the content stems found among a paragraph's terms."""
        found = set(have)
        total = sum(self.weights.values())
        if not total:
            return 1.0
        hit = sum(w for t, w in self.weights.items() if self.forms[t] & found)
        return hit / total

    def asked(self, have: Iterable[str]) -> float | None:
        """Return the share of the content other than names found, or None if it has none.

        A paragraph naming whom a question is about must also say what it asks about them.
        """
        found = set(have)
        rest = {t: w for t, w in self.weights.items() if t not in self.names}
        total = sum(rest.values())
        if not total:
            return None
        return sum(w for t, w in rest.items() if self.forms[t] & found) / total

    def missing(self, have: Iterable[str]) -> list[str]:
        """Return the content stems a paragraph has in no form."""
        found = set(have)
        return [t for t in self.forms if not self.forms[t] & found]


def near(index: Index, term: str) -> tuple[str, ...]:
    """Return index stems spelled nearly like a stem the index lacks ("deporte" -> "deport")."""
    if len(term) < PREFIX or index.knows(term):
        return ()
    table = _PREFIXES.get(index)
    if table is None:
        grouped: defaultdict[str, list[str]] = defaultdict(list)
        for v in index.vocab:
            if len(v) >= PREFIX and v.isalpha():
                grouped[v[:PREFIX]].append(v)
        table = {k: tuple(v) for k, v in grouped.items()}
        _PREFIXES[index] = table
    from rapidfuzz import fuzz  # only a question word the index lacks pays for the import

    found = tuple(
        v
        for v in table.get(term[:PREFIX], ())
        if index.knows(v) and fuzz.ratio(term, v) >= MIN_SIMILARITY
    )
    return found or swapped(index, term)


def swapped(index: Index, term: str) -> tuple[str, ...]:
    """Return index stems the stem reads as with two neighbouring letters swapped back.

    A slip of two letters early in a word ("sigend", "brdige") hides it from the prefix
    table; the stem the article has is the swapped word's stem or a prefix of it that
    still spans the swap ("celebarte" -> "celebrat" -> "celebr").
    """
    found: list[str] = []
    for i in range(len(term) - 1):
        x = term[:i] + term[i + 1] + term[i] + term[i + 2 :]
        if x == term:
            continue
        if index.knows(stem(x)):
            found.append(stem(x))
            continue
        found += [
            x[:k]
            for k in range(len(x), max(i + 1, len(x) - 2, PREFIX) - 1, -1)
            if index.knows(x[:k])
        ][:1]
    return tuple(dict.fromkeys(found))


def unknown(index: Index, word: str, names: Iterable[str]) -> bool:
    """Tell whether the article lacks a word in every form: itself, its lemmas, a near
    spelling, or a misspelling of one of the `names` (their stems)."""
    folded = word.casefold()
    term = stem(folded)
    if term in VAGUE or index.knows(term) or near(index, term):
        return False
    if any(index.knows(stem(lemma)) for lemma in lemmas(folded)):
        return False
    return not misspelt(term, names)


def unheard(index: Index, word: str, names: Iterable[str]) -> bool:
    """Tell whether a word is no English word and nothing in the article is spelled like it.

    Such a word ("macron", "bitcoin") names what the article never mentions. A misspelt
    name ("trudo") keeps the first letters and about the length of one of the `names`
    (their stems); other words must be spelled nearly alike.
    """
    folded = word.casefold()
    if lemmas(folded) or (len(folded) >= 3 and any(m.startswith(folded) for m in MONTHS)):
        return False  # an English word, or a month's abbreviation ("Nov", "Sept")
    return unknown(index, word, names)


def misspelt(term: str, names: Iterable[str]) -> bool:
    """Tell whether a stem is spelled like one of the names' stems ("trudo", "trudeau")."""
    from rapidfuzz.distance import JaroWinkler  # only a word the index lacks pays for it

    return any(
        v[:TYPO_PREFIX] == term[:TYPO_PREFIX]
        and abs(len(v) - len(term)) <= TYPO_LENGTH
        and JaroWinkler.normalized_similarity(term, v) >= TYPO_SIMILARITY
        for v in names
    )


def wanted(
    q: Question | Wording,
    index: Index,
    given: frozenset[str] = frozenset(),
    max_idf: float = 1.0,
) -> Wanted:
    """Return the content stems of q (less the `given` names) and their article forms.

    A stem weighs its IDF; one no paragraph holds in any form weighs the most, since it is
    usually what is asked about.
    """
    alts = dict(q.alternatives)
    tokens = [t.casefold() for t in q.tokens]
    framing = {
        stem(b)
        for a, b in pairwise(tokens)
        if a == "how" or (a in ("which", "what") and stem(b) in ASKED_NOUNS)
    }
    skip = _SKIP | given | framing
    phrasal = {
        stem(a) for a, b in pairwise(tokens) if b in PHRASAL and not is_anchor(a) and a.isalpha()
    }
    forms: dict[str, frozenset[str]] = {}
    weights: dict[str, float] = {}
    unmatched: list[str] = []
    for t in dict.fromkeys(q.terms):
        if t in skip or t.startswith("=") or is_contraction(t):
            continue
        found = {t} if index.knows(t) else set()
        found |= {a for a in alts.get(t, ()) if index.knows(a)}
        if not found:
            found = set(near(index, t))
        forms[t] = frozenset(found or {t})
        if found:
            weights[t] = max(max(index.idf(f), 0.0) for f in found)
        elif t in phrasal:
            # A phrasal verb the article lacks ("crack down on", "stamp out") is an idiom
            # it says in other words: it weighs against a paragraph, but refuses none.
            weights[t] = max_idf * COMMON_SHARE
        else:
            weights[t] = max_idf
            unmatched.append(t)
    # A short word the parser could not read ("gdp") may be just what is asked about.
    unmatched += [
        t
        for t in dict.fromkeys(tokens)
        if len(t) >= 3
        and t.isalpha()
        and t not in STOPWORDS
        and t not in PARTICLES
        and is_noise(t)
        and not index.knows(stem(t))
    ]
    query = tuple(t for t in q.terms if not t.startswith("="))
    raw = words(q.text, fold=False)
    names = frozenset(stem(w.casefold()) for w in raw[1:] if w[:1].isupper())
    return Wanted(forms, weights, tuple(unmatched), query, names)


def joined(own: Wanted, before: Wanted) -> Wanted:
    """Return a follow-up's content joined with the last question's, which it leans on.

    The last question's words help find its paragraph; those no paragraph holds were
    already refused or answered, so they do not sink the follow-up.
    """
    forms = {**before.forms, **own.forms}
    weights = {t: w for t, w in before.weights.items() if t not in before.unmatched}
    weights.update(own.weights)
    forms = {t: f for t, f in forms.items() if t in weights}
    query = tuple(dict.fromkeys((*own.query, *before.query)))
    return Wanted(forms, weights, own.unmatched, query, own.names | before.names)
