"""The qa command: output formats, exit codes and one-line errors."""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from qa import repl
from qa.cli import main
from qa.engine import Engine

from .conftest import CASES, DATA, ROOT


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_ask_prints_answer_and_source(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "ask", "What did Japan pledge?")
    assert code == 0
    assert "$51.3 million" in out
    assert "source: The Phnom Penh Post" in out and "Cambodia-Japan, ¶21" in out


def test_ask_json_is_one_object(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "ask", "--json", "What did France pledge?")
    assert code == 0
    obj = json.loads(out)
    assert set(obj) == {"question", "answer", "answered", "kind", "more", "sources"}
    assert obj["answered"] is False and obj["kind"] == "none"


def test_ask_json_names_both_leaders_met_on_nov_12(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "ask", "--json", "Who did Hun Sen meet on November 12?")
    obj = json.loads(out)
    assert "Albanese" in obj["answer"] and "Dhankhar" in obj["answer"]
    assert {s["paragraph"] for s in obj["sources"]} >= {27, 30}
    assert all(set(s) == {"article", "paragraph", "heading", "text"} for s in obj["sources"])


def test_ask_json_passage(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "ask", "--json", "Why is Ream Naval Base being renovated?")
    obj = json.loads(out)
    assert obj["kind"] == "passage" and obj["answered"] is True
    assert obj["sources"][0]["paragraph"] == 10


def test_too_long_question_is_a_one_line_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "ask", "x" * 400)
    assert code == 1 and out == ""
    assert err.strip() == "qa: error: question is 400 characters long; the limit is 300"


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["frobnicate"])
    assert exc.value.code == 2


def test_missing_data_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "check", "--data", str(tmp_path / "nope"))
    assert code == 1
    assert err.strip() == f"{tmp_path / 'nope'}: data folder not found"


