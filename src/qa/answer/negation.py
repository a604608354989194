"""List the meetings that lack what a question denies, or say the article names no such."""

from __future__ import annotations

from dataclasses import replace

from qa.answer import agency
from qa.answer.realise import lists
from qa.answer.realise.verdict import yes
from qa.answer.result import Answer, fact, none
from qa.answer.scope import FOCUS_FIELDS, Scope, filtered
from qa.data.records import Dataset
from qa.understand.operators import NEGATIONS
from qa.understand.plan import Plan
from qa.understand.text import stem

# "Did any ...", "were there any ...": a claim that some meeting holds.
ANY = frozenset({"any", "anyone", "anybody"})


def lacking(data: Dataset, plan: Plan, scope: Scope) -> Answer:
    """List the meetings that lack what the question denies ("did not give money")."""
    field = FOCUS_FIELDS.get(plan.relation or "")
    if (
        plan.relation == "meeting"
        and not (plan.scope.topics or plan.scope.dates)
        and not denies_title(plan)
    ):
        # "Which leaders (prime ministers) did he not meet?": the article names only
        # those he met; their sentences' "meet" is no act done to some and not others.
        return none(lists.only_met(scope.meetings))
    if not (field or plan.scope.topics or plan.scope.dates or plan.scope.titles):
        # "Which leaders did Hun Sen not thank?": an act no record holds, told by who
        # does it to whom in each meeting's own sentences.
        role = agency.asked_role(plan.wording.tokens, agency.name_keys(data))
        acted = agency.which(data, scope.meetings, role, True) if role else None
        return acted or none(lists.only_met(scope.meetings))
    # "Which did not discuss demining and health?": those that discussed neither.
    kept = {id(m) for m in filtered(scope, replace(plan, every_topic=False))}
    left = [m for m in scope.meetings if id(m) not in kept]
    text = lists.lacking(
        left,
        len(scope.meetings),
        relation=plan.relation,
        topics=plan.scope.topics,
        dates=plan.scope.dates,
        titles=plan.scope.titles,
    )
    return fact(data, text, [(m, None) for m in left]) if left else none(text)


def any_lacking(data: Dataset, plan: Plan, scope: Scope) -> Answer | None:
    """Answer "were there any meetings without an agreement?": Yes, naming them, or No."""
    if not (plan.negated and not scope.named and plan.relation in FOCUS_FIELDS):
        return None
    if not ANY & set(plan.wording.tokens):
        return None
    found = lacking(data, plan, scope)
    return replace(found, text=yes(found.text)) if found.answered else found


def denies_title(plan: Plan) -> bool:
    """Tell whether the question's "not" falls on an office ("weren't presidents"), not a verb."""
    offices = {stem(w) for t in plan.scope.titles for w in t.casefold().split()}
    said = plan.wording.tokens
    return any(
        (t in NEGATIONS or (t == "t" and i and said[i - 1].endswith("n")))
        and any(stem(w) in offices for w in said[i + 1 : i + 3])
        for i, t in enumerate(said)
    )
