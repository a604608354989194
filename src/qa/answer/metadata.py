"""Check yes/no claims about an article's publisher and date, or its event's place and dates."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import lru_cache

from qa.answer.claim import claimed_months, claimed_years
from qa.answer.realise.verdict import verdict
from qa.answer.result import Answer, Source
from qa.data.corpus import Article, Occasion
from qa.data.records import Dataset
from qa.understand.cues import QUESTION_WORDS
from qa.understand.plan import Plan
from qa.understand.quantity import MONTHS, DateRef, format_date
from qa.understand.talk import ARTICLE_WORDS
from qa.understand.text import stem, terms
from qa.understand.vocabulary import is_function_word

# Words naming the article itself, or its being published, in a claim.
ARTICLE = frozenset(
    stem(w)
    for w in """article story piece recap newspaper paper outlet publish published publisher
    written wrote""".split()
)
# Words claiming who published an article ("from the Cambodia Daily", "did the Times publish").
PUBLISHED = frozenset({"from", "by", *(stem(w) for w in "publish published publisher".split())})
PUBLISHED |= frozenset(stem(w) for w in "newspaper paper outlet written wrote".split())
# Words claiming when an event opened or closed, rather than when it was on.
OPENED = frozenset(stem(w) for w in "start started begin began open opened kick".split())
CLOSED = frozenset(stem(w) for w in "end ended close closed finish conclude wrap".split())
PLACE_CUES = frozenset({"in", "at"})
# A claim about an article or its event carries one of these; others are not read here.
CUES = ARTICLE | OPENED | CLOSED | frozenset(stem(w) for w in "summit held host took".split())
_YEAR = re.compile(r"(?:19|20)\d\d")


def check(data: Dataset, plan: Plan, proper: Callable[[], frozenset[str]]) -> Answer | None:
    """Answer Yes/No to a claim about an article or its event, or None when it makes none.

    `proper` gives the articles' name words, to tell a claimed place from a common word.
    """
    said = set(plan.wording.terms) | set(plan.wording.tokens)
    tokens = plan.wording.tokens
    # "Is this from the Cambodia Daily?": "this" standing for the article it came in.
    itself = tokens[1:2] in (("this",), ("it",)) and tokens[2:3] in (("from",), ("by",))
    if plan.wording.intent != "confirm" or plan.scope.leaders or not (said & CUES or itself):
        return None
    articles = [a for a in data.articles if not plan.scope.articles or a.id in plan.scope.articles]
    if len(articles) > 1:
        # "the Mekong summit article", "from the Phnom Penh Post": the one article whose
        # event or publisher the claim names.
        by_event = [a for a in articles if said & (_event_words(a.occasion) - {"summit"})]
        articles = by_event or [a for a in articles if said & set(terms(a.publisher))]
    if len(articles) != 1:
        return None
    a = articles[0]
    if plan.scope.countries and set(plan.scope.countries) & {
        m.country for m in data.meetings if m.article == a.id
    }:
        return None  # "did Japan give money at the summit in 2022?" is about a meeting
    # "the ASEAN summit" names the event, not a topic of its meetings.
    if any(not set(terms(t)) <= _event_words(a.occasion) for t in plan.scope.topics):
        return None
    if (said & ARTICLE or itself) and a.publisher:
        return _article(a, plan, said)
    event = a.occasion
    if event is None or not said & _event_words(event):
        return None
    home = a.principal.country if a.principal else ""
    return _event(event, plan, said, home, proper)


def asked(data: Dataset, plan: Plan) -> Answer | None:
    """Answer when, where or how long an article's event was, or None if not asked that.

    "When did the summit start?", "where was it held?", "how many days did it last?"
    name the event and no meeting; its dates and place are in the data.
    """
    said = set(plan.wording.terms) | set(plan.wording.tokens)
    tokens = plan.wording.tokens
    where = "where" in tokens or bool(said & _PLACE_NOUNS and tokens[:1] in (("which",), ("what",)))
    long = bool(said & _LENGTH_WORDS) and bool({"how", "many"} & said)
    if plan.wording.intent == "confirm" or plan.scope.leaders or plan.scope.dates:
        return None
    if _OTHER_TIME & said:
        return None  # "when is the next summit?" asks of another one than the article's
    if not (plan.wording.intent == "when" or where or long):
        return None
    home = {a.principal.country for a in data.articles if a.principal}
    if set(plan.scope.countries) - home:
        return None
    held = [
        a
        for a in data.articles
        if a.occasion and (not plan.scope.articles or a.id in plan.scope.articles)
    ]
    if len(held) != 1 or not said & _event_words(held[0].occasion):
        return None
    a = held[0]
    event = a.occasion
    if event is None or any(not set(terms(t)) <= _event_words(event) for t in plan.scope.topics):
        return None
    numbered = {t for n in (event.name, *event.aliases) for t in n.casefold().split()}
    if any(_ORDINAL.fullmatch(t) and t not in numbered for t in tokens):
        return None  # "the 43rd summit" is another one than the 40th and 41st
    name = f"{event.name[:1].upper()}{event.name[1:]}"
    start, end = event.start, event.end
    days = [start, end]
    if where and event.place:
        text = f"{name} took place in {event.place}."
    elif start and end and long:
        n = (end - start).days + 1
        text = f"{name} lasted {n} days, from {format_date(start)} to {format_date(end)}."
    elif start and said & OPENED:
        text, days = f"{name} opened on {format_date(start)}.", [start]
    elif end and said & CLOSED:
        text, days = f"{name} closed on {format_date(end)}.", [end]
    elif start and end:
        text = f"{name} ran from {format_date(start)} to {format_date(end)}."
    else:
        return None
    # Cited: the first paragraph naming the event with a day the answer gives. A place is
    # named in passing too often ("in Phnom Penh") for its paragraph to stand for it.
    given = [] if where else [f"{d:%B} {d.day}" for d in days if d]
    cited = [
        p
        for p in a.paragraphs
        if any(g and g in p.text for g in given) and _event_words(event) & set(terms(p.text))
    ][:1]
    sources = tuple(Source(a.id, p.number, p.heading, p.text) for p in cited)
    return Answer(text, True, "fact", sources)


# Words asking of another occasion than the article's: "the next summit", "when will it be
# held (again)?" of a summit the article reports as over.
_OTHER_TIME = frozenset("next previous upcoming following future prior again will".split())
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")
# "Which city hosted the summit?": a place asked for.
_PLACE_NOUNS = frozenset(stem(w) for w in "city town place venue".split())
# "How many days did it last?", "how long was the summit?"
_LENGTH_WORDS = frozenset({"long", "days", stem("days"), "last", stem("lasted")})


def _article(a: Article, plan: Plan, said: set[str]) -> Answer | None:
    """Check the year, month and publisher a claim gives an article."""
    year, month = _published(a.date)
    held: list[bool] = []
    held += [y == year for y in claimed_years(plan)]
    held += [m == month for m in claimed_months(plan)]
    if said & PUBLISHED:
        framing = ARTICLE_WORDS | ARTICLE | PUBLISHED | _event_words(a.occasion)
        named = _named(plan, set(plan.wording.terms), framing)
        if named:
            held.append(named <= set(terms(a.publisher)) | set(terms(a.title)))
    if not held:
        return None
    when = dt.date(year, month, 1).strftime("%B") + f" {year}" if month else str(year)
    text = f"{a.publisher} published \u201c{a.title}\u201d in {when}."
    return Answer(verdict(all(held), text), True, "fact")


def _event(
    event: Occasion, plan: Plan, said: set[str], home: str, proper: Callable[[], frozenset[str]]
) -> Answer | None:
    """Check the dates and place a claim gives an event."""
    start, end = event.start, event.end
    held: list[bool] = []
    if start and end:
        day = start if said & OPENED else end if said & CLOSED else None
        for d in plan.scope.dates:
            held.append(_on(d, day) if day else any(_on(d, x) for x in _days(start, end)))
        held += [y in (start.year, end.year) for y in claimed_years(plan)]
        held += [m in (start.month, end.month) for m in claimed_months(plan)]
    place = _place(plan, event, home, proper)
    if place == "home":
        return None  # the host country may hold the place: the records cannot tell
    if place is not None:
        held.append(place == "here")
    if not held:
        return None
    text = f"{event.name[:1].upper()}{event.name[1:]} took place in {event.place}"
    if start and end:
        text += f" from {format_date(start)} to {format_date(end)}"
    return Answer(verdict(all(held), text + "."), True, "fact")


def _place(
    plan: Plan, event: Occasion, home: str, proper: Callable[[], frozenset[str]]
) -> str | None:
    """Return "here", "home" or "elsewhere" for the place a claim names after "in"/"at".

    "home" is the principal's country, which may or may not hold the place; None when
    the claim names no place.
    """
    tokens = list(plan.wording.tokens)
    at = max((i for i, t in enumerate(tokens) if t in PLACE_CUES), default=None)
    if at is None:
        return None
    named = [t for t in tokens[at + 1 :] if not is_function_word(t)]
    if not named or any(t in MONTHS or _YEAR.fullmatch(t) or t.isdigit() for t in named):
        return None
    where = set(terms(event.place))
    if {stem(t) for t in named} <= where:
        return "here"
    if plan.scope.countries:
        return "home" if plan.scope.countries[-1] == home else "elsewhere"
    if not all(t in proper() or t in plan.wording.unknown for t in named):
        return None  # "held in a hotel": a common word names no place to check
    return "elsewhere"


def _named(plan: Plan, said: set[str], framing: frozenset[str]) -> set[str]:
    """Return the words a claim names its subject by, without framing and grammar."""
    dated = {stem(t) for t in plan.wording.tokens if t in MONTHS or _YEAR.fullmatch(t)}
    return {
        t
        for t in said - framing - QUESTION_WORDS - dated
        if not is_function_word(t) and not t.isdigit()
    }


@lru_cache(maxsize=1024)
def _event_words(event: Occasion | None) -> frozenset[str]:
    if event is None:
        return frozenset()
    names = (event.name, *event.aliases)
    return frozenset(t for n in names for t in terms(n) if not t[:1].isdigit()) | {"summit"}


def _published(date: str) -> tuple[int, int]:
    parts = [int(p) for p in date.split("-")[:2] if p.isdigit()]
    return (parts[0], parts[1]) if len(parts) == 2 else (parts[0] if parts else 0, 0)


def _on(d: DateRef, day: dt.date) -> bool:
    return d.matches(day) if d.month else d.day == day.day


def _days(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]
