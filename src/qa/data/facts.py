"""Read one meeting and its facts from YAML nodes, checking every reference."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

from yaml.nodes import Node

from qa.data.corpus import Article
from qa.data.records import (
    MONEY_KINDS,
    Agreement,
    Discussion,
    Event,
    Fact,
    Meeting,
    Money,
    Person,
    Position,
    Quote,
    Request,
)
from qa.data.schema import Fields, Sink, numbers

if TYPE_CHECKING:
    from qa.data.dataset import Names

COMMON = {"topics", "date", "paragraphs"}
MEETING_KEYS = {
    "section",
    "date",
    "topics",
    "money",
    "agreements",
    "requests",
    "positions",
    "quotes",
    "events",
}


class FactReader:
    """Read facts of one meeting, resolving topics and paragraph numbers."""

    def __init__(self, sink: Sink, names: Names, article: Article) -> None:
        self.sink, self.names, self.article = sink, names, article

    def paragraphs(self, f: Fields) -> tuple[int, ...]:
        """Return checked paragraph numbers; a fact must cite at least one."""
        if f.ok and not f.has("paragraphs"):
            self.sink.add(f.node, f"{f.what} must cite its paragraphs, e.g. 'paragraphs: [3]'")
        return self.check(f.numbers("paragraphs"))

    def check(self, refs: tuple[tuple[int, int], ...]) -> tuple[int, ...]:
        """Keep the paragraph numbers that exist in the article; report the others."""
        count = len(self.article.paragraphs)
        for number, line in refs:
            if not 1 <= number <= count:
                self.sink.add(
                    line,
                    f"paragraph {number} does not exist "
                    f"({self.article.id} has paragraphs 1-{count})",
                )
        return tuple(n for n, _ in refs if 1 <= n <= count)

    def topics(self, f: Fields) -> tuple[str, ...]:
        """Return topic names resolved through topics.yaml."""
        node = f.node_of("topics")
        return tuple(self.names.resolve("topics", t, node, self.sink) for t in f.texts("topics"))

    def common(self, f: Fields) -> dict[str, Any]:
        """Return the shared Fact fields of a fact mapping."""
        return {"topics": self.topics(f), "date": f.date("date"), "paragraphs": self.paragraphs(f)}

    def many(
        self,
        nodes: list[Node],
        what: str,
        keys: tuple[set[str], set[str]],
        build: Callable[[Fields], Fact | None],
    ) -> list[Any]:
        """Read a list of fact mappings with one builder."""
        found = []
        for node in nodes:
            f = Fields(node, self.sink, what, keys[0], keys[1] | COMMON)
            fact = build(f) if f.ok else None
            if fact is not None:
                found.append(fact)
        return found

    def speaker(self, f: Fields, people: tuple[str, ...], key: str = "speaker") -> str:
        """Return who spoke or asked, who must be one of the meeting's two leaders."""
        name = f.text(key)
        if name and name not in people:
            self.sink.add(
                f.node_of(key),
                f"{'asker' if key == 'by' else key} {name!r} is neither of the meeting's leaders"
                f" ({' or '.join(people)})",
            )
        return name

    def money(self, f: Fields) -> Money:
        """Build a Money fact; amount and currency go together, else `what` says what it was."""
        amount, kind = f.number("amount"), f.text("kind", "grant")
        if kind not in MONEY_KINDS:
            self.sink.add(f.node_of("kind"), f"money kind must be one of {', '.join(MONEY_KINDS)}")
        if amount is not None and not f.has("currency"):
            self.sink.add(f.node, "money with an amount needs a currency, e.g. 'currency: USD'")
        currency = f.text("currency")
        if currency and currency not in currencies():
            upper = currency.upper()
            hint = f"did you mean {upper!r}?" if upper in currencies() else "e.g. USD, EUR, JPY"
            self.sink.add(
                f.node_of("currency"),
                f"unknown currency {currency!r}; use an ISO 4217 code ({hint})",
            )
        if not f.has("amount") and not f.has("what"):
            self.sink.add(f.node, "money without an amount needs 'what' (e.g. 'a loan')")
        return Money(
            **self.common(f),
            verb=f.text("verb"),
            kind=kind,
            amount=amount,
            currency=currency,
            what=f.text("what"),
            purpose=f.text("purpose"),
            items=f.texts("items"),
        )


