"""Answer what an article's own text is: how long it is, or one paragraph by its place."""

from __future__ import annotations

from collections.abc import Sequence

from qa.answer.realise.joined import labelled
from qa.answer.result import Answer, Source
from qa.data.corpus import Article
from qa.understand.plan import Plan
from qa.understand.talk import paragraph_place


def reply(articles: Sequence[Article], kind: str, plan: Plan) -> Answer:
    """Answer for each article ("article:length" or "article:paragraph"), labelled if several."""
    parts = [(a, _length(a) if kind == "article:length" else _paragraph(a, plan)) for a in articles]
    if len(parts) == 1:
        return parts[0][1]
    answered = any(answer.answered for _, answer in parts)
    text = " ".join(labelled(a, answer.text) for a, answer in parts)
    sources = tuple(s for _, answer in parts for s in answer.sources)
    return Answer(text, answered, "passage" if sources else "fact" if answered else "none", sources)


def _length(a: Article) -> Answer:
    """Return "The article has 46 paragraphs and 1,722 words, in 10 sections."."""
    words = sum(len(p.text.split()) for p in a.paragraphs)
    sections = len(dict.fromkeys(p.heading for p in a.paragraphs))
    parts = f", in {sections} sections" if sections > 1 else ""
    text = f"The article has {_paragraphs(a)} and {words:,} words{parts}."
    return Answer(text, True, "fact")


def _paragraph(a: Article, plan: Plan) -> Answer:
    """Return the paragraph the question places ("the first", "the last", "paragraph 3")."""
    n = len(a.paragraphs)
    at = paragraph_place(plan.wording.tokens) or 0
    if not -n <= at < n:
        return Answer(f"The article has {_paragraphs(a)}.", False, "none")
    p = a.paragraphs[at]
    return Answer(p.text, True, "passage", (Source(a.id, p.number, p.heading, p.text),))


def _paragraphs(a: Article) -> str:
    n = len(a.paragraphs)
    return f"{n} paragraph{'s' if n != 1 else ''}"
