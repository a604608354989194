"""Find the facts that carry a yes/no claim's words, and read their stance."""

from __future__ import annotations

from qa.answer import claim
from qa.answer.passage import Passages
from qa.answer.place import proper_words as place_words
from qa.answer.realise import sentence as say
from qa.answer.result import cite
from qa.answer.scope import Scope, asked_verbs, on_topic, verb_fits
from qa.answer.speech import statements, voices
from qa.answer.stances import misplaced
from qa.data.records import (
    Dataset,
    Discussion,
    Meeting,
    Quote,
    Record,
    Request,
)
from qa.understand.cues import OPPOSITES, STANCES
from qa.understand.plan import Plan
from qa.understand.text import name_key, term_set, terms
from qa.understand.text import words as words_of
from qa.understand.vocabulary import is_function_word

# The IDF-weighted share of a claim's own words a record and its paragraphs must carry:
# most, not all, so that "cooperate against scams" is carried by "cooperation on combating
# ... telecom fraud" while "mention Russia" needs Russia.
MIN_COVER = 0.6


def _own_text(m: Meeting, r: Record, voiced: bool) -> str:
    """Return a fact's sentence; a quotation's words alone unless its speaker counts."""
    return r.words if isinstance(r, Quote) and not voiced else say.sentence(m, r)


