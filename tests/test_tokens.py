"""Paragraphs become token ids in order of first occurrence, however the work is split."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from qa.data.corpus import Paragraph
from qa.data.dataset import load_dataset
from qa.search import numbering, tokens
from qa.search.index import Index
from qa.search.tokens import encode, encode_pieces, paragraph_terms
from qa.understand.text import terms

DATA = Path(__file__).resolve().parents[1] / "data"


def one_at_a_time(docs: list[list[str]], vocab: dict[str, int]) -> tuple[list[int], list[int]]:
    ids = [vocab.setdefault(t, len(vocab)) for d in docs for t in d]
    return ids, np.cumsum([0] + [len(d) for d in docs]).tolist()


def test_encode_numbers_terms_in_order_of_first_occurrence() -> None:
    rng = np.random.default_rng(3)
    docs = [[f"w{w}" for w in rng.zipf(1.4, size=n) % 500] for n in rng.integers(0, 30, 400)]
    for start in ({}, {"w3": 0, "other": 1}):
        vocab, expected_vocab = dict(start), dict(start)
        ids, offsets = encode(docs, vocab)
        expected_ids, expected_offsets = one_at_a_time(docs, expected_vocab)
        assert ids.dtype == np.int32 and offsets.dtype == np.int64
        assert ids.tolist() == expected_ids and offsets.tolist() == expected_offsets
        assert list(vocab.items()) == list(expected_vocab.items())


def test_encode_takes_a_generator_and_empty_input() -> None:
    vocab: dict[str, int] = {}
    ids, offsets = encode(iter([]), vocab)
    assert ids.tolist() == [] and offsets.tolist() == [0] and vocab == {}
    ids, offsets = encode((d for d in [["a"], [], ["b", "a"]]), vocab)
    assert ids.tolist() == [0, 1, 0] and offsets.tolist() == [0, 1, 1, 3]


def pieces() -> list[list[Paragraph]]:
    article = load_dataset(DATA).articles[0]
    paras = list(article.paragraphs)
    # Several "articles" of uneven sizes, repeating words across pieces.
    starts, sizes = (0, 3, 10, 11, 30, 30), (3, 7, 1, 19, 0, 16)
    return [paras[i : i + n] for i, n in zip(starts, sizes, strict=True)]


def test_pieces_in_workers_give_the_ids_of_one_pass() -> None:
    parts = pieces()
    whole: dict[str, int] = {"ream": 0}
    ids, offsets = encode([paragraph_terms(p) for part in parts for p in part], whole)
    seen = []
    for workers in (1, 2):
        vocab: dict[str, int] = {"ream": 0}
        found = encode_pieces(parts, vocab, workers=workers, progress=seen.append)
        assert vocab == whole and list(vocab) == list(whole)
        assert np.concatenate([f[0] for f in found]).tolist() == ids.tolist()
        lengths = np.concatenate([np.diff(f[1]) for f in found])
        assert lengths.tolist() == np.diff(offsets).tolist()
        assert [len(f[1]) - 1 for f in found] == [len(p) for p in parts]
    assert sum(seen) == 2 * sum(len(p) for p in parts)


def test_index_tokenizes_a_cited_paragraph_once() -> None:
    paras = load_dataset(DATA).articles[0].paragraphs
    index = Index.build(paras)
    p = paras[4]
    first = index.terms_of(p.article, p.number, p.heading, p.text)
    assert first == frozenset(paragraph_terms(p))
    assert index.terms_of(p.article, p.number, p.heading, p.text) is first
    other = index.terms_of(p.article, p.number, p.heading, "Changed text about bridges.")
    assert other == frozenset(terms(f"{p.heading} Changed text about bridges."))


def test_encode_in_forked_processes_gives_the_ids_of_one_pass(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rng = np.random.default_rng(4)
    docs = [[f"w{w}" for w in rng.zipf(1.3, size=n) % 900] for n in rng.integers(0, 40, 600)]
    monkeypatch.setattr(tokens, "FORK_FROM", 0)
    for workers in (2, 3):
        for start in ({}, {"w7": 0, "other": 1}):
            vocab, expected_vocab = dict(start), dict(start)
            ids, offsets = encode(docs, vocab, workers=workers)
            expected_ids, expected_offsets = one_at_a_time(docs, expected_vocab)
            assert ids.dtype == np.int32 and offsets.dtype == np.int64
            assert ids.tolist() == expected_ids and offsets.tolist() == expected_offsets
            assert list(vocab.items()) == list(expected_vocab.items())
    assert encode([], {}, workers=2)[1].tolist() == [0]


@pytest.mark.parametrize("shared", [True, False], ids=["one-object-per-word", "copies"])
def test_numbering_by_identity_gives_the_ids_of_one_pass(
    monkeypatch: pytest.MonkeyPatch, shared: bool
) -> None:
    rng = np.random.default_rng(5)
    words = [f"w{i}" for i in range(2000)]

    def word(i: int) -> str:
        # Equal words held by different objects must still get one id.
        return words[i] if shared else "".join(["w", str(i)])

    docs = [[word(w) for w in rng.zipf(1.2, size=n) % 2000] for n in rng.integers(0, 50, 500)]
    # Small chunks and tables: words first met in later chunks, slots shared in every round.
    monkeypatch.setattr(numbering, "CHUNK", 1000)
    monkeypatch.setattr(numbering, "BITS", 6)
    monkeypatch.setattr(tokens, "NUMBER_FROM", 0)
    for start in ({}, {"w7": 0, "other": 1}):
        vocab, expected_vocab = dict(start), dict(start)
        ids, offsets = encode(docs, vocab)
        expected_ids, expected_offsets = one_at_a_time(docs, expected_vocab)
        assert ids.dtype == np.int32
        assert ids.tolist() == expected_ids and offsets.tolist() == expected_offsets
        assert list(vocab.items()) == list(expected_vocab.items())


def test_numbering_survives_a_crowded_table_and_fresh_objects(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Words fighting for few slots, non-ASCII words, and tokens made anew on each read."""

    class Fresh(list[str]):
        """Hands out new string objects each time it is read, which then die at once."""

        def __iter__(self) -> Iterator[str]:
            return ("".join(list(w)) for w in super().__iter__())

    rng = np.random.default_rng(7)
    words = ["café", "Hun", "Sen", "ñandú", "東京", "a", "a b", "", *[f"w{i}" for i in range(300)]]
    plain = [
        [words[w] for w in rng.zipf(1.2, size=n) % len(words)] for n in rng.integers(0, 30, 300)
    ]
    monkeypatch.setattr(numbering, "CHUNK", 50)
    monkeypatch.setattr(tokens, "NUMBER_FROM", 0)
    for bits in (1, 3, 12):
        monkeypatch.setattr(numbering, "BITS", bits)
        for docs in (plain, [Fresh(d) for d in plain]):
            vocab: dict[str, int] = {"a": 0}
            expected_vocab = dict(vocab)
            ids, _ = encode(docs, vocab)
            assert ids.tolist() == one_at_a_time(plain, expected_vocab)[0]
            assert list(vocab.items()) == list(expected_vocab.items())


