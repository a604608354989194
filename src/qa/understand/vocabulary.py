"""Match question words to article words: lemmas, curated synonyms, and which words are anchors."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from types import MappingProxyType

from qa.data.records import Synonym
from qa.understand.text import STOPWORDS, stem, words

# Below this length a word the lemmatiser does not know is more likely a typo or chat
# shorthand ("abt", "wat", "wiht") than a name the article leaves out.
MIN_ANCHOR_LENGTH = 5
# Adverb particles of phrasal verbs ("wrap up", "sit down"): the verb carries the meaning.
PARTICLES = frozenset("up down off out away".split())
# Words whose alternatives a vocabulary remembers: a long-running bot meets new words without end.
REMEMBERED = 4096


@lru_cache(maxsize=8192)
def lemmas(word: str) -> tuple[str, ...]:
    """Return the dictionary forms of a word ("said" -> say, "lent" -> lend, "wound" -> wind)."""
    from lemminflect import getAllLemmas  # loads its tables; only unfamiliar words need it

    found = getAllLemmas(word)
    return tuple(dict.fromkeys(lemma for forms in found.values() for lemma in forms))


@lru_cache(maxsize=8192)
def is_superlative(word: str) -> bool:
    """Tell whether a word is the superlative of an adjective or adverb ("longest", "most")."""
    from lemminflect import getAllLemmas, getInflection

    found = getAllLemmas(word)
    return any(
        lemma != word and word in (*getInflection(lemma, "JJS"), *getInflection(lemma, "RBS"))
        for pos in ("ADJ", "ADV")
        for lemma in found.get(pos, ())
    )


def unsaid_superlatives(tokens: Iterable[str], knows: Callable[[str], bool]) -> list[str]:
    """Return the superlatives among the words whose stems an index never holds.

    "Which meeting was the longest?" ranks by a measure no record gives; a paragraph
    saying "long" (a lemma the vocabulary offers for "longest") does not rank anything.
    """
    # Every English superlative ends in "st" ("longest", "best", "most", "least"): other
    # words never load the lemmatiser's tables.
    return [
        t
        for t in tokens
        if t.endswith("st") and t.isalpha() and not knows(stem(t)) and is_superlative(t)
    ]


@lru_cache(maxsize=8192)
def is_anchor(raw: str, first: bool = False) -> bool:
    """Tell whether a word may be what a question is about: a name, a number, a rare noun.

    Only an anchor the article lacks lets qa say "the article never mentions X"; a
    common verb or particle ("help", "end", "back") says nothing about the article.
    """
    if any(ch.isdigit() for ch in raw):
        return True
    if raw[:1].isupper() and not raw.isupper() and not first:
        return True
    word = raw.casefold()
    if word in PREPOSITIONS:
        return False  # "toward" says nothing about what the article covers
    from lemminflect import getAllLemmas

    found = getAllLemmas(word)
    if not found:
        return len(word) >= MIN_ANCHOR_LENGTH and not is_contraction(word)
    return set(found) <= {"NOUN", "PROPN"}


def is_contraction(word: str) -> bool:
    """Tell whether a word is a negated auxiliary: "doesnt" typed so, or "doesn" of "doesn't"."""
    return (word.endswith("nt") and word[:-2] in AUXILIARIES) or (
        word.endswith("n") and word[:-1] in AUXILIARIES
    )


# Auxiliaries whose "n't" people type as "nt" ("didnt") or splits off ("didn" "t").
AUXILIARIES = frozenset(
    "do does did is was are were has have had could would should must need".split()
)


@lru_cache(maxsize=8192)
def only_verb(word: str) -> bool:
    """Tell whether a word is a verb and nothing else ("see", "eat"; not "long", "won")."""
    from lemminflect import getAllLemmas

    return set(getAllLemmas(word)) == {"VERB"}


@lru_cache(maxsize=8192)
def is_noise(word: str) -> bool:
    """Tell whether an unfamiliar word is shorthand or a slip ("abt"), not an English word."""
    return word in PARTICLES or (len(word) < MIN_ANCHOR_LENGTH and not lemmas(word))


# Prepositions the stopword list keeps for retrieval; no claim rests on them.
PREPOSITIONS = frozenset(
    """against toward towards among amongst within without through throughout across despite
    during upon via per along beside besides beyond around behind below beneath""".split()
)


def is_function_word(word: str) -> bool:
    """Tell whether a word is a preposition ("against"): no claim rests on it."""
    return word in PREPOSITIONS


@lru_cache(maxsize=4)
def synonym_stems(synonyms: tuple[Synonym, ...]) -> Mapping[str, tuple[str, ...]]:
    """Return the synonym table by stem, stemmed once for every engine of a folder."""
    table: dict[str, tuple[str, ...]] = {}
    for s in synonyms:
        alts = [stem(w) for phrase in s.alternatives for w in words(phrase)]
        key = stem(s.word)
        merged = (*table.get(key, ()), *(a for a in alts if a not in STOPWORDS))
        table[key] = tuple(dict.fromkeys(merged))
    return MappingProxyType(table)


class Vocabulary:
    """The article vocabulary and the ways a question's word may reach it."""

    def __init__(
        self, known: Iterable[str], synonyms: Iterable[Synonym], familiar: Iterable[str] = ()
    ) -> None:
        self.known = frozenset(known)
        # Stems the parser reads anyway (cue words, names): no lemma needed, and looking one
        # up would load the lemmatiser's tables for an ordinary question.
        self.familiar = frozenset(familiar)
        self.synonyms = synonym_stems(tuple(synonyms))
        # Each word's alternatives, worked out once per vocabulary (its engine's data).
        self.remembered: dict[str, tuple[str, ...]] = {}

    def alternatives(self, word: str) -> tuple[str, ...]:
        """Return article stems that may stand for a question word: its lemma, if the article
        lacks the word itself, and its entries in the synonym table."""
        found = self.remembered.get(word)
        if found is None:
            if len(self.remembered) >= REMEMBERED:
                self.remembered.clear()
            found = self.remembered[word] = self._alternatives(word)
        return found

    def _alternatives(self, word: str) -> tuple[str, ...]:
        own = stem(word)
        if not word.isalpha():
            return ()
        keys = [own]
        if own not in self.known and own not in self.familiar:
            keys += [stem(lemma) for lemma in lemmas(word)]
        alts = [k for k in keys[1:] if k in self.known]
        for key in keys:
            alts += [a for a in self.synonyms.get(key, ()) if a in self.known]
        return tuple(a for a in dict.fromkeys(alts) if a != own)
