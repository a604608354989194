"""Reply to small talk and to questions about the articles themselves, from their metadata."""

from __future__ import annotations

import datetime as dt
import re

from qa.answer.realise import sentence as say
from qa.answer.realise.verdict import no, yes
from qa.answer.result import Answer, Source, join
from qa.data.corpus import LEAD, Article, Paragraph
from qa.data.records import Dataset
from qa.guide import examples
from qa.search.index import sentences
from qa.understand.answertype import has_type, wanted_type
from qa.understand.cues import QUESTION_WORDS, WHICH_NOUNS
from qa.understand.plan import Plan
from qa.understand.talk import ARTICLE_WORDS
from qa.understand.text import stem, term_set, terms
from qa.understand.vocabulary import is_function_word

# Words that tell which lead paragraph says where the article's information comes from.
_SOURCE_WORDS = frozenset(
    stem(w) for w in "source sources based according summarised use used rely one".split()
)


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
    if kind in ("article:length", "article:paragraph"):
        from qa.answer import text_of

        return text_of.reply(articles, kind, plan)
    if kind == "article:articles" or len(articles) != 1:
        listed = "; ".join(f"\u201c{a.title}\u201d{_credit(a)}{_on_whom(a)}" for a in articles)
        n = len(articles)
        return _say(f"{n} article{'s are' if n != 1 else ' is'} loaded: {listed}.", plan)
    return _article(data, articles[0], kind.removeprefix("article:"), plan)


def _article(data: Dataset, a: Article, kind: str, plan: Plan) -> Answer:
    when = _month(a.date)
    lead = [p for p in a.paragraphs if p.heading == LEAD] or list(a.paragraphs[:1])
    if kind == "title":
        return _say(f"The article is titled \u201c{a.title}\u201d{_credit(a)}.", plan)
    if not a.publisher and kind in ("author", "publisher", "date"):
        return _say(f"\u201c{a.title}\u201d names no author, publisher or date.", plan)
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
        source = (Source(a.id, p.number, p.heading, p.text),)
        if plan.wording.intent == "confirm":
            return _check_source(p.text, plan, source)
        return _say(p.text, plan, source)
    first = lead[0]
    host = next((m.host.name for m in data.meetings if m.article == a.id), "")
    countries = [say.country(m.country) for m in data.meetings if m.article == a.id]
    text = f"\u201c{a.title}\u201d{_credit(a)}. {sentences(first.text)[0]}"
    if countries:
        text += f" It covers {host}'s meetings with the leaders of {join(countries)}."
    return _say(text, plan, (Source(a.id, first.number, first.heading, first.text),))


def _confirmed_by_lead(
    data: Dataset, plan: Plan, asked: list[str], alts: dict[str, tuple[str, ...]]
) -> Answer | None:
    """Say Yes to a claim about the event that a lead sentence states in full words.

    "Was it the 41st ASEAN summit?" is told "With the 40th and 41st ASEAN Summit ...".
    """
    if len(asked) < 2:
        return None
    for a in data.articles:
        if plan.scope.articles and a.id not in plan.scope.articles:
            continue
        lead = [p for p in a.paragraphs if p.heading == LEAD][:1] or list(a.paragraphs[:1])
        found = _carrying(lead, asked, alts)
        if found is not None:
            return _say(yes(found[1]), plan, (found[0],))
        # "Was it the 39th summit?" against "the 40th and 41st ASEAN Summit": the same
        # words with other ordinals deny it.
        ordinals = [t for t in asked if _ORDINAL.fullmatch(t)]
        rest = [t for t in asked if t not in ordinals]
        found = _carrying(lead, rest, alts) if ordinals and len(rest) >= 2 else None
        if found is not None and any(_ORDINAL.fullmatch(t) for t in terms(found[1])):
            return _say(no(found[1]), plan, (found[0],))
    return None


def _check_source(text: str, plan: Plan, source: tuple[Source, ...]) -> Answer:
    """Answer "is X one of its sources?": Yes when the sources sentence names X."""
    framing = _SOURCE_WORDS | ARTICLE_WORDS | QUESTION_WORDS
    named = [t for t in plan.wording.terms if t not in framing and not is_function_word(t)]
    said = set(terms(text))
    alts = dict(plan.wording.alternatives)
    if named and all(t in said or set(alts.get(t, ())) & said for t in named):
        return _say(yes(text), plan, source)
    return Answer(f"The article doesn't say so. It says: {text}", False, "passage", source)


def _carrying(
    lead: list[Paragraph], asked: list[str], alts: dict[str, tuple[str, ...]]
) -> tuple[Source, str] | None:
    """Return the first lead sentence carrying every asked word (or an alternative of it)."""
    for p in lead:
        for sentence in sentences(p.text):
            said = set(terms(sentence))
            if all(t in said or set(alts.get(t, ())) & said for t in asked):
                return Source(p.article, p.number, p.heading, p.text), sentence
    return None


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


def _credit(a: Article) -> str:
    """Return " (publisher, month year)" after a title, or "" when the article gives neither."""
    credit = a.credit(_month(a.date))
    return f" ({credit})" if credit else ""


def _on(when: str) -> str:
    """Put the right preposition before a written date: "on November 14, 2031", "in 2022"."""
    return f"on {when}" if "," in when else f"in {when}"


_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")
FIGURES = frozenset({"date", "year", "month", "clock", "money", "measure"})


def from_title(data: Dataset, plan: Plan) -> Answer | None:
    """Answer from an article's title when the question's own words all come from it.

    "Which country hosted the summit?" is answered by "... ASEAN Summit hosted by Cambodia".
    """
    if plan.scope.countries or plan.scope.leaders or plan.scope.dates or plan.operators:
        return None
    alts = dict(plan.wording.alternatives)
    asked = [t for t in plan.wording.terms if t not in WHICH_NOUNS and t not in QUESTION_WORDS]
    if plan.wanted == "yes/no":
        return _confirmed_by_lead(data, plan, asked, alts)
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
        title = term_set(a.title)
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
            # A lead sentence carrying every word asked says more than the title does
            # ("which summits, the 40th?" is told "the 40th and 41st ASEAN Summit").
            whole = _carrying(lead, asked, alts)
            if whole is not None:
                return _say(whole[1], plan, (whole[0],))
        text = f"The article's title says: \u201c{a.title}\u201d{_credit(a)}."
        return _say(text, plan)
    return None
