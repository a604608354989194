"""Find dataset names in question words: countries, leaders, topics, titles, with typos."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache

from qa.data.records import Dataset, Term
from qa.data.routes import NameParts
from qa.understand.cues import FOCUS_CUES
from qa.understand.text import CAPS, STOPWORDS, name_key, stem, words
from qa.understand.vocabulary import lemmas

MAX_PHRASE = 6
# Typos are corrected only towards names, never towards common words, and only for
# words long enough that one slip leaves them recognisable: "japn" -> "japan" (one
# deletion), "austrlia" -> "australia". Two slips are allowed from eight letters on.
MIN_FUZZY_LENGTH = 4
TWO_SLIPS_FROM = 8
# Corrected words a lexicon remembers: a long-running bot meets new words without end.
CORRECTED_CACHE = 4096


@dataclass(frozen=True, slots=True)
class Mention:
    """A name found in a question: its kind, canonical value and the words it spanned."""

    kind: str  # "country" | "leader" | "principal" | "topic" | "title"
    value: str
    start: int
    end: int


# Verbs besides the relation cues that a title acting as the subject comes before.
_HOLD = frozenset("have has had hold holds held host hosted".split())


@lru_cache(maxsize=65536)
def name_parts(name: str) -> NameParts:
    """Return a name's typo-correctable words with their stems, and its match key.

    Cached: a folder of many articles builds one lexicon per article over the same
    vocabulary names.
    """
    spellings = tuple(
        (w, stem(w)) for w in words(name) if len(w) >= MIN_FUZZY_LENGTH and w.isalpha()
    )
    return spellings, name_key(name)


@dataclass(frozen=True, slots=True)
class Shared:
    """What every article's lexicon of one folder holds alike, built once and never changed."""

    phrases: dict[tuple[str, ...], list[tuple[str, str]]]
    spellings: dict[str, str]
    topic_stems: dict[str, tuple[str, ...]]
    words: frozenset[str]


def _vocabulary(
    vocabularies: tuple[tuple[Term, ...], ...], parts: Mapping[str, NameParts] | None
) -> Shared:
    """Return the phrases, spellings, topic stems and words of the vocabularies, shared by all.

    A folder of many articles builds one lexicon per article over the same vocabularies.
    """
    countries, topics, titles = vocabularies
    base = Lexicon.__new__(Lexicon)
    base.phrases, base.spelling_stem = {}, {}
    for kind, terms in (("country", countries), ("topic", topics), ("title", titles)):
        for t in terms:
            base._add(kind, t.name, (t.name, *t.aliases), parts)
    topic_stems = {
        t.name: tuple(
            dict.fromkeys(
                stem(w) for n in (t.name, *t.aliases) for w in words(n) if w not in STOPWORDS
            )
        )
        for t in topics
    }
    known = frozenset(w for key in base.phrases for w in key)
    return Shared(base.phrases, base.spelling_stem, topic_stems, known)


# The last folder's shared vocabularies, found by identity: hashing every term of the
# vocabularies for each article's lexicon would cost more than building the rest of it.
_LAST: list[tuple[tuple[tuple[Term, ...], ...], Shared]] = []


def _shared(data: Dataset, parts: Mapping[str, NameParts] | None) -> Shared:
    """Return the shared vocabularies of a dataset's folder."""
    key = (data.countries, data.topics, data.titles)
    for seen, found in _LAST:
        if all(a is b for a, b in zip(seen, key, strict=True)):
            return found
    found = _vocabulary(key, parts)
    _LAST[:] = [(key, found)]
    return found


