"""Templates that compute over many records: amounts, totals, counts, lists, summaries."""

from __future__ import annotations

import re
from collections.abc import Iterable

from qa.answer import agency
from qa.answer.agency import asked_role
from qa.answer.passage import Passages, refusal
from qa.answer.realise import lists, totals
from qa.answer.realise import sentence as say
from qa.answer.result import Answer, cite, fact, join, none
from qa.answer.scope import (
    FOCUS_FIELDS,
    Scope,
    asked_verbs,
    by_currency,
    filtered,
    money_in,
    on_date,
    on_topic,
    said_of_all,
    verb_fits,
)
from qa.data.records import Dataset, Meeting, Money, Record
from qa.search.index import sentences
from qa.understand.cues import FOCUS_CUES
from qa.understand.frame import is_year, superlative_place
from qa.understand.plan import Plan
from qa.understand.text import terms
from qa.understand.vocabulary import unsaid_superlatives

# Past this many meetings a summary opens with the list of them.
FEW_MEETINGS = 3


class Aggregates:
    """Answer questions over many meetings at once."""

    def __init__(self, data: Dataset, passages: Passages) -> None:
        self.data = data
        self.passages = passages

    def money(self, plan: Plan, scope: Scope) -> list[tuple[Meeting, Money]]:
        """Return the money records in scope, filtered by topic and by amount if named."""
        return money_in(plan, scope)

    def amounts(self, plan: Plan, scope: Scope) -> Answer:
        """State the amount of each money record in scope, or say it is not given."""
        found = self.money(plan, scope)
        if not found:
            return none(totals.no_money(scope.meetings if scope.named else ()))
        known = [(m, x) for m, x in found if x.amount is not None]
        if plan.wording.superlative and len({x.currency for _, x in known}) > 1:
            text = totals.unrated(totals.amounts(known))
            return fact(self.data, text, list(known), answered=False)
        if plan.wording.superlative and known:
            # "The second biggest": the amount at that place among the distinct ones.
            place = superlative_place(plan.wording.tokens)
            ranked = sorted(
                {x.amount or 0.0 for _, x in known}, reverse=plan.wording.superlative == "max"
            )
            if place > len(ranked):
                text = totals.too_few(len(ranked), totals.amounts(known))
                return fact(self.data, text, list(known), answered=False)
            known = [(m, x) for m, x in known if x.amount == ranked[place - 1]]
            found = known
        return fact(self.data, totals.amounts(found), list(found), answered=bool(known))

    def total(self, plan: Plan, scope: Scope) -> Answer:
        """Add up the amounts in scope per currency, showing the arithmetic."""
        found = self.money(plan, scope)
        grouped = by_currency(found)
        text = totals.total(grouped, [(m, x) for m, x in found if x.amount is None])
        if not grouped:
            return none(text)
        return fact(self.data, text, list(found))

    def which(self, plan: Plan, scope: Scope) -> Answer:
        """List the meetings that pass the question's filters, citing why each passed."""
        meetings = filtered(scope, plan)
        host = scope.meetings[0].host.name if scope.meetings else "the principal"
        if not meetings:
            return self._no_match(plan, scope)
        common = said_of_all(self.data, meetings)
        informative = [
            t for t in plan.wording.extra if self.passages.weight(t) > 0 and t not in common
        ]
        filters = (
            plan.scope.topics
            or plan.scope.dates
            or plan.scope.titles
            or plan.scope.amounts
            or plan.wording.superlative
            or plan.operators
        )
        role = asked_role(plan.wording.tokens, self.passages.name_keys)
        if role and set(informative) == {role.verb} and not filters:
            # "Which leaders did Hun Sen (not) thank?": an act no record holds, told by who
            # does it to whom in each meeting's own sentences.
            said = self.passages.index.knows(role.verb)
            acted = agency.which(self.data, meetings, role, plan.negated, said)
            if acted is not None:
                return acted
        ranked = unsaid_superlatives(plan.wording.tokens, self.passages.index.knows)
        if ranked and not (filters or scope.named):
            # "Which meeting was the longest?": a measure no record gives and the articles
            # never use ranks the meetings; listing them all would not answer it.
            return none(refusal(plan.wording))
        if informative and not (
            plan.scope.topics
            or plan.scope.dates
            or plan.scope.titles
            or plan.relation
            or plan.scope.amounts
        ):
            # Nothing recorded filters by the question's own words ("thank"): a list of
            # every meeting would not answer it, a passage may.
            return self.passages.answer(
                plan.wording, scope, within_scope=scope.named, require=tuple(informative)
            )
        if informative:
            # Keep the meetings whose evidence mentions the question's other words
            # ("a bridge in Kratie"), when some do.
            narrowed = [
                m
                for m in meetings
                if set(informative)
                <= self.passages.terms_of(
                    cite(self.data, [(m, r) for r in self._evidence(m, plan)] or [(m, None)])
                )
            ]
            meetings = narrowed or meetings
        numbers = _numbers(plan)
        if numbers:
            # "Marking a 70th anniversary": the meetings whose evidence gives that number.
            counted = [
                m
                for m in meetings
                if numbers
                <= _numbers_in(
                    self.passages.terms_of(
                        cite(self.data, [(m, r) for r in self._evidence(m, plan)] or [(m, None)])
                    )
                )
            ]
            meetings = counted or meetings
        items: list[tuple[Meeting, Record | None]] = [
            (m, r) for m in meetings for r in self._evidence(m, plan)
        ] or [(m, None) for m in meetings]
        if plan.scope.dates:
            also: list[tuple[Meeting, Record]] = [
                (m, r)
                for m in self.data.meetings
                for r in m.facts()
                if r.date and any(d.matches(r.date) for d in plan.scope.dates)
            ]
            text = lists.met_on(plan.scope.dates, meetings, also)
            return fact(self.data, text, [*items, *also], subjects=meetings)
        quoted = plan.relation == "quote" and asked_verbs(plan)
        text = lists.chosen(
            host,
            meetings,
            relation=plan.relation,
            topics=plan.scope.topics,
            either=not plan.every_topic,
            titles=plan.scope.titles,
            named=scope.named,
            speakers=[
                (m, x) for m in meetings for x in m.quotes[:1] if quoted and verb_fits(x, plan)
            ],
            verbs=[x.verb for m in meetings for x in m.quotes if quoted and verb_fits(x, plan)],
        )
        return fact(self.data, text, items)

    def _evidence(self, m: Meeting, plan: Plan) -> list[Record]:
        field = FOCUS_FIELDS.get(plan.relation or "")
        pool = getattr(m, field) if field else m.facts()
        return [r for r in pool if plan.scope.topics and on_topic(r, plan.scope.topics)] or (
            list(pool) if field else []
        )

    def _no_match(self, plan: Plan, scope: Scope) -> Answer:
        also: list[tuple[Meeting, Record]] = [
            (m, r)
            for m in scope.meetings
            if on_date(m, plan)
            for r in m.facts()
            if r.date and any(d.matches(r.date) for d in plan.scope.dates)
        ]
        text = lists.unmatched(
            plan.scope.dates, also, plan.relation, plan.scope.topics, not plan.every_topic
        )
        if plan.scope.dates:
            return fact(self.data, text, list(also), False)
        return none(text)

    def summary(self, plan: Plan, scope: Scope) -> Answer:
        """Summarise each scoped meeting: who and when, its topics in one sentence, main facts."""
        if not any(m.discussions or m.facts() for m in scope.meetings):
            told = self._discussed_in_text(scope)
            if told is not None:
                return told
        parts: list[str] = []
        items: list[tuple[Meeting, Record | None]] = []
        if len(scope.meetings) > FEW_MEETINGS:
            # Many meetings: who first, in one sentence, so no meeting hides on a later page.
            host = scope.meetings[0].host.name
            parts.append(
                f"{host} met {len(scope.meetings)} leaders: "
                + join([say.label(m) for m in scope.meetings])
                + "."
            )
        for m in scope.meetings:
            topics = say.topic_list(m)
            about = f"; they discussed {topics}" if topics else ""
            parts.append(say.meeting(m)[:-1] + about + ".")
            items.append((m, None))
        for m in scope.meetings:
            main: list[Record] = [*m.money, *m.agreements, *m.requests, *m.positions]
            main += [*m.quotes, *m.events]
            for r in main:
                if r in plan.told:
                    continue
                parts.append(say.sentence(m, r))
                items.append((m, r))
        return fact(self.data, " ".join(parts), items)

    def _discussed_in_text(self, scope: Scope) -> Answer | None:
        """Return what record-less meetings' paragraphs say was discussed, after each meeting.

        A meeting curated with no topic or fact still has its paragraphs: "They discussed
        maritime security" tells what the records cannot.
        """
        cues = FOCUS_CUES["discussion"]
        said: list[str] = []
        for m in scope.meetings:
            found = [
                x
                for s in cite(self.data, [(m, None)])
                for x in sentences(s.text)
                if cues & set(terms(x))
            ]
            # The meeting first: "They discussed ..." needs whom "they" stands for.
            said += [say.meeting(m), *found] if found else []
        if not said:
            return None
        return fact(self.data, " ".join(said), [(m, None) for m in scope.meetings])

    def discussed(self, plan: Plan, scope: Scope) -> Answer:
        """List the topics raised at each scoped meeting, with their paragraphs."""
        items: list[tuple[Meeting, Record | None]] = [
            (m, d) for m in scope.meetings for d in m.discussions
        ]
        return fact(self.data, lists.topics_raised(scope.meetings), items)


def _numbers_in(words: Iterable[str]) -> set[str]:
    """Return the numbers words carry, ordinals as their number ("70th" -> "70")."""
    return {n for w in words if (n := re.sub(r"\D", "", w)) and not is_year(n)}


def _numbers(plan: Plan) -> set[str]:
    """Return the bare numbers a question names that are no date, year or amount."""
    if plan.scope.amounts:
        return set()  # "$51.3 million": the figure is money, compared elsewhere
    days = {str(d.day) for d in plan.scope.dates}
    return _numbers_in(plan.wording.terms) - days
