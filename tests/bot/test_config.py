"""Settings from the environment, and starting without a token."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings

ROOT = Path(__file__).resolve().parents[2]
CLEAN = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "QA_"))}


def test_missing_token_exits_1_with_one_line(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "--env-file", str(tmp_path / "none")],
        capture_output=True,
        text=True,
        env=CLEAN,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "DISCORD_TOKEN" in lines[0]
    assert "Traceback" not in done.stderr


def test_bad_log_level_exits_1_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import bot.__main__ as entry

    for key in list(os.environ):
        if key.startswith(("DISCORD_", "QA_")):
            monkeypatch.delenv(key)
    monkeypatch.setenv("DISCORD_TOKEN", "abc")
    monkeypatch.setenv("QA_LOG_LEVEL", "LOUD")
    assert entry.main(["--env-file", str(tmp_path / "none")]) == 1  # raised nothing
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert err.startswith("bot: error: QA_LOG_LEVEL must be one of DEBUG, INFO")


def test_settings_from_env_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for key in list(os.environ):
        if key.startswith(("DISCORD_", "QA_")):
            monkeypatch.delenv(key)
    env = tmp_path / ".env"
    env.write_text(
        "DISCORD_TOKEN=abc\nDISCORD_GUILD_ID=123\nDISCORD_ALLOWED_CHANNELS=1, 2\n"
        "QA_CONTEXT_IDLE_SECONDS=60\nDISCORD_SYNC_COMMANDS=yes\n"
    )
    settings = load_settings(ROOT / "data", env)
    assert settings.token == "abc" and settings.guild_id == 123
    assert settings.allowed_channels == {1, 2}
    assert settings.context_idle_seconds == 60.0 and settings.sync_commands
    assert not settings.message_content
    assert "abc" not in repr(settings)
    for key in (
        "DISCORD_TOKEN",
        "DISCORD_GUILD_ID",
        "DISCORD_ALLOWED_CHANNELS",
        "QA_CONTEXT_IDLE_SECONDS",
        "DISCORD_SYNC_COMMANDS",
    ):
        monkeypatch.delenv(key, raising=False)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("DISCORD_GUILD_ID=abc", "DISCORD_GUILD_ID must be a number"),
        ("QA_COOLDOWN_SECONDS=-1", "QA_COOLDOWN_SECONDS must not be negative"),
        ("QA_CONTEXT_IDLE_SECONDS=soon", "QA_CONTEXT_IDLE_SECONDS must be a number"),
        ("QA_LOG_LEVEL=loud", "QA_LOG_LEVEL must be one of DEBUG, INFO"),
        ("DISCORD_SYNC_COMMANDS=maybe", "DISCORD_SYNC_COMMANDS must be 1/true"),
        ("QA_COOLDOWN_SECONDS=inf", "QA_COOLDOWN_SECONDS must be a finite number"),
        ("QA_RELOAD_COOLDOWN_SECONDS=nan", "QA_RELOAD_COOLDOWN_SECONDS must be a finite"),
        ("DISCORD_OPERATOR_IDS=1,me", "DISCORD_OPERATOR_IDS must be a number"),
    ],
)
def test_bad_settings_name_the_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, line: str, message: str
) -> None:
    for key in list(os.environ):
        if key.startswith(("DISCORD_", "QA_")):
            monkeypatch.delenv(key)
    monkeypatch.setenv("DISCORD_TOKEN", "abc")
    name, value = line.split("=")
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError, match=message):
        load_settings(ROOT / "data", None)


def test_env_example_lists_every_setting_without_values() -> None:
    example = (ROOT / ".env.example").read_text()
    source = (ROOT / "bot" / "config.py").read_text()
    import re

    used = set(re.findall(r'"((?:DISCORD|QA)_[A-Z_]+)"', source))
    listed = dict(re.findall(r"^([A-Z_]+)=(.*)$", example, re.M))
    assert used <= set(listed)
    assert listed["DISCORD_TOKEN"] == ""
    assert ".env" in (ROOT / ".gitignore").read_text().split()
