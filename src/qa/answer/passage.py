"""Answer from the best BM25 paragraph, narrowed to its answering sentence, or abstain."""

from __future__ import annotations

from qa.answer.result import Answer, Source, none
from qa.answer.scope import Scope
from qa.data.records import Dataset
from qa.search.index import Index, best_sentences
from qa.understand.parse import QUESTION_WORDS, Question
from qa.understand.text import terms

# Thresholds set from the Q&A pairs in tests/cases (measure with `qa eval`): every
# answerable passage question there tops out at a BM25 score of 3.35 or more with 0.70 or
# more of its IDF weight matched, while the unanswerable ones match at most 0.41 of their
# weight ("What was the weather like during the summit?": score 5.88, coverage 0.41) or
# hinge on a word no paragraph contains ("population": 5.46, 0.63). A term absent from
# every paragraph counts with the largest IDF, since it is usually what is asked about.
MIN_SCORE = 3.0
MIN_COVERAGE = 0.55


class Passages:
    """Find and narrow supporting passages with one BM25 index over all articles."""

    def __init__(self, data: Dataset, index: Index) -> None:
        self.data = data
        self.index = index
        self.max_idf = index.max_idf or 1.0
        # An engine over some of the index's articles searches their paragraphs only.
        covered = sum(len(a.paragraphs) for a in data.articles)
        self.own = (
            None
            if covered == len(index.paragraphs)
            else frozenset((a.id, p.number) for a in data.articles for p in a.paragraphs)
        )

    def coverage(self, query: tuple[str, ...], matched: frozenset[str]) -> float:
        """Return the IDF-weighted share of the query's terms found in a paragraph."""
        weights = {t: self.weight(t) for t in set(query)}
        total = sum(weights.values())
        return sum(weights[t] for t in matched) / total if total else 0.0

    def weight(self, term: str) -> float:
        """Return a term's informativeness: its IDF, or the largest IDF if never seen."""
        if not self.index.knows(term):
            return self.max_idf
        return max(self.index.idf(term), 0.0)

    def terms_of(self, sources: tuple[Source, ...]) -> set[str]:
        """Return the index terms of the cited paragraphs."""
        found: set[str] = set()
        for s in sources:
            found.update(terms(f"{s.heading} {s.text}"))
        return found

    def answer(
        self,
        q: Question,
        scope: Scope,
        within_scope: bool = False,
        require: tuple[str, ...] = (),
        within: frozenset[tuple[str, int]] | None = None,
    ) -> Answer:
        """Return the best passage for q, or abstain when no paragraph is strong enough.

        `require` names terms the paragraph must contain (those no template could use);
        `within` limits the search to those (article, paragraph) pairs.
        """
        within = within or self.own
        if within_scope and scope.named:
            within = frozenset(
                (p.article, p.number)
                for m in scope.meetings
                for p in self.data.article(m.article).paragraphs
                if p.heading == m.section or p.number in m.paragraphs
            )
        hits = self.index.search(q.terms, k=1, within=within)
        if not hits:
            return none(self._unknown_text(q), q)
        top = hits[0]
        coverage = self.coverage(q.terms, top.matched)
        informative = [t for t in require if self.weight(t) > 0]
        unseen = [t for t in q.terms if not self.index.knows(t) and t not in QUESTION_WORDS]
        if (
            top.score < MIN_SCORE
            or coverage < MIN_COVERAGE
            or unseen
            or not set(informative) <= top.matched
        ):
            return none(self._unknown_text(q), q)
        weights = {t: self.weight(t) for t in q.terms}
        text = best_sentences(top.paragraph.text, q.terms, weights)
        p = top.paragraph
        return Answer(
            text, True, "passage", (Source(p.article, p.number, p.heading, p.text),), question=q
        )

    def _unknown_text(self, q: Question) -> str:
        if q.unknown:
            return f"The article doesn't say; it doesn't mention {', '.join(q.unknown)}."
        return "The article doesn't say."
