"""Execute query plans over the records: operators first, then one lookup per plan shape."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property

from qa.answer import every
from qa.answer.agency import asked_role
from qa.answer.aggregate import Aggregates
from qa.answer.coverage import unheard, unknown
from qa.answer.operate import Operations
from qa.answer.passage import Passages, refusal
from qa.answer.realise import refusal as refuse
from qa.answer.realise import sentence as say
from qa.answer.result import Answer, Source, fact, join, none
from qa.answer.roles import as_host, role, unheld
from qa.answer.scope import Scope, resolve
from qa.answer.shapes import Shapes
from qa.answer.speech import Speech
from qa.answer.verify import Verifier
from qa.data.records import Dataset
from qa.understand.plan import Plan
from qa.understand.text import name_key


class Executor:
    """Run a plan: small talk, operators, claim checks, then the lookup its shape names."""

    def __init__(self, data: Dataset, passages: Passages) -> None:
        self.data = data
        self.passages = passages
        self.agg = Aggregates(data, passages)
        self.operations = Operations(data)
        self.verifier = Verifier(data, passages)
        self.speech = Speech(data, passages)
        self.shapes = Shapes(data, passages, self.agg, self.speech)

    def run(self, plan: Plan) -> Answer:
        """Answer one plan; abstain rather than guess."""
        plan = as_host(self.data, plan)
        unheld_office = unheld(self.data, plan)
        if unheld_office is not None:
            return unheld_office
        scope = resolve(self.data, plan)
        if every.applies(plan, scope):
            # "Did every leader discuss demining?": each meeting in scope is checked.
            return every.claim(self.data, plan, scope)
        if not scope.named:
            claimed = self.claim_on_metadata(plan)
            if claimed is not None:
                return claimed
        if plan.talk or not scope.named:
            # Loaded here: a question naming a meeting needs neither small talk nor the
            # article's title (nor the guide's examples), so its start-up stays lean.
            from qa.answer import about

            if plan.talk:
                return about.reply(self.data, plan)
            titled = about.from_title(self.data, plan)
            if titled is not None:
                return titled
            if not scope.named:
                from qa.answer import metadata

                # "When did the summit start?", "where was it held?": the event's own data.
                occasion = metadata.asked(self.data, plan)
                if occasion is not None:
                    return occasion
        held = role(self.data, plan, scope)
        if held is not None:
            return held
        found = self.operations.run(plan, scope)
        if found is None and plan.wanted == "yes/no":
            found = self.verifier.run(plan, scope)
        found = found or self.answer(plan, scope)
        return found if found.answered else self._fall_back(plan, scope, found)

    def claim_on_metadata(self, plan: Plan) -> Answer | None:
        """Check a claim about an article or its event against their metadata, if it makes one."""
        from qa.answer import metadata  # only questions naming no meeting reach here

        return metadata.check(self.data, plan, self.verifier.evidence.proper_words)

    def _fall_back(self, plan: Plan, scope: Scope, refused: Answer) -> Answer:
        """Answer from a passage a refusing template missed, when it holds every asked word.

        A template may have read the wrong relation; a paragraph holding each of the
        question's own informative words (and its answer type) still answers it.
        """
        if scope.missing or plan.wanted == "yes/no" or plan.shape in ("count", "why"):
            return refused
        if plan.excluded.names:
            return refused  # "who else ...?": a paragraph may be about those set aside
        if plan.negated and plan.wanted == "list":
            return refused  # a paragraph says what was done, not whom it was not done to
        if plan.relation == "quote":
            return refused
        index = self.passages.index
        asked = tuple(
            t for t in plan.wording.extra if index.knows(t) and self.passages.weight(t) > 0
        )
        if not asked:
            return refused
        role = asked_role(plan.wording.tokens, self.passages.name_keys)
        bare = not (plan.relation or plan.scope.topics or plan.scope.dates or plan.scope.titles)
        if plan.wanted == "list" and role and bare and set(asked) == {role.verb}:
            return refused  # who did it to whom was read in every meeting's sentences
        better = self.passages.answer(plan.wording, scope, within_scope=scope.named, require=asked)
        return better if better.answered else refused

    def answer(self, plan: Plan, scope: Scope) -> Answer:
        """Look up the records a plan shape (wanted answer and relation) asks for."""
        missing = refuse.unmet(scope.missing)
        if plan.shape == "why":
            found = self.passages.answer(plan.wording, scope, within_scope=scope.named)
            return found if found.answered or not scope.missing else none(missing)
        if scope.missing and not scope.named:
            if plan.relation == "position":
                # "Cambodia's position on Russia": the stances whose own sentence names it.
                names = list(scope.missing)
                says = self.verifier.evidence.says
                on = [
                    (m, r)
                    for m in scope.meetings
                    for r in m.positions
                    if says(m, r, [], names, {}, own=True)
                ]
                if on:
                    return fact(self.data, " ".join(say.sentence(m, r) for m, r in on), on)
            return none(missing)
        if plan.wording.names and not (scope.named or plan.scope.specific or scope.holders):
            return none(refuse.unmentioned(join(list(plan.wording.names))))
        absent = self._absent(plan, scope)
        if absent:
            # A name no paragraph holds, in any spelling ("macron", "bitcoin"),
            # is what the question is about: records on anything else do not answer it.
            return none(refuse.unsaid(f"it never mentions {join(absent)}"))
        if (
            plan.wording.unknown
            and plan.relation is None
            # "A one-line summary of X": the words framing a summary ask for no fact.
            and not plan.wording.summary
            and plan.shape in ("what", "when")
            and (scope.named or plan.scope.topics)
        ):
            return none(refusal(plan.wording))
        if plan.scope.titles and not scope.named and plan.shape in ("what", "who", "which"):
            return self.agg.which(plan, scope)
        handler: Callable[[Plan, Scope], Answer] = getattr(self.shapes, plan.shape)
        found = handler(plan, scope)
        if found.kind == "fact" and plan.shape not in ("amount", "total", "count"):
            return self._unless_passage_fits_better(plan, scope, found)
        return found

    def _absent(self, plan: Plan, scope: Scope) -> list[str]:
        """Return what the question names that the article lacks in every spelling.

        A word that is no English word ("macron"; a capitalised "Abe", too short to be an
        anchor) always counts. An English noun ("hydrogen") counts when the question
        names nothing else: the records on every meeting would answer another question,
        while beside a named meeting or topic the noun may be the article's in other words.
        """
        said = dict.fromkeys((*plan.wording.anchors, *plan.wording.capitals))
        if not said:
            return []
        index = self.passages.index
        names = self._name_stems
        alone = not (scope.named or plan.scope.specific)
        return [
            w
            for w in said
            if unheard(index, w, names)
            or (alone and w in plan.wording.anchors and unknown(index, w, names))
        ]

    @cached_property
    def _name_stems(self) -> frozenset[str]:
        """Return the stems of every leader's and country's name, read on first use."""
        countries = [n for c in self.data.countries for n in (c.name, *c.aliases)]
        return frozenset(s for n in (*self.passages.people, *countries) for s in name_key(n))

    def _unless_passage_fits_better(self, plan: Plan, scope: Scope, found: Answer) -> Answer:
        """Prefer a passage when the question's own words miss every paragraph the facts cite.

        A word no template reads ("amity" in "Who signed the Treaty of Amity?") that the
        cited paragraphs lack means the records answer a different question.
        """
        informative = [t for t in plan.wording.extra if self.passages.weight(t) > 0]
        cited = self.passages.terms_of(found.sources)
        if not informative or set(informative) <= cited:
            return found
        # A number read as part of a topic ("a 30th anniversary") still picks the paragraph.
        numbers = [t for t in plan.wording.terms if t[:1].isdigit() and t not in informative]
        better = self.passages.answer(
            plan.wording, scope, within_scope=scope.named, require=(*informative, *numbers)
        )
        if not better.answered:
            return found
        # Facts from meetings whose paragraphs each give the question's words in some form
        # ("mark" as "celebrated") answer it better than one of those paragraphs would.
        alts = dict(plan.wording.alternatives)
        where = {(s.article, s.paragraph) for s in found.sources}
        within = {(s.article, s.paragraph) for s in better.sources} <= where
        sections: dict[tuple[str, str], list[Source]] = {}
        for s in found.sources:
            sections.setdefault((s.article, s.heading), []).append(s)
        if within and all(
            all(t in have or have & set(alts.get(t, ())) for t in informative)
            for have in (self.passages.terms_of(tuple(cited)) for cited in sections.values())
        ):
            return found
        return better
