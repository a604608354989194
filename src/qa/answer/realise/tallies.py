"""Write answers about sets of meetings and what each holds: left out, compared, ranked."""

from __future__ import annotations

from collections.abc import Sequence

from qa.answer.realise import refusal
from qa.answer.realise import sentence as say
from qa.answer.realise.lists import NOT_DONE, WHAT_THEY_DID, did, labels
from qa.answer.result import join
from qa.data.records import Meeting
from qa.understand.clauses import Part

# What one counted thing is called, by the kind of fact it is.
NOUNS = {
    "discussion": "topic",
    "agreement": "agreement",
    "request": "request",
    "quote": "quote",
    "position": "position",
    "event": "event",
}


def counted(kind: str, n: int | str) -> str:
    """Return "1 topic", "3 agreements", "no requests", "at least 3 agreements"."""
    return of(n, NOUNS[kind])


def of(n: int | str, noun: str) -> str:
    """Return "1 President", "4 Prime Ministers", "no Kings": n of a noun, in its number."""
    if n == 0:
        return f"no {noun}s"
    return f"{n} {noun}" + ("" if n == 1 else "s")


# A ranking of topics names this many of those tied; the rest are counted.
TIED_SHOWN = 6


def topic_ranks(top: Sequence[str], n: int, total: int, most: bool, met: Sequence[Meeting]) -> str:
    """Return "Development assistance came up in 5 of the 9 meetings, more than any other
    topic: with <countries>.", or "2 topics came up in 4 of the 9 meetings each, ...".
    """
    if len(top) == 1:
        than = "more" if most else "fewer"
        head = f"{say.capital(top[0])} came up in {n} of the {total} meetings"
        where = join([say.country(m.country) for m in met])
        return f"{head}, {than} than any other topic: with {where}."
    shown = list(top[:TIED_SHOWN])
    if len(top) > TIED_SHOWN:
        shown.append(f"{len(top) - TIED_SHOWN} others")
    edge = "the most" if most else "the fewest"
    return f"{len(top)} topics came up in {n} of the {total} meetings each, {edge}: {join(shown)}."


def _filters(part: Part, yes: bool) -> list[str]:
    """Return a clause's topic, date, title and date-at-all filters, said or denied."""
    no = "" if yes else " not"
    said = []
    if part.topics:
        verb = "discussed" if yes else "did not discuss"
        said.append(f"{verb} {say.topics(list(part.topics))}")
    if part.dates:
        said.append(f"were{no} met on {join([str(d) for d in part.dates])}")
    if part.titles:
        said.append(f"are{no} led by a {join(list(part.titles))}")
    if part.dated:
        said.append("have a date" if yes else "have no date")
    return said


def done(part: Part, n: int = 2) -> str:
    """Return what n meetings a clause picks did ("gave, pledged or lent money")."""
    own = [did(part.relation or "", n)] if part.relation in WHAT_THEY_DID else []
    return " and ".join(own + _filters(part, yes=True))


def undone(part: Part) -> str:
    """Return what the meetings a clause leaves out did not do ("gave no money")."""
    own = [NOT_DONE[part.relation or ""]] if part.relation in NOT_DONE else []
    return " or ".join(own + _filters(part, yes=False))


def left(
    kept: Part, base: int, total: int, without: Sequence[Part], rest: Sequence[Meeting]
) -> str:
    """Return "Of the 4 countries that discussed demining, 2 gave no money: <labels>."."""
    what = " and ".join(undone(p) for p in without)
    if not rest:
        among = f" among the {base} that {done(kept)}" if kept.filters else ""
        return refusal.reports(f"reports none that {what}{among}")
    if kept.filters:
        return f"Of the {base} countries that {done(kept)}, {len(rest)} {what}: {labels(rest)}."
    return f"{len(rest)} of the {total} countries {what}: {labels(rest)}."


def all_of(parts: Sequence[Part], chosen: Sequence[Meeting]) -> str:
    """Return "2 countries gave, pledged or lent money and signed ...: <labels>."."""
    n = len(chosen)
    what = " and ".join(done(p, n or 2) for p in parts)
    if not chosen:
        return refusal.reports(f"reports none that {what}")
    return f"{say.countries(n)} {what}: {labels(chosen)}."


def contrast(parts: Sequence[Part], sizes: Sequence[int], claim: bool, more: bool) -> str:
    """Return which of two sets of meetings is larger, or whether one is, with both sizes."""
    (a, b), (n, k) = parts, sizes
    against = f"{say.countries(n)} {done(a, n)}, against {k} that {done(b, k)}"
    if claim:
        holds = n > k if more else n < k
        return f"{'Yes' if holds else 'No'}: {against}."
    if n == k:
        return f"Neither: {say.countries(n)} {done(a, n)} and {k} {done(b, k)}."
    first = 0 if (n > k) == more else 1
    win, lose = (a, b) if first == 0 else (b, a)
    high, low = (n, k) if first == 0 else (k, n)
    word = "More" if more else "Fewer"
    return f"{word} {done(win)}: {say.countries(high)}, against {low} that {done(lose, low)}."


def difference(parts: Sequence[Part], sizes: Sequence[int]) -> str:
    """Return "1 more: 4 countries signed agreements, against 3 that gave money."."""
    (a, b), (n, k) = parts, sizes
    word = "more" if n >= k else "fewer"
    return f"{abs(n - k)} {word}: {say.countries(n)} {done(a, n)}, against {k} that {done(b, k)}."


def other_topics(m: Meeting, aside: set[str]) -> str:
    """Return "Besides Ukraine, <host> and <leader> discussed <the other topics>."."""
    ordered = list(dict.fromkeys(t for r in (*m.discussions, *m.facts()) for t in r.topics))
    shown = [t for t in ordered if t not in aside]
    besides = say.topics(sorted(aside & set(ordered)) or sorted(aside))
    if not shown:
        return f"{m.host.name} and {say.leader(m)} discussed nothing besides {besides}."
    return f"Besides {besides}, {m.host.name} and {say.leader(m)} discussed {say.topics(shown)}."


def topic_list(ranked: Sequence[tuple[str, int]], total: int) -> str:
    """Return "45 topics came up in the 9 meetings (how many in brackets): demining (4), ..."."""
    parts = join([f"{t} ({n})" for t, n in ranked])
    return f"{len(ranked)} topics came up in the {total} meetings (how many in brackets): {parts}."
