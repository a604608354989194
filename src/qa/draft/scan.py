"""Read an article once: paragraphs, sentences, titled people and countries, and names."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from qa.data import corpus
from qa.data.corpus import LEAD, Paragraph
from qa.draft.people import HONORIFICS, PARTICLES, Mention, find_people
from qa.draft.sentences import Sentence, split_sentences
from qa.draft.vocab import Hit, Vocabulary

# Articles name tens of people; a text naming more is not an article to draft, and the
# cap keeps name matching linear in its length.
MAX_PEOPLE = 60


@dataclass(frozen=True, slots=True)
class Scanned:
    """One paragraph with its sentences, titled people and country mentions."""

    paragraph: Paragraph
    sentences: tuple[Sentence, ...]
    people: tuple[Mention, ...]
    countries: tuple[Hit, ...]


def split_article(article_id: str, text: str) -> tuple[str, tuple[Paragraph, ...]]:
    """Return the headline ("" if none) and numbered paragraphs exactly as qa numbers them."""
    split_text = getattr(corpus, "split_text", None)
    if split_text is not None:
        headline, paragraphs = split_text(article_id, text)
        return str(headline), tuple(paragraphs)
    paragraphs = corpus.split_paragraphs(article_id, text)
    first = paragraphs[0].heading if paragraphs else LEAD
    return ("" if first == LEAD else first), paragraphs


def scan(paragraphs: tuple[Paragraph, ...], vocab: Vocabulary) -> list[Scanned]:
    """Read every paragraph's sentences, titled people and countries."""
    return [
        Scanned(
            p,
            tuple(split_sentences(p.text)),
            tuple(find_people(p.text, vocab)),
            tuple(vocab.countries_in(p.text)),
        )
        for p in paragraphs
    ]


class Names:
    """The people of an article and the short forms the text uses for each."""

    def __init__(self, scanned: list[Scanned]) -> None:
        self.people: dict[str, Mention] = {}
        for s in scanned:
            for m in s.people:
                if len(self.people) < MAX_PEOPLE:
                    self.people.setdefault(m.name, m)
        text = "\n".join(s.paragraph.text for s in scanned)
        self.short: dict[str, tuple[str, ...]] = {}
        self.count: Counter[str] = Counter()
        owner: dict[str, str] = {}
        for name in self.people:
            parts = name.split()
            forms = [
                w
                for w in dict.fromkeys((parts[-1], *parts[:-1]))
                if len(parts) > 1 and len(w) > 2 and w not in PARTICLES and _alone(w, name, text)
            ]
            forms += [f"{h} {name}" for h in HONORIFICS if f"{h} {name}" in text]
            self.short[name] = tuple(forms)
            self.count[name] = len(re.findall(rf"\b{re.escape(name)}\b", text)) + sum(
                _alone_count(w, name, text) for w in forms
            )
            for form in (name, *forms):
                owner.setdefault(form, name)
        self._owner = owner
        alternatives = "|".join(re.escape(f) for f in sorted(owner, key=len, reverse=True))
        self._pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])") if owner else None

    def who(self, text: str) -> list[tuple[int, str]]:
        """Return (position, full name) for every person named in text, in order."""
        if self._pattern is None:
            return []
        return [(m.start(), self._owner[m.group(0)]) for m in self._pattern.finditer(text)]


def _alone(word: str, name: str, text: str) -> bool:
    return _alone_count(word, name, text) > 0


def _alone_count(word: str, name: str, text: str) -> int:
    """Count uses of a name's word on its own: not in the full name, not before a name."""
    count = 0
    for m in re.finditer(rf"(?<![\w’'-]){re.escape(word)}(?![\w-])", text):
        inside = text.find(name, max(0, m.start() - len(name)), m.start() + len(name)) >= 0
        if inside or re.match(r"\s[A-Z]", text[m.end() : m.end() + 2]):
            continue
        count += 1
    return count
