"""Find people named with a title of office ("Japanese Foreign Minister Aiko Tanabe")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from qa.draft.vocab import Vocabulary

_UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"
_NAME_WORD = rf"[{_UPPER}][\w’'\-]*\w"
# Head nouns of offices; the words before one complete the title ("Deputy Prime Minister").
_OFFICES = (
    "Minister|President|Premier|Chancellor|Secretary|Sultan|King|Queen|Emir|Emperor|"
    "Prince|Princess|Governor|Ambassador|Commissioner|Chairman|Chairwoman|Chair|Envoy|"
    "Mayor|Speaker|Chief|Counsellor|Councillor|Leader|General"
)
_HEAD = re.compile(rf"(?<![\w])((?i:{_OFFICES}))(?=\s{_NAME_WORD})")
_TITLE_WORD = re.compile(rf"(?:[{_UPPER}][\w\-]*|of|for|and|the)$")
_NAME_AT = re.compile(rf"\s({_NAME_WORD}(?:\s(?:{_NAME_WORD}|bin|al|van|von|de|da|di)){{0,5}})")
# Forms of address written before a name that are not part of it.
HONORIFICS = frozenset(
    "Sheikh Sheikha Dr Mr Mrs Ms Sir Dame Lord Lady Samdech Datuk Dato Tun Haji Hajjah".split()
)
# Words of a name that are never used alone for the person.
PARTICLES = frozenset("bin binti al van von de da di le la".split())
# Capitalised words after a title that begin the next clause, not a name.
_NOT_NAME = frozenset("On In At The And But During After Before While When Who Of".split())


@dataclass(frozen=True, slots=True)
class Mention:
    """A titled person in a paragraph: name, title, country (if written) and span."""

    name: str
    title: str
    known_title: bool
    country: str
    start: int
    end: int
    place: str = ""  # a country word the vocabulary lacks ("Freedonia’s", "Freedonian")


_COUNTERPART = re.compile(
    rf"\b(?:his|her|their)\s+(?P<whose>(?:[{_UPPER}][\w’'-]*\s+){{0,3}})counterparts?,?\s+"
    rf"(?=[{_UPPER}])"
)


def find_people(text: str, vocab: Vocabulary) -> list[Mention]:
    """Return the titled people named in text, left to right.

    "her Indonesian counterpart, Budi Santoso" names a person whose title is the
    principal's own: the mention's title is left empty for the caller to fill.
    """
    found = _titled(text, vocab)
    for m in _COUNTERPART.finditer(text):
        name = _name_after(text, m.end() - 1)
        if not name or any(f.start <= m.end() < f.end for f in found):
            continue
        hits = vocab.countries_in(m.group("whose"))
        country = hits[0].value if hits else ""
        found.append(Mention(name, "", True, country, m.start(), m.end() + len(name)))
    return sorted(found, key=lambda f: f.start)


def _titled(text: str, vocab: Vocabulary) -> list[Mention]:
    found: list[Mention] = []
    for m in _HEAD.finditer(text):
        name = _name_after(text, m.end())
        if not name:
            continue
        title_words, country, start = _title_before(text, m.start(), m.group(1), vocab)
        if not title_words:
            continue
        place = ""
        if not country:
            owner = re.search(rf"([{_UPPER}][\w-]+)['’]s\s$", text[max(0, start - _WINDOW) : start])
            place = owner.group(1) if owner else ""
        phrase = " ".join(title_words)
        known = vocab.title(phrase)
        if known is None:
            # "Japanese Foreign Minister": the longest known ending is the title, unless
            # words that change an office precede it ("Deputy Prime Minister").
            for i in range(1, len(title_words)):
                known = vocab.title(" ".join(title_words[i:]))
                if known:
                    j = i
                    while j > 0 and title_words[j - 1] in _MODIFIERS:
                        j -= 1
                    if j < i:
                        known, phrase = None, " ".join(title_words[j:])
                    word = title_words[j - 1] if j > 0 else ""
                    if not country and not place and _DEMONYM.search(word):
                        place = word  # an unknown demonym: "Freedonian"
                    break
        found.append(
            Mention(
                name,
                known or _title_case(phrase),
                known is not None,
                country,
                start,
                m.end() + 1 + len(name),
                place,
            )
        )
    return found


# Words that change an office rather than name a place: "Deputy Prime Minister" is
# another title than "Prime Minister".
_WINDOW = 80  # characters before a title searched for its country and words
_MAX_TITLE_WORDS = 6  # "Deputy Minister of Foreign Affairs and Trade"
_DEMONYM = re.compile(r"(?:an|ese|ish|ic|i|ch)$")
_MODIFIERS = frozenset(
    "Deputy Vice Acting Senior First Second Assistant Junior Former State".split()
)


def _name_after(text: str, at: int) -> str:
    m = _NAME_AT.match(text, at)
    if not m:
        return ""
    parts = m.group(1).split()
    while parts and parts[-1] in _NOT_NAME:
        parts.pop()
    while len(parts) > 1 and parts[0].rstrip(".’'") in HONORIFICS:
        parts.pop(0)  # "Sheikh Tamim Al-Jaber" is Tamim Al-Jaber
    name = " ".join(parts[:4])
    return re.sub(r"['’]s$", "", name)


def _title_before(
    text: str, head_start: int, head: str, vocab: Vocabulary
) -> tuple[list[str], str, int]:
    """Return the title's words, the country written before it and where it starts."""
    # Only the words just before a title matter; a window keeps long text linear.
    base = max(0, head_start - _WINDOW)
    before = text[base:head_start]
    title = [head[:1].upper() + head[1:]]
    start = head_start
    hyphen = re.search(r"(\w+)-$", before)
    if hyphen:  # "Vice-President"
        title = [f"{hyphen.group(1)}-{title[0]}"]
        before = before[: hyphen.start()]
        start = base + hyphen.start()
    country = ""
    while len(title) < _MAX_TITLE_WORDS:
        tail = before.rstrip()
        hits = [h for h in vocab.countries_in(tail) if h.end == len(tail)]
        if hits:
            country = hits[-1].value
            start = base + hits[-1].start
            break
        m = re.search(r"(\S+)\s$", before)
        if not m or not _TITLE_WORD.match(m.group(1)) or m.group(1) in _NOT_NAME:
            break
        if not m.group(1)[:1].isupper() and title[0][:1].isupper() and m.group(1) != "of":
            break
        title.insert(0, m.group(1))
        before = before[: m.start()]
        start = base + m.start()
    while title and title[0] in ("of", "for", "and", "the"):
        title.pop(0)
    return title, country, start


def _title_case(phrase: str) -> str:
    return " ".join(
        w if not w.islower() or w in ("of", "for", "and", "the") else w.title()
        for w in phrase.split()
    )


def place_name(word: str, named: Sequence[str] = ()) -> str:
    """Return the country a place word the vocabulary lacks names: Freedonian -> Freedonia.

    A name the section's heading gives that the word starts with comes first: "Peruvian"
    under "Thailand-Peru" is Peru.
    """
    if not word:
        return ""
    stem_of = next((n for n in named if len(n) >= 3 and word.startswith(n)), None)
    if stem_of:
        return stem_of
    return word[:-1] if word.endswith("ian") else word
