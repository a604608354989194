"""Shared fixtures: the bundled data folder and one engine built over it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from qa.engine import Engine

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
CASES = Path(__file__).parent / "cases"
# A data folder holding the bundled article and a fictional second one (another
# principal, overlapping counterparts); every case runs on it as well.
TWO_ARTICLES = Path(__file__).parent / "fixtures" / "two_articles"
# Both of those and a third, whose principal meets the second article's principal.
THREE_ARTICLES = Path(__file__).parent / "fixtures" / "three_articles"


@pytest.fixture(scope="session")
def engine() -> Engine:
    return Engine.from_folder(DATA)


@pytest.fixture(scope="session")
def two_articles() -> Engine:
    return Engine.from_folder(TWO_ARTICLES)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled data folder."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target, ignore=shutil.ignore_patterns(".index*"))
    return target
