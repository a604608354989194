"""A stored vocabulary answers lookups from its sorted keys exactly as a dictionary would."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa.search.terms import KEY_BYTES, Terms, read_terms, save_terms

# Long terms sharing their first KEY_BYTES bytes, one exactly that long, non-ASCII ones,
# and prefixes of other terms.
WORDS = [
    "ream",
    "re",
    "reamer",
    "a" * KEY_BYTES,
    "a" * KEY_BYTES + "b",
    "a" * KEY_BYTES + "c",
    "a" * (KEY_BYTES - 1),
    "ünïcödé" * 3,
    "ünïcödé" * 3 + "x",
    "ñ",
    "cambodia",
    "9",
]


@pytest.fixture
def stored(tmp_path: Path) -> tuple[dict[str, int], Terms]:
    vocab = {w: i for i, w in enumerate(WORDS)}
    save_terms(tmp_path, vocab)
    return vocab, Terms(tmp_path)


def test_every_term_is_found_with_its_id(stored: tuple[dict[str, int], Terms]) -> None:
    vocab, terms = stored
    assert all(terms.get(w) == i and terms[w] == i and w in terms for w, i in vocab.items())
    assert len(terms) == len(vocab) and list(terms) == WORDS
    assert terms == vocab and read_terms(terms._text.parent) == vocab


@pytest.mark.parametrize(
    "missing",
    ["", "r", "rea", "reams", "a" * (KEY_BYTES + 1), "a" * KEY_BYTES + "bb", "ünïcödé", "\n"],
)
def test_other_strings_are_not_terms(stored: tuple[dict[str, int], Terms], missing: str) -> None:
    _, terms = stored
    assert terms.get(missing, -1) == -1 and missing not in terms
    with pytest.raises(KeyError):
        terms[missing]


def test_an_empty_vocabulary_holds_nothing(tmp_path: Path) -> None:
    save_terms(tmp_path, {})
    terms = Terms(tmp_path)
    assert len(terms) == 0 and list(terms) == [] and terms.get("ream") is None
