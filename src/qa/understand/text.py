"""Normalise and tokenise text the same way for the index and the question parser."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer

# Words that carry no meaning for retrieval or entity matching. The parser reads
# question words ("who", "when") from the raw tokens before they are dropped here.
STOPWORDS = frozenset(
    """
    a an the and or but if then else of in on at to for from by with without about as
    into onto over under than that this these those there here it its it's is are was
    were be been being am do does did done doing have has had having will would shall
    should can could may might must not no nor so such too very just also only own same
    other any all both each few more most some i me my we our us you your he him his she
    her they them their what which who whom whose when where why how s t d ll m re ve
    """.split()
)

_INVISIBLE = {"Cf", "Cc", "Cs", "Co", "Cn"}
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "`": "'"})
_WORD = re.compile(r"[^\W_]+")
_ASCII_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_POSSESSIVE = re.compile(r"(?<=\w)'s\b|(?<=s)'(?=\s|$)")
_STEMMER = Stemmer.Stemmer("english")


def normalize(text: str, fold: bool = True) -> str:
    """Return text NFKC-normalised and case-folded, invisible and control characters dropped."""
    if text.isascii():  # the common case: NFKC changes nothing, only controls can hide
        kept = _ASCII_CONTROL.sub(" ", text).translate(_QUOTES)
    else:
        text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
        kept = "".join(" " if unicodedata.category(ch) in _INVISIBLE else ch for ch in text)
    return kept.casefold() if fold else kept


def words(text: str, fold: bool = True) -> list[str]:
    """Split text into normalised words, dropping possessive 's and punctuation."""
    return split_words(normalize(text, fold))


def split_words(normal: str) -> list[str]:
    """Split text `normalize` returned into words, dropping possessive 's and punctuation."""
    return _WORD.findall(_POSSESSIVE.sub("", normal))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Return the Snowball (Porter 2) stem of one normalised word."""
    result: str = _STEMMER.stemWord(word)
    return result


def terms(text: str) -> list[str]:
    """Return the stemmed content words of text: the tokens BM25 indexes and queries."""
    return [stem(w) for w in words(text) if w not in STOPWORDS]


# Cached: answers read the same facts' sentences and titles for question after question.
@lru_cache(maxsize=8192)
def term_set(text: str) -> frozenset[str]:
    """Return the distinct terms of a text."""
    return frozenset(terms(text))


CAPS = "="  # marks an all-capitals stopword ("US") so that plain "us" is not it


# Cached: answers match the same few names of the data (countries, leaders, their
# aliases) on every question.
@lru_cache(maxsize=65536)
def name_key(name: str) -> tuple[str, ...]:
    """Return the stemmed key a name or alias is matched by; a leading "the" is dropped."""
    if len(name) > 1 and name.isupper() and name.casefold() in STOPWORDS:
        return (CAPS + name.casefold(),)
    key = [stem(w) for w in words(name)]
    return tuple(key[1:] if key[:1] == ["the"] and len(key) > 1 else key)
