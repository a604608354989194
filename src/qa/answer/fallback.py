"""Answer what the plans refused from a paragraph that says it in other words.

A follow-up looks in the previous answer's paragraphs first, then its section; other
questions look in the named meetings' paragraphs, then the whole article. A paragraph
answers when it covers most of the question's content (lemmas, synonyms and near
spellings count) and holds the type of answer asked for; else the refusal stands.
"""

from __future__ import annotations

from functools import cached_property

from qa.answer.coverage import joined, wanted
from qa.answer.naming import Naming
from qa.answer.passage import Passages
from qa.answer.result import Answer, Source
from qa.answer.roles import unheld
from qa.answer.scope import Scope, own_paragraphs, resolve
from qa.answer.tiers import FOLLOW_COVERAGE, MIN_COVERAGE, Picker, Tier
from qa.data.records import Dataset
from qa.understand.answertype import wanted_type
from qa.understand.cues import FOCUS_CUES
from qa.understand.parse import Question
from qa.understand.plan import Plan
from qa.understand.text import name_key, terms
from qa.understand.vocabulary import unsaid_superlatives

# Operators a paragraph cannot compute: the plans alone answer them.
PLAN_ONLY = frozenset(
    {"total", "max", "min", "compare", "threshold", "negate", "except", "in month"}
)


class Fallback:
    """Retry a refused plan over passages, matching the question in other words."""

    def __init__(self, data: Dataset, passages: Passages) -> None:
        self.data = data
        self.passages = passages
        self.home = {p.country for p in data.principals}
        self.names = Naming(data)
        self.picker = Picker(passages)

    # Gathered on first use: over a stored folder of thousands of articles, gathering
    # them at load would read every meeting.
    @cached_property
    def sections(self) -> frozenset[str]:
        """Return the headings of the sections that hold meetings."""
        return frozenset(m.section for m in self.data.meetings)

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
            # Only dates place a meeting before or after another, or a day; no paragraph does.
            or (plan.anchor and plan.operators & {"before", "after"})
            or (
                plan.scope.dates
                and plan.operators & {"before", "after"}
                and plan.relation in (None, "meeting")
            )
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
            given = tier.given | self.names.principals
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
            found = self.picker.best(q, want, near, tier, asks)
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
        names = self.names.of_scope(scope, asked)
        tiers: list[Tier] = []
        cited = previous.sources if previous is not None and previous.answered else ()
        subjects = previous.subjects if previous is not None else ()
        # A follow-up naming someone new ("And India?") asks about them, not the last answer.
        before = last.scope.countries if last is not None else ()
        new = set(q.countries) - set(subjects) - set(before) - self.home
        if cited and q.refers_back and not new:
            given = names | self.names.of_subjects(subjects, asked)
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
