"""Answer what the plans refused from a paragraph that says it in other words.

A follow-up looks in the previous answer's paragraphs first, then its section; other
questions look in the named meetings' paragraphs, then the whole article. A paragraph
answers when it covers most of the question's content (lemmas, synonyms and near
spellings count) and holds the type of answer asked for; else the refusal stands.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from qa.answer.coverage import Wanted, joined, wanted
from qa.answer.passage import Passages, with_antecedent
from qa.answer.result import Answer, Source
from qa.answer.roles import unheld
from qa.answer.scope import Scope, own_paragraphs, resolve
from qa.data.corpus import Paragraph
from qa.data.records import Dataset, Meeting
from qa.search.index import sentences
from qa.understand.answertype import has_type, wanted_type
from qa.understand.cues import FOCUS_CUES
from qa.understand.parse import Question
from qa.understand.plan import Plan
from qa.understand.text import name_key, stem, terms
from qa.understand.vocabulary import unsaid_superlatives

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
# Operators a paragraph cannot compute: the plans alone answer them.
PLAN_ONLY = frozenset({"total", "max", "min", "compare", "threshold", "negate", "except"})


@dataclass(frozen=True, slots=True)
class Tier:
    """Where to look, which names are given there, and how much cover an answer needs."""

    within: frozenset[tuple[str, int]] | None
    given: frozenset[str]
    need: float
    follow: bool


class Fallback:
    """Retry a refused plan over passages, matching the question in other words."""

    def __init__(self, data: Dataset, passages: Passages) -> None:
        self.data = data
        self.passages = passages
        self.home = {p.country for p in data.principals}

    # The names below are gathered on first use: over a stored folder of thousands of
    # articles, gathering them at load would read every meeting.
    @cached_property
    def titles(self) -> frozenset[str]:
        """Return the words of titles, which names ("Prime Minister Hun Sen") may hold."""
        data = self.data
        return frozenset(
            s for t in data.titles for n in (t.name, *t.aliases) for s in name_key(n)
        ) | frozenset(
            s for m in data.meetings for p in (m.leader, m.host) for s in name_key(p.title)
        )

    @cached_property
    def sections(self) -> frozenset[str]:
        """Return the headings of the sections that hold meetings."""
        return frozenset(m.section for m in self.data.meetings)

    @cached_property
    def principals(self) -> frozenset[str]:
        """Return the principals' and their countries' words: in nearly every paragraph."""
        countries = {c.name: c for c in self.data.countries}
        return frozenset(
            s
            for p in self.data.principals
            for n in (
                p.name,
                *p.aliases,
                p.country,
                *(countries[p.country].aliases if p.country in countries else ()),
            )
            for s in self._key(n)
        )

    @property
    def people(self) -> tuple[str, ...]:
        """Return the names of every leader met."""
        return self.passages.people

    def retry(
        self,
        q: Question,
        plan: Plan,
        last: Plan | None,
        previous: Answer | None,
        refused: Answer,
    ) -> Answer:
        """Return a passage answering the plan's question, or the refusal when none does.

        `q` is the parsed question the plan was made from; `last` and `previous` are the
        conversation's last plan and answer, if any.
        """
        if (
            plan.talk
            or plan.wanted in ("yes/no", "count")
            or plan.operators & PLAN_ONLY - self._negation(plan)
            # Only dates place a meeting before or after another; no paragraph does.
            or (plan.anchor and plan.operators & {"before", "after"})
            or q.names
            or q.summary
            or (plan.wanted == "list" and unsaid_superlatives(q.tokens, self.passages.index.knows))
            # "Who is Cambodia's president?": the records say which office he holds.
            or unheld(self.data, plan) is not None
        ):
            return refused
        index = self.passages.index
        scope = resolve(self.data, plan)
        if any(not all(index.knows(t) for t in name_key(n)) for n in scope.missing):
            return refused
        kind = wanted_type(q)
        if self._negation(plan):
            kind = kind or "negation"  # "what doesn't it permit?": a sentence saying "not"
        for tier in self._tiers(q, scope, last, previous):
            given = tier.given | self.principals
            want = wanted(q, index, given, self.passages.max_idf)
            if want.unmatched:
                return refused
            # A follow-up's paragraph is ranked with the last question's words as well; one
            # with no words of its own ("why is he going?") asks about what that one did.
            near, asks = want, kind
            if q.refers_back and last is not None:
                before = wanted(last.wording, index, given, self.passages.max_idf)
                if not sum(want.weights.values()):
                    want = near = joined(want, before)
                    # A bare "why?" needs a reason there, not the last answer again.
                    asks = "reason" if kind is None and q.intent == "why" else kind
                elif tier.follow:
                    near = joined(want, before)
            found = self._best(q, want, near, tier, asks)
            if found is not None and not self._asked_by(plan, found[1]):
                # "What did Mori ask Cambodia?" is not told what Cambodia asked of Mori.
                return refused
            if found is not None:
                p, text = found
                source = Source(p.article, p.number, p.heading, p.text)
                met = tuple(
                    dict.fromkeys(
                        m.country
                        for m in self.data.meetings
                        if m.article == p.article
                        and (m.section == p.heading or p.number in m.paragraphs)
                    )
                )
                return Answer(text, True, "passage", (source,), subjects=met)
        return refused

    def _asked_by(self, plan: Plan, text: str) -> bool:
        """Tell whether a sentence's first request is made by the asker the plan names."""
        if plan.relation != "request" or plan.actor is None:
            return True
        said = terms(text)
        at = next((i for i, t in enumerate(said) if t in FOCUS_CUES["request"]), None)
        if at is None:
            return True
        before = set(said[:at])
        return any(set(k) <= before for k in self._asker_keys(plan.actor))

    def _asker_keys(self, actor: tuple[str, str]) -> list[tuple[str, ...]]:
        """Return the name keys of who a plan says asked: a principal, leader or country."""
        kind, name = actor
        people = [p for p in self.data.principals if kind == "principal" or p.name == name]
        people += [
            m.leader
            for m in self.data.meetings
            if (kind == "leader" and m.leader.name == name) or m.country == name
        ]
        names = [n for p in people for n in (p.name, *p.aliases)]
        names += [n for c in self.data.countries if c.name == name for n in (c.name, *c.aliases)]
        names += [p.country for p in self.data.principals if p.name == name]
        return [name_key(n) for n in names if name_key(n)]

    def _negation(self, plan: Plan) -> frozenset[str]:
        """Return {"negate"} when a paragraph may answer the plan's negation as said.

        "What doesn't the constitution permit?" asks for what a sentence says is not so;
        "which countries didn't give?" asks for the records' complement, a plan's work.
        """
        if plan.wanted == "text" and plan.shape == "what" and "negate" in plan.operators:
            return frozenset({"negate"})
        return frozenset()

    def strays(
        self, q: Question, plan: Plan, last: Plan | None, previous: Answer | None, found: Answer
    ) -> bool:
        """Tell whether a passage answer to a follow-up left the last answer's meeting.

        "who paid for it?" after an answer about a naval base asks about that base; a
        paragraph in another section that shares a word ("pay") answers something else.
        """
        if plan.talk or found.kind != "passage" or not found.sources or previous is None:
            return False  # a question about the article itself is no follow-up
        tiers = self._tiers(q, resolve(self.data, plan), last, previous)
        if not any(t.follow for t in tiers) or any(t.within is None for t in tiers):
            return False
        allowed: set[tuple[str, int]] = set()
        for t in tiers:
            allowed |= t.within or frozenset()
        return not all((s.article, s.paragraph) in allowed for s in found.sources)

    def _tiers(
        self, q: Question, scope: Scope, last: Plan | None, previous: Answer | None
    ) -> list[Tier]:
        asked = frozenset(q.terms)
        names = self._names(scope, asked)
        tiers: list[Tier] = []
        cited = previous.sources if previous is not None and previous.answered else ()
        subjects = previous.subjects if previous is not None else ()
        # A follow-up naming someone new ("And India?") asks about them, not the last answer.
        before = last.scope.countries if last is not None else ()
        new = set(q.countries) - set(subjects) - set(before) - self.home
        if cited and q.refers_back and not new:
            given = names | self._subject_names(subjects, asked)
            shown = frozenset((s.article, s.paragraph) for s in cited)
            tiers.append(Tier(shown, given, FOLLOW_COVERAGE, True))
            headings = {(s.article, s.heading) for s in cited if s.heading}
            section = frozenset(
                (a.id, p.number)
                for a in self.data.articles
                for p in a.paragraphs
                if (a.id, p.heading) in headings
            )
            if section - shown:
                tiers.append(Tier(section, given, FOLLOW_COVERAGE, False))
        if scope.named:
            within = frozenset(
                (p.article, p.number) for m in scope.meetings for p in own_paragraphs(self.data, m)
            )
            tiers.append(Tier(within, names, MIN_COVERAGE, False))
        elif not tiers or not all(s.heading in self.sections for s in cited):
            # A follow-up that names nothing new is about the last answer's meeting: a
            # paragraph elsewhere that shares a word ("pay") answers another question.
            # An answer from the lead or the article's metadata has no meeting to keep to.
            tiers.append(Tier(self.passages.own, frozenset(), MIN_COVERAGE, False))
        return tiers

    def _names(self, scope: Scope, asked: frozenset[str]) -> frozenset[str]:
        """Return the stems naming the scoped meetings' countries and leaders."""
        if not scope.named:
            return frozenset()
        return self._naming(scope.meetings, asked)

    def _naming(self, meetings: Iterable[Meeting], asked: frozenset[str]) -> frozenset[str]:
        """Return the stems naming meetings: country, its demonyms, the leader and title.

        "the Canadian PM" names Trudeau's meeting as surely as "Trudeau" does; its
        paragraphs need not repeat it. `asked` holds the question's stems.
        """
        countries = {c.name: c for c in self.data.countries}
        titles = {t.name: t for t in self.data.titles}
        found: set[str] = set()
        for m in meetings:
            country = countries.get(m.country)
            title = titles.get(m.leader.title)
            for name in (
                m.country,
                m.leader.name,
                *m.leader.aliases,
                *(country.aliases if country else ()),
            ):
                found |= self._key(name)
            for name in (m.leader.title, *(title.aliases if title else ())):
                # Only the whole title: "minister" alone may be another minister's.
                key = set(name_key(name))
                if key <= asked:
                    found |= key
        return frozenset(found)

    def _key(self, name: str) -> set[str]:
        """Return the stems of a name that only name, without its title words."""
        return set(name_key(name)) - self.titles

    def _subject_names(self, subjects: tuple[str, ...], asked: frozenset[str]) -> frozenset[str]:
        return self._naming((m for m in self.data.meetings if m.country in subjects), asked)

    def _best(
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
                (want.coverage(self._terms(p)), near.coverage(self._terms(p)), score, p)
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
            if cues is not None and not (cues & self._terms(p)):
                continue  # words someone said or agreed to; a paragraph naming them is not
            asked = want.asked(self._terms(p))
            if asked is not None and asked < ASKED_COVERAGE:
                continue
            text = self._sentence(p, near, kind)
            if text is not None:
                return p, text
        return None

    def _terms(self, p: Paragraph) -> frozenset[str]:
        return self.passages.index.terms_of(p.article, p.number, p.heading, p.text)

    def _sentence(self, p: Paragraph, want: Wanted, kind: str | None) -> str | None:
        """Return the sentence answering best, with the one before when it leans on it."""
        parts = sentences(p.text)
        fit = [i for i, s in enumerate(parts) if has_type(s, kind, self.people)]
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
