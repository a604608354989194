"""Write records as English sentences for answers."""

from __future__ import annotations

from qa.answer.result import join
from qa.data.records import (
    Agreement,
    Event,
    Meeting,
    Money,
    Person,
    Position,
    Quote,
    Record,
    Request,
)
from qa.understand.quantity import format_date, format_money

_THE_PREFIXES = ("United ", "Republic ", "European ", "Czech ", "Central African ")


def country(name: str) -> str:
    """Return a country name as it reads inside a sentence ("the United States")."""
    plural = name.endswith(("lands", "ines", "Islands"))
    return f"the {name}" if name.startswith(_THE_PREFIXES) or plural else name


def indefinite(noun: str) -> str:
    """Return the noun after "a" or "an", by its first letter ("a King", "an Emperor")."""
    return f"{'an' if noun[:1].casefold() in 'aeiou' else 'a'} {noun}"


def capital(text: str) -> str:
    """Upper-case the first letter of a sentence."""
    return text[:1].upper() + text[1:]


def leader(m: Meeting) -> str:
    """Return "Prime Minister Fumio Kishida of Japan"."""
    return f"{m.leader.title} {m.leader.name} of {country(m.country)}"


def meeting(m: Meeting) -> str:
    """Return the sentence saying who met whom, and when if the article says."""
    when = f" on {format_date(m.date)}" if m.date else ""
    return f"{m.host.name} met {leader(m)}{when}."


def money(m: Meeting, x: Money) -> str:
    """Return "Japan provided $51.3 million to Cambodia on ... for ...: a, b and c."."""
    what = format_money(x.amount, x.currency) if x.amount is not None else x.what
    to = f" to {country(m.host.country)}" if m.host.country else ""
    when = f" on {format_date(x.date)}" if x.date else ""
    purpose = f" {x.purpose}" if x.purpose else ""
    items = f": {join(list(x.items))}" if x.items else ""
    missing = " (the article gives no amount)" if x.amount is None else ""
    return capital(f"{country(m.country)} {x.verb} {what}{to}{when}{purpose}{items}{missing}.")


def agreement(m: Meeting, a: Agreement) -> str:
    """Return "Hun Sen and Fumio Kishida announced an upgrade ..."."""
    when = f" on {format_date(a.date)}" if a.date else ""
    return f"{m.host.name} and {m.leader.name} ({country(m.country)}) {a.verb} {a.name}{when}."


def request(m: Meeting, r: Request) -> str:
    """Return "Hun Sen asked New Zealand to ...", or the counterpart asking the host's country."""
    if r.by and r.by != m.host.name:
        return f"{r.by} asked {country(m.host.country)} to {r.text}."
    return f"{m.host.name} asked {country(m.country)} to {r.text}."


def quote(q: Quote) -> str:
    """Return 'Justin Trudeau tweeted: "..."'."""
    return capital(f"{q.speaker} {q.verb}: \u201c{q.words}\u201d")


def sentence(m: Meeting, record: Record) -> str:
    """Return the sentence for any record of a meeting."""
    if isinstance(record, Money):
        return money(m, record)
    if isinstance(record, Agreement):
        return agreement(m, record)
    if isinstance(record, Request):
        return request(m, record)
    if isinstance(record, Quote):
        return quote(record)
    if isinstance(record, Position | Event):
        return record.text
    return f"{m.host.name} and {m.leader.name} discussed {join(list(record.topics))}."


def label(m: Meeting) -> str:
    """Return "Japan (Fumio Kishida)" for lists of meetings."""
    return f"{country(m.country)} ({m.leader.name})"


# Head nouns that read as a common noun phrase and take "the" ("the free trade agreement",
# "the peace process"); other topic names read as mass nouns ("trade", "demining").
_COUNTED_HEADS = frozenset(
    "agreement process council policy base bridge anniversary project treaty museum".split()
)


def topic(name: str) -> str:
    """Return a topic name as it reads inside a sentence ("the free trade agreement")."""
    head = name.rsplit(" ", 1)[-1].casefold()
    return f"the {name}" if head in _COUNTED_HEADS else name


def topics(names: tuple[str, ...] | list[str], either: bool = False) -> str:
    """Join topic names as prose, each with the article it needs: "a and b", or "a or b"."""
    return join([topic(n) for n in names], "or" if either else "and")


def countries(n: int) -> str:
    """Return "1 country" or "3 countries"."""
    return f"{n} {'countries' if n > 1 else 'country'}"


def holds_title(m: Meeting) -> str:
    """Return "Fumio Kishida is Japan's Prime Minister.", or "... the President of the United
    States." where a possessive would read "the United States's"."""
    where = country(m.country)
    if where.startswith("the "):
        return office(m.leader)
    return f"{m.leader.name} is {where}'s {m.leader.title}."


def office(p: Person) -> str:
    """Return "Hun Sen is the Prime Minister of Cambodia."."""
    return f"{p.name} is the {p.title} of {country(p.country)}."


def gave(m: Meeting) -> str:
    """Return "Canada agreed to provide $240,000", or say the article reports no money."""
    if not m.money:
        return f"the article reports no money from {country(m.country)}"
    parts = [f"{x.verb} {amount_of(x)}" for x in m.money]
    return f"{country(m.country)} {join(parts)}"


def amount_of(x: Money) -> str:
    """Return a money record's amount as written ("$51.3 million"), or what was given."""
    return format_money(x.amount, x.currency) if x.amount is not None else x.what


def undated_note(meetings: list[Meeting]) -> str:
    """Return the sentence naming meetings the article leaves undated (empty if none)."""
    if not meetings:
        return ""
    names = join([country(m.country) for m in meetings])
    many = "s" if len(meetings) > 1 else ""
    return f" The article gives no date for the meeting{many} with {names}."


# A summary names this many topics in its one sentence; the rest are counted.
TOPICS_SHOWN = 8


def topic_list(m: Meeting) -> str:
    """Return a meeting's topics as one phrase, in the order the article raises them."""
    ordered = list(dict.fromkeys(t for r in (*m.discussions, *m.facts()) for t in r.topics))
    shown = [topic(t) for t in ordered[:TOPICS_SHOWN]]
    rest = len(ordered) - len(shown)
    if rest:
        shown.append(f"{rest} other topic{'s' if rest > 1 else ''}")
    return join(shown)
