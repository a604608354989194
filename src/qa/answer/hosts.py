"""Compare the articles' principals by how many leaders each met ("who met the most leaders?")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from qa.answer.realise import sentence as say
from qa.answer.realise.joined import label
from qa.answer.realise.verdict import verdict
from qa.answer.result import Answer, fact, join
from qa.data.records import Dataset, Meeting
from qa.understand.parse import Question

MORE = frozenset("more most".split())
FEWER = frozenset("fewer fewest less least".split())
# What is counted: "who met the most leaders?", "which principal had the fewest meetings?"
COUNTED = frozenset("leaders meetings countries counterparts people talks bilaterals".split())


@dataclass(frozen=True, slots=True)
class Host:
    """One principal: whom the counts are of, the meetings, and where they were held."""

    name: str
    meetings: tuple[Meeting, ...]

    @property
    def met(self) -> int:
        """Return how many countries' leaders the principal met."""
        return len({m.country for m in self.meetings})


def compare(data: Dataset, q: Question) -> Answer | None:
    """Answer which of two or more principals met more leaders, or None if not asked that.

    Two principals named with "more" or "fewer" are compared ("did Mori meet more
    leaders than Hun Sen?"); a superlative naming none compares them all.
    """
    words = set(q.tokens)
    fewer = bool(words & FEWER)
    if q.focus != "meeting" or not words & COUNTED or not (words & MORE or fewer):
        return None
    hosts = hosts_of(data.meetings)
    named = list(dict.fromkeys(v for k, v, _ in q.spans if k == "principal"))
    if len(named) >= 2:
        chosen = [h for h in hosts if h.name in named]
    elif not named and q.superlative and q.intent in ("who", "which", "what"):
        chosen = hosts
    else:
        return None
    if len(chosen) == 1 and not named:
        # One principal: "who met the most leaders?" is answered by the only one there is.
        h = chosen[0]
        said = f"{h.name} met the leaders of {say.countries(h.met)} ({_where(data, h)})"
        report = "the article reports" if len(data.articles) == 1 else "the articles report"
        text = f"{said}; {report} no one else's meetings."
        return fact(data, text, [(m, None) for m in h.meetings])
    if len(chosen) < 2:
        return None
    ranked = sorted(chosen, key=lambda h: h.met, reverse=not fewer)
    items = [(m, None) for h in chosen for m in h.meetings]
    if q.intent == "confirm":
        # "Did Mori meet more leaders than Hun Sen?": the first named against the rest.
        first = next(h for h in chosen if h.name == named[0])
        others = [h for h in ranked if h is not first]
        holds = all(first.met < h.met if fewer else first.met > h.met for h in others)
        said = f"{first.name} met the leaders of {say.countries(first.met)} ({_where(data, first)})"
        return fact(data, verdict(holds, f"{said}, against {_against(data, others)}."), items)
    tied = [h for h in ranked if h.met == ranked[0].met]
    rest = ranked[len(tied) :]
    most = "fewest" if fewer else "most"
    if len(tied) > 1:
        who = join([f"{h.name} ({_where(data, h)})" for h in tied])
        said = f"{who} met the {most} leaders, those of {say.countries(tied[0].met)} each"
    else:
        top = tied[0]
        those = f"those of {say.countries(top.met)} ({_where(data, top)})"
        said = f"{top.name} met the {most} leaders: {those}"
    against = f", against {_against(data, rest)}" if rest else ""
    return fact(data, f"{said}{against}.", items)


def hosts_of(meetings: Sequence[Meeting]) -> list[Host]:
    """Return each principal with the meetings they held, in the order first met."""
    held: dict[str, list[Meeting]] = {}
    for m in meetings:
        held.setdefault(m.host.name, []).append(m)
    return [Host(name, tuple(ms)) for name, ms in held.items()]


def _where(data: Dataset, h: Host) -> str:
    """Return where the principal's meetings were: "at the 14th Mekong Summit"."""
    return ", ".join(dict.fromkeys(label(data.article(m.article)) for m in h.meetings))


def _against(data: Dataset, hosts: Sequence[Host]) -> str:
    """Return "5 for Haruto Mori (at the 14th Mekong Summit)" for each of the others."""
    return join([f"{h.met} for {h.name} ({_where(data, h)})" for h in hosts])
