"""Files a data folder reads: links stay inside it, secrets never become headings,
every OS fault is a located problem, and a reload reads one version of the folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from qa.cli import main
from qa.data.corpus import is_heading, split_paragraphs
from qa.data.dataset import load_dataset
from qa.errors import DataError

from .test_bad_data import SECRET

TEXT = "articles/ppp-asean-2022.txt"


def problems(folder: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_dataset(folder)
    return [str(p) for p in caught.value.problems]


def test_symlink_to_a_secrets_file_is_refused(data_copy: Path) -> None:
    secrets = data_copy.parent / ".env"
    secrets.write_text(SECRET, encoding="utf-8")
    (data_copy / TEXT).unlink()
    (data_copy / TEXT).symlink_to(secrets)
    assert problems(data_copy) == [f"{data_copy / TEXT}: symlink points outside the data folder"]


def test_symlinked_articles_folder_outside_is_refused(data_copy: Path, tmp_path: Path) -> None:
    shutil.move(data_copy / "articles", tmp_path / "elsewhere")
    (data_copy / "articles").symlink_to(tmp_path / "elsewhere")
    assert problems(data_copy) == [
        f"{data_copy / 'articles'}: symlink points outside the data folder"
    ]


def test_symlink_inside_the_folder_is_followed(data_copy: Path) -> None:
    (data_copy / "texts").mkdir()
    shutil.move(data_copy / TEXT, data_copy / "texts" / "ppp.txt")
    (data_copy / TEXT).symlink_to(Path("..") / "texts" / "ppp.txt")
    assert len(load_dataset(data_copy).articles[0].paragraphs) == 46


def test_data_folder_reached_through_a_symlink_loads(data_copy: Path, tmp_path: Path) -> None:
    (tmp_path / "current").symlink_to(data_copy)
    assert len(load_dataset(tmp_path / "current").meetings) == 9


@pytest.mark.parametrize(
    "line",
    [
        "DISCORD_TOKEN=MTA5.SECRET.abc",
        "API_KEY=",
        "password = hunter2",
        "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
        "MTA5NzQ2NjE4.GhX2Yz.abcdefghijklmnopqrstuvwx",
    ],
)
def test_secret_looking_lines_are_never_headings(line: str) -> None:
    assert not is_heading(line)
    paragraphs = split_paragraphs("x", f"Lead text here.\n\n{line}\n\nBody text follows.")
    assert {p.heading for p in paragraphs} == {"Lead"}


def test_headings_still_read_as_headings() -> None:
    for line in ("Cambodia-Brunei", "Cambodia-Philippines", "Cambodia-Republic of Korea"):
        assert is_heading(line)


def test_a_secret_line_in_an_article_never_reaches_a_source_line(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text, meta = data_copy / TEXT, data_copy / "articles" / "ppp-asean-2022.yaml"
    body = text.read_text(encoding="utf-8")
    text.write_text(body.replace("Cambodia-Japan", "DISCORD_TOKEN=MTA5.SECRET.abc"), "utf-8")
    meta.write_text(meta.read_text("utf-8").replace("    section: Cambodia-Japan\n", ""), "utf-8")
    assert main(["ask", "--data", str(data_copy), "What did Japan pledge?"]) == 0
    out = capsys.readouterr().out
    assert "source:" in out and "SECRET" not in out.split("source:")[1]


def test_unreadable_file_is_located(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = os.open
    target = str((data_copy / TEXT).resolve())

    def refuse(path: str, flags: int, *args: int) -> int:
        if str(path) == target:
            raise PermissionError(13, "Permission denied", path)
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", refuse)
    assert problems(data_copy) == [f"{data_copy / TEXT}: cannot be read: permission denied"]


def test_unreadable_articles_folder_is_not_no_article(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_listdir = os.listdir
    target = str((data_copy / "articles").resolve())

    def refuse(path: str) -> list[str]:
        if str(path) == target:
            raise PermissionError(13, "Permission denied", path)
        return real_listdir(path)

    monkeypatch.setattr(os, "listdir", refuse)
    assert problems(data_copy) == [f"{data_copy / 'articles'}: cannot be read: permission denied"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_by_mode(data_copy: Path) -> None:
    (data_copy / TEXT).chmod(0)
    assert problems(data_copy) == [f"{data_copy / TEXT}: cannot be read: permission denied"]


def test_self_referencing_data_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    assert main(["check", "--data", str(loop)]) == 1
    assert capsys.readouterr().err.strip() == f"{loop}: symlink loops back on itself"


def test_yaml_bomb_in_countries_is_refused_at_once(data_copy: Path) -> None:
    levels = ["l0: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 12):
        prev, this = chr(ord("a") + i - 1), chr(ord("a") + i)
        levels.append(f"l{i}: &{this} [" + ", ".join([f"*{prev}"] * 9) + "]")
    path = data_copy / "countries.yaml"
    path.write_text("\n".join(levels) + "\ncountries: [*l]\n", encoding="utf-8")
    assert problems(data_copy) == [f"{path}:1: YAML anchor '&a' is not allowed; write values out"]
