"""Answer what people said: direct quotes and the statements the article attributes to them."""

from __future__ import annotations

from qa.answer.passage import Passages
from qa.answer.realise import sentence as say
from qa.answer.result import Answer, fact, join
from qa.answer.scope import Scope, asked_verbs, on_topic, verb_fits
from qa.data.records import Dataset, Event, Meeting, Position, Quote, Record
from qa.understand.plan import Plan
from qa.understand.text import name_key, term_set

# More statements than this get narrowed to those carrying the question's own words.
FEW = 3


def statements(m: Meeting) -> list[Record]:
    """Return a meeting's quotes and the positions and remarks with a named speaker."""
    attributed: list[Record] = [p for p in m.positions if p.speaker]
    attributed += [e for e in m.events if e.speaker]
    return [*m.quotes, *attributed]


def speaker(r: Record) -> str:
    """Return who said a statement ("" for a record no one is said to have said)."""
    return r.speaker if isinstance(r, Quote | Position | Event) else ""


def voices(m: Meeting, r: Record) -> set[str]:
    """Return who a statement gives the words of: its speaker, and the leader a quote reports.

    A ministry statement that opens "President Yoon underlined ..." reports Yoon's words.
    """
    said = {speaker(r)} - {""}
    if isinstance(r, Quote) and speaker(r) != m.leader.name:
        names = (m.leader.name, *m.leader.aliases)
        quoted = term_set(r.words)
        if any(set(name_key(n)) <= quoted for n in names if n):
            said.add(m.leader.name)
    return said


class Speech:
    """Find what named people said, or who said something."""

    def __init__(self, data: Dataset, passages: Passages) -> None:
        self.data = data
        self.passages = passages

    def said(self, plan: Plan, scope: Scope, names: tuple[str, ...]) -> Answer | None:
        """Return what the named people (anyone, when none) said, on the question's topics."""
        found = [
            (m, r)
            for m in scope.meetings
            for r in statements(m)
            if (not names or voices(m, r) & set(names))
            and on_topic(r, plan.scope.topics)
            and (verb_fits(r, plan) if isinstance(r, Quote) else not asked_verbs(plan))
        ]
        if len(found) > FEW:
            words = self.asked(plan)
            narrowed = [(m, r) for m, r in found if words and words <= self._terms(m, r)]
            found = narrowed or found
        if not found:
            return None
        return fact(self.data, " ".join(say.sentence(m, r) for m, r in found), list(found))

    def who(self, plan: Plan, scope: Scope) -> Answer | None:
        """Name who said what the question describes ("Who said ... a thousand years?")."""
        words = self.asked(plan)
        if not words and not plan.scope.topics:
            return None
        found = [
            (m, r)
            for m in scope.meetings
            for r in statements(m)
            if on_topic(r, plan.scope.topics) and words <= self._terms(m, r)
        ]
        if not found:
            return None
        names = join(list(dict.fromkeys(speaker(r) for _, r in found)))
        text = f"{say.capital(names)}: " + " ".join(say.sentence(m, r) for m, r in found[:FEW])
        return fact(self.data, text, list(found[:FEW]))

    def by_subject(self, plan: Plan, scope: Scope) -> list[tuple[Meeting, Record]]:
        """Return statements the named meetings' leaders made that carry the question's words.

        "What did the US thank Cambodia for?" is about what Biden said, not what Hun Sen
        said to the US, though both sentences say "thanked".
        """
        words = self.asked(plan)
        if not words or plan.scope.principal:
            return []
        alts = dict(plan.wording.alternatives)
        return [
            (m, r)
            for m in scope.meetings
            for r in statements(m)
            if m.leader.name in voices(m, r)
            and all(t in (have := self._terms(m, r)) or set(alts.get(t, ())) & have for t in words)
        ]

    def carrying(self, plan: Plan, scope: Scope) -> list[tuple[Meeting, Record]]:
        """Return the facts on the question's topics that carry its own words (or synonyms)."""
        alts = dict(plan.wording.alternatives)
        index = self.passages.index
        reworded = {t for t in plan.wording.extra if t in alts and not index.knows(t)}
        if not reworded:
            # Only a verb the article says differently ("backed" for "supports") singles out
            # facts; the topic's own list answers "who helps with X" better.
            return []
        # "Marking a 70th anniversary": a number the question names, read as part of its
        # topic, singles out the facts too.
        numbers = {t for t in plan.wording.terms if t[:1].isdigit() and index.knows(t)}
        words = self.asked(plan) | reworded | numbers
        return [
            (m, r)
            for m in scope.meetings
            for r in m.facts()
            if on_topic(r, plan.scope.topics)
            and all(t in (have := self._terms(m, r)) or set(alts.get(t, ())) & have for t in words)
        ]

    def asked(self, plan: Plan) -> set[str]:
        """Return the question's own informative words the articles use."""
        index = self.passages.index
        return {t for t in plan.wording.extra if index.knows(t) and self.passages.weight(t) > 0}

    def _terms(self, m: Meeting, r: Record) -> set[str]:
        from qa.answer.result import cite

        return self.passages.terms_of(cite(self.data, [(m, r)])) | term_set(say.sentence(m, r))
