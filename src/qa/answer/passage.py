"""Answer from the best BM25 paragraph, narrowed to its answering sentence, or abstain."""

from __future__ import annotations

from functools import cached_property

from qa.answer.agency import asked_role, fits, name_keys
from qa.answer.result import Answer, Source, join, none
from qa.answer.scope import Scope, own_paragraphs
from qa.data.records import Dataset
from qa.search.index import Hit, Index, best_sentences, sentences
from qa.understand.answertype import has_type, wanted_type
from qa.understand.cues import FOCUS_CUES, QUESTION_WORDS, WHICH_NOUNS
from qa.understand.operators import MEETING_WORDS
from qa.understand.subject import Wording
from qa.understand.text import name_key, stem
from qa.understand.vocabulary import only_verb

# A paragraph answers when it holds enough of the question's IDF weight. The share is a
# ratio, so it holds however many articles are loaded, where a bare BM25 score grows and
# shrinks with the collection: answerable passage questions in tests/cases match 0.70 or
# more of their weight, unanswerable ones at most 0.41 ("What was the weather like during
# the summit?") or hinge on a word no paragraph contains ("population"). A term absent
# from every paragraph counts with the largest IDF, since it is usually what is asked about.
# Words that say what kind of fact is asked for ("want", "tweet"); never "unknown".
CUE_WORDS = frozenset(c for cues in FOCUS_CUES.values() for c in cues)
MIN_COVERAGE = 0.55
# Hits past the best that may still hold the answer type the best lacks.
CANDIDATES = 4
# A sentence opening with one of these leans on the one before ("Both moves were ...").
LEANING = frozenset("both this these that those it they such".split())


