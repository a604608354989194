"""Answer what title, rank or office a leader holds, from the leader records."""

from __future__ import annotations

import re
from dataclasses import replace

from qa.answer.agency import AUXILIARIES, NOT
from qa.answer.realise import sentence as say
from qa.answer.realise.refusal import unmentioned
from qa.answer.realise.verdict import verdict
from qa.answer.result import Answer, fact, none, sources_for
from qa.answer.scope import Scope
from qa.data.records import Dataset, Meeting, Person
from qa.understand.plan import Plan

# Words that ask for the office a person holds rather than for anything they did.
ROLE_WORDS = frozenset("title titles rank office role job post capacity".split())


_AUXILIARIES = frozenset({"do", "does", "did"})
_WH = frozenset({"what", "which", "whose"})


def _names_office(tokens: tuple[str, ...], i: int) -> bool:
    """Tell whether token `i` is a role noun, not a verb ("what did Trudeau post online?").

    After "did X" a role word that does not follow a wh-word is the question's verb.
    """
    if tokens[i] not in ROLE_WORDS:
        return False
    return i == 0 or tokens[i - 1] in _WH or not _AUXILIARIES & set(tokens[:i])


def as_host(data: Dataset, plan: Plan) -> Plan:
    """Read "Cambodia's prime minister" as the principal, not as a title his counterparts hold.

    Only when every country named is a principal's and every title named one of theirs.
    """
    s = plan.scope
    if plan.wanted == "yes/no" or not s.countries or not s.titles:
        return plan  # a claim of his office is checked as one (host_title_claim)
    hosts = {p.country: p for p in data.principals}
    if not set(s.countries) <= hosts.keys():
        return plan
    if not all(any(hosts[c].title == t for c in s.countries) for t in s.titles):
        return plan
    return replace(plan, scope=replace(s, countries=(), titles=(), principal=True))


def unheld(data: Dataset, plan: Plan) -> Answer | None:
    """Say the article names no such office of a principal's country ("Cambodia's president")."""
    s = plan.scope
    if plan.wanted == "yes/no" or len(s.countries) != 1 or not s.titles:
        return None
    host = next((p for p in data.principals if p.country == s.countries[0]), None)
    if host is None or host.title in s.titles or _held_in_text(data, host, s.titles):
        return None
    office = f"{say.indefinite(s.titles[0])} of {say.country(host.country)}"
    return none(unmentioned(f"{office}; {say.office(host)}"[:-1]))


def _held_in_text(data: Dataset, host: Person, titles: tuple[str, ...]) -> bool:
    """Tell whether the principal's article names someone else by one of these titles.

    "King Norodom Sihamoni" is in the text though no meeting records him: the question
    is then the passages' to answer. Counterparts met ("President Yoon") do not count.
    """
    met = {p.name for m in data.meetings for p in (m.leader, m.host)}
    met |= {w for name in met for w in name.split()}
    ids = {m.article for m in data.meetings if m.host == host}
    for title in titles:
        named = re.compile(rf"(?<![\w-]){re.escape(title)}\s+([A-Z][\w'’-]+)")
        for article in data.articles:
            if article.id in ids and any(
                found.group(1) not in met
                for p in article.paragraphs
                for found in named.finditer(p.text)
            ):
                return True
    return False


def role(data: Dataset, plan: Plan, scope: Scope) -> Answer | None:
    """Return the titles of the leaders a question names and asks the office of, or None."""
    if plan.wanted == "yes/no":
        return None
    if not any(_names_office(plan.wording.tokens, i) for i in range(len(plan.wording.tokens))):
        return _who_is_host(data, plan, scope)
    if plan.shape not in ("what", "which", "who"):
        return None
    pairs: list[tuple[Person, Meeting]] = []
    for m in scope.meetings:
        if m.leader.name in plan.scope.leaders:
            pairs.append((m.leader, m))
        alone = not set(plan.scope.countries) - {m.host.country}
        if plan.scope.principal and alone and m.host.name not in {p.name for p, _ in pairs}:
            pairs.append((m.host, m))
    if not pairs:
        return None
    text = " ".join(say.office(p) for p, _ in pairs)
    return fact(data, text, [(m, None) for _, m in pairs])


def _who_is_host(data: Dataset, plan: Plan, scope: Scope) -> Answer | None:
    """Answer "who is Hun Sen?", naming only the article's principal, with his office.

    Listing his meetings would tell what he did, not who he is; they follow in a line.
    """
    s = plan.scope
    named = s.countries or s.leaders or s.topics or s.dates or s.titles or s.amounts
    if plan.shape != "who" or plan.relation or plan.wording.extra or not s.principal or named:
        return None
    if set(plan.wording.tokens) & (AUXILIARIES | NOT):
        return None  # "who did Hun Sen ...?" asks whom he acted on, not who he is
    hosts = {m.host.name: m for m in reversed(scope.meetings)}
    if len(hosts) != 1:
        return None
    (m,) = hosts.values()
    met = len({x.country for x in scope.meetings})
    text = (
        f"{say.office(m.host)} The article reports {m.host.name}'s meetings with the "
        f"leaders of {say.countries(met)}."
    )
    return host_fact(data, m, text)


def host_fact(data: Dataset, m: Meeting, text: str) -> Answer:
    """Return an answer about the principal of m's article, cited from where he is named.

    The office comes from the principal's record; the paragraph naming him first bears it.
    """
    said = [p.number for p in data.article(m.article).paragraphs if m.host.name in p.text][:1]
    found = fact(data, text, [(m, None)])
    return replace(found, sources=tuple(sources_for(data, m.article, said))) if said else found


def host_title_claim(data: Dataset, plan: Plan) -> Answer | None:
    """Check "is Hun Sen a president?" (or "Cambodia's prime minister") against his office."""
    s = plan.scope
    if plan.wanted != "yes/no" or not (s.principal and s.titles) or s.leaders or plan.relation:
        return None
    hosts = {
        m.host.name: m for m in data.meetings if m.host.country in s.countries or not s.countries
    }
    if len(hosts) != 1:
        return None
    (m,) = hosts.values()
    holds = m.host.title in s.titles
    return host_fact(data, m, verdict(holds != plan.negated, say.office(m.host)))
