"""Answer "when" and "did they meet" from the dates of meetings and of their facts."""

from __future__ import annotations

from qa.answer.claim import on_time, timed
from qa.answer.passage import Passages
from qa.answer.realise import order as say
from qa.answer.result import Answer, fact
from qa.answer.scope import FOCUS_FIELDS, Scope, on_topic
from qa.answer.speech import speaker, statements
from qa.data.records import Dataset, Meeting, Record
from qa.understand.plan import Plan
from qa.understand.text import terms


def speakers(plan: Plan, scope: Scope) -> tuple[str, ...]:
    """Return the people a question asks the words of (the principal included)."""
    hosts = (
        tuple(dict.fromkeys(m.host.name for m in scope.meetings)) if plan.scope.principal else ()
    )
    return (*plan.scope.leaders, *plan.scope.speakers, *hosts)


class Dates:
    """Look up when things happened, from the records, or from a passage that dates them."""

    def __init__(self, data: Dataset, passages: Passages) -> None:
        self.data = data
        self.passages = passages

    def when(self, plan: Plan, scope: Scope) -> Answer:
        """Date the meetings or the facts of the kind asked; say which dates are missing."""
        if not scope.named:
            return self.passages.answer(plan.wording, scope)
        # "When is the king going to India?": an office no counterpart holds names someone
        # else, whose plans the paragraphs tell, not the meeting's date.
        held = {m.leader.title.casefold() for m in scope.meetings}
        others = tuple(s for t in plan.scope.titles if t.casefold() not in held for s in terms(t))
        if plan.scope.topics or plan.wording.extra or plan.relation == "event" or others:
            found = self.passages.answer(
                plan.wording, scope, within_scope=True, require=(*plan.wording.extra, *others)
            )
            if found.answered or others:
                return found
        items: list[tuple[Meeting, Record | None]] = []
        unknown = []
        for m in scope.meetings:
            if plan.relation in FOCUS_FIELDS and plan.relation != "event":
                focused = getattr(m, FOCUS_FIELDS[plan.relation])
                if plan.relation == "quote":
                    # "When did he speak about the temples?": his statements on the topic.
                    names = speakers(plan, scope)
                    focused = [
                        r
                        for r in statements(m)
                        if (not names or speaker(r) in names) and on_topic(r, plan.scope.topics)
                    ]
                dated = [r for r in focused if r.date] or [
                    r
                    for r in m.facts()
                    if r.date and any(set(r.topics) & set(f.topics) for f in focused)
                ]
                items.extend((m, r) for r in dated)
                if dated:
                    continue
            if m.date:
                items.append((m, None))
            else:
                unknown.append(m)
        text = say.dates_of(items, unknown)
        if not items:
            return fact(self.data, text, [(m, None) for m in unknown], False)
        return fact(self.data, text, items)

    def met(self, plan: Plan, scope: Scope) -> Answer:
        """Confirm a meeting took place, checking the date the question names."""
        lines, undated = [], []
        for m in scope.meetings:
            if timed(plan) and not m.date:
                # Said after the meetings whose date decides: "on the 13th" is checked
                # for each meeting asked about, and only these cannot be.
                undated.append(say.undated_meeting(m))
                continue
            # "Did Hun Sen not meet Yoon?" is denied by the meeting.
            held = on_time(m.date, plan) != plan.negated
            lines.append(say.took_place(m, on_day_asked=held, dated=timed(plan)))
        items: list[tuple[Meeting, Record | None]] = [(m, None) for m in scope.meetings]
        return fact(self.data, " ".join(lines + undated), items, bool(lines))
