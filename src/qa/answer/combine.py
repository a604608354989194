"""Join answers from several articles into one reply, each part labelled with its article."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from qa.answer.realise.joined import labelled, more_articles, only_in, shared_verdict, yes_in
from qa.answer.realise.page import SHORT, shorten
from qa.answer.result import Answer
from qa.data.corpus import Article
from qa.understand.parse import Question

# A yes/no question with one of these asks whether anything at all is so.
EXISTENTIAL = frozenset("any anyone anybody anything".split())
# The note a shortened answer ends with, before its pages are joined back to it.
_TAIL = re.compile(r"\s*\(\d+ more facts?: ask for more\)$")


def verdict(answer: Answer) -> str:
    """Return an answer's first word without punctuation ("Yes" of "Yes: Japan ...")."""
    first = answer.text.split(maxsplit=1)
    return first[0].strip(".:,") if first else ""


def echoes(answer: Answer, q: Question) -> bool:
    """Tell whether an answer only names back the countries the question names.

    A "who"/"which" answer listing just them ("Who is helping Cambodia?" -> "Cambodia"),
    or the date of the meeting with them given for a "when" about something else ("By
    when does Cambodia want to be free of landmines?" -> the meeting's date).
    """
    if not answer.subjects or not set(answer.subjects) <= set(q.countries):
        return False
    if q.intent in ("who", "which"):
        return True
    return q.intent == "when" and not answer.records and bool(q.topics or q.extra)


def existential(q: Question) -> bool:
    """Tell whether a yes/no question asks if anything at all is so ("Did any ...?")."""
    return q.intent == "confirm" and bool(EXISTENTIAL & set(q.tokens))


def supported(parts: Sequence[tuple[Article, Answer]]) -> list[tuple[Article, Answer]]:
    """Keep the articles that say Yes to "did any ...?": one is enough to make it true."""
    yes = [p for p in parts if verdict(p[1]) == "Yes"]
    return yes or list(parts)


def yes_from(article: Article, answer: Answer) -> Answer:
    """Say Yes from the one article of several that supports it, naming that article."""
    rest = answer.text.split(maxsplit=1)[1] if " " in answer.text else ""
    return replace(answer, text=yes_in(article, rest) if rest else answer.text)


def only_from(article: Article, answer: Answer) -> Answer:
    """Say No to a claim about every article when only this one supports it, naming it."""
    rest = answer.text.split(maxsplit=1)[1] if " " in answer.text else ""
    return replace(answer, text=only_in(article, rest) if rest else answer.text)


def combine(
    parts: Sequence[tuple[Article, Answer]], matched: int = 0, compact: bool = False
) -> Answer:
    """Join per-article answers, each labelled; their further pages follow, labelled too.

    `compact` shares one chat message among the articles (a question about all of them
    at once): each keeps its first sentences within its share, the rest become pages.
    """
    if compact:
        share = SHORT // len(parts)
        parts = [(a, shorten(_whole(answer), share)) for a, answer in parts]
    texts = [labelled(a, answer.text) for a, answer in parts]
    verdicts = {verdict(answer) for _, answer in parts}
    if len(verdicts) == 1 and verdicts <= {"Yes", "No"}:
        # A claim checked in every article: the shared verdict comes first.
        texts.insert(0, shared_verdict(verdicts.pop(), len(parts)))
    if matched > 0:
        texts.append(more_articles(matched))
    first = parts[0][1]
    kinds = {answer.kind for _, answer in parts}
    return Answer(
        " ".join(texts),
        True,
        "fact" if "fact" in kinds else first.kind,
        tuple(s for _, a in parts for s in a.sources),
        tuple(r for _, a in parts for r in a.records),
        more=tuple(labelled(a, page) for a, answer in parts for page in answer.more),
        subjects=tuple(dict.fromkeys(c for _, a in parts for c in a.subjects)),
    )


def _whole(answer: Answer) -> Answer:
    """Return an answer with its pages joined back to its text."""
    if not answer.more:
        return answer
    return replace(answer, text=" ".join([_TAIL.sub("", answer.text), *answer.more]), more=())
