"""Wire data, index, parser and templates into one Engine with conversation context."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from qa.answer.passage import Passages
from qa.answer.result import Answer, none
from qa.answer.templates import Templates
from qa.data.dataset import load_dataset
from qa.data.records import Dataset
from qa.errors import QuestionError
from qa.guide import examples
from qa.search.index import Index
from qa.search.store import load_index
from qa.understand.lexicon import Lexicon
from qa.understand.parse import FOCUS_CUES, QUESTION_WORDS, Parser, Question
from qa.understand.text import words

if TYPE_CHECKING:
    from qa.library import Library

MAX_QUESTION_LENGTH = 300
HE_SHE = frozenset(["he", "she", "him", "her", "his", "hers"])


@dataclass(frozen=True, slots=True)
class Context:
    """What a conversation remembers between turns: the last resolved question."""

    last: Question | None = None
    # The id of the article the conversation is pinned to (REPL `:article`, bot option).
    article: str | None = None
    # The articles the last answer came from; a follow-up stays with them.
    articles: tuple[str, ...] = ()


class Engine:
    """Answer questions about the articles in one data folder."""

    def __init__(
        self, data: Dataset, index: Index | None = None, known: set[str] | None = None
    ) -> None:
        self.data = data
        paragraphs = [p for a in data.articles for p in a.paragraphs]
        self.index = index or Index.build(paragraphs)
        if known is None:
            known = set(self.index.vocab) | QUESTION_WORDS
            known |= {c for cues in FOCUS_CUES.values() for c in cues}
        self.known = known
        self.parser = Parser(Lexicon(data, known))
        self.templates = Templates(data, Passages(data, self.index))
        self.library: Library | None = None
        if len(data.articles) > 1:
            from qa.library import Library

            self.library = Library(data, self.index, self)

    @classmethod
    def from_folder(cls, folder: Path) -> Engine:
        """Load and validate a data folder; use its stored index when it is up to date."""
        data = load_dataset(folder)
        return cls(data, load_index(folder, data))

    def ask(self, text: str, context: Context | None = None) -> tuple[Answer, Context]:
        """Answer one question in a conversation; return the answer and the next context."""
        if len(text) > MAX_QUESTION_LENGTH:
            raise QuestionError(
                f"question is {len(text)} characters long; the limit is {MAX_QUESTION_LENGTH}"
            )
        if not text.strip():
            raise QuestionError("question is empty")
        context = context or Context()
        if self.library is not None:
            return self.library.ask(text, context)
        return self.answer(text, context)

    def answer(self, text: str, context: Context) -> tuple[Answer, Context]:
        """Answer a checked question from every article of this engine's dataset at once."""
        q = self.parser.parse(text)
        previous = context.last if context else None
        if previous is not None:
            q = follow_up(q, previous, self.data)
        if not q.terms and not q.has_subject and q.focus is None:
            hint = " or ".join(f"\u201c{e}\u201d" for e in examples(self.data, 2))
            reply = "The article doesn't say. Try asking about a country, a leader or a topic"
            reply = f"{reply}{', for example ' + hint if hint else ''}."
            return none(reply, q), Context(q, context.article)
        answer = self.templates.answer(q)
        return answer, Context(q, context.article)


def follow_up(q: Question, prev: Question, data: Dataset) -> Question:
    """Resolve a follow-up question against the previous turn ("And Canada?", "How much?")."""
    named = bool(q.countries or q.leaders)
    elliptical = len(q.terms) <= 1 and q.intent not in ("total", "which")
    if not named and (q.refers_back or (elliptical and not q.has_subject)):
        q = replace(
            q,
            countries=prev.countries,
            leaders=prev.leaders,
            principal=q.principal or prev.principal,
            topics=q.topics or (prev.topics if q.focus is None else ()),
            dates=q.dates or prev.dates,
            refers_back=True,
        )
        if q.focus is None and q.intent in ("when", "amount", "count", "total", "confirm"):
            q = replace(q, focus=prev.focus)
        if HE_SHE & set(words(q.text)) and not q.leaders:
            leaders = tuple(m.leader.name for m in data.meetings if m.country in q.countries)
            q = replace(q, leaders=leaders)
    elif named and q.refers_back and q.focus is None and q.intent == "what":
        q = replace(
            q,
            intent=prev.intent,
            focus=prev.focus,
            topics=q.topics or prev.topics,
            dates=q.dates or prev.dates,
        )
    return q
