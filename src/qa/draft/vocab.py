"""Match the data folder's vocabularies in article text: countries, titles and topics."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from qa.understand.text import name_key, stem, words

MAX_TOPIC_WORDS = 6
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, slots=True)
class Hit:
    """A vocabulary name found in text: canonical value and character span."""

    value: str
    start: int
    end: int


class Vocabulary:
    """The countries, titles and topics of a data folder, compiled for matching text."""

    def __init__(self, entries: dict[str, list[tuple[str, tuple[str, ...]]]]) -> None:
        self.countries = [name for name, _ in entries["countries"]]
        self.titles = [name for name, _ in entries["titles"]]
        self.country_of: dict[str, str] = {}
        for name, aliases in entries["countries"]:
            for alias in (name, *aliases):
                self.country_of.setdefault(alias, name)
        self.title_of: dict[tuple[str, ...], str] = {}
        for name, aliases in entries["titles"]:
            for alias in (name, *aliases):
                self.title_of.setdefault(name_key(alias), name)
        self.topic_of: dict[tuple[str, ...], str] = {}
        for name, aliases in entries["topics"]:
            for alias in (name, *aliases):
                self.topic_of.setdefault(name_key(alias), name)
        self._topics: dict[str, tuple[str, ...]] = {}
        names = sorted(self.country_of, key=len, reverse=True)
        # Country names are proper nouns: matched as written, with a possessive allowed.
        self._country = re.compile(
            r"(?<![\w])(" + "|".join(re.escape(n) for n in names) + r")(?:['’]s)?(?![\w])"
        )

    def countries_in(self, text: str) -> list[Hit]:
        """Return the country names, aliases and demonyms written in text."""
        return [
            Hit(self.country_of[m.group(1)], m.start(), m.end())
            for m in self._country.finditer(text)
        ]

    def title(self, text: str) -> str | None:
        """Return the canonical title a phrase names ("prime minister" -> Prime Minister)."""
        return self.title_of.get(name_key(text))

    def topics_in(self, text: str) -> list[str]:
        """Return the topics whose name or alias occurs in text, in order, once each."""
        # One sentence may yield several facts; each asks for the same sentence's topics.
        if text not in self._topics:
            self._topics[text] = self._find_topics(text)
        return list(self._topics[text])

    def _find_topics(self, text: str) -> tuple[str, ...]:
        stems = [stem(w) for w in words(text)]
        found: list[str] = []
        i = 0
        while i < len(stems):
            for size in range(min(MAX_TOPIC_WORDS, len(stems) - i), 0, -1):
                topic = self.topic_of.get(tuple(stems[i : i + size]))
                if topic:
                    if topic not in found:
                        found.append(topic)
                    i += size
                    break
            else:
                i += 1
        return tuple(found)


def load_vocabulary(folder: Path) -> Vocabulary:
    """Read countries.yaml, titles.yaml and topics.yaml of a data folder (checked by qa check)."""
    entries: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for kind in ("countries", "titles", "topics"):
        path = folder / f"{kind}.yaml"
        loaded = (
            yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER) if path.is_file() else None
        )
        items = loaded.get(kind, []) if isinstance(loaded, dict) else []
        entries[kind] = [
            (str(i["name"]), tuple(str(a) for a in i.get("aliases") or ()))
            for i in items
            if isinstance(i, dict) and i.get("name")
        ]
    return Vocabulary(entries)
