"""Read follow-ups leaning on the last answer: "which didn't?", "the others", "after that"."""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

from qa.understand.cues import QUESTION_WORDS
from qa.understand.operators import AFTER, BEFORE, LESS, MORE
from qa.understand.parse import Question
from qa.understand.plan import Plan

# Words by which a question names its whole scope ("how many did he meet in total?").
WHOLE = frozenset("total overall altogether all every each everyone everybody whole entire".split())
# The gathering the meetings took place at: "when was the summit?" asks about all of it.
_GATHERING = frozenset("summit summits conference event".split())
# Quantifiers binding a later "their": "each leader and their country" points at no answer.
_EACH = frozenset({"each", "every"})
# Words pointing back at the last answer's items ("all of them", "what did they give in all").
BACK = frozenset("they them their it that this those these both either".split())
# Pronouns for a person: "who did he meet there?" may mean the last answer's leader.
_PERSONAL = frozenset("he she him her his hers".split())
# The last answer's items by place or by what is left ("the others", "the rest").
OTHERS = frozenset({"others", "rest"})
_OTHER_ONES = frozenset("ones countries leaders meetings".split())
# "And then?", "what next?": the meeting after the last answer's, the nearest one.
_NEXT = frozenset({"next", "then"})
# Words a bare follow-up opens with or is built from ("and which ones did not?").
_FRAME = frozenset(
    """and so then what which who whom how about the ones one did do does not didn t
    doesn didnt doesnt never no countries country leaders leader meetings nations people
    of""".split()
)


def whole_scope(q: Question) -> bool:
    """Tell whether a question names its own whole scope: "in total", "all his meetings".

    "How many leaders did he meet there?" points at the summit, not at a meeting.
    """
    tokens = set(q.tokens)
    if points_back(q.tokens):
        return False
    there = "there" in tokens and q.intent in ("count", "which", "who")
    gathering = any(a == "the" and b in _GATHERING for a, b in pairwise(q.tokens))
    return (
        bool(WHOLE & tokens) or gathering or (there and not _PERSONAL & tokens) or _counterparts(q)
    )


# Nouns for the meetings' counterparts as a set: "which countries", "how many leaders".
_COUNTERPARTS = frozenset("countries nations leaders people meetings".split())


def _counterparts(q: Question) -> bool:
    """Tell whether a question lists or counts counterparts with no word for the last list.

    "How many countries did he meet?" after a turn about India asks about the summit: a
    "he" is one person, not the last answer's set of meetings. "Which countries didn't?"
    is made of nothing but its frame, and "other" sets the last answer's aside.
    """
    said = set(q.tokens)
    if said <= _FRAME or {"other", "else"} & said or OTHERS & said:
        return False  # "which countries didn't?", "how many other leaders?" lean back
    return q.intent in ("count", "which") and bool(_COUNTERPARTS & said or q.titles)


# Words a relative clause hangs on: "the ones that gave", "every country that signed".
_HEADS = frozenset(
    """ones one countries country leaders leader meetings meeting nations nation people
    everyone everybody all those these""".split()
)
# Words opening a relative clause after "those": "all those he met", "those who gave".
_RELATIVE = frozenset("that who whom which he she they hun".split())


def points_back(tokens: tuple[str, ...]) -> bool:
    """Tell whether a question points back at the last answer ("all of them", "those").

    A "that" opening a relative clause ("the ones that gave money") and a "those" it
    qualifies ("all those he met") point at nothing said before, nor does a "their" an
    "each" binds ("each leader and their country"); "of those, who ...?" still does.
    """
    for i, (before, t, after) in enumerate(
        zip(("", *tokens), tokens, (*tokens[1:], ""), strict=False)
    ):
        if t not in BACK:
            continue
        if t == "that" and before in _HEADS:
            continue
        if t in ("those", "these") and after in _RELATIVE and before != "of":
            continue
        if t == "their" and _EACH & set(tokens[:i]):
            continue
        return True
    return False


def own_scope(q: Question, plan: Plan) -> bool:
    """Tell whether a question asking who or how many names its own day ("on the 12th")."""
    return (
        bool(plan.scope.dates)
        and q.intent in ("who", "which", "count")
        and not points_back(q.tokens)
    )


def others(q: Question, subjects: tuple[str, ...]) -> Question | None:
    """Return "and the others?" as the last question over the meetings the answer left out."""
    tokens = list(q.tokens)
    pairs = set(pairwise(tokens))
    if not (OTHERS & set(tokens) or any(a == "other" and b in _OTHER_ONES for a, b in pairs)):
        return None
    if q.topics or q.dates or len(q.terms) > 2:
        return None
    # The answer's meetings are named after an "except", in a word of their own, as if
    # the question had said so.
    at = len(tokens) + 1
    return replace(
        q,
        intent="which" if q.focus is None and q.intent == "what" else q.intent,
        countries=subjects,
        leaders=(),
        tokens=(*tokens, "except", ""),
        spans=(*q.spans, *(("country", c, at) for c in subjects)),
        refers_back=True,
    )


