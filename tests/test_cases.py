"""Run every Q&A regression case in tests/cases through the engine.

A case file without a `data:` key runs twice: on the bundled data folder and on the
two-article fixture folder, where every answer must stay the same. A file naming its
data folder runs on that folder only.
"""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest

from qa.engine import Engine
from qa.evaluation import Case, load_cases, run_case

from .conftest import CASES, DATA, THREE_ARTICLES, TWO_ARTICLES

ALL = load_cases(sorted(CASES.glob("*.yaml")))
FOLDERS = {"bundled": DATA, "two_articles": TWO_ARTICLES, "three_articles": THREE_ARTICLES}


def _params() -> list[object]:
    found = []
    for case in ALL:
        names = (
            [n for n, f in FOLDERS.items() if f == case.data] if case.data else list(FOLDERS)[:2]
        )
        for name in names:
            reason = case.expected_failure(1 if name == "bundled" else 2)
            marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
            found.append(
                pytest.param(case, name, id=f"{name}/{case.category}/{case.id}", marks=marks)
            )
    return found


@pytest.fixture(scope="session")
def three_articles() -> Engine:
    return Engine.from_folder(THREE_ARTICLES)


@pytest.mark.parametrize(("case", "folder"), _params())
def test_case(
    engine: Engine, two_articles: Engine, three_articles: Engine, case: Case, folder: str
) -> None:
    engines = {"bundled": engine, "two_articles": two_articles, "three_articles": three_articles}
    result = run_case(engines[folder], case)
    assert result.passed, "\n".join(result.failures)


def test_enough_cases_of_each_kind() -> None:
    assert len(ALL) >= 200
    unanswerable = [t for c in ALL for t in c.turns if not t.answered]
    assert len(unanswerable) >= 30
    assert sum(len(c.turns) > 1 for c in ALL) >= 20


def test_enough_free_form_cases() -> None:
    wild = [c for c in ALL if c.category.startswith("wild_")]
    assert len(wild) >= 150
    assert sum(len(c.turns) > 1 for c in wild) >= 20
    assert sum(not t.answered for c in wild for t in c.turns) >= 25


def test_every_category_file_has_a_description() -> None:
    for path in CASES.glob("*.yaml"):
        assert path.read_text(encoding="utf-8").startswith("description:"), path.name


def test_case_files_name_known_data_folders() -> None:
    assert {c.data for c in ALL if c.data} <= {f.resolve() for f in FOLDERS.values()}


@pytest.mark.parametrize("folder", [TWO_ARTICLES, THREE_ARTICLES], ids=lambda f: f.name)
def test_article_fixtures_hold_the_bundled_files_unchanged(folder: Path) -> None:
    shared = [p.name for p in DATA.glob("*.yaml")]
    shared += [f"articles/{p.name}" for p in (DATA / "articles").glob("ppp-asean-2022.*")]
    _, differ, missing = filecmp.cmpfiles(DATA, folder, shared, shallow=False)
    assert not differ and not missing, f"run `make fixtures` to refresh {differ + missing}"


def test_three_article_fixture_holds_the_two_article_one_unchanged() -> None:
    shared = [f"articles/mekong-2031.{suffix}" for suffix in ("txt", "yaml")]
    _, differ, missing = filecmp.cmpfiles(TWO_ARTICLES, THREE_ARTICLES, shared, shallow=False)
    assert not differ and not missing, f"run `make fixtures` to refresh {differ + missing}"
