"""Wire data, index, parser and templates into one Engine with conversation context."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from functools import cache, cached_property
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from qa.answer.execute import Executor
from qa.answer.fallback import Fallback
from qa.answer.passage import Passages, refusal
from qa.answer.realise.page import shorten
from qa.answer.result import Answer, none
from qa.data.records import Dataset
from qa.errors import QuestionError
from qa.guide import examples
from qa.search.index import Index
from qa.search.store import load_index
from qa.understand import ellipsis
from qa.understand.cues import FOCUS_CUES, QUESTION_WORDS, SUPERLATIVES
from qa.understand.frame import points_at_last
from qa.understand.lexicon import Lexicon
from qa.understand.parse import Parser, Question
from qa.understand.plan import MEETING_WORDS, OPERATOR_WORDS, Plan, make_plan
from qa.understand.talk import talk_words, without_remark
from qa.understand.text import stem, words
from qa.understand.vocabulary import Vocabulary

if TYPE_CHECKING:
    from qa.library import Library

MAX_QUESTION_LENGTH = 300
HE_SHE = frozenset(["he", "she", "him", "her", "his", "hers"])
PRONOUNS = HE_SHE | frozenset(["they", "them", "their", "it", "that", "those", "these", "this"])


@dataclass(frozen=True, slots=True)
class Context:
    """What a conversation remembers between turns: the last plan and the answer it got."""

    last: Plan | None = None
    # The id of the article the conversation is pinned to (REPL `:article`, bot option).
    article: str | None = None
    answer: Answer | None = None
    # The articles the last answer came from; a follow-up stays with them.
    articles: tuple[str, ...] = ()
    # When the last answer joined several articles' answers: each article's own context,
    # so that a follow-up there ("Who led that country's delegation?") reads its own part.
    parts: tuple[tuple[str, Context], ...] = ()
    # The last list of several meetings an answer gave, by country: "the second of them"
    # picks from it while the turns after it keep referring back.
    listed: tuple[str, ...] = ()


class Engine:
    """Answer questions about the articles in one data folder."""

    def __init__(
        self, data: Dataset, index: Index | None = None, known: set[str] | None = None
    ) -> None:
        self.data = data
        self.index = index or Index.build([p for a in data.articles for p in a.paragraphs])
        if known is None:
            known = set(self.index.vocab) | question_vocabulary()
        self.known = known
        # A stored dataset offers its names without reading every meeting.
        names_only = getattr(data.meetings, "names_only", None)
        named = replace(data, meetings=names_only()) if names_only else data
        routes = getattr(data.meetings, "routes", None)
        lexicon = Lexicon(named, known, routes.parts if routes else None)
        self.parser = Parser(lexicon, Vocabulary(self.index.vocab, data.synonyms, lexicon.known))
        passages = Passages(data, self.index)
        self.executor = Executor(data, passages)
        self.fallback = Fallback(data, passages)
        self.library: Library | None = None
        if len(data.articles) > 1:
            from qa.library import Library

            self.library = Library(data, self.index, self)

    @cached_property
    def nudge(self) -> str:
        """Return the reply to a question naming nothing, with examples from this data."""
        hint = " or ".join(f"\u201c{e}\u201d" for e in examples(self.data, 2))
        reply = "The article doesn't say. Try asking about a country, a leader or a topic"
        return f"{reply}{', for example ' + hint if hint else ''}."

    @classmethod
    def from_folder(cls, folder: Path) -> Engine:
        """Load and validate a data folder; use its stored dataset and index when up to date."""
        from qa.data.store import load_stored, settled
        from qa.search.store import INDEX_DIR

        with settled():
            data = load_stored(folder, folder / INDEX_DIR) or _load_yaml(folder)
            return cls(data, load_index(folder, data))

    def ask(self, text: str, context: Context | None = None) -> tuple[Answer, Context]:
        """Answer one question in a conversation; return the answer and the next context."""
        # The cap applies to the text as read: NFKC can expand one character into 18, or
        # join a letter and its accent into one; far past the cap, no need to normalise.
        size = len(text)
        if not text.isascii() and size <= 4 * MAX_QUESTION_LENGTH:
            size = len(unicodedata.normalize("NFKC", text))
        if size > MAX_QUESTION_LENGTH:
            raise QuestionError(
                f"question is {size} characters long; the limit is {MAX_QUESTION_LENGTH}"
            )
        if not text.strip():
            raise QuestionError("question is empty")
        text = without_remark(text)
        context = context or Context()
        page = context.answer
        if page is not None and page.more and wants_more(text):
            rest = replace(page, text=page.more[0], more=page.more[1:])
            return rest, replace(context, answer=rest)
        if self.library is not None:
            return self.library.ask(text, context)
        return self.answer(text, context)

    def answer(self, text: str, context: Context) -> tuple[Answer, Context]:
        """Answer a checked question from every article of this engine's dataset at once."""
        q = self.parser.parse(text)
        pinned = context.article if context else None
        articles = (pinned,) if pinned else ()
        plan = make_plan(q, articles)
        asked = plan.scope.countries or plan.scope.leaders
        if plan.talk is None and context is not None and context.last is not None:
            # Names a plan sets aside ("before the sultan's meeting") do not make the
            # question self-contained; what it leaves unnamed comes from the last turn.
            q = follow_up(q, plan, context.last, context.answer, self.data, context.listed)
            plan = make_plan(q, articles)
            if "else" in q.tokens and context.answer is not None:
                plan = replace(plan, told=context.answer.records)
        bare = not q.terms and not plan.scope.specific and q.focus is None
        if plan.talk is None and bare and not (plan.anchor or plan.excluded.names):
            answer = none(self.nudge)
            if q.refers_back and context.answer is not None and context.answer.answered:
                # A bare "why?" asks about the last answer, in its paragraphs.
                answer = self.fallback.retry(q, plan, context.last, context.answer, answer)
        else:
            found = self.executor.run(plan)
            # Small talk ("what is the article about?") answers itself, never the last turn.
            talk = plan.talk is not None
            if not talk and self.fallback.strays(q, plan, context.last, context.answer, found):
                found = none(refusal(plan.wording))
            if not found.answered:
                # One meeting picked from the last list ("the last one") is looked up in its
                # own paragraphs, not in those the whole list was answered from.
                shown = context.answer
                if shown is not None and set(q.countries) < set(shown.subjects):
                    shown = None
                found = self.fallback.retry(q, plan, context.last, shown, found)
            answer = shorten(found)
        if plan.talk is not None and context.last is not None:
            # Small talk and questions about the article leave the conversation where it
            # was: "what about New Zealand?" after "who wrote this?" asks the turn before.
            return answer, replace(context, article=pinned)
        listed = _listed(q, answer, context, asked, self.data)
        return answer, Context(plan, pinned, answer, listed=listed)


