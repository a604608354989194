"""Resolve a follow-up against the previous turn: pronouns, ellipsis, picks from a list."""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

from qa.answer.result import Answer
from qa.data.records import Dataset, Request
from qa.understand import ellipsis
from qa.understand.cues import QUESTION_WORDS
from qa.understand.frame import points_at_last
from qa.understand.operators import CONTRAST
from qa.understand.parse import Question
from qa.understand.plan import Plan
from qa.understand.readings import SUM_WORDS
from qa.understand.text import stem, words

HE_SHE = frozenset(["he", "she", "him", "her", "his", "hers"])
PRONOUNS = HE_SHE | frozenset(["they", "them", "their", "it", "that", "those", "these", "this"])


def follow_up(
    q: Question,
    plan: Plan,
    prev: Plan,
    answer: Answer | None,
    data: Dataset,
    listed: tuple[str, ...] = (),
) -> Question:
    """Resolve a follow-up against the previous turn ("And Canada?", "How much?").

    A pronoun ("they", "she", "which of them") stands for what the last answer was about,
    when it was about particular meetings; otherwise for what the last question named.
    `plan` is the question's own plan, whose scope leaves out the names it sets aside;
    `listed` the last list of several meetings the conversation showed.
    """
    home = {p.country for p in data.principals}
    own = plan.scope
    q = replace(q, focus=plan.relation)
    if q.focus is None and prev.relation == "money" and SUM_WORDS & set(q.tokens):
        # "What's the average?", "and the total?", "what share was that?" after money.
        total = q.intent in ("what", "which") and "total" in q.tokens
        q = replace(q, focus="money", intent="total" if total else q.intent)
    # A meeting a date is measured from ("the same day as Albanese") is named too.
    named = bool(set(own.countries) - home or own.leaders or set(plan.anchor) - home)
    asks_else = "else" in q.tokens
    subjects = answer.subjects if answer is not None and answer.answered else ()
    stems = {stem(t) for t in q.tokens}
    if named and subjects and PRONOUNS & set(q.tokens) and CONTRAST & stems:
        # "Compare it with Canada": the meeting just shown beside the one named.
        return replace(q, countries=tuple(dict.fromkeys((*subjects, *q.countries))))
    if not named and (ellipsis.whole_scope(q) or ellipsis.own_scope(q, plan)):
        # "How many did he meet in total?", "who did he see on the 12th?": nothing to carry
        # but the kind of fact ("what was the total?" after a pledge is a total of pledges).
        if q.focus is None and q.intent in ("amount", "total"):
            q = replace(q, focus=prev.relation)
        elif q.focus is None and plan.has("total") and prev.shape in ("amount", "total"):
            q = replace(q, intent="total", focus=prev.relation)
        return q
    if not named and (subjects or listed):
        # After "who came first?", a bare "and the last?" asks the other end of the order.
        bare = not prev.operators & ORDERING
        picked = _picked(q, subjects if len(subjects) > 1 else listed, bare)
        if picked is not None:
            return picked
    if not named and plan.operators & ORDERING and _ranks_all(q):
        # "Who did he meet last?" after one meeting ranks the summit's meetings, as asked
        # alone: ranking the one meeting carried would only repeat it.
        return q
    if not named and subjects:
        if not q.dates and ellipsis.DAY_BACK & set(pairwise(q.tokens)):
            return ellipsis.same_day_as(q, subjects)
        found = ellipsis.others(q, subjects) or ellipsis.in_time(q, subjects)
        if found is not None:
            return found
    if not named:
        found = ellipsis.denied(q, plan, prev) or ellipsis.between_listed(q, prev, listed)
        if found is not None:
            return found
    elliptical = len(q.terms) <= 1 and q.intent not in ("total", "which")
    if not named and _set_aside(q, answer):
        return q
    if not named and (q.refers_back or (elliptical and not own.specific)):
        countries, leaders = prev.scope.countries, prev.scope.leaders
        subjects = answer.subjects if answer is not None else ()
        # The answer's meetings replace the question's filters: "which of them" after a
        # list of the 12th's meetings means those meetings, not everything on the 12th.
        by_answer = bool(PRONOUNS & set(q.tokens) and subjects and set(subjects) != set(countries))
        if _asked_by_principal(q, answer):
            # "Who else did he ask for a bridge?" after Hun Sen's request: he is the asker.
            return replace(q, principal=True, refers_back=True, focus=q.focus or prev.relation)
        if by_answer:
            countries, leaders = subjects, ()
        if q.superlative and len(countries) + len(leaders) == 1 and _ranks_all(q):
            # "Who gave the most?" after Canada's pledge ranks every meeting: ranking the one
            # carried would only repeat it. The kind of fact still carries.
            countries, leaders = (), ()
        q = replace(
            q,
            countries=countries,
            leaders=leaders,
            # "he"/"she" is the counterpart the last turn was about, not the principal again.
            principal=q.principal
            or (prev.scope.principal and not by_answer and not HE_SHE & set(q.tokens)),
            # "What else ...?" asks past the last topic, not about it again.
            # Nor does ordering the answer's meetings ("which of those came first?") filter
            # them by its topic again: a topic filter would take the question from dates.
            topics=q.topics
            or (
                prev.scope.topics
                if (q.focus is None or by_answer)
                and "else" not in q.tokens
                and not (by_answer and plan.operators & ORDERING)
                else ()
            ),
            dates=q.dates or (prev.scope.dates if not by_answer else ()),
            refers_back=True,
        )
        if not own.topics:  # topics carried over keep how they were joined
            q = replace(q, any_topic=not prev.every_topic)
        if q.focus is None and q.intent in ("when", "amount", "count", "total", "confirm"):
            q = replace(q, focus=prev.relation)
        elif q.focus is None and q.intent == "what" and (own.titles or q.superlative):
            # "And premiers?" after "which of them are presidents?", "and the least?" after
            # "who gave the most?": the same question of another title or the other end.
            q = replace(q, intent=prev.shape, focus=prev.relation)
        elif q.focus is None and ellipsis.same_fact(q, prev):
            # "What is it for?" after a pledge or an MoU: that fact, not the whole meeting.
            q = replace(q, focus=prev.relation)
        if HE_SHE & set(words(q.text)) and not q.leaders:
            leaders = tuple(m.leader.name for m in data.meetings if m.country in q.countries)
            q = replace(q, leaders=leaders)
    elif named and q.refers_back and q.focus is None and q.intent == "what" and not asks_else:
        # "What about Japan?" asks the last question of Japan; "what else did Japan do?"
        # asks past it.
        q = replace(
            q,
            intent=prev.shape,
            focus=prev.relation,
            topics=q.topics or prev.scope.topics,
            any_topic=q.any_topic if q.topics else not prev.every_topic,
            dates=q.dates or prev.scope.dates,
        )
    return q