class Passages:
    """Find and narrow supporting passages with one BM25 index over all articles."""

    def __init__(self, data: Dataset, index: Index) -> None:
        self.data = data
        self.index = index
        # An engine over some of the index's articles searches their paragraphs only.
        covered = sum(len(a.paragraphs) for a in data.articles)
        self.own = (
            None
            if covered == len(index.paragraphs)
            else frozenset((a.id, p.number) for a in data.articles for p in a.paragraphs)
        )

    @cached_property
    def max_idf(self) -> float:
        """Return the index's largest IDF (1 if none), on first use: it needs the postings."""
        return self.index.max_idf or 1.0

    @cached_property
    def name_keys(self) -> frozenset[tuple[str, ...]]:
        """Return the stems of every person's and country's name, read on first use."""
        return name_keys(self.data)

    @cached_property
    def people(self) -> tuple[str, ...]:
        """Return the names of every leader met, read on first use (not at load)."""
        return tuple(
            n
            for m in self.data.meetings
            for p in (m.leader, m.host)
            for n in (p.name, *p.aliases)
            if len(n) > 3
        )

    def coverage(
        self,
        query: tuple[str, ...],
        matched: frozenset[str],
        alternatives: dict[str, tuple[str, ...]] | None = None,
    ) -> float:
        """Return the IDF-weighted share of the query's terms found in a paragraph.

        A term counts as found when one of its alternatives is (a synonym, a lemma), and
        weighs what its best-known alternative weighs when the index lacks it.
        """
        alts = alternatives or {}
        weights: dict[str, float] = {}
        found = 0.0
        for t in set(query):
            known = [a for a in alts.get(t, ()) if self.index.knows(a)]
            w = self.weight(t) if self.index.knows(t) or not known else max(map(self.weight, known))
            weights[t] = w
            if t in matched or set(known) & matched:
                found += w
        total = sum(weights.values())
        return found / total if total else 0.0

    def weight(self, term: str) -> float:
        """Return a term's informativeness: its IDF, or the largest IDF if never seen."""
        if not self.index.knows(term):
            return self.max_idf
        return max(self.index.idf(term), 0.0)

    def terms_of(self, sources: tuple[Source, ...]) -> set[str]:
        """Return the index terms of the cited paragraphs."""
        found: set[str] = set()
        for s in sources:
            found.update(self.index.terms_of(s.article, s.paragraph, s.heading, s.text))
        return found

    def _names(self, scope: Scope) -> frozenset[str]:
        """Return the stems naming the scoped meetings' countries and leaders."""
        names: set[str] = set(WHICH_NOUNS)
        countries = {c.name: c for c in self.data.countries}
        for m in scope.meetings:
            term = countries.get(m.country)
            aliases = term.aliases if term else ()
            for name in (m.country, m.leader.name, *m.leader.aliases, *aliases):
                names |= set(name_key(name))
        return frozenset(names)

    def answer(
        self,
        q: Wording,
        scope: Scope,
        within_scope: bool = False,
        require: tuple[str, ...] = (),
        within: frozenset[tuple[str, int]] | None = None,
    ) -> Answer:
        """Return the best passage for q, or abstain when no paragraph is strong enough.

        `require` names terms the paragraph must contain (those no template could use);
        `within` limits the search to those (article, paragraph) pairs.
        """
        if within_scope and scope.named:
            within = frozenset(
                (p.article, p.number) for m in scope.meetings for p in own_paragraphs(self.data, m)
            )
        alts = dict(q.alternatives)
        # Within the named meetings' paragraphs their names are given, not asked about.
        names = self._names(scope) if within else frozenset()
        asked = tuple(t for t in q.terms if t not in names)
        asked = asked or q.terms
        extra = tuple(a for t in asked for a in alts.get(t, ()))
        hits = self.index.search((*asked, *extra), k=CANDIDATES, within=within or self.own)
        kind = wanted_type(q)
        # The best paragraph must be strong enough; a later one only stands in for it when
        # the best lacks the type of answer asked for (a date, an amount of money).
        role = asked_role(q.tokens, self.name_keys) if kind == "person" else None
        strong = []
        for top in hits:
            if not self._strong(q, top, asked, alts, require):
                break
            if has_type(top.paragraph.text, kind, self.people):
                strong.append(top)
        # "Who did Hun Sen thank?": a paragraph where he thanks someone, not one thanking him.
        fitting = [
            h for h in strong if role and any(fits(s, role) for s in sentences(h.paragraph.text))
        ]
        for top in fitting[:1] or strong[:1]:
            weights = {t: self.weight(t) for t in (*q.terms, *extra)}
            said = top.paragraph.text
            if fitting:
                said = " ".join(s for s in sentences(said) if role and fits(s, role))
            text = best_sentences(said, (*q.terms, *extra), weights)
            if not has_type(text, kind, self.people):
                text = next(
                    s for s in sentences(top.paragraph.text) if has_type(s, kind, self.people)
                )
            text = with_antecedent(top.paragraph.text, text)
            p = top.paragraph
            return Answer(text, True, "passage", (Source(p.article, p.number, p.heading, p.text),))
        return none(self._unknown_text(q))

    def _strong(
        self,
        q: Wording,
        top: Hit,
        asked: tuple[str, ...],
        alts: dict[str, tuple[str, ...]],
        require: tuple[str, ...],
    ) -> bool:
        """Tell whether a hit covers enough of the question, and every required term."""
        coverage = self.coverage(asked, top.matched, alts)
        informative = [t for t in require if self.weight(t) > 0]
        # An unknown word sinks the passage, except a plain verb ("see"), which only
        # weighs against its coverage: the paragraph may say it with another verb.
        verbs = {stem(w.casefold()) for w in q.unknown if only_verb(w.casefold())}
        unseen = [
            t
            for t in q.terms
            if not self.index.knows(t)
            and t not in QUESTION_WORDS
            and t not in CUE_WORDS
            and t not in verbs
            and t not in MEETING_WORDS
            and not set(alts.get(t, ())) & top.matched
        ]
        return not (
            coverage < MIN_COVERAGE
            or unseen
            or not all(t in top.matched or set(alts.get(t, ())) & top.matched for t in informative)
        )

    def _unknown_text(self, q: Wording) -> str:
        return refusal(q)


def refusal(q: Wording) -> str:
    """Return the one way qa says it cannot answer, naming the anchors the article lacks."""
    if q.anchors:
        return f"The article doesn't say: it never mentions {join(list(q.anchors))}."
    return "The article doesn't say."


def with_antecedent(paragraph: str, sentence: str) -> str:
    """Return the sentence, after the one before it when it leans on it ("Both moves ...")."""
    parts = sentences(paragraph)
    if sentence not in parts:
        return sentence
    at = parts.index(sentence)
    first = sentence.split(maxsplit=1)[0].casefold() if sentence.strip() else ""
    return f"{parts[at - 1]} {sentence}" if at > 0 and first in LEANING else sentence
