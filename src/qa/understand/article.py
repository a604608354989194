"""Find which articles a question names: principal, event, place, publisher, date, country."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from qa.data.corpus import Article
from qa.data.records import Dataset
from qa.understand.quantity import MONTHS
from qa.understand.text import STOPWORDS, name_key, stem, words

MAX_PHRASE = 8
_YEAR = re.compile(r"\b(1[89]\d\d|2[01]\d\d)\b")
_MONTH_YEAR = re.compile(
    r"\b(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?,?\s+(\d{4})\b"
)
# "across", or "both/all (the) summits|articles|events": the question asks over articles.
ACROSS = frozenset(stem(w) for w in ["across"])
EVERY = frozenset(["both", "all", "every", "each"])
GATHERINGS = frozenset(stem(w) for w in "article report summit event meeting visit".split())
# Words that set countries side by side ("Japan or Canada", "more than Canada") rather
# than relating one to the other ("What did Canada give Cambodia?").
SIDE_BY_SIDE = frozenset("and or than nor versus vs times twice compared".split())


@dataclass(frozen=True, slots=True)
class Named:
    """What a question says about articles.

    `strong` holds, in order of mention, the articles each principal, event, place,
    publisher or date names; `homes` the articles whose principal's country is named,
    by country; `countries` every country named; `across` whether it asks across them.
    """

    strong: tuple[frozenset[str], ...]
    homes: dict[str, frozenset[str]]
    countries: tuple[str, ...]
    across: bool
    # The question without the words that only picked the article (event, place,
    # publisher, year), so they are not mistaken for what is asked about.
    rest: str
    # Each principal's name or alias as written (folded words), with the articles it names.
    people: tuple[tuple[tuple[str, ...], frozenset[str]], ...] = ()
    # Whether the countries are compared or listed side by side, not related.
    side_by_side: bool = False
    # The question with only its event, publisher and year cut: a place stays, since a
    # yes/no claim made "in Phnom Penh" says where something happened.
    claim: str = ""


class ArticleNames:
    """Every name by which a question may pick out articles, keyed by stemmed words.

    The tables by article (`strong`, `framing`, `places`, `homes`, `years`, `months`)
    can be written out as JSON by `tables()` and read back by `from_tables()`, so a
    stored folder of thousands of articles need not stem every name at each load.
    """

    def __init__(self, data: Dataset) -> None:
        strong: defaultdict[tuple[str, ...], set[str]] = defaultdict(set)
        # Articles' ids by key, read only through frozenset(): lists as stored, or sets.
        self.strong: Mapping[tuple[str, ...], Collection[str]] = strong
        self.framing: set[tuple[str, ...]] = set()
        self.places = {
            name_key(a.occasion.place) for a in data.articles if a.occasion and a.occasion.place
        }
        self.homes: dict[str, set[str]] = defaultdict(set)
        self.years: dict[int, set[str]] = defaultdict(set)
        self.months: dict[tuple[int, int], set[str]] = defaultdict(set)
        self._vocabularies(data)
        for a in data.articles:
            self._add(a, name_keys(a), strong)

    @classmethod
    def from_tables(cls, data: Dataset, tables: dict[str, Any]) -> ArticleNames:
        """Return the names of a dataset's articles from the tables `tables()` wrote."""
        found = cls.__new__(cls)
        found.strong = {tuple(key): ids for key, ids in tables["strong"]}
        found.framing = {tuple(key) for key in tables["framing"]}
        found.places = {tuple(key) for key in tables["places"]}
        found.homes = {c: set(ids) for c, ids in tables["homes"].items()}
        found.years = {int(y): set(ids) for y, ids in tables["years"].items()}
        found.months = {(y, m): set(ids) for y, m, ids in tables["months"]}
        found._vocabularies(data)
        return found

    def tables(self) -> dict[str, Any]:
        """Return the tables by article as JSON values, for from_tables()."""
        return {
            "strong": [[list(key), sorted(ids)] for key, ids in self.strong.items()],
            "framing": sorted(self.framing),
            "places": sorted(self.places),
            "homes": {c: sorted(ids) for c, ids in self.homes.items()},
            "years": {str(y): sorted(ids) for y, ids in self.years.items()},
            "months": [[y, m, sorted(ids)] for (y, m), ids in self.months.items()],
        }

    def _vocabularies(self, data: Dataset) -> None:
        self.country_of: dict[tuple[str, ...], str] = {}
        for c in data.countries:
            for alias in (c.name, *c.aliases):
                self.country_of.setdefault(name_key(alias), c.name)
        # A name that is also a topic ("ASEAN") stays in the question: it may be the topic.
        self.topical = {name_key(t.name) for t in data.topics}

    def _add(
        self,
        a: Article,
        keys: list[tuple[tuple[str, ...], bool]],
        strong: dict[tuple[str, ...], set[str]],
    ) -> None:
        if a.principal and a.principal.country:
            self.homes[a.principal.country].add(a.id)
        if a.occasion:
            for day in (a.occasion.start, a.occasion.end):
                if day:
                    self.years[day.year].add(a.id)
                    self.months[(day.year, day.month)].add(a.id)
        published = re.match(r"(\d{4})(?:-(\d{2}))?", a.date)
        if published:
            year = int(published.group(1))
            self.years[year].add(a.id)
            if published.group(2):
                self.months[(year, int(published.group(2)))].add(a.id)
        for key, framing in keys:
            strong[key].add(a.id)
            if framing:
                self.framing.add(key)

    def find(self, text: str) -> Named:
        """Return the articles a question names, and the countries it names."""
        folded = words(text)
        stems = [stem(w) for w in folded]
        strong: list[tuple[int, frozenset[str]]] = []
        countries: list[str] = []
        at: list[int] = []
        cut: list[list[str]] = []
        kept: list[list[str]] = []
        people: list[tuple[tuple[str, ...], frozenset[str]]] = []
        i = 0
        while i < len(stems):
            for size in range(min(MAX_PHRASE, len(stems) - i), 0, -1):
                key = tuple(stems[i : i + size])
                if key in self.strong:
                    strong.append((i, frozenset(self.strong[key])))
                    if key in self.framing and key not in self.topical:
                        cut.append(folded[i : i + size])
                        if key in self.places:
                            kept.append(folded[i : i + size])
                    elif key not in self.framing:
                        people.append((tuple(folded[i : i + size]), frozenset(self.strong[key])))
                if key in self.country_of:
                    countries.append(self.country_of[key])
                    at.append(i)
                if key in self.strong or key in self.country_of:
                    i += size
                    break
            else:
                i += 1
        joined = " ".join(folded)
        for m in _MONTH_YEAR.finditer(joined):
            found = self.months.get((int(m.group(2)), MONTHS[m.group(1)]))
            if found:
                strong.append((len(joined[: m.start()].split()), frozenset(found)))
        months = {m.group(2) for m in _MONTH_YEAR.finditer(joined)}
        for m in _YEAR.finditer(joined):
            found = self.years.get(int(m.group(1)))
            if found and m.group(1) not in months:
                strong.append((len(joined[: m.start()].split()), frozenset(found)))
                cut.append([m.group(1)])
        homes = {c: frozenset(self.homes[c]) for c in dict.fromkeys(countries) if c in self.homes}
        return Named(
            tuple(ids for _, ids in sorted(strong, key=lambda p: p[0])),
            homes,
            tuple(dict.fromkeys(countries)),
            _across(folded, stems),
            _without(text, cut),
            tuple(people),
            any(SIDE_BY_SIDE & set(folded[a:b]) for a, b in pairwise(at)),
            _without(text, [c for c in cut if c not in kept]),
        )