def test_qa_data_variable_selects_folder(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("QA_DATA", str(tmp_path))
    code, _, err = run(capsys, "check")
    assert code == 1 and str(tmp_path) in err


def test_check_ok(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check")
    assert code == 0 and "1 articles, 9 meetings" in out


def test_show_numbers_paragraphs(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "ppp-asean-2022")
    assert code == 0
    assert "## Cambodia-Japan" in out and "[21] On November 12" in out
    code, _, err = run(capsys, "show", "nope")
    assert code == 1 and "no article 'nope'" in err


def test_eval_reports_and_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "eval", str(CASES / "pledges.yaml"))
    assert code == 0
    assert out.splitlines()[0].startswith("category")
    assert "abstention: precision" in out


def test_eval_exits_1_on_failure(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("cases:\n  - {id: x, ask: 'What did Japan pledge?', contains: ['$1']}\n")
    code, out, _ = run(capsys, "eval", str(bad))
    assert code == 1 and "FAIL bad/x" in out


def test_repl_piped_answers_each_line_with_context(engine: Engine) -> None:
    stdin = io.StringIO("What did Japan pledge?\nWhen was that?\n:sources\n:help\n:bogus\n")
    stdout = io.StringIO()
    assert repl.run(engine, stdin, stdout) == 0
    out = stdout.getvalue()
    assert "$51.3 million" in out and "November 12, 2022" in out
    assert "[ppp-asean-2022 ¶21, Cambodia-Japan]" in out
    assert "Example questions:" in out and "Unknown command :bogus" in out


def test_repl_quit_and_too_long(engine: Engine) -> None:
    stdout = io.StringIO()
    assert (
        repl.run(engine, io.StringIO("y" * 301 + "\n:quit\nWhat did Japan pledge?\n"), stdout) == 0
    )
    assert "Sorry: question is 301 characters long" in stdout.getvalue()
    assert "$51.3 million" not in stdout.getvalue()


def test_console_script_runs_without_traceback() -> None:
    env = {**os.environ, "QA_DATA": str(DATA)}
    qa = Path(sys.executable).parent / "qa"
    done = subprocess.run(
        [str(qa), "ask", "--json", "What did Canada pledge?"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "$240,000" in json.loads(done.stdout)["answer"]


def test_every_command_is_documented_in_readme() -> None:
    from qa.arguments import build_parser as _parser

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sub = next(a for a in _parser()._actions if a.dest == "command")
    for name in sub.choices:  # type: ignore[union-attr]
        assert f"qa {name}" in readme, name


def test_a_parser_built_for_one_command_helps_and_parses_as_the_full_one() -> None:
    from qa.arguments import build_parser as _parser

    def commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
        sub = next(a for a in parser._actions if a.dest == "command")
        return dict(sub.choices)  # type: ignore[arg-type]

    full = _parser()
    assert _parser(set()).format_help() == full.format_help()
    for name, command in commands(full).items():
        assert commands(_parser({name}))[name].format_help() == command.format_help()
    for argv in (
        ["ask", "--json", "--data", "x", "--", "what", "-h"],
        ["--data", "y", "index", "--no-progress"],
        ["draft", "ppp", "--write", "--yes"],
        ["add", "a.txt", "--id", "z", "--date", "2024-03"],
        ["eval", "a.yaml", "--verbose"],
    ):
        assert _parser(set(argv)).parse_args(argv) == full.parse_args(argv)


@pytest.mark.parametrize(
    ("argv", "plain"),
    [
        (["ask", "What did Japan pledge?"], True),
        (["ask", "What", "did", "Japan", "pledge?", "--json"], True),
        (["ask", "--json", "--data", "x", "what", "-h"], True),
        (["ask", "--data=x", "--data", "y", "--json", "--json", "why?"], True),
        (["ask", "--", "--json", "-h"], True),
        (["ask", "--jso", "why?"], True),
        (["ask", "--data", "-x", "why?"], False),
        (["ask", "--data=", "why?"], False),
        (["ask", "--data"], False),
        (["ask", "--json"], False),
        (["ask", "-h"], False),
        (["ask", "--", "a", "--", "b"], False),
        (["--data", "x", "ask", "why?"], False),
        (["show", "ppp"], False),
    ],
)
def test_a_plain_question_reads_as_the_parser_reads_it(argv: list[str], plain: bool) -> None:
    from types import SimpleNamespace

    from qa.arguments import build_parser as _parser
    from qa.arguments import plain_ask, question_argv

    words = question_argv(argv)
    found = plain_ask(words)
    assert (found is not None) == plain
    if found is not None:
        assert found == _parser().parse_args(words, SimpleNamespace())


def test_file_errors_are_one_line(
    capsys: pytest.CaptureFixture[str], data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(data_copy / ".index.new"))

    monkeypatch.setattr("qa.search.bm25.Postings.save", refuse)
    code, _, err = run(capsys, "index", "--data", str(data_copy))
    assert code == 1
    assert err.strip() == f"qa: error: Permission denied: {data_copy / '.index.new'}"


@pytest.mark.parametrize(
    "argv",
    [
        ["ask", "--json", "What", "is", "-h"],
        ["ask", "--json", "What is -h"],
        ["ask", "--json", "--", "-h"],
        ["ask", "--json", "-5 degrees, what did Japan pledge?"],
        ["ask", "What", "is", "--help", "--json"],
        ["ask", "--json", "-h", "-h", "what", "is", "it"],
    ],
)
def test_dash_words_stay_in_the_question(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    obj = json.loads(out)
    assert obj["question"] == " ".join(a for a in argv[1:] if a not in ("--json", "--"))
    assert "usage:" not in out


@pytest.mark.parametrize(
    ("question", "error"),
    [("x" * 400, "question is 400 characters long; the limit is 300"), ("  ", "question is empty")],
)
def test_refused_question_with_json_prints_one_object(
    capsys: pytest.CaptureFixture[str], question: str, error: str
) -> None:
    code, out, err = run(capsys, "ask", "--json", question)
    assert code == 1
    obj = json.loads(out)
    assert obj["answered"] is False and obj["error"] == error
    assert err.strip() == f"qa: error: {error}"


def qa_subprocess(
    args: list[str | bytes], env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    qa = Path(sys.executable).parent / "qa"
    return subprocess.run(
        [str(qa), *args],
        capture_output=True,
        env={**os.environ, "QA_DATA": str(DATA), **(env or {})},
        check=False,
    )


def test_invalid_utf8_argument_never_reaches_stdout_raw() -> None:
    done = qa_subprocess(["ask", "--json", b"What about \xff\xfe Japan?"])
    assert done.returncode == 0, done.stderr
    assert b"\xff" not in done.stdout and b"\xfe" not in done.stdout
    done.stdout.decode("utf-8")  # strictly valid


def test_ascii_terminal_with_accented_question() -> None:
    done = qa_subprocess(["ask", "What about caf\u00e9 in Japan?"], {"PYTHONIOENCODING": "ascii"})
    assert done.returncode == 0, done.stderr
    assert b"internal error" not in done.stderr
    done.stdout.decode("ascii")
    done = qa_subprocess(["ask", "--json", "caf\u00e9?"], {"PYTHONIOENCODING": "ascii"})
    assert done.returncode == 0 and json.loads(done.stdout)["question"] == "caf\u00e9?"


def test_ask_help_alone_is_still_help(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["ask", "-h"], ["ask", "--json", "--help"], ["ask", "-h", "--json"]):
        with pytest.raises(SystemExit) as done:
            main(argv)
        assert done.value.code == 0
        assert "usage: qa ask" in capsys.readouterr().out
