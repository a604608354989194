"""Read a question's words as typed: chat spellings, a misspelt opening word, capitals."""

from __future__ import annotations

from functools import lru_cache

from qa.understand.text import CAPS, STOPWORDS
from qa.understand.vocabulary import lemmas

# Lowercase "us" names a country after "the" or beside "and"/"or" ("cambodia and the us").
_US_BEFORE = frozenset({"the", "and", "or", "vs", "versus"})


# Chat spellings of question words, read as the words they stand for.
SHORTHAND = {
    "whats": "what", "wat": "what", "whos": "who", "wen": "when", "wher": "where",
    "hows": "how", "wiht": "with", "abt": "about", "u": "you", "ur": "your", "thx": "thanks",
    "pls": "please", "plz": "please", "ya": "you", "im": "i",
}  # fmt: skip


def question_tokens(raw_words: list[str]) -> list[str]:
    """Return the words of a question as lexicon tokens, marking capitalised stopwords.

    A question typed all in capitals says nothing by its capitals, so none is marked.
    """
    shouting = all(not w.isalpha() or w.isupper() for w in raw_words)
    folded = [SHORTHAND.get(w.casefold(), w.casefold()) for w in raw_words]
    if folded:
        folded[0] = opening_word(folded[0])
    tokens = []
    for i, w in enumerate(raw_words):
        before = folded[i - 1] if i else ""
        after = folded[i + 1] if i + 1 < len(folded) else ""
        shout = len(w) > 1 and w.isupper() and folded[i] in STOPWORDS and not shouting
        us = folded[i] == "us" and (before in _US_BEFORE or after in ("and", "or"))
        tokens.append(CAPS + folded[i] if shout or us else folded[i])
    return tokens


# Question words a slip in the opening word is read as ("whcih", "waht"); the three-letter
# ones are left out, as one slip makes too many other words of them.
_OPENERS = ("what", "which", "when", "where", "whom", "whose")


@lru_cache(maxsize=1024)
def opening_word(word: str) -> str:
    """Return the question word a question's first word misspells, or the word itself.

    Only a word that is no stopword and no English word is read so ("whcih", "wehn").
    """
    if word in STOPWORDS or len(word) < 4 or not word.isalpha() or word[0] != "w":
        return word
    from rapidfuzz.distance import OSA  # only an unknown opening word pays for the import

    near = [w for w in _OPENERS if OSA.distance(word, w) <= 1]
    if len(near) != 1 or lemmas(word):
        return word
    return near[0]
