"""Describe what a dataset can answer: articles, meetings and example questions."""

from __future__ import annotations

from collections import Counter

from qa.answer.realise import sentence as say
from qa.data.records import Dataset
from qa.understand.quantity import format_date


def examples(data: Dataset, limit: int = 5) -> list[str]:
    """Return example questions that the dataset can answer, built from its own records."""
    found: list[str] = []
    meetings = data.meetings
    money = next((m for m in meetings if any(x.amount for x in m.money)), None)
    if money:
        found.append(f"What did {say.country(money.country)} pledge?")
    dated = next((m for m in meetings if m.date), None)
    if dated and dated.date:
        day = f"{dated.date.strftime('%B')} {dated.date.day}"
        found.append(f"Who did {dated.host.name} meet on {day}?")
    topics = Counter(t for m in meetings for t in m.topics())
    if topics:
        found.append(f"Which countries discussed {topics.most_common(1)[0][0]}?")
    quoted = next((m for m in meetings if any(q.speaker == m.leader.name for q in m.quotes)), None)
    if quoted:
        found.append(f"What did {quoted.leader.name.split()[-1]} say?")
    asked = next((m for m in meetings if m.requests), None)
    if asked:
        found.append(f"What did {asked.host.name} ask {say.country(asked.country)} for?")
    if money:
        found.append("How much money was pledged in total?")
    return found[:limit]


def overview(data: Dataset) -> list[str]:
    """Return lines describing the articles and the meetings each one reports."""
    lines = []
    for a in data.articles:
        lines.append(
            f"{a.title}{f' ({a.credit()})' if a.credit() else ''} "
            f"[{a.id}, {len(a.paragraphs)} paragraphs]"
        )
        for m in (m for m in data.meetings if m.article == a.id):
            when = f", {format_date(m.date)}" if m.date else ""
            lines.append(f"  {m.country}: {m.leader.title} {m.leader.name}{when}")
    return lines