@pytest.mark.parametrize(
    "docs", [[], [[]], [["x"]], [["x", "x", "x"]], [[], ["é", "é"], []]], ids=str
)
def test_numbering_edge_cases(monkeypatch: pytest.MonkeyPatch, docs: list[list[str]]) -> None:
    monkeypatch.setattr(tokens, "NUMBER_FROM", 0)
    vocab: dict[str, int] = {}
    expected_vocab: dict[str, int] = {}
    ids, offsets = encode(docs, vocab)
    assert (ids.tolist(), offsets.tolist()) == one_at_a_time(docs, expected_vocab)
    assert vocab == expected_vocab


def test_addresses_are_the_ids_of_the_objects() -> None:
    items = ["a", "b", "a", *[str(i) for i in range(1000)]]
    assert numbering.addresses(items).tolist() == [id(x) for x in items]
    assert numbering.addresses([]).tolist() == []


def test_a_failing_forked_encoding_raises_and_leaves_no_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(tokens, "FORK_FROM", 0)
    docs: list[Any] = [["a", "b"]] * 50 + [["c", ["unhashable"]]] + [["d"]] * 50
    with pytest.raises(TypeError):
        encode(docs, {}, workers=2)
    assert multiprocessing.active_children() == []
    assert tokens._SHARED == []
    vocab: dict[str, int] = {}
    assert encode([["a"], ["b"]] * 30, vocab, workers=2)[0].tolist() == [0, 1] * 30