@cache
def currencies() -> frozenset[str]:
    """Return the ISO 4217 currency codes CLDR knows (Babel's maintained list)."""
    from babel.numbers import list_currencies  # only data with money pays for the import

    return frozenset(list_currencies())


def read_meeting(
    node: Node, sink: Sink, names: Names, article: Article, host: Person
) -> Meeting | None:
    """Read one meeting mapping of an article file; None when it is not a mapping."""
    from qa.data.dataset import read_person

    f = Fields(node, sink, "a meeting", {"id", "country", "leader", "paragraphs"}, MEETING_KEYS)
    if not f.ok:
        return None
    r = FactReader(sink, names, article)
    country = names.resolve("countries", f.text("country"), f.node_of("country"), sink)
    section = f.text("section")
    if section and section not in article.headings:
        sink.add(f.node_of("section"), f"section {section!r} is not a heading of {article.id}")
    leader = read_person(f.node_of("leader"), sink, names, "leader")
    people = (host.name, leader.name)
    discussions = []
    first: dict[str, int] = {}
    for key, value in f.pairs("topics"):
        topic = names.resolve("topics", str(key.value), key, sink)
        line = key.start_mark.line + 1
        if topic in first:
            sink.add(key, f"duplicate topic {topic!r} in a meeting (first at line {first[topic]})")
            continue
        first[topic] = line
        refs = r.check(numbers(value, sink, f"topic {key.value!r}"))
        discussions.append(Discussion((topic,), None, refs))
    facts = {
        "money": r.many(
            f.items("money"),
            "a money entry",
            ({"verb"}, {"kind", "amount", "currency", "what", "purpose", "items"}),
            r.money,
        ),
        "agreements": r.many(
            f.items("agreements"),
            "an agreement",
            ({"name"}, {"verb"}),
            lambda g: Agreement(**r.common(g), name=g.text("name"), verb=g.text("verb", "signed")),
        ),
        "requests": r.many(
            f.items("requests"),
            "a request",
            ({"text"}, {"by"}),
            lambda g: Request(**r.common(g), text=g.text("text"), by=r.speaker(g, people, "by")),
        ),
        "positions": r.many(
            f.items("positions"),
            "a position",
            ({"holder", "text"}, {"speaker"}),
            lambda g: Position(
                **r.common(g),
                holder=names.resolve("countries", g.text("holder"), g.node_of("holder"), sink),
                text=g.text("text"),
                speaker=r.speaker(g, people),
            ),
        ),
        "quotes": r.many(
            f.items("quotes"),
            "a quote",
            ({"speaker", "words"}, {"verb"}),
            lambda g: Quote(
                **r.common(g),
                speaker=g.text("speaker"),
                verb=g.text("verb", "said"),
                words=g.text("words"),
            ),
        ),
        "events": r.many(
            f.items("events"),
            "an event",
            ({"text"}, {"speaker"}),
            lambda g: Event(**r.common(g), text=g.text("text"), speaker=r.speaker(g, people)),
        ),
    }
    return Meeting(
        id=f.text("id"),
        article=article.id,
        country=country,
        section=section,
        host=host,
        leader=Person(leader.name, leader.title, leader.country or country, leader.aliases),
        date=f.date("date"),
        paragraphs=r.paragraphs(f),
        discussions=tuple(discussions),
        money=tuple(facts["money"]),
        agreements=tuple(facts["agreements"]),
        requests=tuple(facts["requests"]),
        positions=tuple(facts["positions"]),
        quotes=tuple(facts["quotes"]),
        events=tuple(facts["events"]),
    )