def name_keys(a: Article) -> list[tuple[tuple[str, ...], bool]]:
    """Return the keys that name an article, each marked when it only frames a question.

    Principal names stay in the question passed on; the publisher and the event's
    names and place only pick the article.
    """
    framing: list[str] = [a.publisher] if a.publisher else []
    names: list[str] = [a.principal.name, *a.principal.aliases] if a.principal else []
    if a.occasion:
        framing += [a.occasion.name, *a.occasion.aliases]
        framing += [a.occasion.place] if a.occasion.place else []
    found = []
    for name in names + framing:
        key = name_key(name)
        if key and not (len(key) == 1 and key[0] in STOPWORDS):
            found.append((key, name in framing and name not in names))
    return found


def _across(folded: list[str], stems: list[str]) -> bool:
    if ACROSS & set(stems):
        return True
    return any(w in EVERY and GATHERINGS & set(stems[i + 1 : i + 4]) for i, w in enumerate(folded))


def retarget(text: str, named: Named, article: Article) -> str:
    """Ask text of another article: other articles' principals become its principal.

    "And at the Mekong Summit?" after "What did Hun Sen receive?" asks what the Mekong
    article's principal received, not what Hun Sen received there.
    """
    if article.principal is None:
        return text
    for phrase, ids in named.people:
        if article.id not in ids:
            body = r"\W+".join(re.escape(w) for w in phrase)
            text = re.sub(rf"\b{body}\b", article.principal.name, text, flags=re.IGNORECASE)
    return text


