"""Pick the paragraph that answers a refused question best, within one tier of paragraphs."""

from __future__ import annotations

from dataclasses import dataclass

from qa.answer.coverage import Wanted
from qa.answer.passage import Passages, with_antecedent
from qa.data.corpus import Paragraph
from qa.search.index import sentences
from qa.understand.answertype import has_type
from qa.understand.cues import FOCUS_CUES
from qa.understand.parse import Question
from qa.understand.text import stem, terms

# Share of the question's weighted content a paragraph must cover. Answerable cases in
# tests/cases reach 0.6 or more in other words; questions the article cannot answer
# usually miss their main noun or verb, which weighs the most, and stay below.
MIN_COVERAGE = 0.6
# A follow-up leans on the last answer, so its own few words need cover less.
FOLLOW_COVERAGE = 0.5
CANDIDATES = 8
# How close to the best paragraph's cover another must come to stand in for it.
CLOSE = 0.85
# A question asking for a date or a figure must find all its words around it: the date
# beside some of them is often another event's ("announced on November 13").
TYPED_COVERAGE = 0.9
# The types that are such a date or figure; a person or a place is named once and
# stays the same wherever the paragraph tells of it.
FIGURES = frozenset({"date", "year", "month", "clock", "money", "measure"})
# Share of the question's content other than names a paragraph must hold: naming whom
# the question is about does not answer what it asks about them.
ASKED_COVERAGE = 0.5
# What someone said, stated or agreed to is reported with one of these words.
SPEECH = (
    FOCUS_CUES["quote"]
    | FOCUS_CUES["position"]
    | FOCUS_CUES["agreement"]
    | frozenset(
        stem(w)
        for w in """underline stress note express reiterate recall tell told hope optimistic
        vow pledge promise announce thank commend""".split()
    )
)


@dataclass(frozen=True, slots=True)
class Tier:
    """Where to look, which names are given there, and how much cover an answer needs."""

    within: frozenset[tuple[str, int]] | None
    given: frozenset[str]
    need: float
    follow: bool


class Picker:
    """Rank a tier's paragraphs by how much of the question they cover; keep a typed answer."""

    def __init__(self, passages: Passages) -> None:
        self.passages = passages

    def best(
        self, q: Question, want: Wanted, near: Wanted, tier: Tier, kind: str | None
    ) -> tuple[Paragraph, str] | None:
        """Return the best-covering paragraph with an answer of the kind, and its sentence.

        `want` is what the paragraph must cover; `near` ranks paragraphs that cover it alike.
        """
        index = self.passages.index
        hits = index.search(near.search_terms(), k=CANDIDATES, within=tier.within)
        pool = [(h.paragraph, h.score) for h in hits]
        if tier.follow and tier.within is not None:
            seen = {(p.article, p.number) for p, _ in pool}
            at = [index.locate(*w) for w in sorted(tier.within) if w not in seen]
            pool += [(index.paragraphs[i], 0.0) for i in at if i >= 0]
        if not sum(want.weights.values()) and not (tier.follow and bare(q, kind)):
            return None
        ranked = sorted(
            (
                (want.coverage(self.terms(p)), near.coverage(self.terms(p)), score, p)
                for p, score in pool
            ),
            key=lambda r: (-r[0], -r[1], -r[2]),
        )
        typed = kind in FIGURES and not tier.follow
        need = max(tier.need, TYPED_COVERAGE) if typed else tier.need
        # A paragraph well behind the best covers another matter: it may hold the type
        # asked for, but not as the answer to this question.
        floor = max(need, ranked[0][0] * CLOSE) if ranked else need
        cues = SPEECH if q.focus == "quote" else None
        for cover, _, _, p in ranked:
            if cover < floor:
                break
            if cues is not None and not (cues & self.terms(p)):
                continue  # words someone said or agreed to; a paragraph naming them is not
            asked = want.asked(self.terms(p))
            if asked is not None and asked < ASKED_COVERAGE:
                continue
            text = self._sentence(p, near, kind)
            if text is not None:
                return p, text
        return None

    def terms(self, p: Paragraph) -> frozenset[str]:
        """Return a paragraph's terms, worked out once per paragraph."""
        return self.passages.index.terms_of(p.article, p.number, p.heading, p.text)

    def _sentence(self, p: Paragraph, want: Wanted, kind: str | None) -> str | None:
        """Return the sentence answering best, with the one before when it leans on it."""
        parts = sentences(p.text)
        fit = [i for i, s in enumerate(parts) if has_type(s, kind, self.passages.people)]
        if not fit:
            return None
        best = max(fit, key=lambda i: (want.coverage(terms(parts[i])), -i))
        return with_antecedent(p.text, parts[best])


def bare(q: Question, kind: str | None) -> bool:
    """Tell whether a follow-up with no content words may still be answered from context.

    "When was that?" and "why?" ask for a type; "what did she say?" asks for a kind of
    fact the plans have already looked for and not found.
    """
    return kind is not None or q.intent == "why" or q.focus is None
