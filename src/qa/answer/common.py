"""Say which countries two principals both met, or which countries several articles share."""

from __future__ import annotations

from qa.answer.hosts import Host, hosts_of
from qa.answer.realise import sentence as say
from qa.answer.realise.verdict import verdict
from qa.answer.result import Answer, fact, join
from qa.data.records import Dataset, Meeting
from qa.understand.parse import Question

# "Who did both Hun Sen and Mori meet?", "any of the same countries", "in common".
TOGETHER = frozenset("both each all same common".split())
ARTICLE_WORDS = frozenset("article articles story stories report reports".split())
COUNTRY_WORDS = frozenset("country countries nation nations".split())


def in_common(data: Dataset, q: Question) -> Answer | None:
    """Answer what principals or articles share, or None if the question asks nothing such."""
    words = set(q.tokens)
    if not words & TOGETHER or q.intent not in ("who", "which", "what", "confirm"):
        return None
    named = list(dict.fromkeys(v for k, v, _ in q.spans if k == "principal"))
    if len(named) >= 2 and q.focus == "meeting":
        held = {h.name: h for h in hosts_of(data.meetings)}
        chosen = [held[n] for n in named if n in held]
        return _met_by_all(data, chosen, q.intent == "confirm") if len(chosen) >= 2 else None
    if not q.spans and words & ARTICLE_WORDS and words & COUNTRY_WORDS and q.intent != "confirm":
        return _in_every_article(data)
    return None


def _met_by_all(data: Dataset, hosts: list[Host], claim: bool) -> Answer:
    """Return the countries whose leaders every one of the principals met."""
    shared = [
        c
        for c in dict.fromkeys(m.country for m in hosts[0].meetings)
        if all(any(m.country == c for m in h.meetings) for h in hosts[1:])
    ]
    who = join([h.name for h in hosts])
    items = [(m, None) for h in hosts for m in h.meetings if m.country in shared]
    if not shared:
        met = "; ".join(f"{h.name} met {_names(h.meetings)}" for h in hosts)
        text = f"{who} met no country's leaders in common: {met}."
        return fact(data, verdict(False, text) if claim else text, [])
    leaders = {
        c: [m.leader.name for h in hosts for m in h.meetings if m.country == c] for c in shared
    }
    parts = [f"{say.country(c)} ({'; '.join(leaders[c])})" for c in shared]
    text = f"{who} both met leaders of {join(parts)}."
    return fact(data, verdict(True, text) if claim else text, items)


def _in_every_article(data: Dataset) -> Answer | None:
    """Return the countries every article names as a principal's or a counterpart's."""
    articles = list(dict.fromkeys(m.article for m in data.meetings))
    if len(articles) < 2:
        return None
    per = [
        {c for m in data.meetings if m.article == a for c in (m.country, m.host.country)}
        for a in articles
    ]
    order = dict.fromkeys(c for m in data.meetings for c in (m.host.country, m.country))
    shared = [c for c in order if all(c in s for s in per)]
    if not shared:
        return fact(data, "No country figures in every article.", [])
    items = [(m, None) for m in data.meetings if m.country in shared]
    named = join([say.country(c) for c in shared])
    every = "both" if len(articles) == 2 else f"all {len(articles)}"
    text = f"{say.countries(len(shared))} figure in {every} articles"
    return fact(data, f"{text}, as a host or a counterpart: {named}.", items)


def _names(meetings: tuple[Meeting, ...]) -> str:
    return join([say.country(m.country) for m in meetings])
