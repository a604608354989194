"""Execute query plans over the records: operators first, then one lookup per plan shape."""

from __future__ import annotations

from collections.abc import Callable

from qa.answer import about
from qa.answer import phrases as say
from qa.answer.aggregate import Aggregates
from qa.answer.count import Counts
from qa.answer.dates import Dates, speakers
from qa.answer.operate import Operations
from qa.answer.passage import Passages, refusal
from qa.answer.result import Answer, fact, join, none
from qa.answer.roles import role
from qa.answer.scope import FOCUS_FIELDS, Scope, on_topic, resolve
from qa.answer.speech import FEW, Speech
from qa.answer.verify import Verifier
from qa.data.records import Dataset, Meeting, Record
from qa.understand.cues import FOCUS_CUES
from qa.understand.parse import Question
from qa.understand.plan import MEETING_WORDS, Plan
from qa.understand.text import terms

WHAT_FOR = {
    "money": "any money given, pledged or lent by",
    "agreement": "any agreement signed with",
    "request": "any request {host} made of",
    "position": "any position stated with",
    "quote": "any quoted words from",
    "event": "any other event involving",
}


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
        if plan.talk:
            return about.reply(self.data, plan)
        scope = resolve(self.data, plan.words, plan.articles, plan.excluded)
        titled = None if scope.named else about.from_title(self.data, plan)
        if titled is not None:
            return titled
        held = role(self.data, plan, scope)
        if held is not None:
            return held
        found = self.operations.run(plan, scope)
        if found is None and plan.wanted == "yes/no":
            found = self.verifier.run(plan, scope)
        found = found or self.answer(plan.words, scope)
        return found if found.answered else self._fall_back(plan, scope, found)

    def _fall_back(self, plan: Plan, scope: Scope, refused: Answer) -> Answer:
        """Answer from a passage a refusing template missed, when it holds every asked word.

        A template may have read the wrong relation; a paragraph holding each of the
        question's own informative words (and its answer type) still answers it.
        """
        q = plan.words
        if scope.missing or plan.wanted == "yes/no" or q.intent in ("count", "why"):
            return refused
        if q.focus == "quote":
            return refused
        index = self.passages.index
        asked = tuple(t for t in q.extra if index.knows(t) and self.passages.weight(t) > 0)
        if not asked:
            return refused
        better = self.passages.answer(q, scope, within_scope=scope.named, require=asked)
        return better if better.answered else refused

    def answer(self, q: Question, scope: Scope) -> Answer:
        """Look up the records a plan shape (wanted answer and relation) asks for."""
        missing = f"The article doesn't mention a meeting with {join(list(scope.missing))}."
        if q.intent == "why":
            found = self.passages.answer(q, scope, within_scope=scope.named)
            return found if found.answered or not scope.missing else none(missing, q)
        if scope.missing and not scope.named:
            return none(missing, q)
        if q.names and not (scope.named or q.has_subject or scope.holders):
            return none(f"The article doesn't mention {join(list(q.names))}.", q)
        if (
            q.unknown
            and q.focus is None
            and q.intent in ("what", "when")
            and (scope.named or q.topics)
        ):
            return none(refusal(q), q)
        if q.titles and not scope.named and q.intent in ("what", "who", "which"):
            return self.agg.which(q, scope)
        handler: Callable[[Question, Scope], Answer] = getattr(self, f"_{q.intent}")
        found = handler(q, scope)
        if found.kind == "fact" and q.intent not in ("amount", "total", "count"):
            return self._unless_passage_fits_better(q, scope, found)
        return found

    def _unless_passage_fits_better(self, q: Question, scope: Scope, found: Answer) -> Answer:
        """Prefer a passage when the question's own words miss every paragraph the facts cite.

        A word no template reads ("amity" in "Who signed the Treaty of Amity?") that the
        cited paragraphs lack means the records answer a different question.
        """
        informative = [t for t in q.extra if self.passages.weight(t) > 0]
        cited = self.passages.terms_of(found.sources)
        if not informative or set(informative) <= cited:
            return found
        better = self.passages.answer(
            q, scope, within_scope=scope.named, require=tuple(informative)
        )
        return better if better.answered else found

    def _amount(self, q: Question, scope: Scope) -> Answer:
        if not scope.named and not q.amounts and not q.superlative:
            return self.agg.total(q, scope)
        return self.agg.amounts(q, scope)

    def _total(self, q: Question, scope: Scope) -> Answer:
        return self.agg.total(q, scope)

    def _count(self, q: Question, scope: Scope) -> Answer:
        return self.counts.count(q, scope)

    def _which(self, q: Question, scope: Scope) -> Answer:
        if scope.named and q.extra and not q.topics:
            said = self.speech.by_subject(q, scope)
            if said:
                who = join(list(dict.fromkeys(m.leader.name for m, _ in said)))
                text = f"{who}: " + " ".join(say.sentence(m, r) for m, r in said)
                return fact(self.data, text, list(said), q)
        return self.agg.which(q, scope)

    def _who(self, q: Question, scope: Scope) -> Answer:
        if q.focus == "event" and (scope.named or q.topics):
            return self._records(q, scope, "")
        if q.focus == "quote":
            said = self.speech.who(q, scope)
            if said is not None:
                return said
        if q.topics and q.focus is None:
            # "Who backed India's bid for a seat?": the fact on the topic that carries the verb.
            carried = self.speech.carrying(q, scope)
            if carried:
                who = join(list(dict.fromkeys(say.country(m.country) for m, _ in carried)))
                shown = carried[:FEW]
                text = f"{say.capital(who)}: " + " ".join(say.sentence(m, r) for m, r in shown)
                return fact(self.data, text, list(carried), q)
        if q.dates or q.titles or q.topics or (not scope.named and q.focus in FOCUS_FIELDS):
            return self.agg.which(q, scope)
        if scope.named and q.focus is None and self._informative(q):
            found = self.passages.answer(q, scope, within_scope=True)
            if found.answered:
                return found
        if not scope.named:
            if q.principal:
                return self.agg.which(q, scope)
            return self.passages.answer(q, scope)
        if q.focus in ("quote", "request", "agreement", "money", "position"):
            return self._what(q, scope)
        return fact(
            self.data,
            " ".join(say.meeting(m) for m in scope.meetings),
            [(m, None) for m in scope.meetings],
            q,
        )

    def _when(self, q: Question, scope: Scope) -> Answer:
        return self.dates.when(q, scope)

    def _confirm(self, q: Question, scope: Scope) -> Answer:
        if not scope.named or q.focus in (None, "meeting"):
            if scope.named and q.topics:
                return self._records(q, scope, "Yes. ")
            if scope.named:
                return self.dates.met(q, scope)
            return self._what(q, scope)
        return self._records(q, scope, "Yes. ")

    def _what(self, q: Question, scope: Scope) -> Answer:
        if q.focus in (None, "meeting") and not q.topics:
            if not scope.named:
                return self.agg.summary(q, scope) if q.summary else self.passages.answer(q, scope)
            if q.extra:
                said = self.speech.by_subject(q, scope)
                if said:
                    text = " ".join(say.sentence(m, r) for m, r in said)
                    return fact(self.data, text, list(said), q)
                return self.passages.answer(q, scope, within_scope=True)
            return self.agg.summary(q, scope)
        if q.focus == "discussion" and scope.named and not q.topics:
            return self.agg.summary(q, scope)
        if q.focus is None and q.topics and not scope.named:
            return self.passages.answer(q, scope)
        return self._records(q, scope, "")

    def _records(self, q: Question, scope: Scope, prefix: str) -> Answer:
        field = FOCUS_FIELDS.get(q.focus or "")
        items: list[tuple[Meeting, Record | None]] = []
        for m in scope.meetings:
            pool = getattr(m, field) if field else m.facts()
            if q.focus == "quote":
                names = speakers(q, scope)
                if q.capitals and not names:
                    who = " ".join(q.capitals)
                    return none(f"The article doesn't report anything {who} said.", q)
                said = self.speech.said(q, scope, names)
                if said is not None:
                    return said
                pool = m.facts() if q.topics and (q.leaders or q.speakers) else ()
            if q.focus == "position" and scope.holders:
                held = tuple(r for r in pool if getattr(r, "holder", "") in scope.holders)
                pool = held or pool
            items.extend((m, r) for r in pool if on_topic(r, q.topics))
        if not items and q.topics and q.focus in FOCUS_CUES:
            # "What MoU do they follow on deportees?": no agreement is recorded, but a
            # statement on the topic names one in the question's own word.
            cues = FOCUS_CUES[q.focus] & set(q.terms)
            items = [
                (m, r)
                for m in scope.meetings
                for r in m.facts()
                if on_topic(r, q.topics) and cues & set(terms(say.sentence(m, r)))
            ]
        if not items:
            return self._nothing(q, scope)
        text = prefix + " ".join(say.sentence(m, r) for m, r in items if r is not None)
        return fact(self.data, text, items, q)

    def _informative(self, q: Question) -> bool:
        """Tell whether a question has a word of its own the article uses (not "meet")."""
        index = self.passages.index
        return any(index.knows(t) and t not in MEETING_WORDS for t in q.extra)

    def _nothing(self, q: Question, scope: Scope) -> Answer:
        who = join([say.country(m.country) for m in scope.meetings]) if scope.named else ""
        topic = f" about {join(list(q.topics))}" if q.topics else ""
        if q.focus == "quote" and q.leaders:
            return none(f"The article doesn't quote {join(list(q.leaders))}{topic}.", q)
        if q.focus in WHAT_FOR and who:
            what = WHAT_FOR[q.focus].format(host=scope.meetings[0].host.name)
            return none(f"The article doesn't mention {what} {who}{topic}.", q)
        if q.topics and who:
            return none(f"The article doesn't say {join(list(q.topics))} came up with {who}.", q)
        if scope.named:
            return self.passages.answer(q, scope, within_scope=True)
        return self.passages.answer(q, scope)