def in_time(q: Question, subjects: tuple[str, ...]) -> Question | None:
    """Return "and after that?" as the question about the meetings next after the answer's."""
    tokens = list(q.tokens)
    cue = next(
        (
            i
            for i, t in enumerate(tokens)
            if t in AFTER | BEFORE and (i + 1 == len(tokens) or tokens[i + 1] in BACK)
        ),
        None,
    )
    bare = set(tokens) <= _FRAME | _NEXT
    if cue is None and not (bare and _NEXT & set(tokens)):
        return None
    if q.dates or len(q.terms) > 3:
        return None
    if cue is not None:
        tokens = [t if not (i > cue and t in BACK) else "" for i, t in enumerate(tokens)]
    else:
        tokens.append("after")
    # The nearest meetings only: "after that" in a story is what came next. The answer's
    # meetings are named in a word of their own at the end.
    tokens += ["next", ""]
    at = len(tokens) - 1
    return replace(
        q,
        countries=subjects,
        leaders=(),
        tokens=tuple(tokens),
        spans=(*q.spans, *(("country", c, at) for c in subjects)),
        refers_back=True,
    )


def denied(q: Question, plan: Plan, prev: Plan) -> Question | None:
    """Return "which didn't?" as the last question denied ("which countries did not give?")."""
    if not plan.negated or prev.negated or prev.talk is not None:
        return None
    if q.topics or q.dates or q.focus is not None or not set(q.tokens) <= _FRAME:
        return None
    if prev.relation is None and not prev.scope.topics:
        return None
    return replace(
        q,
        intent="which",
        focus=prev.relation,
        topics=prev.scope.topics,
        principal=prev.scope.principal,
        refers_back=True,
    )


# A fact the last answer gave, pointed at as one thing ("what is it for?", "what was that?").
_IT = frozenset("it that this".split())
# The kinds of fact a single pronoun can stand for; a meeting is no one fact.
_FACTS = frozenset("money agreement request position quote".split())


def same_fact(q: Question, prev: Plan) -> bool:
    """Tell whether a question with no words of its own asks about the last answer's fact."""
    tokens = set(q.tokens)
    # "What for?", "for what?": the purpose of the fact just given, with no pronoun.
    bare_for = tokens <= {"what", "for", "and", "so"} and "for" in tokens
    return (
        prev.relation in _FACTS
        and q.intent == "what"
        and bool(_IT & tokens or bare_for)
        and not {"more", "else"} & tokens
        and all(t in QUESTION_WORDS for t in q.terms)
    )


# Words pointing at the two or more meetings the last turns were about ("the two", "both").
PAIR = frozenset("two both either neither".split())


def between_listed(q: Question, prev: Plan, listed: tuple[str, ...]) -> Question | None:
    """Return "which of the two ...?" or "which is bigger?" over the meetings just listed."""
    tokens = list(q.tokens)
    said = set(tokens)
    weighs = bool((MORE | LESS) & said) and "than" not in said
    if len(listed) < 2 or not (PAIR & said or weighs):
        return None
    if weighs and "or" not in said:
        tokens.append("or")  # "which is bigger?" chooses between the two named before
    at = len(tokens)
    return replace(
        q,
        focus=q.focus or (prev.relation if weighs else None),
        countries=listed,
        leaders=(),
        tokens=tuple(tokens),
        spans=(*q.spans, *(("country", c, at) for c in listed)),
        refers_back=True,
    )


# "That day", "the same date": the day of the meetings the last answer was about.
DAY_BACK = frozenset((a, b) for a in ("that", "same") for b in ("day", "date"))


def same_day_as(q: Question, subjects: tuple[str, ...]) -> Question:
    """Return the question about the day of the last answer's meetings ("anyone else that day?")."""
    tokens = list(q.tokens)
    for i, (t, nxt) in enumerate(pairwise(tokens)):
        if (t, nxt) in DAY_BACK:
            tokens[i] = "same"
    # The last answer's meetings are the anchor the day is measured from, named past the end.
    spans = tuple(("country", c, len(tokens)) for c in subjects)
    return replace(
        q,
        countries=subjects,
        leaders=(),
        tokens=tuple(tokens),
        spans=(*q.spans, *spans),
        refers_back=True,
    )
