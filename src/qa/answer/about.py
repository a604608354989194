"""Reply to small talk and to questions about the articles themselves, from their metadata."""

from __future__ import annotations

import datetime as dt

from qa.answer.realise import sentence as say
from qa.answer.result import Answer, Source, join
from qa.data.corpus import LEAD, Article
from qa.data.records import Dataset
from qa.guide import examples
from qa.search.index import sentences
from qa.understand.answertype import has_type, wanted_type
from qa.understand.cues import QUESTION_WORDS, WHICH_NOUNS
from qa.understand.plan import Plan
from qa.understand.text import stem, terms

# Words that tell which lead paragraph says where the article's information comes from.
_SOURCE_WORDS = frozenset(stem(w) for w in "source sources based according summarised".split())


def reply(data: Dataset, plan: Plan) -> Answer:
    """Return a friendly reply to small talk, or the article metadata asked about."""
    kind = plan.talk or ""
    hint = " or ".join(f"\u201c{e}\u201d" for e in examples(data, 2))
    if kind == "greet":
        return _say(f"Hello! Ask me about the article, for example {hint}.", plan)
    if kind == "thank":
        return _say(f"You're welcome. Anything else? You could ask {hint}.", plan)
    if kind == "bye":
        return _say("Goodbye! Come back with more questions any time.", plan)
    if kind == "help":
        titles = join([f"\u201c{a.title}\u201d" for a in data.articles[:3]])
        text = (
            f"I answer questions about {titles}: who met whom and when, money, agreements, "
            f"requests, statements and topics. Try {hint}."
        )
        return _say(text, plan)
    articles = [a for a in data.articles if not plan.scope.articles or a.id in plan.scope.articles]
    if kind == "article:articles" or len(articles) != 1:
        listed = "; ".join(
            f"\u201c{a.title}\u201d ({a.publisher}, {_month(a.date)}){_on_whom(a)}"
            for a in articles
        )
        n = len(articles)
        return _say(f"{n} article{'s are' if n != 1 else ' is'} loaded: {listed}.", plan)
    return _article(data, articles[0], kind.removeprefix("article:"), plan)


def _article(data: Dataset, a: Article, kind: str, plan: Plan) -> Answer:
    when = _month(a.date)
    lead = [p for p in a.paragraphs if p.heading == LEAD] or list(a.paragraphs[:1])
    if kind == "title":
        return _say(f"The article is titled \u201c{a.title}\u201d ({a.publisher}, {when}).", plan)
    if kind == "author":
        text = (
            f"The article doesn't name its author; it was published by {a.publisher} {_on(when)}."
        )
        return _say(text, plan)
    if kind in ("publisher", "date"):
        return _say(f"{a.publisher} published \u201c{a.title}\u201d {_on(when)}.", plan)
    if kind == "link":
        where = a.url or "no web address"
        return _say(f"The article's address is {where}.", plan)
    if kind == "sources":
        wanted = _SOURCE_WORDS | set(plan.wording.terms)
        p = max(lead, key=lambda p: len(wanted & set(terms(p.text))))
        return _say(p.text, plan, (Source(a.id, p.number, p.heading, p.text),))
    first = lead[0]
    host = next((m.host.name for m in data.meetings if m.article == a.id), "")
    countries = [say.country(m.country) for m in data.meetings if m.article == a.id]
    text = f"\u201c{a.title}\u201d ({a.publisher}, {when}). {sentences(first.text)[0]}"
    if countries:
        text += f" It covers {host}'s meetings with the leaders of {join(countries)}."
    return _say(text, plan, (Source(a.id, first.number, first.heading, first.text),))


def _on_whom(a: Article) -> str:
    """Say whose meetings, and at which event, a listed article reports."""
    if a.principal is None:
        return ""
    during = f" during {a.occasion.name}" if a.occasion else ""
    return f", on {a.principal.name}'s meetings{during}"


def _say(text: str, plan: Plan, sources: tuple[Source, ...] = ()) -> Answer:
    return Answer(text, True, "passage" if sources else "fact", sources)


def _month(date: str) -> str:
    """Write an article date ("2022-11" or "2022-11-14") as "November 2022"."""
    parts = date.split("-")
    try:
        year, month = int(parts[0]), int(parts[1])
        day = int(parts[2]) if len(parts) > 2 else None
        written = dt.date(year, month, day or 1).strftime("%B")
    except (ValueError, IndexError):
        return date
    return f"{written} {day}, {year}" if day else f"{written} {year}"


def _on(when: str) -> str:
    """Put the right preposition before a written date: "on November 14, 2031", "in 2022"."""
    return f"on {when}" if "," in when else f"in {when}"


FIGURES = frozenset({"date", "year", "month", "clock", "money", "measure"})


def from_title(data: Dataset, plan: Plan) -> Answer | None:
    """Answer from an article's title when the question's own words all come from it.

    "Which country hosted the summit?" is answered by "... ASEAN Summit hosted by Cambodia".
    """
    if (
        plan.scope.countries
        or plan.scope.leaders
        or plan.scope.dates
        or plan.operators
        or plan.wanted == "yes/no"
    ):
        return None
    alts = dict(plan.wording.alternatives)
    asked = [t for t in plan.wording.terms if t not in WHICH_NOUNS and t not in QUESTION_WORDS]
    # "Who hosted it?" of one article's summit: "it" stands for the words the title needs.
    least = 1 if len(data.articles) == 1 and "it" in plan.wording.tokens else 2
    # A title answers "who" or "which", never "when" or "how many": it holds no such figure.
    kind = wanted_type(plan.wording)
    figure = kind if kind in FIGURES else None
    for a in data.articles:
        if plan.scope.articles and a.id not in plan.scope.articles:
            continue
        if not has_type(a.title, figure):
            continue
        title = set(terms(a.title))
        rest = [t for t in asked if not (t in title or set(alts.get(t, ())) & title)]
        if len(asked) - len(rest) < least:
            continue
        if rest:
            # A title names the summit loosely ("Mori hosts Mekong leaders"); its lead
            # paragraph may give the words the question adds ("the Mekong summit").
            lead = [p for p in a.paragraphs if p.heading == LEAD][:1] or list(a.paragraphs[:1])
            said = {t for p in lead for t in terms(p.text)}
            if not all(t in said or set(alts.get(t, ())) & said for t in rest):
                continue
        when = _month(a.date)
        text = f"The article's title says: \u201c{a.title}\u201d ({a.publisher}, {when})."
        return _say(text, plan)
    return None
