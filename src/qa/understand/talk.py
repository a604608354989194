"""Recognise small talk and questions about the article itself rather than its facts."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise
from typing import TYPE_CHECKING

from qa.understand.text import STOPWORDS, stem

if TYPE_CHECKING:
    from qa.understand.parse import Question

# Words that decorate small talk without changing what it is ("thanks so much, bot").
_DECORATION = frozenset(
    """a so much very lot lots again there you your qa bot dear all ok okay oh well
    great good nice cool really for the that this it me i my we now that's ya soon then
    much helps helped useful""".split()
)
_CHAT = {
    "greet": frozenset("hi hello hey hiya howdy greetings yo morning afternoon evening".split()),
    "thank": frozenset("thanks thank thx ty cheers appreciated appreciate helpful".split()),
    "bye": frozenset("bye goodbye farewell later cya ciao night see".split()),
}
_CHAT_WORDS = frozenset().union(*_CHAT.values())
_HELP = frozenset(
    {
        ("can", "you"),
        ("do", "you"),
        ("are", "you"),
        ("can", "i"),
        ("should", "i"),
        ("does", "this"),
        ("you", "work"),
        ("do", "i"),
        ("i", "use"),
    }
)
_HELP_WORDS = frozenset(
    """help do know ask work what who how can are you i should this does use kind sort type
    questions question things thing""".split()
)
_WHOLE = frozenset("whole entire everything overall".split())
# "Tell me everything": all of it, asked in words that name nothing.
_TELL_ALL = _WHOLE | frozenset("tell me us give show just please about it this".split())
_ARTICLE = frozenset("article story piece text report news document post newspaper".split())
# Each kind of question about the article, by the words that ask it.
_META = (
    ("articles", frozenset("articles stories loaded available".split())),
    ("author", frozenset("wrote write written author authors writer journalist reporter".split())),
    ("publisher", frozenset("published publish publisher newspaper outlet paper".split())),
    ("title", frozenset("title headline called named".split())),
    ("link", frozenset("link url web website online".split())),
    (
        "sources",
        frozenset("sources source based draw draws drawn rely relies information info".split()),
    ),
    (
        "about",
        frozenset(
            """about summary summarise summarize gist overview main cover rundown recap tldr
            nutshell""".split()
        ),
    ),
)


# Words that ask about the article even when no article word comes with them ("what's the
# headline?"), unless a pronoun points at a person ("what is her title?").
_OWN = frozenset(
    "headline headlines title publisher newspaper outlet sources author authors byline".split()
)
# A paragraph by its place ("the first paragraph", "the last paragraph", "paragraph 3").
PLACES = {
    w: i
    for i, w in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth".split()
    )
} | {"last": -1, "final": -1, "closing": -1, "opening": 0}
PARAGRAPH = frozenset("paragraph para graf".split())
# "How long is the article?", "how many paragraphs does it have?"
_LENGTH = frozenset("long length paragraphs words sections".split())
# "Where did they get their information from?" asks the sources; "more info" does not.
_ORIGIN = frozenset("info information".split())
_PERSONAL = frozenset("he she him her his hers".split())
_DATED = frozenset("when date year month".split())
# The stems of every word that asks about the article rather than its facts.
ARTICLE_WORDS = frozenset(stem(w) for w in _ARTICLE.union(*(cues for _, cues in _META)))


def paragraph_place(tokens: Sequence[str]) -> int | None:
    """Return the 0-based place a question gives a paragraph ("the first paragraph",
    "paragraph 3"; -1 for the last), or None when it names none."""
    for a, b in pairwise(tokens):
        if a in PLACES and b in PARAGRAPH:
            return PLACES[a]
        if a in PARAGRAPH and b.isdigit() and int(b) >= 1:
            return int(b) - 1
    return None


def talk_words() -> frozenset[str]:
    """Return every word small talk may use, so that none is mistaken for a typo."""
    return frozenset().union(_DECORATION, _HELP_WORDS, *_CHAT.values())


def talk_kind(tokens: list[str], q: Question) -> str | None:
    """Return the kind of small talk or article question ("greet", "article:title"), or None."""
    if not tokens or q.countries or q.leaders or q.topics or q.dates or q.amounts:
        return None
    if q.about_meetings:
        return None
    words = set(tokens)
    for kind, cues in _CHAT.items():
        if words & cues and words <= cues | _DECORATION | _CHAT["greet"]:
            return kind
    chat = _chat_by_shape(tokens, q)
    if chat is not None:
        return chat
    if words - STOPWORDS <= _HELP_WORDS | _DECORATION and (
        _HELP & set(pairwise(tokens)) or words == {"help"}
    ):
        return "help"
    if not q.refers_back and words & _WHOLE and (q.summary or words <= _TELL_ALL):
        # A summary of all of it, naming no meeting ("the whole thing in short"), is of
        # the article.
        return "article:about"
    return _meta(tokens, words, q.principal)


# A short remark ("nice one, ty", "cheers mate") is small talk when its cue comes with at
# most one word the article could be asked about and no word that asks a question.
_SHORT = 5
_ASKING = frozenset("what who whom whose when where which why how did does do is was".split())


def _chat_by_shape(tokens: list[str], q: Question) -> str | None:
    """Return the kind of a short remark carrying a small-talk cue, or None."""
    words = set(tokens)
    if len(tokens) > _SHORT or words & _ASKING:
        return None
    unknown = {w.casefold() for w in q.unknown}
    plain = _DECORATION | STOPWORDS | _CHAT_WORDS
    rest = {w for w in words - plain if w not in unknown and len(w) > 3}
    if rest or len(words - plain) > 1:
        return None
    for kind, cues in _CHAT.items():
        if words & cues:
            return kind
    return None


def _meta(tokens: list[str], words: set[str], person: bool = False) -> str | None:
    """Return "article:<kind>" for a question about the article itself.

    `person` tells that the question names a person ("what is Hun Sen's title?"): like
    a personal pronoun, it makes "title" that person's.
    """
    about_article = bool(words & (_ARTICLE | {"this"}))
    personal = person or bool(words & _PERSONAL)
    if paragraph_place(tokens) is not None:
        return "article:paragraph"  # "what does the first paragraph say?", "paragraph 3"
    parts = PARAGRAPH | {"paragraphs", "sections"}
    if "how" in words and words & _LENGTH and (about_article or words & parts):
        return "article:length"  # "how long is the article?", "how many paragraphs ..."
    own = bool(words & _OWN or (words & _ORIGIN and "from" in words)) and not personal
    if not (about_article or own) and not words & {"published", "wrote", "written", "articles"}:
        return None
    for kind, cues in _META:
        if words & cues:
            if kind in ("publisher", "author") and words & _DATED:
                # "When was it published?", "what year was this written in?"
                return "article:date"
            return f"article:{kind}"
    if words & _DATED:
        return "article:date"
    return None


# A remark ahead of a question, set off by punctuation: "thanks! and with Yoon?".
_REMARK = re.compile(r"^\s*([^\W\d][\w' ]*?)\s*[!,.;:]+\s*(\S.*)$")


# Words that open a turn without asking anything: "ok and the korea meeting?".
_OPENER = re.compile(
    r"^\s*(?:(?:ok|okay|alright|all right|right|well|hmm+|oh|cool|great|nice)\b[\s,!.;:-]*)+"
    r"(?=[^\W\d])",
    re.IGNORECASE,
)


def without_remark(text: str) -> str:
    """Return a question without the thanks or greeting it opens with ("ok thanks, and Japan?")."""
    found = _REMARK.match(text)
    if found is not None:
        said = set(found.group(1).casefold().split())
        if said & _CHAT_WORDS and said <= _CHAT_WORDS | _DECORATION:
            return found.group(2)
    opener = _OPENER.match(text)
    return text[opener.end() :] if opener else text
