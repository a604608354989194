"""The Answer value and the helpers that build one from records or paragraphs."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from qa.data.corpus import Article
from qa.data.records import Dataset, Meeting, Record


@dataclass(frozen=True, slots=True)
class Source:
    """Where an answer comes from: article id, paragraph number, section heading and text."""

    article: str
    paragraph: int
    heading: str
    text: str


@dataclass(frozen=True, slots=True)
class Answer:
    """What qa says: text, whether it answered, its kind, its sources and the records used."""

    text: str
    answered: bool
    kind: str  # "fact" | "passage" | "none"
    sources: tuple[Source, ...] = ()
    records: tuple[Record, ...] = ()
    # The rest of a shortened answer, one chat-sized page each; the REPL's `:more` and the
    # bot's "More" button show them in order.
    more: tuple[str, ...] = ()
    # The countries of the meetings the answer is about, which "they" and "she" refer to next.
    subjects: tuple[str, ...] = ()

    def to_json(self, question: str) -> dict[str, object]:
        """Return the JSON object `qa ask --json` prints."""
        return {
            "question": question,
            "answer": self.text,
            "answered": self.answered,
            "kind": self.kind,
            "more": list(self.more),
            "sources": [
                {
                    "article": s.article,
                    "paragraph": s.paragraph,
                    "heading": s.heading,
                    "text": s.text,
                }
                for s in self.sources
            ],
        }


def sources_for(data: Dataset, article_id: str, numbers: Iterable[int]) -> list[Source]:
    """Return the Source of each cited paragraph of one article, in paragraph order."""
    article: Article = data.article(article_id)
    found = []
    for n in sorted(set(numbers)):
        p = article.paragraph(n)
        found.append(Source(article.id, n, p.heading, p.text))
    return found


def cite(data: Dataset, items: Iterable[tuple[Meeting, Record | None]]) -> tuple[Source, ...]:
    """Return the sources of (meeting, record) pairs; a None record cites the meeting."""
    seen: dict[tuple[str, int], Source] = {}
    for meeting, record in items:
        numbers = record.paragraphs if record is not None else meeting.paragraphs
        for s in sources_for(data, meeting.article, numbers):
            seen.setdefault((s.article, s.paragraph), s)
    return tuple(sorted(seen.values(), key=lambda s: (s.article, s.paragraph)))


def refs(numbers: Iterable[int]) -> str:
    """Write paragraph numbers as a compact citation: ¶21, ¶12-14, ¶40, 42."""
    ns = sorted(set(numbers))
    runs: list[str] = []
    i = 0
    while i < len(ns):
        j = i
        while j + 1 < len(ns) and ns[j + 1] == ns[j] + 1:
            j += 1
        runs.append(str(ns[i]) if i == j else f"{ns[i]}-{ns[j]}")
        i = j + 1
    return "¶" + ", ".join(runs)


def join(items: list[str], word: str = "and") -> str:
    """Join phrases as English prose: "a", "a and b", "a, b and c" (or "a, b or c")."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


def none(text: str) -> Answer:
    """Return an honest abstention."""
    return Answer(text, False, "none")


def fact(
    data: Dataset,
    text: str,
    items: Sequence[tuple[Meeting, Record | None]],
    answered: bool = True,
    subjects: Sequence[Meeting] | None = None,
) -> Answer:
    """Return a fact answer citing the paragraphs behind its records.

    `subjects` are the meetings the answer is about (by default, every meeting cited).
    """
    records = tuple(r for _, r in items if r is not None)
    kind = "fact" if answered else "none"
    about = [m for m, _ in items] if subjects is None else list(subjects)
    countries = tuple(dict.fromkeys(m.country for m in about))
    return Answer(text, answered, kind, cite(data, items), records, (), countries)
