"""Nothing qa prints can drive a terminal: controls and bidi overrides come out escaped."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from qa import repl
from qa.cli import main
from qa.engine import Engine
from qa.terminal import printable

HOSTILE = "\x1b]0;owned\x07\x1b[2J\x9b31m\u202eevil\x85"
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def test_printable_escapes_controls_and_bidi_but_keeps_lines() -> None:
    assert printable(f"a{HOSTILE}\tb\nc") == (
        "a\\x1b]0;owned\\x07\\x1b[2J\\x9b31m\\u202eevil\\x85\tb\nc"
    )


def test_ask_never_prints_raw_controls(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", f"What did {HOSTILE} pledge?"]) == 0
    out, err = capsys.readouterr()
    assert not RAW.search(out + err)


def test_ask_json_escapes_c1_and_bidi_too(capsys: pytest.CaptureFixture[str]) -> None:
    question = f"What did Japan{HOSTILE} pledge?"
    assert main(["ask", "--json", question]) == 0
    out = capsys.readouterr().out
    assert out.isascii() and not RAW.search(out)
    assert json.loads(out)["question"] == question


@pytest.fixture
def evil_names(data_copy: Path) -> tuple[Path, str]:
    """A data folder and an article whose names carry terminal escapes."""
    evil = f"ppp{HOSTILE}"
    for ext in ("txt", "yaml"):
        (data_copy / "articles" / f"ppp-asean-2022.{ext}").rename(
            data_copy / "articles" / f"{evil}.{ext}"
        )
    folder = data_copy.rename(data_copy.with_name(f"data{HOSTILE}"))
    return folder, evil


def test_check_escapes_the_folder_name(
    evil_names: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, _ = evil_names
    assert main(["check", "--data", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "ok (1 articles, 9 meetings)" in out and not RAW.search(out)
    (folder / "topics.yaml").write_text("topics: [\n", encoding="utf-8")
    assert main(["check", "--data", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "YAML syntax error" in err and not RAW.search(err)


def test_show_escapes(evil_names: tuple[Path, str], capsys: pytest.CaptureFixture[str]) -> None:
    folder, evil = evil_names
    assert main(["show", "--data", str(folder), evil]) == 0
    assert main(["show", "--data", str(folder), "nope"]) == 1
    out, err = capsys.readouterr()
    assert "[21]" in out and "no article 'nope'" in err
    assert not RAW.search(out + err)


def test_repl_sources_escape_the_article_id(evil_names: tuple[Path, str]) -> None:
    folder, _ = evil_names
    stdout = io.StringIO()
    repl.run(Engine.from_folder(folder), io.StringIO("What did Japan pledge?\n:sources\n"), stdout)
    out = stdout.getvalue()
    assert "\\x1b]0;owned" in out and "\u00b621" in out
    assert not RAW.search(out)