_GATHERED = r"(?:summits?|articles?|events?|reports?|meetings?|visits?)"
_ACROSS = re.compile(
    r"\b(?:in\s+total\s+)?(?:across|at|in|from|of|over)\s+"
    rf"(?:(?:both|all|every|each)(?:\s+(?:of\s+)?the)?(?:\s+{_GATHERED})?|the\s+{_GATHERED})\b",
    re.IGNORECASE,
)


def without_across(text: str) -> str:
    """Return text without its "across all the summits": what is asked of each article."""
    return " ".join(_ACROSS.sub(" ", text).split())


def without_people(text: str, named: Named) -> str:
    """Return text without the principals' names it gives ("And Mori?" -> "And?")."""
    for phrase, _ in named.people:
        body = r"\W+".join(re.escape(w) for w in phrase)
        text = re.sub(rf"\b{body}\b", " ", text, flags=re.IGNORECASE)
    return " ".join(text.split())


def _without(text: str, cut: list[list[str]]) -> str:
    """Drop each phrase (as words), with a "the" and a preposition before it, from text."""
    for phrase in cut:
        body = r"\W+".join(re.escape(w) for w in phrase)
        # Only an adjunct ("at the Mekong Summit", "in 2031") merely picks the article; a
        # subject ("Where did the ASEAN summit take place?") is what is asked about.
        pattern = rf"\b(?:in|at|during|from|by|according to)\s+(?:the\s+)?{body}\b"
        text = re.sub(pattern, " ", text, count=1, flags=re.IGNORECASE)
    return " ".join(text.split())


def narrow(named: Named, counterparts: dict[str, frozenset[str]]) -> frozenset[str] | None:
    """Return the articles a question names, or None when nothing narrows it.

    Strong names intersect, and the first named wins when they disagree ("Did Mori meet
    the Cambodian prime minister?" is about Mori's article). A principal's country
    names its article only when the question also names one of that article's
    counterparts ("What did Japan give Cambodia?"); alone it is an ordinary country.
    """
    if named.strong:
        chosen = named.strong[0]
        for ids in named.strong[1:]:
            chosen = chosen & ids or chosen
        return chosen
    picked: set[str] = set()
    for country, ids in named.homes.items():
        others = [c for c in named.countries if c != country]
        picked.update(a for a in ids if any(a in counterparts.get(c, ()) for c in others))
    if picked and not named.side_by_side:
        # "What did Canada give Cambodia?" asks of Cambodia's own article, not of every
        # article that Canada and Cambodia both visited as counterparts.
        return frozenset(picked)
    if len(named.countries) > 1:
        # Where every named country is a counterpart, each may be asked about as one
        # ("Who gave more, Japan or Canada?").
        picked |= set.intersection(*(set(counterparts.get(c, ())) for c in named.countries))
    return frozenset(picked) or None