class Lexicon:
    """Every name a question may use, keyed by stemmed word sequence."""

    def __init__(
        self, data: Dataset, known_words: set[str], parts: Mapping[str, NameParts] | None = None
    ) -> None:
        """Read the dataset's names; `parts` gives names read before (a stored dataset's)."""
        shared = _shared(data, parts)
        # A shallow copy: _add replaces an entry's list rather than append to the shared one.
        self.phrases: dict[tuple[str, ...], list[tuple[str, str]]] = dict(shared.phrases)
        self.spelling_stem: dict[str, str] = dict(shared.spellings)
        self.topic_stems: dict[str, tuple[str, ...]] = shared.topic_stems
        for p in data.principals:
            self._add("principal", p.name, (p.name, *p.aliases), parts)
        self.principal_titles = {p.title.casefold(): p.name for p in data.principals if p.title}
        for m in data.meetings:
            self._add("leader", m.leader.name, (m.leader.name, *m.leader.aliases), parts)
            for q in m.quotes:
                self._add("speaker", q.speaker, (q.speaker,), parts)
        own = {w for key in self.phrases.keys() - shared.phrases.keys() for w in key}
        self.known = known_words | shared.words | own | STOPWORDS
        # The longest name starting with each stem: most question words start none, and
        # trying every phrase length at each of them would cost a lookup per length.
        self.longest: dict[str, int] = {}
        for key in self.phrases:
            self.longest[key[0]] = max(self.longest.get(key[0], 0), len(key))
        # Each word's correction, worked out once per lexicon: a typo's costs a fuzzy
        # search over every name word, and questions repeat their words.
        self.corrected: dict[str, tuple[str, str, bool]] = {}

    @cached_property
    def spellings(self) -> list[str]:
        """Return the name words a typo may be corrected to, sorted (only typos need it)."""
        return sorted(self.spelling_stem)

    def _add(
        self,
        kind: str,
        value: str,
        names: tuple[str, ...],
        parts: Mapping[str, NameParts] | None = None,
    ) -> None:
        for name in names:
            known = parts.get(name) if parts is not None else None
            spellings, key = known or name_parts(name)
            self.spelling_stem.update(spellings)
            entries = self.phrases.get(key, [])
            if key and (kind, value) not in entries:
                self.phrases[key] = [*entries, (kind, value)]

    def correct_all(self, tokens: list[str]) -> list[str]:
        """Correct every token of one question; a lexicon corrects each distinct word once.

        A word beside a word that is neither known nor a typo of a name is part of a name
        the article never mentions ("moon jae-in"): correcting it would turn that stranger
        into someone the article does name ("yoon"), so it keeps its own stem.
        """
        looked = [self._looked_up(t) for t in tokens]
        return [
            own
            if corrected != own
            and ((i > 0 and looked[i - 1][2]) or (i + 1 < len(looked) and looked[i + 1][2]))
            else corrected
            for i, (corrected, own, _) in enumerate(looked)
        ]

    def _looked_up(self, token: str) -> tuple[str, str, bool]:
        """Return a token's correction, its own stem and whether it is strange, remembered.

        Threads may ask at once, so the memory is read once and never checked first.
        """
        found = self.corrected.get(token)
        if found is None:
            if len(self.corrected) >= CORRECTED_CACHE:
                self.corrected.clear()
            corrected = self.correct(token)
            found = (corrected, stem(token), self._strange(token, corrected))
            self.corrected[token] = found
        return found

    def _strange(self, token: str, corrected: str) -> bool:
        """Say whether a token is an alphabetic word neither known nor a typo of a name."""
        return (
            token.isalpha()
            and not token.startswith(CAPS)
            and corrected == stem(token)
            and corrected not in self.known
        )

    def correct(self, word: str) -> str:
        """Return the stem of a word, or of the name word it is a likely typo of."""
        if word.startswith(CAPS):
            return word
        token = stem(word)
        if len(word) < MIN_FUZZY_LENGTH or not word.isalpha() or token in self.known:
            return token
        limit = 2 if len(word) >= TWO_SLIPS_FROM else 1
        from rapidfuzz import process  # only questions with unknown words pay for the import
        from rapidfuzz.distance import OSA

        best = process.extractOne(word, self.spellings, scorer=OSA.distance, score_cutoff=limit)
        if not best or self.spelling_stem[best[0]] == token:
            return token
        # An English word one slip from a name ("line" from "mine", "wealth" from "health")
        # is that word, not a typo: only a name or a word no dictionary knows is corrected.
        return token if lemmas(word) else self.spelling_stem[best[0]]

    def as_principal(self, mentions: list[Mention], tokens: list[str]) -> list[Mention]:
        """Read "the <principal's title>" acting in a question as the principal.

        "how many meetings did the PM have?" asks about the article's prime minister, while
        "did he meet the PM", "the PM of Japan" and "the PM he met" name a counterpart.
        """
        out = []
        for m in mentions:
            name = self.principal_titles.get(m.value.casefold()) if m.kind == "title" else None
            after = tokens[m.end] if m.end < len(tokens) else ""
            if (
                name
                and m.start > 0
                and tokens[m.start - 1] == "the"
                and not tokens[m.end - 1].endswith("s")
                and (after in _HOLD or any(stem(after) in c for c in FOCUS_CUES.values()))
            ):
                m = Mention("principal", name, m.start, m.end)
            out.append(m)
        return out

    def find(self, stems: list[str]) -> list[Mention]:
        """Return the longest non-overlapping name matches, left to right."""
        found: list[Mention] = []
        i = 0
        while i < len(stems):
            longest = min(self.longest.get(stems[i], 0), MAX_PHRASE, len(stems) - i)
            for size in range(longest, 0, -1):
                entries = self.phrases.get(tuple(stems[i : i + size]))
                if entries:
                    found.extend(Mention(k, v, i, i + size) for k, v in entries)
                    if size > 1 and all(k == "title" for k, _ in entries):
                        # A title's alias may hold a country's ("Chinese premier"): the
                        # office is that country's, so the country is named too.
                        found.extend(self._countries_within(stems, i, i + size))
                    i += size
                    break
            else:
                i += 1
        return found

    def _countries_within(self, stems: list[str], start: int, end: int) -> list[Mention]:
        """Return the countries whose names lie inside stems[start:end], longest first."""
        found: list[Mention] = []
        i = start
        while i < end:
            for size in range(end - i, 0, -1):
                entries = self.phrases.get(tuple(stems[i : i + size])) or []
                named = [v for k, v in entries if k == "country"]
                if named:
                    found.extend(Mention("country", v, i, i + size) for v in named)
                    i += size
                    break
            else:
                i += 1
        return found