# Operators that order meetings by date.
ORDERING = frozenset({"first", "last", "chronological"})
# "The second one", "the last meeting": one item of the last answer's list, by its place.
ORDINALS = {
    w: i for i, w in enumerate("first second third fourth fifth sixth seventh eighth ninth".split())
} | {"last": -1}
ONES = frozenset("one meeting country leader".split())
OF_THEM = frozenset("them those these".split())
# A follow-up made of nothing but its ordinal: "and the first?", "what about the last one?".
BARE_PICK = frozenset("and what about how the one".split())


def _picked(q: Question, subjects: tuple[str, ...], bare_ok: bool = True) -> Question | None:
    """Return the question about one meeting of the last answer's list it picks by place.

    The place comes before "one" ("the second one"), "of them" ("the first of those"), or
    alone in a bare follow-up ("and the first?").
    """
    if len(subjects) < 2:
        return None
    tokens = list(q.tokens)
    bare = bare_ok and set(tokens) <= BARE_PICK | ORDINALS.keys()
    for i, t in enumerate(tokens):
        if t not in ORDINALS:
            continue
        after = tokens[i + 1 : i + 3]
        if after[:1] and after[0] in ONES and not _qualified(tokens[i + 2 :]):
            words = {t, after[0]}
        elif (after[:1] == ["of"] and after[1:] and after[1] in OF_THEM) or (bare and not after):
            words = {t}
        else:
            continue
        at = ORDINALS[t]
        if at >= len(subjects):
            return None
        # The ordinal picks from the list; it asks for no first or last meeting.
        tokens[i] = ""
        return replace(
            q,
            countries=(subjects[at],),
            leaders=(),
            dates=(),
            tokens=tuple(tokens),
            terms=tuple(x for x in q.terms if x not in words),
            extra=tuple(x for x in q.extra if x not in words),
            unknown=tuple(w for w in q.unknown if w.casefold() not in words),
            anchors=tuple(w for w in q.anchors if w.casefold() not in words),
            refers_back=True,
        )
    return None


# Words opening what qualifies a ranked noun: "the last meeting of the summit", "the first
# leader he met", "the last country at the summit".
_QUALIFIERS = frozenset("of at in during on he she they hun that who which".split())
# A qualifier naming the last answer's list itself: "the last one on the list", "of them".
_LIST_WORDS = OF_THEM | {"list", "answer"}


def _set_aside(q: Question, answer: Answer | None) -> bool:
    """Tell whether a short question of its own leaves a refused turn's subject behind.

    After "the article doesn't say so about South Korea", "what was signed?" asks about
    the summit: that one subject was just found wanting. A bare "how much?" or one saying
    it leans back ("and what did they sign?") still asks about it.
    """
    if answer is None or answer.answered or points_at_last(q.tokens):
        return False
    return any(t not in QUESTION_WORDS for t in q.terms)


def _ranks_all(q: Question) -> bool:
    """Tell whether a question ordering meetings words its own ranking, pointing at no list.

    "Who did he meet first?" does; "and the last?", "which of the two came first?" do not.
    """
    bare = set(q.tokens) <= BARE_PICK | ORDINALS.keys() | ONES
    back = ellipsis.points_back(q.tokens) or bool(ellipsis.PAIR & set(q.tokens))
    return not bare and not back


def _qualified(rest: list[str]) -> bool:
    """Tell whether a ranked noun is qualified by words of its own, ranking beyond the list.

    "The last meeting of the summit" ranks every meeting, as asked alone; "the last one on
    the list" still picks from the last answer.
    """
    return bool(rest) and rest[0] in _QUALIFIERS and not _LIST_WORDS & set(rest)


def _asked_by_principal(q: Question, answer: Answer | None) -> bool:
    """Tell whether "he" asks after the principal: the last answer was his requests alone."""
    if answer is None or not answer.records or not HE_SHE & set(q.tokens) or q.leaders:
        return False
    return all(isinstance(r, Request) and not r.by for r in answer.records)