def _listed(
    q: Question, answer: Answer, context: Context, asked: tuple[str, ...], data: Dataset
) -> tuple[str, ...]:
    """Return the meetings "the second one" or "the two" will mean after this turn.

    An answer about several meetings lists them; "and Japan?" after a turn about Canada
    adds to what the conversation has gone through ("which is bigger?" then weighs both).
    """
    subjects = answer.subjects if answer.answered else ()
    if len(subjects) > 1:
        return subjects
    if not q.refers_back:
        return ()
    if not asked:
        return context.listed
    before = context.listed or (context.answer.subjects if context.answer is not None else ())
    named = subjects or q.countries
    if not named and q.leaders:
        named = tuple(m.country for m in data.meetings if m.leader.name in q.leaders)
    return tuple(dict.fromkeys((*before, *named)))


def _load_yaml(folder: Path) -> Dataset:
    from qa.data.dataset import load_dataset  # a stored dataset needs no YAML parser

    return load_dataset(folder)


@cache
def question_vocabulary() -> frozenset[str]:
    """Return the stems every question may use whatever the articles say (cues, small talk)."""
    known = set(QUESTION_WORDS) | {c for cues in FOCUS_CUES.values() for c in cues}
    known |= OPERATOR_WORDS | MEETING_WORDS | {stem(w) for w in (*talk_words(), *SUPERLATIVES)}
    return frozenset(known)


# A reply asking for the rest of a shortened answer ("more", "go on", "tell me more").
MORE_WORDS = frozenset("more go on continue please tell me show the rest next and yes ok".split())


def wants_more(text: str) -> bool:
    """Tell whether a reply asks for the next page of the last answer."""
    said = set(words(text))
    return (
        bool(said)
        and said <= MORE_WORDS
        and bool(said & {"more", "continue", "rest", "next", "on"})
    )


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
    named = bool(set(own.countries) - home or own.leaders)
    subjects = answer.subjects if answer is not None and answer.answered else ()
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
        if not q.dates and DAY_BACK & set(pairwise(q.tokens)):
            return _same_day(q, subjects)
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
    elif named and q.refers_back and q.focus is None and q.intent == "what":
        q = replace(
            q,
            intent=prev.shape,
            focus=prev.relation,
            topics=q.topics or prev.scope.topics,
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
# "That day", "the same date": the day of the meetings the last answer was about.
DAY_BACK = frozenset((a, b) for a in ("that", "same") for b in ("day", "date"))


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


def _same_day(q: Question, subjects: tuple[str, ...]) -> Question:
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
