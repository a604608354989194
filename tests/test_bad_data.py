"""Every way of breaking data/ gives one located line from `qa check`, and `qa ask` refuses."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from qa.cli import main

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "bad_data" / "cases.yaml").read_text(encoding="utf-8")
)["cases"]
KEYS = {"id", "file", "replace", "write", "hex", "at", "line", "line_offset", "message"}


def break_file(folder: Path, case: dict[str, Any]) -> tuple[Path, int]:
    """Apply a case's edit to a data copy; return the file and the line expected."""
    path = folder / case["file"]
    if "hex" in case:
        path.write_bytes(bytes.fromhex(case["hex"]))
    elif "write" in case:
        path.write_text(case["write"], encoding="utf-8")
    else:
        text = path.read_text(encoding="utf-8")
        old, new = case["replace"]["old"], case["replace"]["new"]
        assert old in text, f"{case['id']}: {old!r} is not in {case['file']}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    if "line" in case:
        return path, int(case["line"])
    if "at" not in case:
        return path, 1
    text = path.read_text(encoding="utf-8")
    assert case["at"] in text, f"{case['id']}: {case['at']!r} not in the broken file"
    return path, text[: text.index(case["at"])].count("\n") + 1 + case.get("line_offset", 0)


def test_case_keys_are_known() -> None:
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids))
    for case in CASES:
        assert set(case) <= KEYS, case["id"]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_check_reports_one_located_line(
    case: dict[str, Any],
    data_copy: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(data_copy)
    path, line = break_file(data_copy, case)
    assert main(["check", "--data", str(data_copy)]) == 1
    out, err = capsys.readouterr()
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"{path}:{line}: "), (lines[0], line)
    assert re.search(case["message"], lines[0]), lines[0]
    assert "Traceback" not in err
    assert not (data_copy / "PWNED").exists()

    assert main(["ask", "--data", str(data_copy), "What did Japan pledge?"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.strip() == lines[0]
