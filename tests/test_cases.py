"""Run every Q&A regression case in tests/cases through the engine."""

from __future__ import annotations

import pytest

from qa.engine import Engine
from qa.evaluation import Case, load_cases, run_case

from .conftest import CASES

ALL = load_cases(sorted(CASES.glob("*.yaml")))


def _param(case: Case) -> object:
    marks = [pytest.mark.xfail(reason=case.xfail, strict=True)] if case.xfail else []
    return pytest.param(case, id=f"{case.category}/{case.id}", marks=marks)


@pytest.mark.parametrize("case", [_param(c) for c in ALL])
def test_case(engine: Engine, case: Case) -> None:
    result = run_case(engine, case)
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
