"""The case format: validation errors with file:line, xfail handling, the report."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa.engine import Engine
from qa.errors import CaseError
from qa.evaluation import load_cases, report, run_case


def write(tmp_path: Path, text: str, name: str = "demo.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_unknown_key_is_reported_with_line(tmp_path: Path) -> None:
    path = write(
        tmp_path, "cases:\n  - id: a\n    ask: What did Japan pledge?\n    contians: [x]\n"
    )
    with pytest.raises(CaseError, match=r"demo.yaml:4: unknown key 'contians'.*'contains'"):
        load_cases([path])


def test_duplicate_ids_are_refused(tmp_path: Path) -> None:
    text = "cases:\n  - {id: a, ask: x}\n  - {id: a, ask: y}\n"
    with pytest.raises(CaseError, match="duplicate case id demo/a"):
        load_cases([write(tmp_path, text)])


def test_ask_and_turns_together_are_refused(tmp_path: Path) -> None:
    text = "cases:\n  - id: a\n    ask: x\n    turns: [{ask: y}]\n"
    with pytest.raises(CaseError, match="either 'ask' or 'turns'"):
        load_cases([write(tmp_path, text)])


def test_failure_lists_expected_and_got(engine: Engine, tmp_path: Path) -> None:
    text = "cases:\n  - id: wrong\n    ask: What did Japan pledge?\n    contains: ['$99']\n"
    result = run_case(engine, load_cases([write(tmp_path, text)])[0])
    assert not result.passed
    assert "missing '$99'" in result.failures
    lines = report([result])
    assert any(line.startswith("FAIL demo/wrong") for line in lines)
    assert any("got:" in line and "$51.3 million" in line for line in lines)


def test_report_counts_abstention_precision_and_recall(engine: Engine, tmp_path: Path) -> None:
    text = (
        "cases:\n"
        "  - {id: a, ask: 'What did France pledge?', answered: false}\n"
        "  - {id: b, ask: 'What did Japan pledge?', answered: false}\n"
    )
    results = [run_case(engine, c) for c in load_cases([write(tmp_path, text)])]
    lines = report(results)
    assert "abstention: precision 100.0% (1/1), recall 50.0% (1/2)" in "\n".join(lines)


def test_passing_xfail_case_is_flagged(engine: Engine, tmp_path: Path) -> None:
    text = "cases:\n  - {id: a, ask: 'What did Japan pledge?', xfail: not yet}\n"
    results = [run_case(engine, c) for c in load_cases([write(tmp_path, text)])]
    assert any(line.startswith("XPASS demo/a") for line in report(results))


def test_starts_checks_the_opening_words(engine: Engine, tmp_path: Path) -> None:
    text = (
        "cases:\n"
        "  - {id: a, ask: 'What did Japan pledge?', starts: 'japan'}\n"
        "  - {id: b, ask: 'What did Japan pledge?', starts: 'No'}\n"
    )
    good, bad = (run_case(engine, c) for c in load_cases([write(tmp_path, text)]))
    assert good.passed
    assert "does not start with 'No'" in bad.failures


def test_max_chars_catches_long_answers(engine: Engine, tmp_path: Path) -> None:
    text = (
        "cases:\n"
        "  - {id: a, ask: 'What did Japan pledge?', max_chars: 1000}\n"
        "  - {id: b, ask: 'What did Japan pledge?', max_chars: 10}\n"
    )
    good, bad = (run_case(engine, c) for c in load_cases([write(tmp_path, text)]))
    assert good.passed
    assert any("more than max_chars 10" in f for f in bad.failures)


@pytest.mark.parametrize("value", ["0", "2.5", "many"])
def test_max_chars_must_be_a_positive_whole_number(tmp_path: Path, value: str) -> None:
    text = f"cases:\n  - id: a\n    ask: x\n    max_chars: {value}\n"
    with pytest.raises(CaseError, match=r"demo.yaml:4: .*max_chars"):
        load_cases([write(tmp_path, text)])
