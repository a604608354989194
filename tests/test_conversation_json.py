"""`qa repl --json`: one question per line in, one `qa ask --json` object per line out."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from qa.cli import main
from qa.engine import Engine
from qa.repl import run_json

from .conftest import DATA

ASK_KEYS = {"question", "answer", "answered", "kind", "more", "sources"}


def converse(engine: Engine, *lines: str) -> list[dict[str, object]]:
    stdout = io.StringIO()
    assert run_json(engine, io.StringIO("".join(f"{line}\n" for line in lines)), stdout) == 0
    return [json.loads(line) for line in stdout.getvalue().splitlines()]


def test_conversation_carries_context_between_lines(engine: Engine) -> None:
    out = converse(
        engine,
        "How much did Canada give?",
        "What about Japan?",
        "How much was pledged in total?",
    )
    assert [o["question"] for o in out] == [
        "How much did Canada give?",
        "What about Japan?",
        "How much was pledged in total?",
    ]
    assert "$240,000" in str(out[0]["answer"])
    assert "$51.3 million" in str(out[1]["answer"]) and "$240,000" not in str(out[1]["answer"])
    assert "$51.54 million" in str(out[2]["answer"])
    assert all(set(o) == ASK_KEYS for o in out)


def test_pronoun_follow_up_resolves_against_the_previous_line(engine: Engine) -> None:
    out = converse(engine, "Who did Hun Sen meet from Canada?", "What did he say?")
    assert "Trudeau" in str(out[0]["answer"])
    assert "never forget" in str(out[1]["answer"])


def test_each_object_is_the_ask_json_object(
    engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    question = "Who did Hun Sen meet on November 12?"
    (line,) = converse(engine, question)
    assert main(["ask", "--json", question]) == 0
    assert line == json.loads(capsys.readouterr().out)


def test_blank_lines_are_skipped(engine: Engine) -> None:
    out = converse(engine, "", "   ", "What did Japan pledge?", "\t", "When was that?", "")
    assert len(out) == 2
    assert "November 12, 2022" in str(out[1]["answer"])


def test_refused_question_is_an_object_with_an_error(engine: Engine) -> None:
    out = converse(engine, "What did Japan pledge?", "y" * 301, "When was that?")
    assert len(out) == 3
    refused = out[1]
    assert refused["answered"] is False and refused["kind"] == "none"
    assert refused["sources"] == [] and refused["question"] == "y" * 301
    assert refused["error"] == "question is 301 characters long; the limit is 300"
    assert "error" not in out[0] and "error" not in out[2]
    # The refusal does not break the conversation: the follow-up still resolves.
    assert "November 12, 2022" in str(out[2]["answer"])


def test_cli_prints_only_json_lines(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("hello there\n\nWhat did France pledge?\n"))
    assert main(["repl", "--json"]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert len(lines) == 2 and err == ""
    assert [json.loads(line)["question"] for line in lines] == [
        "hello there",
        "What did France pledge?",
    ]


def test_each_answer_is_written_before_the_next_question_arrives() -> None:
    qa = Path(sys.executable).parent / "qa"
    with subprocess.Popen(
        [str(qa), "repl", "--json"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "QA_DATA": str(DATA)},
    ) as proc:
        # A read that never returns would hang the suite; kill the process so it fails.
        watchdog = threading.Timer(60, proc.kill)
        watchdog.start()
        try:
            assert proc.stdin is not None and proc.stdout is not None
            proc.stdin.write("What did Japan pledge?\n")
            proc.stdin.flush()
            first = json.loads(proc.stdout.readline())
            proc.stdin.write("When was that?\n")
            proc.stdin.flush()
            second = json.loads(proc.stdout.readline())
            proc.stdin.close()
            assert proc.wait() == 0
        finally:
            watchdog.cancel()
    assert "$51.3 million" in first["answer"]
    assert "November 12, 2022" in second["answer"]


def test_undecodable_input_bytes_become_replacement_characters(engine: Engine) -> None:
    # stdin decodes with surrogateescape: bytes that are not UTF-8 arrive as lone
    # surrogates, which must not reach the JSON as escapes strict parsers refuse.
    (obj,) = converse(engine, "\udcff\udcfe What did Japan pledge?")
    assert obj["question"].startswith("\ufffd\ufffd")
    assert "$51.3 million" in obj["answer"]
