"""Wire data, index, parser and templates into one Engine with conversation context."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from qa.answer import common, hosts
from qa.answer.execute import Executor
from qa.answer.fallback import Fallback
from qa.answer.passage import Passages, refusal
from qa.answer.realise.page import shorten
from qa.answer.result import Answer, none
from qa.data.records import Dataset
from qa.errors import QuestionError
from qa.followup import follow_up
from qa.guide import examples
from qa.search.index import Index
from qa.search.store import load_index
from qa.understand.cues import FOCUS_CUES, QUESTION_WORDS, SUPERLATIVES
from qa.understand.lexicon import Lexicon
from qa.understand.operators import MEETING_WORDS, OPERATOR_WORDS
from qa.understand.parse import Parser, Question
from qa.understand.plan import Plan, make_plan
from qa.understand.talk import talk_words, without_remark
from qa.understand.text import stem, words
from qa.understand.vocabulary import Vocabulary

if TYPE_CHECKING:
    from qa.library import Library

MAX_QUESTION_LENGTH = 300


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
        compared = None
        if self.library is None:
            compared = hosts.compare(self.data, q) or common.in_common(self.data, q)
        if compared is not None:
            return compared, replace(context, answer=compared)
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
                plan = _others_than(plan, context.last, context.answer)
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
        if len(answer.subjects) > 1:
            answer = replace(answer, subjects=_as_shown(answer.subjects, answer.text))
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


def _others_than(plan: Plan, last: Plan, shown: Answer) -> Plan:
    """Leave the meetings just shown out of "who else ...?": the others are asked for.

    Only a question after people or countries (who, which, how many) that names none of
    its own, on the last turn's topic if it had one ("who else discussed trade?" after
    a list on demining asks for all); "what else ...?" asks past the facts shown instead.
    """
    if plan.wanted not in ("entity", "list", "count") or plan.scope.names or not shown.answered:
        return plan
    if not shown.subjects or plan.excluded.names:
        return plan
    if last.scope.topics and set(last.scope.topics) != set(plan.scope.topics):
        return plan
    excluded = replace(plan.excluded, countries=shown.subjects)
    return replace(plan, excluded=excluded, operators=plan.operators | {"except"})


def _as_shown(subjects: tuple[str, ...], text: str) -> tuple[str, ...]:
    """Return the countries in the order the answer names them: "the second one" is the
    second shown. Their own order stays when the text does not name each of them.
    """
    at: dict[str, int] = {}
    for s in subjects:
        found = re.search(rf"\b{re.escape(s)}\b", text)
        if found is None:
            return subjects
        at[s] = found.start()
    return tuple(sorted(subjects, key=at.__getitem__))


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
