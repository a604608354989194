"""Run a plan's operators: comparisons, thresholds, negations, exceptions and time."""

from __future__ import annotations

from dataclasses import replace

from qa.answer import arithmetic, claim, contrast, negation, offices, sets, timed
from qa.answer.chrono import Chronology
from qa.answer.compare import Comparisons
from qa.answer.rank import Ranks, kind_of
from qa.answer.realise import lists, refusal
from qa.answer.result import Answer, fact, none
from qa.answer.scope import FOCUS_FIELDS, Scope, said_of_all
from qa.data.records import Dataset, Meeting, Record
from qa.understand import counted
from qa.understand.counted import compared_kinds
from qa.understand.cues import FOCUS_CUES
from qa.understand.operators import AFTER, BEFORE, LESS, MEETING_WORDS, MORE
from qa.understand.plan import Plan
from qa.understand.text import stem

LISTS = ("list", "entity", "count")


class Operations:
    """Answer plans whose operators decide the answer; leave plain lookups to the executor."""

    def __init__(self, data: Dataset) -> None:
        self.data = data
        self.compare = Comparisons(data)
        self.chrono = Chronology(data)
        self.ranks = Ranks(data)

    def named(
        self, names: tuple[str, ...], pool: tuple[Meeting, ...] | None = None
    ) -> list[Meeting]:
        """Return the meetings with the named countries or leaders, in the order named."""
        meetings = pool if pool is not None else self.data.meetings
        return [m for name in names for m in meetings if name in (m.country, m.leader.name)]

    def run(self, plan: Plan, scope: Scope) -> Answer | None:
        """Return the answer an operator gives, or None when no operator applies."""
        counted = self._counted(plan, scope)
        if counted is not None:
            return counted
        if plan.wanted in (*LISTS, "text") and timed.applies(plan, scope):
            return timed.around(self.data, plan, scope)
        if plan.wanted in (*LISTS, "text") and timed.asks_topics(plan, scope):
            return timed.topics_on(self.data, plan, scope)
        sums = plan.operators & {"average", "share"}
        if plan.relation == "money" and sums and plan.wanted != "yes/no":
            return (arithmetic.average if plan.has("average") else arithmetic.share)(
                self.data, plan, scope
            )
        if plan.has("compare") and (plan.factor or plan.has("ratio")):
            return arithmetic.times(self.data, plan, self.named(plan.compared)[:2])
        if plan.has("compare"):
            return self.compare.between(plan, self.named(plan.compared)[:2])
        if _kinds_compared(plan):
            # "Was the Canadian grant bigger than the loan?": a kind of money names a side.
            sides = self.compare.by_kinds(plan)
            if sides is None:
                return none(refusal.unsaid("it names no single amount for each side"))
            said = set(plan.wording.tokens)
            ops = plan.operators | {"compare", "more" if MORE & said else "less"}
            return self.compare.between(replace(plan, operators=frozenset(ops)), sides)
        if plan.has("contrast") and not plan.wording.unknown:
            return contrast.sides(self.data, plan, self.named(plan.compared))
        if plan.has("compare dates"):
            return self.chrono.choose(plan, self.named(plan.compared))
        if plan.threshold and plan.relation in (None, "money"):
            return self.compare.threshold(plan, scope)
        anchors = self.named(plan.anchor)
        if plan.wanted == "yes/no":
            return self._claim(plan, scope, anchors)
        meetingish = (
            plan.relation in (None, "meeting", "event", "discussion") and not plan.scope.topics
        )
        common = said_of_all(self.data, scope.meetings)
        meetingish = meetingish and set(plan.wording.extra) <= MEETING_WORDS | common
        if (
            plan.has("dated")
            and not plan.scope.dates
            and meetingish
            and plan.wanted in (*LISTS, "text")
        ):
            return self.chrono.by_date_given(plan, scope)
        months = claim.claimed_months(plan)
        if (
            plan.has("in month")
            and months
            and plan.relation in (None, "meeting")
            and not plan.scope.topics
            and plan.wanted in (*LISTS, "text")
            and not plan.negated
            and not plan.wording.unknown
        ):
            # "Which meetings were in November?": a month without a day filters by it.
            return self.chrono.in_months(scope, months, claim.claimed_years(plan))
        if plan.negated and (
            plan.wanted in LISTS
            or (plan.scope.titles and not scope.named and not negation.denies_title(plan))
        ):
            return negation.lacking(self.data, plan, scope)
        if anchors and plan.wanted in LISTS and _anchor_relation(plan):
            # "Who did he meet after Japan gave its money?": the money dates the anchor.
            return self.chrono.between(plan, scope, anchors)
        if not meetingish or plan.wanted == "amount":
            return None
        if plan.anchor and not anchors:
            return none(refusal.unmet(plan.anchor))
        if (
            anchors
            or plan.has("span")
            or (plan.scope.dates and plan.operators & {"before", "after"})
        ):
            return self.chrono.between(plan, scope, anchors)
        if plan.has("same day"):
            return self.chrono.same_day(plan, scope)
        ordering = plan.operators & {"first", "last", "chronological"}
        if (
            ordering
            and plan.relation != "event"
            and not plan.scope.titles
            and len(scope.meetings) > 1
        ):
            return self.chrono.order(plan, scope)
        if (
            plan.scope.dates
            and plan.wanted == "text"
            and plan.relation in (None, "event")
            and not scope.named
        ):
            return self.chrono.on_dates(plan, scope)
        if (
            plan.excluded.names
            and plan.wanted in LISTS
            and not scope.named
            and not plan.scope.titles
        ):
            return self.others(plan, scope)
        return None

    def _counted(self, plan: Plan, scope: Scope) -> Answer | None:
        """Answer from sets clauses pick, or from how many of something meetings hold."""
        offices_counted = offices.compared(self.data, plan, scope)
        if offices_counted is not None:
            return offices_counted
        if plan.sets and plan.sets.contrast:
            return sets.compared(self.data, plan, scope)
        if plan.sets and plan.sets.without and scope.named and plan.wanted in ("text", "list"):
            return sets.rest_of(self.data, plan, scope)
        listing = plan.wanted in LISTS or plan.wording.tokens[:1] == ("which",)
        if plan.sets and plan.sets.also and listing:
            return sets.both(self.data, plan, scope)
        if plan.sets and plan.sets.without and listing:
            return sets.left_out(self.data, plan, scope)
        kinds = compared_kinds(plan.wording.tokens) if not scope.named else None
        if kinds and plan.wanted != "amount":
            return self.ranks.totals(plan, scope, kinds)
        ranked = plan.wording.superlative and not scope.named
        if ranked and counted.ranks_topics(plan.wording.tokens, plan.relation):
            return self.ranks.topics(plan, scope)
        if counted.lists_topics(plan, scope.named):
            # "What topics were discussed?" of every meeting: the topics, commonest first.
            return self.ranks.all_topics(plan, scope)
        kind = kind_of(plan) if plan.has("compare") or plan.wording.superlative else None
        if kind is None:
            return None
        if plan.has("compare"):
            return self.ranks.between(plan, self.named(plan.compared)[:2], kind)
        two = self.named(plan.scope.names)[:2]
        if len(two) == 2 and "or" in plan.wording.tokens:
            # "Who discussed the most topics, Japan or Korea?": the larger of the two.
            return self.ranks.between(plan, two, kind, plan.wording.superlative == "max")
        if plan.wanted in (*LISTS, "text") and not scope.named:
            return self.ranks.extreme(plan, scope, kind)
        return None

    def _claim(self, plan: Plan, scope: Scope, anchors: list[Meeting]) -> Answer | None:
        """Check a yes/no claim about time; other claims go to the verifier."""
        lacking = negation.any_lacking(self.data, plan, scope)
        if lacking is not None:
            return lacking
        if (
            plan.operators & {"first", "last"}
            and scope.named
            and plan.relation in (None, "meeting")
            and not anchors
        ):
            # "Was Ardern the first leader he met?": her day against every dated meeting.
            return self.chrono.extreme_claim(plan, scope.meetings)
        if (
            not anchors
            and plan.scope.dates
            and plan.operators & {"before", "after"}
            and not scope.named
            and plan.relation in (None, "meeting")
        ):
            # "Did he meet anyone after November 13?": the meetings dated past the day.
            return self.chrono.any_claim(plan, scope, [])
        if not plan.operators & {"before", "after", "same day"} or not anchors:
            return None
        subjects = [m for m in scope.meetings if m not in anchors] if scope.named else []
        if not subjects and len(anchors) == 1 and plan.relation in FOCUS_FIELDS:
            # "Was any money given the day he met X?": the facts' own dates decide.
            timed_fact = timed.fact_claim(self.data, plan, anchors[0])
            if timed_fact is not None:
                return timed_fact
        if plan.has("same day") and not subjects and len(anchors) > 1:
            subjects, anchors = anchors[:1], anchors[1:]
        if not subjects and not scope.named:
            # "Did he meet anyone else that day?": any meeting on the anchor's day counts.
            return self.chrono.any_claim(plan, scope, anchors)
        return self.chrono.claim(plan, subjects, anchors)

    def others(self, plan: Plan, scope: Scope) -> Answer:
        """List the meetings left once the excepted ones are taken out."""
        host = scope.meetings[0].host.name if scope.meetings else "The principal"
        text = lists.others(host, scope.meetings)
        return fact(self.data, text, _items(list(scope.meetings)))


def _items(meetings: list[Meeting]) -> list[tuple[Meeting, Record | None]]:
    return [(m, None) for m in meetings]


def _kinds_compared(plan: Plan) -> bool:
    """Tell whether a money question compares sides its names alone do not make two."""
    said = set(plan.wording.tokens)
    return (
        plan.relation == "money"
        and plan.wanted in ("yes/no", "entity")
        and not plan.threshold
        and "than" in said
        and bool((MORE | LESS) & said)
    )


def _anchor_relation(plan: Plan) -> bool:
    """Tell whether every word naming the plan's relation comes after its before/after cue."""
    cues = FOCUS_CUES.get(plan.relation or "", frozenset())
    tokens = plan.wording.tokens
    at = next((i for i, t in enumerate(tokens) if t in BEFORE | AFTER), None)
    spots = [i for i, t in enumerate(tokens) if stem(t) in cues]
    return at is not None and bool(spots) and min(spots) > at
