"""The stored index: built by `qa index`, refreshed incrementally, ignored when stale."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from qa.cli import main
from qa.data.dataset import load_dataset
from qa.engine import Engine
from qa.search import bm25
from qa.search.index import paragraph_terms
from qa.search.store import INDEX_DIR, load_index, refresh_index

from .test_new_data import add_fictional_meeting


def arrays(p: bm25.Postings) -> list[np.ndarray]:
    return [np.asarray(getattr(p, name)) for name in bm25.ARRAYS]


def test_qa_index_builds_and_engine_uses_it(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["index", "--data", str(data_copy)]) == 0
    out = capsys.readouterr().out
    assert "46 paragraphs from 1 articles (1 tokenized, 0 reused)" in out
    engine = Engine.from_folder(data_copy)
    assert isinstance(engine.index.postings.docs.base, np.memmap)
    answer, _ = engine.ask("Why is Ream Naval Base being renovated?")
    assert answer.kind == "passage" and answer.sources[0].paragraph == 10


def test_stored_index_equals_a_fresh_build(data_copy: Path) -> None:
    data = load_dataset(data_copy)
    refresh_index(data_copy, data, progress=False)
    stored = load_index(data_copy, data)
    assert stored is not None
    fresh = Engine(data).index
    for a, b in zip(arrays(stored.postings), arrays(fresh.postings), strict=True):
        assert np.array_equal(a, b)
    assert stored.vocab == fresh.vocab


def test_adding_an_article_tokenizes_only_it(data_copy: Path) -> None:
    refresh_index(data_copy, load_dataset(data_copy), progress=False)
    add_fictional_meeting(data_copy)
    data = load_dataset(data_copy)
    assert load_index(data_copy, data) is None  # stale until refreshed
    done = refresh_index(data_copy, data, progress=False)
    assert (done.tokenized, done.reused, done.paragraphs) == (1, 1, 49)
    stored = load_index(data_copy, data)
    assert stored is not None
    # The ids differ from a build from scratch (new terms are appended), the scores must not.
    docs = [paragraph_terms(p) for p in stored.paragraphs]
    reference = BM25Okapi(docs)
    for query in (docs[2][:4], docs[-1][:3], ["kishida", "pledg", "firefli", "nowher"]):
        ids = [stored.vocab.get(t, -1) for t in query]
        assert np.array_equal(stored.postings.scores(ids), reference.get_scores(query))


def test_changed_text_makes_the_index_stale(data_copy: Path) -> None:
    data = load_dataset(data_copy)
    refresh_index(data_copy, data, progress=False)
    text = data_copy / "articles" / "ppp-asean-2022.txt"
    text.write_text(text.read_text(encoding="utf-8") + "\n\nOne more paragraph.", encoding="utf-8")
    data = load_dataset(data_copy)
    assert load_index(data_copy, data) is None
    assert Engine.from_folder(data_copy).index.postings.size == 47


def test_broken_index_is_ignored(data_copy: Path) -> None:
    data = load_dataset(data_copy)
    refresh_index(data_copy, data, progress=False)
    os.remove(data_copy / INDEX_DIR / "docs.npy")
    assert load_index(data_copy, data) is None
    assert Engine.from_folder(data_copy).ask("What did Japan pledge?")[0].answered
