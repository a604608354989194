"""Answer what title, rank or office a leader holds, from the leader records."""

from __future__ import annotations

from dataclasses import replace

from qa.answer.agency import AUXILIARIES, NOT
from qa.answer.realise import sentence as say
from qa.answer.result import Answer, fact, sources_for
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
    # The office comes from the principal's record; the paragraph naming him first bears it.
    said = [p.number for p in data.article(m.article).paragraphs if m.host.name in p.text][:1]
    found = fact(data, text, [(m, None)])
    return replace(found, sources=tuple(sources_for(data, m.article, said))) if said else found
