"""Tell which articles a question is about: who is met where, and the names of each article."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from qa.answer.realise.joined import label
from qa.answer.result import join
from qa.data.corpus import Article
from qa.data.records import Dataset
from qa.data.routes import Routes
from qa.search.index import Index
from qa.understand.article import ArticleNames, Named, narrow
from qa.understand.lexicon import name_parts
from qa.understand.parse import Question
from qa.understand.text import stem, terms, words

if TYPE_CHECKING:
    from qa.engine import Context


def routes_of(data: Dataset) -> Routes:
    """Return the routes of a dataset in memory, as the store keeps them."""
    counterparts: dict[str, set[str]] = defaultdict(set)
    leaders: dict[str, set[str]] = defaultdict(set)
    for m in data.meetings:
        counterparts[m.country].add(m.article)
        leaders[m.leader.name].add(m.article)
    people = [*data.principals, *(m.leader for m in data.meetings)]
    vocabularies = (*data.countries, *data.topics, *data.titles)
    names = [n for p in people for n in (p.name, *p.aliases)]
    names += [n for t in vocabularies for n in (t.name, *t.aliases)]
    names += [q.speaker for m in data.meetings for q in m.quotes]
    parts = {n: name_parts(n) for n in names}
    return Routes(
        {c: frozenset(ids) for c, ids in counterparts.items()},
        {n: frozenset(ids) for n, ids in leaders.items()},
        ArticleNames(data).tables(),
        parts,
    )


class Router:
    """Pick the articles a question is about from the routes, in tiers tried in turn."""

    def __init__(self, data: Dataset, index: Index, routes: Routes) -> None:
        self.data = data
        self.index = index
        self.names = ArticleNames.from_tables(data, routes.names)
        self.counterparts = routes.counterparts
        self.leaders = routes.leaders
        self.met = routes.met
        self.spellings: dict[str, list[set[str]]] = {
            c.name: [set(terms(n)) for n in (c.name, *c.aliases)] for c in data.countries
        }
        self.every = [a.id for a in data.articles]
        self.principals = {a.principal.name for a in data.articles if a.principal}
        self.roles = {stem(w) for t in data.titles for n in (t.name, *t.aliases) for w in words(n)}
        self.bare = [a for a in self.every if a not in self.met]

    def choose(self, named: Named, q: Question, context: Context) -> list[list[str]]:
        """Return the articles to answer from, in tiers tried in turn, most specific first.

        Articles where a named country is a counterpart come before those where it is
        only the principal's own country ("What did Japan pledge?").
        """
        every = self.every
        if context.article and context.article in self.data.by_id:
            return [[context.article]]
        picked = narrow(named, self.counterparts)
        people = self.people(named)
        if picked and all(self.missing(a, q, people) for a in picked):
            # "Did Mori meet Wibowo?": Mori is Wibowo's counterpart in Wibowo's article.
            reach = self.reach(named)
            picked = frozenset(a for a in reach if not self.missing(a, q, people)) or picked
        if picked:
            chosen = sorted(picked)
            if all(self.missing(a, q) for a in chosen):
                # Texts without curated meetings may still report it.
                chosen += [a for a in self.bare if a not in chosen]
                chosen = [a for a in chosen if not self.missing(a, q)] or chosen
            return [chosen]
        fitting = [a for a in self.candidates(q) if not self.missing(a, q)]
        recent = [a for a in context.articles if a in fitting]
        if recent:
            return [recent]
        named_any = bool(q.countries or q.leaders)
        first = [a for a in fitting if not named_any or self.as_counterpart(a, q)]
        second = [a for a in fitting if a not in first]
        tiers = [t for t in (first, second) if t]
        if tiers:
            return tiers
        # Nothing recorded fits: the article whose text fits best says what it can.
        hits = self.index.search(q.terms, k=1)
        return [[hits[0].paragraph.article if hits else every[0]]]

    def reach(self, named: Named) -> frozenset[str]:
        """Return the articles every name reaches, a principal reaching those he visited.

        A principal named in a question picks his own article, and the articles where he
        is a counterpart when the rest of the question fits those.
        """
        if not named.strong:
            return frozenset()
        people = {ids for _, ids in named.people}
        reached = []
        for ids in named.strong:
            found = set(ids)
            if ids in people:
                for a in ids:
                    p = self.data.article(a).principal
                    found |= self.leaders.get(p.name, set()) if p else set()
            reached.append(found)
        return frozenset(set.intersection(*reached))

    def clash(self, named: Named) -> str | None:
        """Say so when a principal is asked about at an event, place or date not his own.

        "Who did Hun Sen meet in 2033?" fits no article; answering from Hun Sen's article
        would give his 2022 meetings as if they were in 2033.
        """
        people = {ids for _, ids in named.people}
        framing = [ids for ids in named.strong if ids not in people]
        if not framing or len(named.strong) < 2 or self.reach(named):
            return None
        whose = [
            f"{p.name}'s meetings are those {label(a)}"
            for ids in named.strong
            if ids in people
            for a in (self.data.article(i) for i in sorted(ids))
            for p in [a.principal]
            if p is not None
        ]
        if not whose:
            return None
        return f"No article reports that: {join(whose)}."

    def candidates(self, q: Question) -> list[str]:
        """Return the articles that hold any country or leader the question names (indexed)."""
        if not (q.countries or q.leaders):
            return self.every
        found: set[str] = set(self.bare)
        for c in q.countries:
            found |= self.counterparts.get(c, set()) | self.names.homes.get(c, set())
        for n in q.leaders:
            found |= self.leaders.get(n, set())
        if any(c in q.topics or c in q.ambiguous for c in q.countries):
            return self.every
        return sorted(found)

    def as_counterpart(self, article_id: str, q: Question) -> bool:
        """Tell whether an article may report a meeting with a country or leader asked of."""
        if article_id not in self.met:
            return True  # an uncurated text that names them may report the meeting
        return any(article_id in self.counterparts.get(c, ()) for c in q.countries) or any(
            article_id in self.leaders.get(n, ()) for n in q.leaders
        )

    def people(self, named: Named) -> tuple[str, ...]:
        """Return the principals a question names by name, not by a role ("Cambodian PM").

        A role names whoever holds it in each article: "the Japanese prime minister" is
        Kishida in one article and Mori in another.
        """
        found = [
            p.name
            for phrase, ids in named.people
            if not self.roles & {stem(w) for w in phrase}
            for a in sorted(ids)
            for p in [self.data.article(a).principal]
            if p is not None
        ]
        return tuple(dict.fromkeys(found))

    def missing(self, article_id: str, q: Question, people: tuple[str, ...] = ()) -> list[str]:
        """Return the countries, leaders and principals the question names the article lacks."""
        article = self.data.article(article_id)
        if article_id not in self.met:
            vocab = self.text_terms(article)
            return [n for n in (*q.countries, *q.leaders) if not self.in_text(n, vocab)]
        home = article.principal.country if article.principal else ""
        # A country that is also a topic ("Ukraine") may be asked about as the topic.
        topical = {*q.topics, *q.ambiguous}
        lost = [
            c
            for c in q.countries
            if c != home and c not in topical and article_id not in self.counterparts.get(c, ())
        ]
        principal = article.principal.name if article.principal else ""
        lost += [
            n for n in q.leaders if n != principal and article_id not in self.leaders.get(n, ())
        ]
        # Another article's principal, unless a counterpart here too.
        lost += [
            n
            for n in people
            if n != principal and n not in lost and article_id not in self.leaders.get(n, ())
        ]
        return lost

    def in_text(self, name: str, vocab: set[str]) -> bool:
        """Tell whether a name, or any alias of it, is in a text's terms."""
        return any(t and t <= vocab for t in self.spellings.get(name, [set(terms(name))]))

    def text_terms(self, article: Article) -> set[str]:
        """Return every term of an article's headings and paragraphs."""
        found: set[str] = set()
        for p in article.paragraphs:
            found.update(terms(f"{p.heading} {p.text}"))
        return found
