"""The unanswered-questions log and `qa eval --from-log`, which drafts cases from it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from qa.asklog import log_line, read_log
from qa.cli import main
from qa.evaluation import load_cases

LOG = """\
2026-11-27T10:00:00Z\t111\tWhat did France pledge?
2026-11-27T10:05:00Z\tdm\twhat did   FRANCE pledge?
not a log line
2026-11-27T11:00:00Z\t222\tWho won the vote: "yes" or 'no'? #1
2026-11-27T12:00:00Z\t111\tWhat did France pledge?
"""


def test_log_line_is_one_line_of_three_fields() -> None:
    when = dt.datetime(2026, 11, 27, 10, 0, tzinfo=dt.UTC)
    line = log_line("Who\twon\nthe vote?", None, when)
    assert line == "2026-11-27T10:00:00Z\tdm\tWho won the vote?\n"


def test_from_log_drafts_loadable_cases(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = tmp_path / "unanswered.log"
    log.write_text(LOG, encoding="utf-8")
    assert read_log(log)[1] == [3]
    assert main(["eval", "--from-log", str(log)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    draft = tmp_path / "drafts.yaml"
    draft.write_text(out, encoding="utf-8")
    cases = load_cases([draft])
    assert [c.turns[0].ask for c in cases] == [
        "What did France pledge?",
        "Who won the vote: \"yes\" or 'no'? #1",
    ]
    assert cases[0].id == "what-did-france-pledge" and "3 times" in cases[0].xfail
    assert all(c.xfail for c in cases)  # drafts: expected to fail until reviewed
    assert "skipped malformed lines 3" in out


def test_from_log_missing_file_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["eval", "--from-log", str(tmp_path / "none.log")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "none.log" in err
