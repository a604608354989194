"""Every way of breaking data/ gives one exact located line from `qa check`; `qa ask` refuses."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from qa.cli import main

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "bad_data" / "cases.yaml").read_text(encoding="utf-8")
)["cases"]
KEYS = {
    "id",
    "file",
    "replace",
    "write",
    "hex",
    "symlink",
    "make",
    "at",
    "line",
    "line_offset",
    "message",
}
SECRET = "DISCORD_TOKEN=MTA5NzQ2.GhX2Yz.secret-value-0123456789\n"


def where(path: Path, line: int) -> str:
    """Return how a problem is located: `file:line` or, for a whole file, `file`."""
    return f"{path}:{line}" if line else str(path)


def _replace_with(folder: Path, path: Path, case: dict[str, Any]) -> None:
    if path.is_dir():
        path.rmdir()
    elif path.exists() or path.is_symlink():
        path.unlink()
    if "symlink" in case:
        target = case["symlink"]
        if target == "outside":  # a secrets file beside the data folder
            outside = folder.parent / "secrets.env"
            outside.write_text(SECRET, encoding="utf-8")
            target = str(outside)
        path.symlink_to(path if target == "self" else target)
    elif case["make"] == "folder":
        path.mkdir()
    elif case["make"] == "fifo":
        os.mkfifo(path)


def break_file(folder: Path, case: dict[str, Any]) -> tuple[Path, int]:
    """Apply a case's edit to a data copy; return the file and the line expected."""
    path = folder / case["file"]
    if "symlink" in case or "make" in case:
        _replace_with(folder, path, case)
    elif "hex" in case:
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
    assert lines[0] == f"{where(path, line)}: {case['message']}"
    assert "Traceback" not in err
    assert not (data_copy / "PWNED").exists()

    assert main(["ask", "--data", str(data_copy), "What did Japan pledge?"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.strip() == lines[0]
