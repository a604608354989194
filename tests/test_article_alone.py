"""An article answers alike whatever other articles share its data folder.

A question routed to one article is scored with that article's BM25 statistics alone
(the scores rank-bm25 gives over its paragraphs), so its answers are those of a folder
holding that article alone.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from qa.data.dataset import load_dataset
from qa.engine import Engine
from qa.evaluation import load_cases
from qa.search import bm25
from qa.search.index import Index, paragraph_terms
from qa.search.store import load_index, refresh_index

from .conftest import CASES, THREE_ARTICLES

# Files of single questions whose answers lean most on passages and their thresholds.
PASSAGE_HEAVY = ("passages", "wild_speech", "wild_unanswerable", "unanswerable", "quotes")


@pytest.fixture(scope="module")
def three() -> Engine:
    return Engine.from_folder(THREE_ARTICLES)


@pytest.mark.parametrize("article", ["ppp-asean-2022", "mekong-2031", "jakarta-ocean-2033"])
def test_an_article_scores_its_paragraphs_as_rank_bm25_does_over_them(
    three: Engine, article: str
) -> None:
    assert three.library is not None
    index = three.library.engine(article).index
    paragraphs = list(three.data.article(article).paragraphs)
    assert [(p.article, p.number) for p in index.paragraphs] == [
        (p.article, p.number) for p in paragraphs
    ]
    reference = BM25Okapi([paragraph_terms(p) for p in paragraphs])
    for query in (["thank", "new", "zealand"], ["japan", "pledg", "million"], ["rice", "trade"]):
        ids = [index.vocab.get(t, -1) for t in query]
        assert np.array_equal(index.postings.scores(ids), reference.get_scores(query))


@pytest.mark.parametrize("stored", [False, True], ids=["built", "stored"])
def test_an_article_index_from_the_folder_tokens_equals_one_built_from_its_text(
    tmp_path: Path, stored: bool
) -> None:
    folder = tmp_path / "three"
    shutil.copytree(THREE_ARTICLES, folder, ignore=shutil.ignore_patterns(".index*"))
    data = load_dataset(folder)
    if stored:
        refresh_index(folder, data, progress=False)
    index = (
        load_index(folder, data)
        if stored
        else Index.build([p for a in data.articles for p in a.paragraphs])
    )
    assert index is not None
    for a in data.articles:
        mine, built = index.article(a.id, a.paragraphs), Index.build(a.paragraphs)
        assert list(mine.vocab.items()) == list(built.vocab.items())
        for name in bm25.ARRAYS:
            ours, theirs = getattr(mine.postings, name), getattr(built.postings, name)
            assert ours.dtype == theirs.dtype and np.array_equal(ours, theirs), name
        assert mine.postings.average_idf == built.postings.average_idf


def _questions() -> list[str]:
    files = [CASES / f"{name}.yaml" for name in PASSAGE_HEAVY]
    cases = load_cases([f for f in files if f.exists()])
    return [c.turns[0].ask for c in cases if len(c.turns) == 1 and c.data is None]


def test_the_bundled_article_answers_as_it_does_alone(engine: Engine, three: Engine) -> None:
    assert three.library is not None
    alone = three.library.engine("ppp-asean-2022")
    questions = _questions()
    assert len(questions) >= 60
    differ = [
        f"{q}: {mine.text[:80]!r} != {theirs.text[:80]!r}"
        for q in questions
        for mine, theirs in [(alone.ask(q)[0], engine.ask(q)[0])]
        if mine.text != theirs.text
    ]
    assert not differ, "\n".join(differ)


def test_an_article_engine_is_built_on_first_use_only(three: Engine) -> None:
    assert three.library is not None
    first = three.library.engine("mekong-2031")
    assert three.library.engine("mekong-2031") is first
