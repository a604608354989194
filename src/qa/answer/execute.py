"""Execute query plans over the records: operators first, then one lookup per plan shape."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from itertools import pairwise

from qa.answer import every
from qa.answer.agency import asked_role
from qa.answer.aggregate import Aggregates
from qa.answer.claim import by_subject
from qa.answer.count import Counts
from qa.answer.coverage import unheard, unknown
from qa.answer.dates import Dates, speakers
from qa.answer.operate import Operations
from qa.answer.passage import Passages, refusal
from qa.answer.realise import lists
from qa.answer.realise import refusal as refuse
from qa.answer.realise import sentence as say
from qa.answer.realise.verdict import yes
from qa.answer.result import Answer, fact, join, none
from qa.answer.roles import as_host, role, unheld
from qa.answer.scope import FOCUS_FIELDS, Scope, kind_fits, on_topic, resolve
from qa.answer.speech import FEW, Speech
from qa.answer.verify import Verifier
from qa.data.records import MONEY_KINDS, Dataset, Meeting, Money, Record
from qa.understand.cues import FOCUS_CUES
from qa.understand.operators import MEETING_WORDS
from qa.understand.plan import Plan
from qa.understand.text import name_key, stem, term_set


class Executor:
    """Run a plan: small talk, operators, claim checks, then the lookup its shape names."""

    def __init__(self, data: Dataset, passages: Passages) -> None:
        self.data = data
        self.passages = passages
        self.agg = Aggregates(data, passages)
        self.operations = Operations(data)
        self.verifier = Verifier(data, passages)
        self.speech = Speech(data, passages)
        self.counts = Counts(data, passages, self.agg)
        self.dates = Dates(data, passages)

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
        handler: Callable[[Plan, Scope], Answer] = getattr(self, f"_{plan.shape}")
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
        better = self.passages.answer(
            plan.wording, scope, within_scope=scope.named, require=tuple(informative)
        )
        return better if better.answered else found

    def _amount(self, plan: Plan, scope: Scope) -> Answer:
        # "How much was the loan?" asks the amount of each loan; "how much money?" a total.
        one_kind = not plan.has("total") and any(
            a in _THE and b in MONEY_KINDS for a, b in pairwise(plan.wording.tokens)
        )
        if not (scope.named or plan.scope.amounts or plan.wording.superlative or one_kind):
            return self.agg.total(plan, scope)
        return self.agg.amounts(plan, scope)

    def _total(self, plan: Plan, scope: Scope) -> Answer:
        return self.agg.total(plan, scope)

    def _count(self, plan: Plan, scope: Scope) -> Answer:
        return self.counts.count(plan, scope)

    def _which(self, plan: Plan, scope: Scope) -> Answer:
        if scope.named and plan.wording.extra and not plan.scope.topics:
            said = self.speech.by_subject(plan, scope)
            if said:
                who = list(dict.fromkeys(m.leader.name for m, _ in said))
                return fact(self.data, lists.attributed(who, said), list(said))
        return self.agg.which(plan, scope)

    def _who(self, plan: Plan, scope: Scope) -> Answer:
        if plan.relation == "event" and (scope.named or plan.scope.topics):
            return self._records(plan, scope, "")
        if plan.relation == "request" and not _passive(plan.wording.tokens):
            # "Who asked for the bridge?": the asker, whom each request's sentence names.
            asked = self._records(plan, scope, "")
            if asked.answered:
                return asked
        if plan.relation in ("quote", "position"):
            # "Who stressed ...?": the person who stated it, not the meeting it was said at.
            said = self.speech.who(plan, scope)
            if said is not None:
                return said
        if plan.scope.topics and plan.relation is None:
            # "Who backed India's bid for a seat?": the fact on the topic that carries the verb.
            carried = self.speech.carrying(plan, scope)
            if carried:
                who = list(dict.fromkeys(say.country(m.country) for m, _ in carried))
                return fact(self.data, lists.attributed(who, carried[:FEW]), list(carried))
            # "Who called the US the number one country ...?": the statement carrying the words.
            said = self.speech.who(plan, scope) if scope.named and self.speech.asked(plan) else None
            if said is not None:
                return said
        if (
            plan.scope.dates
            or plan.scope.titles
            or plan.scope.topics
            or (not scope.named and plan.relation in FOCUS_FIELDS)
        ):
            return self.agg.which(plan, scope)
        if scope.named and plan.relation is None and self._informative(plan):
            found = self.passages.answer(plan.wording, scope, within_scope=True)
            if found.answered:
                return found
        if not scope.named:
            if plan.scope.principal:
                return self.agg.which(plan, scope)
            return self.passages.answer(plan.wording, scope)
        if plan.relation in ("quote", "request", "agreement", "money", "position"):
            return self._what(plan, scope)
        return fact(
            self.data,
            " ".join(say.meeting(m) for m in scope.meetings),
            [(m, None) for m in scope.meetings],
        )

    def _when(self, plan: Plan, scope: Scope) -> Answer:
        return self.dates.when(plan, scope)

    def _confirm(self, plan: Plan, scope: Scope) -> Answer:
        if not scope.named or plan.relation in (None, "meeting"):
            if scope.named and plan.scope.topics:
                return self._records(plan, scope, yes(""))
            if scope.named:
                return self.dates.met(plan, scope)
            return self._what(plan, scope)
        return self._records(plan, scope, yes(""))

    def _what(self, plan: Plan, scope: Scope) -> Answer:
        if plan.relation in (None, "meeting") and not plan.scope.topics:
            if not scope.named:
                return (
                    self.agg.summary(plan, scope)
                    if plan.wording.summary
                    else self.passages.answer(plan.wording, scope)
                )
            # A summary asked for in passing words ("what came out of the talks, in
            # brief") is still a summary: its other words ask nothing further.
            if plan.wording.extra and not plan.wording.summary:
                said = self.speech.by_subject(plan, scope)
                if said:
                    text = " ".join(say.sentence(m, r) for m, r in said)
                    return fact(self.data, text, list(said))
                found = self.passages.answer(plan.wording, scope, within_scope=True)
                return found if found.answered else self._carried(plan, scope) or found
            return self.agg.summary(plan, scope)
        if plan.relation == "discussion" and scope.named and not plan.scope.topics:
            return self.agg.summary(plan, scope)
        if plan.relation is None and plan.scope.topics and not scope.named:
            return self.passages.answer(plan.wording, scope)
        return self._records(plan, scope, "")

    def _records(self, plan: Plan, scope: Scope, prefix: str) -> Answer:
        field = FOCUS_FIELDS.get(plan.relation or "")
        items: list[tuple[Meeting, Record | None]] = []
        for m in scope.meetings:
            pool = getattr(m, field) if field else m.facts()
            if plan.relation == "quote":
                names = speakers(plan, scope)
                if plan.wording.capitals and not names:
                    who = " ".join(plan.wording.capitals)
                    return none(refuse.unreported_speech(who))
                said = self.speech.said(plan, scope, names)
                if said is not None:
                    return said
                pool = (
                    m.facts()
                    if plan.scope.topics and (plan.scope.leaders or plan.scope.speakers)
                    else ()
                )
            if plan.relation == "money":
                # "What was the loan for?" is not answered by the grants.
                pool = tuple(r for r in pool if isinstance(r, Money) and kind_fits(r, plan))
            if plan.relation == "request":
                # "What did Mori ask Cambodia?" is not answered by Cambodia asking Japan.
                pool = tuple(r for r in pool if by_subject(m, r, plan))
            if plan.relation == "position" and scope.holders:
                held = tuple(r for r in pool if getattr(r, "holder", "") in scope.holders)
                pool = held or pool
            items.extend((m, r) for r in pool if on_topic(r, plan.scope.topics))
        if not items and plan.scope.topics and plan.relation in FOCUS_CUES:
            # "What MoU do they follow on deportees?": no agreement is recorded, but a
            # statement on the topic names one in the question's own word.
            cues = FOCUS_CUES[plan.relation] & set(plan.wording.terms)
            items = [
                (m, r)
                for m in scope.meetings
                for r in m.facts()
                if on_topic(r, plan.scope.topics) and cues & term_set(say.sentence(m, r))
            ]
        if plan.scope.dates and items:
            # "What agreements were signed on November 14?": those dated so, by their own
            # date or their meeting's.
            days = plan.scope.dates
            items = [
                (m, r) for m, r in items if r and any(d.matches(r.date or m.date) for d in days)
            ]
            if not items:
                return none(refuse.undated(plan.relation, days, scope.meetings, scope.named))
        if not items:
            return self._nothing(plan, scope)
        text = prefix + " ".join(say.sentence(m, r) for m, r in items if r is not None)
        return fact(self.data, text, items)

    def _carried(self, plan: Plan, scope: Scope) -> Answer | None:
        """Return the scoped facts whose own sentence carries every word the question adds.

        A record may word a fact otherwise than its paragraph ("thanked" for
        "appreciated"); "what did Hun Sen thank Australia for?" is asked of the record.
        """
        asked = {t for t in plan.wording.extra if self.passages.index.knows(t)}
        if not asked:
            return None
        found: list[tuple[Meeting, Record | None]] = [
            (m, r)
            for m in scope.meetings
            for r in m.facts()
            if asked <= term_set(say.sentence(m, r))
        ]
        if not found or len(found) > FEW:
            return None
        text = " ".join(say.sentence(m, r) for m, r in found if r is not None)
        return fact(self.data, text, found)

    def _informative(self, plan: Plan) -> bool:
        """Tell whether a question has a word of its own the article uses (not "meet")."""
        index = self.passages.index
        return any(index.knows(t) and t not in MEETING_WORDS for t in plan.wording.extra)

    def _nothing(self, plan: Plan, scope: Scope) -> Answer:
        named = scope.meetings if scope.named else ()
        if plan.relation == "quote" and plan.scope.leaders:
            return none(refuse.unquoted(plan.scope.leaders, plan.scope.topics))
        asker = plan.actor[1] if plan.relation == "request" and plan.actor else ""
        if named and asker and asker not in (named[0].host.name, named[0].host.country):
            # "What did Yoon ask for?": no request of his, whatever Hun Sen asked of him.
            return none(refuse.unasked(say.country(asker), named[0].host.name))
        if plan.relation in refuse.WHAT_FOR and named:
            return none(refuse.lacks(plan.relation or "", named, plan.scope.topics))
        if plan.scope.topics and named:
            return none(refuse.not_raised(plan.scope.topics, named))
        if scope.named:
            return self.passages.answer(plan.wording, scope, within_scope=True)
        return self.passages.answer(plan.wording, scope)


_BE = frozenset("was were been being is are".split())
# Words that pick out one thing: "the loan", "that grant", "its investment".
_THE = frozenset("the that this its their his her".split())


def _passive(tokens: tuple[str, ...]) -> bool:
    """Tell whether a question asks who was asked ("who was asked to ..."), not who asked."""
    asking = FOCUS_CUES["request"]
    return any(t in _BE and stem(nxt) in asking for t, nxt in pairwise(tokens))
