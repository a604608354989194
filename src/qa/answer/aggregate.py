"""Templates that compute over many records: amounts, totals, counts, lists, summaries."""

from __future__ import annotations

from collections import defaultdict

from qa.answer import phrases as say
from qa.answer.compare import gave
from qa.answer.passage import Passages
from qa.answer.result import Answer, cite, fact, join, none
from qa.answer.scope import (
    FOCUS_FIELDS,
    Scope,
    asked_verbs,
    filtered,
    on_date,
    on_topic,
    verb_fits,
)
from qa.data.records import Dataset, Meeting, Money, Record
from qa.understand.parse import Question
from qa.understand.quantity import format_money

WHAT_THEY_DID = {
    "money": "gave, pledged or lent money",
    "agreement": "signed or announced agreements",
    "request": "were asked for something",
    "position": "had positions recorded",
    "quote": "are quoted",
    "event": "had other events reported",
}


class Aggregates:
    """Answer questions over many meetings at once."""

    def __init__(self, data: Dataset, passages: Passages) -> None:
        self.data = data
        self.passages = passages

    def money(self, q: Question, scope: Scope) -> list[tuple[Meeting, Money]]:
        """Return the money records in scope, filtered by topic and by amount if named."""
        found = [(m, x) for m in scope.meetings for x in m.money if on_topic(x, q.topics)]
        if q.amounts:
            found = [
                (m, x)
                for m, x in found
                if x.amount is not None and any(abs(x.amount - a) < 0.5 for a in q.amounts)
            ]
        return found

    def amounts(self, q: Question, scope: Scope) -> Answer:
        """State the amount of each money record in scope, or say it is not given."""
        found = self.money(q, scope)
        if not found:
            who = join([say.country(m.country) for m in scope.meetings]) if scope.named else ""
            named = f" by {who}" if who else " of that amount"
            return none(f"The article doesn't mention any money given, pledged or lent{named}.", q)
        known = [(m, x) for m, x in found if x.amount is not None]
        if q.superlative and known:
            pick = max if q.superlative == "max" else min
            best = pick(x.amount or 0.0 for _, x in known)
            known = [(m, x) for m, x in known if x.amount == best]
            found = known
        gaps = [
            f"The article says {say.money(m, x)[:-1].replace(' (the article gives no amount)', '')}"
            f", but does not give its amount."
            for m, x in found
            if x.amount is None
        ]
        text = " ".join([say.money(m, x) for m, x in known] + gaps)
        return fact(self.data, text, list(found), q, answered=bool(known))

    def total(self, q: Question, scope: Scope) -> Answer:
        """Add up the amounts in scope per currency, showing the arithmetic."""
        found = self.money(q, scope)
        by_currency: dict[str, list[tuple[Meeting, Money]]] = defaultdict(list)
        for m, x in found:
            if x.amount is not None:
                by_currency[x.currency].append((m, x))
        if not by_currency:
            return none("The article gives no money amounts to add up.", q)
        lines = []
        for currency, rows in by_currency.items():
            total = sum(x.amount or 0.0 for _, x in rows)
            terms = " + ".join(
                f"{format_money(x.amount or 0.0, currency)} ({say.country(m.country)})"
                for m, x in rows
            )
            lines.append(
                f"In total {format_money(total, currency)}: {terms}"
                + (f" = {format_money(total, currency)}." if len(rows) > 1 else ".")
            )
        skipped = [f"{say.country(m.country)}'s {x.kind}" for m, x in found if x.amount is None]
        if skipped:
            lines.append(f"Not included: {join(skipped)}, for which the article gives no amount.")
        return fact(self.data, " ".join(lines), list(found), q)

    def which(self, q: Question, scope: Scope) -> Answer:
        """List the meetings that pass the question's filters, citing why each passed."""
        meetings = filtered(scope, q)
        host = scope.meetings[0].host.name if scope.meetings else "the principal"
        if not meetings:
            return self._no_match(q, scope, host)
        informative = [t for t in q.extra if self.passages.weight(t) > 0]
        if informative and not (q.topics or q.dates or q.titles or q.focus or q.amounts):
            # Nothing recorded filters by the question's own words ("thank"): a list of
            # every meeting would not answer it, a passage may.
            return self.passages.answer(q, scope, require=tuple(informative))
        if informative:
            # Keep the meetings whose evidence mentions the question's other words
            # ("a bridge in Kratie"), when some do.
            narrowed = [
                m
                for m in meetings
                if set(informative)
                <= self.passages.terms_of(
                    cite(self.data, [(m, r) for r in self._evidence(m, q)] or [(m, None)])
                )
            ]
            meetings = narrowed or meetings
        items: list[tuple[Meeting, Record | None]] = [
            (m, r) for m in meetings for r in self._evidence(m, q)
        ] or [(m, None) for m in meetings]
        n = len(meetings)
        if q.dates:
            when = join(sorted({str(d) for d in q.dates}))
            text = f"On {when}, {host} met {join([say.leader(m) for m in meetings])}."
            also = [
                (m, r)
                for m in self.data.meetings
                for r in m.facts()
                if r.date and any(d.matches(r.date) for d in q.dates)
            ]
            if also:
                text += " Also on that date: " + " ".join(say.sentence(m, r) for m, r in also)
                items += also
            return fact(self.data, text, items, q, subjects=meetings)
        label = join([say.label(m) for m in meetings])
        if q.titles and scope.named:
            text = " ".join(
                f"{m.leader.name} is {say.country(m.country)}'s {m.leader.title}." for m in meetings
            )
        elif q.titles:
            text = f"{host} met {n} {join(list(q.titles))}{'s' if n > 1 else ''}: {label}."
        elif q.topics:
            text = (
                f"{n} {'countries' if n > 1 else 'country'} discussed {say.topics(q.topics)} "
                f"with {host}: {label}."
            )
        elif q.focus == "quote" and asked_verbs(q):
            verbs = join(sorted({x.verb for m in meetings for x in m.quotes if verb_fits(x, q)}))
            who = join(
                [
                    f"{x.speaker} ({say.country(m.country)})"
                    for m in meetings
                    for x in m.quotes[:1]
                    if verb_fits(x, q)
                ]
            )
            text = f"{say.capital(who)} {verbs}."
        elif q.focus == "money":
            given = "; ".join(gave(m) for m in meetings)
            text = f"{n} {'countries' if n > 1 else 'country'} {WHAT_THEY_DID['money']}: {given}."
        elif q.focus in WHAT_THEY_DID:
            text = f"{n} {'countries' if n > 1 else 'country'} {WHAT_THEY_DID[q.focus]}: {label}."
        else:
            text = f"{host} met leaders of {n} {'countries' if n > 1 else 'country'}: {label}."
        return fact(self.data, text, items, q)

    def _evidence(self, m: Meeting, q: Question) -> list[Record]:
        field = FOCUS_FIELDS.get(q.focus or "")
        pool = getattr(m, field) if field else m.facts()
        return [r for r in pool if q.topics and on_topic(r, q.topics)] or (
            list(pool) if field else []
        )

    def _no_match(self, q: Question, scope: Scope, host: str) -> Answer:
        if q.dates:
            when = join(sorted({str(d) for d in q.dates}))
            also = [
                (m, r)
                for m in scope.meetings
                if on_date(m, q)
                for r in m.facts()
                if r.date and any(d.matches(r.date) for d in q.dates)
            ]
            text = f"The article doesn't mention a meeting on {when}."
            if also:
                text += " It does report: " + " ".join(say.sentence(m, r) for m, r in also)
            return fact(self.data, text, list(also), q, False)
        what = join(list(q.topics)) or WHAT_THEY_DID.get(q.focus or "", "that")
        return none(f"The article doesn't mention any meeting matching {what}.", q)

    def count(self, q: Question, scope: Scope) -> Answer:
        """Count meetings, or records of the focus kind, and list what was counted."""
        field = FOCUS_FIELDS.get(q.focus or "")
        if scope.named and not field and not q.about_meetings:
            return none("The article doesn't give that number.", q)
        if field and not q.about_meetings:
            if scope.named and q.focus == "money":
                items = [x for m in scope.meetings for x in m.money if x.items]
                if items:
                    listed = [i for x in items for i in x.items]
                    text = f"{len(listed)}: {join(listed)}."
                    return fact(
                        self.data, text, [(m, x) for m in scope.meetings for x in m.money], q
                    )
            found = [
                (m, r) for m in scope.meetings for r in getattr(m, field) if on_topic(r, q.topics)
            ]
            if not found:
                return none("The article doesn't mention any.", q)
            text = f"{len(found)}: " + " ".join(say.sentence(m, r) for m, r in found)
            return fact(self.data, text, list(found), q)
        which = self.which(q, scope)
        if not which.answered:
            return which
        n = len(filtered(scope, q))
        return Answer(f"{n}. {which.text}", True, "fact", which.sources, which.records, q)

    def summary(self, q: Question, scope: Scope) -> Answer:
        """Summarise each scoped meeting: who, when, money, agreements, requests, topics."""
        parts: list[str] = []
        items: list[tuple[Meeting, Record | None]] = []
        for m in scope.meetings:
            parts.append(say.meeting(m))
            items.append((m, None))
            main: tuple[Record, ...] = (*m.money, *m.agreements, *m.requests)
            for r in main:
                parts.append(say.sentence(m, r))
                items.append((m, r))
            topics = sorted(m.topics())
            if topics:
                parts.append(f"Topics: {join(topics)}.")
        return fact(self.data, " ".join(parts), items, q)

    def discussed(self, q: Question, scope: Scope) -> Answer:
        """List the topics raised at each scoped meeting, with their paragraphs."""
        parts: list[str] = []
        items: list[tuple[Meeting, Record | None]] = []
        for m in scope.meetings:
            topics = sorted(m.topics())
            parts.append(f"{m.host.name} and {say.leader(m)} discussed {join(topics)}.")
            items.extend((m, d) for d in m.discussions)
        return fact(self.data, " ".join(parts), items, q)
