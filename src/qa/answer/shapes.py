"""Answer a plan by its shape: amounts, totals, counts, lists, who, when, claims, what."""

from __future__ import annotations

from itertools import pairwise

from qa.answer.aggregate import Aggregates
from qa.answer.claim import by_subject
from qa.answer.count import Counts
from qa.answer.dates import Dates, speakers
from qa.answer.passage import Passages, refusal
from qa.answer.realise import lists
from qa.answer.realise import refusal as refuse
from qa.answer.realise import sentence as say
from qa.answer.realise.verdict import yes
from qa.answer.result import Answer, fact, none
from qa.answer.scope import FOCUS_FIELDS, Scope, kind_fits, on_topic
from qa.answer.speech import FEW, Speech
from qa.data.records import MONEY_KINDS, Dataset, Meeting, Money, Record
from qa.understand.cues import FOCUS_CUES
from qa.understand.operators import MEETING_WORDS
from qa.understand.plan import Plan
from qa.understand.text import stem, term_set


class Shapes:
    """Look up what each plan shape asks for in the records; one method per shape."""

    def __init__(self, data: Dataset, passages: Passages, agg: Aggregates, speech: Speech) -> None:
        self.data = data
        self.passages = passages
        self.agg = agg
        self.speech = speech
        self.counts = Counts(data, passages, agg)
        self.dates = Dates(data, passages)

    def amount(self, plan: Plan, scope: Scope) -> Answer:
        # "How much was the loan?" asks the amount of each loan; "how much money?" a total.
        one_kind = not plan.has("total") and any(
            a in _THE and b in MONEY_KINDS for a, b in pairwise(plan.wording.tokens)
        )
        if not (scope.named or plan.scope.amounts or plan.wording.superlative or one_kind):
            return self.agg.total(plan, scope)
        return self.agg.amounts(plan, scope)

    def total(self, plan: Plan, scope: Scope) -> Answer:
        return self.agg.total(plan, scope)

    def count(self, plan: Plan, scope: Scope) -> Answer:
        return self.counts.count(plan, scope)

    def which(self, plan: Plan, scope: Scope) -> Answer:
        if scope.named and plan.wording.extra and not plan.scope.topics:
            said = self.speech.by_subject(plan, scope)
            if said:
                who = list(dict.fromkeys(m.leader.name for m, _ in said))
                return fact(self.data, lists.attributed(who, said), list(said))
        return self.agg.which(plan, scope)

    def who(self, plan: Plan, scope: Scope) -> Answer:
        if plan.relation == "event" and (scope.named or plan.scope.topics):
            return self.records(plan, scope, "")
        if plan.relation == "request" and not _passive(plan.wording.tokens):
            # "Who asked for the bridge?": the asker, whom each request's sentence names.
            asked = self.records(plan, scope, "")
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
            return self.what(plan, scope)
        return fact(
            self.data,
            " ".join(say.meeting(m) for m in scope.meetings),
            [(m, None) for m in scope.meetings],
        )

    def when(self, plan: Plan, scope: Scope) -> Answer:
        return self.dates.when(plan, scope)

    def confirm(self, plan: Plan, scope: Scope) -> Answer:
        if not scope.named or plan.relation in (None, "meeting"):
            if scope.named and plan.scope.topics:
                return self.records(plan, scope, yes(""))
            if scope.named:
                return self.dates.met(plan, scope)
            if plan.wording.unknown and not plan.scope.topics:
                # "Did Hun Sen discuss the moon?": a word the article lacks in every form
                # is what the claim is about; every other record would answer another.
                return none(refusal(plan.wording))
            return self.what(plan, scope)
        return self.records(plan, scope, yes(""))

    def what(self, plan: Plan, scope: Scope) -> Answer:
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
        return self.records(plan, scope, "")

    def records(self, plan: Plan, scope: Scope, prefix: str) -> Answer:
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
        if plan.excluded.names and plan.relation in refuse.WHAT_FOR:
            # "Who else did he ask for a bridge?": none but those set aside; a paragraph
            # would be about them.
            return none(refuse.lacks(plan.relation or "", scope.meetings, plan.scope.topics))
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