class Evidence:
    """Match a claim's words, names and places against the scoped facts and their paragraphs."""

    def __init__(self, data: Dataset, passages: Passages) -> None:
        self.data = data
        self.passages = passages
        self._proper: frozenset[str] | None = None
        # Each country's name keys, read from the data on first use.
        self._keys: dict[str, list[tuple[str, ...]]] | None = None

    def names_all(self, m: Meeting, r: Record, plan: Plan) -> bool:
        """Tell whether a fact's own sentence names everyone the claim names but its subject.

        A denial must be about the same people: "did Biden criticise China?" is not
        denied by Biden congratulating Cambodia.
        """
        have = term_set(say.sentence(m, r))
        actor = plan.actor[1] if plan.actor else ""
        keys = [self.name_keys(c) for c in plan.scope.countries if c != actor]
        people = {p.name: p for mm in self.data.meetings for p in (mm.leader, mm.host)}
        named = [*plan.scope.leaders, *([m.host.name] if plan.scope.principal else [])]
        for name in named:
            if name != actor and name in people:
                keys.append([name_key(n) for n in (name, *people[name].aliases)])
        return all(any(set(k) <= have for k in options) for options in keys)

    def names_objects(self, m: Meeting, r: Record, plan: Plan) -> bool:
        """Tell whether a fact names each other country the claim is about, past its own.

        "Did Biden say anything about China?" is carried only by a fact of his naming China;
        a fact from China's own meeting is about China already.
        """
        if plan.actor is None or plan.actor[0] != "leader":
            return True  # countries may be joint subjects: "did Canada and Japan both ..."
        have = term_set(say.sentence(m, r))
        others = [c for c in plan.scope.countries if c != m.country]
        home = {m.host.country}
        return all(any(set(k) <= have for k in self.name_keys(c)) for c in others if c not in home)

    def holds(self, m: Meeting, r: Record, plan: Plan) -> bool:
        """Tell whether a fact may be the claim's subject's: its own, or naming the subject.

        "Biden thanked Cambodia for its opposition to ..." is Biden's record but carries
        Cambodia's stance; "Cambodia supports ..." told to Ardern is not New Zealand's.
        """
        if plan.actor is None or claim.by_subject(m, r, plan):
            return True
        kind, name = plan.actor
        if kind != "country":
            return False
        have = term_set(say.sentence(m, r))
        return any(set(k) <= have for k in self.name_keys(name))

    def topic_words(self, plan: Plan) -> list[str]:
        """Return the claim's words that named a topic through an alias the articles use."""
        index = self.passages.index
        named: list[str] = []
        for t in self.data.topics:
            if t.name not in plan.scope.topics:
                continue
            own = {stem for w in words_of(t.name) for stem in terms(w)}
            alias = {stem for a in t.aliases for stem in terms(a)} - own
            named += [
                w
                for w in plan.wording.terms
                if w in alias and index.knows(w) and not is_function_word(w)
            ]
        return named

    def carries(
        self, m: Meeting, r: Record, named: list[str], alts: dict[str, tuple[str, ...]]
    ) -> bool:
        """Tell whether a fact's own sentence carries every word a claim named its topic by."""
        have = term_set(say.sentence(m, r))
        return all(w in have or set(alts.get(w, ())) & have for w in named)

    def turned(self, m: Meeting, r: Record, plan: Plan, alts: dict[str, tuple[str, ...]]) -> bool:
        """Tell whether a fact states the claim's stance word only by its opposite."""
        stances = [t for t in plan.wording.terms if t in STANCES]
        if not stances:
            return False
        have = term_set(say.sentence(m, r))
        same = {s for t in stances for s in (t, *alts.get(t, ()))}
        if same & have:
            return False
        sentence = say.sentence(m, r)
        turned = any(set(OPPOSITES[t]) & have for t in stances)
        return turned and not misplaced(sentence, plan, opposite=True)

    def proper_words(self) -> frozenset[str]:
        """Return the words of every place and name the articles give, read once."""
        if self._proper is None:
            self._proper = place_words(self.data)
        return self._proper

    def terms_of(self, m: Meeting, r: Record) -> set[str]:
        """Return the terms of a fact's sentence and of its paragraphs."""
        return self.passages.terms_of(cite(self.data, [(m, r)])) | term_set(say.sentence(m, r))

    def find(
        self,
        plan: Plan,
        scope: Scope,
        field: str | None,
        words: list[str],
        others: list[str],
        alts: dict[str, tuple[str, ...]],
        meets: bool,
    ) -> list[tuple[Meeting, Record]]:
        """Return the scoped facts (of one kind, when `field` names it) that carry the claim."""
        found: list[tuple[Meeting, Record]] = []
        when = claim.timed(plan, years=False)
        for m in scope.meetings:
            pool = list(getattr(m, field) if field else m.facts())
            if plan.relation == "quote":
                pool = statements(m)
                if plan.scope.leaders:
                    pool = [r for r in pool if voices(m, r) & set(plan.scope.leaders)]
                if asked_verbs(plan):
                    # "Did anyone else tweet?": only words given that way count.
                    pool = [r for r in pool if isinstance(r, Quote) and verb_fits(r, plan)]
            if plan.actor:
                # A request is its asker's alone: "did Mori ask for a school?" is not
                # carried by Sok Vanna asking for one.
                pool = [
                    r
                    for r in pool
                    if not claim.reversed_by(m, r, plan)
                    and (not isinstance(r, Request) or claim.by_subject(m, r, plan))
                ]
            if meets:
                # "Did they meet at the museum?": one side's own words or outing is not the meeting.
                pool = [r for r in pool if claim.joint(m, r)]
            found += [
                (m, r)
                for r in pool
                if on_topic(r, plan.scope.topics)
                # A topic raised carries no verb but "discuss": its own sentence must.
                and self.says(m, r, words, others, alts, own=isinstance(r, Discussion))
                and (not when or claim.on_time(r.date or m.date, plan, years=False))
            ]
        return found

    def knows(self, term: str, alts: dict[str, tuple[str, ...]]) -> bool:
        """Tell whether the articles use a word or one of its alternatives."""
        index = self.passages.index
        return index.knows(term) or any(index.knows(a) for a in alts.get(term, ()))

    def says(
        self,
        m: Meeting,
        r: Record,
        words: list[str],
        others: list[str],
        alts: dict[str, tuple[str, ...]],
        own: bool = False,
        voiced: bool = True,
    ) -> bool:
        """Tell whether a record (or its paragraphs) carries every word and name of the claim.

        Unless `voiced`, a quotation carries a claim by its words alone: "is there a
        foreign base?" is not carried by "The foreign ministry said ...".
        """
        if not words and not others:
            return True
        have = term_set(_own_text(m, r, voiced) if own else say.sentence(m, r))
        if not own:
            have |= self.passages.terms_of(cite(self.data, [(m, r)]))
        names = [self.name_keys(c) for c in others]
        if not all(any(set(k) <= have for k in keys) for keys in names):
            return False
        return self._share(have, words, alts) >= MIN_COVER

    def cover(
        self,
        m: Meeting,
        r: Record,
        words: list[str],
        alts: dict[str, tuple[str, ...]],
        voiced: bool = True,
    ) -> float:
        """Return the IDF-weighted share of the claim's words a fact's own sentence carries."""
        return self._share(term_set(_own_text(m, r, voiced)), words, alts)

    def _share(
        self, have: frozenset[str] | set[str], words: list[str], alts: dict[str, tuple[str, ...]]
    ) -> float:
        weight = {t: self.passages.weight(t) for t in words}
        total = sum(weight.values())
        carried = sum(weight[t] for t in words if t in have or set(alts.get(t, ())) & have)
        return carried / total if total else 1.0

    def name_keys(self, country: str) -> list[tuple[str, ...]]:
        """Return the name keys of a country and each of its aliases."""
        if self._keys is None:
            keys: dict[str, list[tuple[str, ...]]] = {}
            for c in self.data.countries:
                keys.setdefault(c.name, [name_key(n) for n in (c.name, *c.aliases)])
            self._keys = keys
        return list(self._keys.get(country) or [name_key(country)])
