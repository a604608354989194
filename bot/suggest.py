"""Suggest questions and articles while a user types, built from the loaded data only."""

from __future__ import annotations

from rapidfuzz import fuzz, process

from qa.answer.realise import sentence as say
from qa.data.records import Dataset
from qa.guide import examples

CHOICES = 25  # Discord shows at most 25 suggestions
CHOICE_LENGTH = 100  # and each name and value is at most 100 characters
ALL_ARTICLES = "*"


def questions(data: Dataset) -> list[str]:
    """Return the questions the data can answer: examples, then one pair per meeting."""
    found = examples(data, 10)
    for m in data.meetings:
        found.append(f"What did {m.host.name} and {m.leader.name} discuss?")
        found.append(f"When did {m.host.name} meet {say.country(m.country)}?")
    return [q for q in dict.fromkeys(found) if len(q) <= CHOICE_LENGTH]


def suggest_questions(data: Dataset, typed: str, limit: int = CHOICES) -> list[str]:
    """Return questions for what the user has typed so far, closest first."""
    candidates = questions(data)
    typed = " ".join(typed.split())
    if not typed:
        return candidates[:limit]
    ranked = process.extract(
        typed, candidates, scorer=fuzz.WRatio, processor=str.casefold, limit=limit
    )
    found = [q for q, score, _ in ranked if score >= 50]
    if len(typed) <= CHOICE_LENGTH and typed.casefold() not in (q.casefold() for q in found):
        found.insert(0, typed)  # what the user typed stays one choice away
    return found[:limit]


def suggest_articles(data: Dataset, typed: str, limit: int = CHOICES) -> list[tuple[str, str]]:
    """Return (label, article id) pairs whose id or title holds what the user typed."""
    needle = typed.casefold().strip()
    found = [("All articles", ALL_ARTICLES)] if len(data.articles) > 1 else []
    for a in data.articles:
        if needle in a.id.casefold() or needle in a.title.casefold():
            label = f"{a.title} ({a.id})"
            if len(label) > CHOICE_LENGTH:
                label = label[: CHOICE_LENGTH - 1] + "\u2026"
            found.append((label, a.id))
    return [(label, value) for label, value in found if len(value) <= CHOICE_LENGTH][:limit]
