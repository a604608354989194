"""The stored dataset: written by `qa index`, equal to the YAML, ignored when stale."""

from __future__ import annotations

import os
import pickle
import sqlite3
from pathlib import Path

import pytest

from qa.cli import main
from qa.data.corpus import LazyParagraphs
from qa.data.dataset import load_dataset
from qa.data.store import STORE, StoredMeetings, load_stored
from qa.engine import Engine
from qa.search.store import INDEX_DIR

from .conftest import TWO_ARTICLES


def test_qa_index_stores_the_dataset_exactly(tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "data"
    shutil.copytree(TWO_ARTICLES, folder)
    assert main(["index", "--data", str(folder)]) == 0
    stored = load_stored(folder, folder / INDEX_DIR)
    assert stored is not None
    assert stored == load_dataset(folder)
    assert (
        stored.article("mekong-2031").occasion
        == load_dataset(folder).article("mekong-2031").occasion
    )


def test_an_edited_added_or_removed_file_makes_the_store_stale(data_copy: Path) -> None:
    assert main(["index", "--data", str(data_copy)]) == 0
    root = data_copy / INDEX_DIR
    assert load_stored(data_copy, root) is not None
    yaml = data_copy / "articles" / "ppp-asean-2022.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert load_stored(data_copy, root) is None
    assert main(["index", "--data", str(data_copy)]) == 0
    extra = data_copy / "articles" / "extra.txt"
    extra.write_text("A bare text.\n", encoding="utf-8")
    assert load_stored(data_copy, root) is None
    extra.unlink()
    assert load_stored(data_copy, root) is not None
    # Freshness is the content: a touch changes nothing, a same-size edit that keeps the
    # modification time (cp -p, rsync -t) is still seen.
    stamp = yaml.stat()
    os.utime(yaml, ns=(stamp.st_atime_ns, stamp.st_mtime_ns + 1))
    assert load_stored(data_copy, root) is not None
    text = yaml.read_bytes()
    yaml.write_bytes(text.replace(b"51300000", b"51300001"))
    os.utime(yaml, ns=(stamp.st_atime_ns, stamp.st_mtime_ns + 1))
    assert yaml.stat().st_size == len(text)
    assert load_stored(data_copy, root) is None


def test_a_damaged_store_is_ignored(data_copy: Path) -> None:
    assert main(["index", "--data", str(data_copy)]) == 0
    path = data_copy / INDEX_DIR / STORE
    with sqlite3.connect(path) as db:
        db.execute('UPDATE articles SET doc = \'[{"os.system": ["x"]}, []]\'')
    db.close()
    assert load_stored(data_copy, data_copy / INDEX_DIR) is None
    path.write_bytes(b"not a database")
    assert load_stored(data_copy, data_copy / INDEX_DIR) is None


def test_a_load_reads_no_article_text_and_a_question_reads_only_its_article(
    tmp_path: Path,
) -> None:
    import shutil

    folder = tmp_path / "data"
    shutil.copytree(TWO_ARTICLES, folder)
    assert main(["index", "--data", str(folder)]) == 0
    engine = Engine.from_folder(folder)
    texts = {a.id: a.paragraphs for a in engine.data.articles}
    assert all(isinstance(p, LazyParagraphs) and not p.read for p in texts.values())
    meetings = engine.data.meetings
    assert isinstance(meetings, StoredMeetings) and not meetings.read
    answer, _ = engine.ask("Who did Hun Sen meet on November 12?")
    assert answer.answered
    assert [i for i, p in texts.items() if isinstance(p, LazyParagraphs) and p.read] == [
        "ppp-asean-2022"
    ]
    # Refreshing the index from a stored dataset sends texts to worker processes.
    mekong = texts["mekong-2031"]
    assert (
        pickle.loads(pickle.dumps(mekong)) == load_dataset(folder).article("mekong-2031").paragraphs
    )


def test_a_damaged_text_read_after_the_load_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    folder = tmp_path / "data"
    shutil.copytree(TWO_ARTICLES, folder)
    assert main(["index", "--data", str(folder)]) == 0
    with sqlite3.connect(folder / INDEX_DIR / STORE) as db:
        db.execute('UPDATE paragraphs SET rows = \'[[1, "Lead", "Forged."]]\'')
    db.close()
    assert main(["ask", "--data", str(folder), "Who did Hun Sen meet on November 12?"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.endswith("is damaged; run qa index") and "\n" not in err


def test_cyclic_garbage_a_load_set_aside_is_freed_by_the_next_load(data_copy: Path) -> None:
    import gc
    import weakref

    class Node:
        pass

    assert main(["index", "--data", str(data_copy)]) == 0
    node = Node()
    node.loop = node  # type: ignore[attr-defined]
    ref = weakref.ref(node)
    Engine.from_folder(data_copy)
    del node
    gc.collect()
    assert ref() is not None  # what existed at the load is kept out of collections
    engine = Engine.from_folder(data_copy)
    assert ref() is None  # the next load unfreezes and collects first
    assert engine.ask("Who did Hun Sen meet first?")[0].answered
