"""A reload reads one version of the data folder, even while the folder is swapped."""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import pytest
import yaml

from qa.cli import main
from qa.data import schema
from qa.data.dataset import load_dataset
from qa.data.records import Dataset
from qa.engine import Engine

from .conftest import DATA

QUESTION = "How much did Japan provide?"


def versions(tmp_path: Path) -> tuple[Path, Path, Path]:
    """Make versions A and B of the data (Japan's grant differs in text and data) and a
    `current` symlink pointing at A."""
    a, b = tmp_path / "a", tmp_path / "b"
    for folder in (a, b):
        shutil.copytree(DATA, folder, ignore=shutil.ignore_patterns(".index*"))
    for name, old, new in (
        ("articles/ppp-asean-2022.txt", "$51.3 million", "$61.3 million"),
        ("articles/ppp-asean-2022.yaml", "amount: 51300000", "amount: 61300000"),
        ("countries.yaml", "aliases: [Japanese, Nippon]", "aliases: [Japanese, Nippon, Nihon]"),
    ):
        path = b / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    current = tmp_path / "current"
    current.symlink_to(a)
    return a, b, current


def swap(link: Path, target: Path) -> None:
    """Point the link at target atomically, as a deployment would."""
    fresh = link.with_name(link.name + ".tmp")
    fresh.unlink(missing_ok=True)
    fresh.symlink_to(target)
    os.replace(fresh, link)


def content(data: Dataset) -> tuple[object, ...]:
    articles = tuple((a.id, a.title, a.paragraphs) for a in data.articles)
    return (data.countries, data.topics, data.titles, data.meetings, data.principals, articles)


def test_a_swap_in_the_middle_of_a_load_does_not_mix_versions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b, current = versions(tmp_path)
    compose = yaml.compose
    swapped: list[bool] = []

    def swap_once(*args: object, **kwargs: object) -> object:
        if not swapped:  # the first file is parsed: the folder changes under the load
            swap(current, b)
            swapped.append(True)
        return compose(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(schema.yaml, "compose", swap_once)
    loaded = load_dataset(current)
    monkeypatch.undo()
    assert swapped
    assert content(loaded) in (content(load_dataset(a)), content(load_dataset(b)))


def consistent(engine: Engine) -> bool:
    """Tell whether an answer's amount agrees with the paragraph it cites."""
    answer, _ = engine.ask(QUESTION)
    cited = " ".join(s.text for s in answer.sources)
    return any(f"${n} million" in answer.text and f"${n} million" in cited for n in (51.3, 61.3))


@pytest.mark.parametrize("indexed", [False, True], ids=["from YAML", "from stores"])
def test_reloads_under_swaps_and_asks_never_install_a_mixed_engine(
    tmp_path: Path, indexed: bool
) -> None:
    a, b, current = versions(tmp_path)
    if indexed:  # each version's stored dataset and index; texts are read lazily from them
        assert main(["index", "--data", str(a)]) == 0
        assert main(["index", "--data", str(b)]) == 0
    versions_seen = {content(load_dataset(a)), content(load_dataset(b))}
    holder = [Engine.from_folder(current)]
    stop = threading.Event()
    faults: list[str] = []

    def swapper() -> None:
        flip = False
        while not stop.is_set():
            swap(current, b if flip else a)
            flip = not flip
            time.sleep(0.001)

    def reloader() -> None:
        while not stop.is_set():
            engine = Engine.from_folder(current)
            if content(engine.data) not in versions_seen:
                faults.append("mixed engine")
            holder[0] = engine  # the one reference a reload swaps

    def asker() -> None:
        while not stop.is_set():
            if not consistent(holder[0]):
                faults.append("answer contradicts its source")

    threads = [threading.Thread(target=f) for f in (swapper, reloader, reloader, asker, asker)]
    for t in threads:
        t.start()
    time.sleep(0.8)
    stop.set()
    for t in threads:
        t.join()
    assert faults == []
