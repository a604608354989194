"""The stored index: built by `qa index`, refreshed incrementally, ignored when stale."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from qa.cli import main
from qa.data.dataset import load_dataset
from qa.data.records import Dataset
from qa.engine import Engine
from qa.search import bm25
from qa.search.index import paragraph_terms
from qa.search.store import INDEX_DIR, load_index, refresh_index

from .test_arrays import mapped
from .test_new_data import add_fictional_meeting


def arrays(p: bm25.Postings) -> list[np.ndarray]:
    return [np.asarray(getattr(p, name)) for name in bm25.ARRAYS]


def test_qa_index_builds_and_engine_uses_it(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["index", "--data", str(data_copy)]) == 0
    out = capsys.readouterr().out
    assert "46 paragraphs from 1 articles (1 tokenized, 0 reused)" in out
    engine = Engine.from_folder(data_copy)
    assert mapped(engine.index.postings.docs)
    answer, _ = engine.ask("Why is Ream Naval Base being renovated?")
    assert answer.kind == "passage" and answer.sources[0].paragraph == 10


def test_stored_index_equals_a_fresh_build(data_copy: Path) -> None:
    data = load_dataset(data_copy)
    refresh_index(data_copy, data, progress=False)
    stored = load_index(data_copy, data)
    assert stored is not None
    fresh = Engine(data).index
    for a, b in zip(arrays(stored.postings), arrays(fresh.postings), strict=True):
        assert np.array_equal(a, b)
    assert stored.vocab == fresh.vocab


def test_adding_an_article_tokenizes_only_it(data_copy: Path) -> None:
    refresh_index(data_copy, load_dataset(data_copy), progress=False)
    add_fictional_meeting(data_copy)
    data = load_dataset(data_copy)
    assert load_index(data_copy, data) is None  # stale until refreshed
    done = refresh_index(data_copy, data, progress=False)
    assert (done.tokenized, done.reused, done.paragraphs) == (1, 1, 49)
    stored = load_index(data_copy, data)
    assert stored is not None
    # The ids differ from a build from scratch (new terms are appended), the scores must not.
    docs = [paragraph_terms(p) for p in stored.paragraphs]
    reference = BM25Okapi(docs)
    for query in (docs[2][:4], docs[-1][:3], ["kishida", "pledg", "firefli", "nowher"]):
        ids = [stored.vocab.get(t, -1) for t in query]
        assert np.array_equal(stored.postings.scores(ids), reference.get_scores(query))


def test_changed_text_makes_the_index_stale(data_copy: Path) -> None:
    data = load_dataset(data_copy)
    refresh_index(data_copy, data, progress=False)
    text = data_copy / "articles" / "ppp-asean-2022.txt"
    text.write_text(text.read_text(encoding="utf-8") + "\n\nOne more paragraph.", encoding="utf-8")
    data = load_dataset(data_copy)
    assert load_index(data_copy, data) is None
    assert Engine.from_folder(data_copy).index.postings.size == 47


def test_broken_index_is_ignored(data_copy: Path) -> None:
    data = load_dataset(data_copy)
    refresh_index(data_copy, data, progress=False)
    os.remove(data_copy / INDEX_DIR / "docs.npy")
    assert load_index(data_copy, data) is None
    assert Engine.from_folder(data_copy).ask("What did Japan pledge?")[0].answered


def same_size_edit(path: Path, old: str, new: str) -> None:
    """Change text keeping the file's size and modification time, as `cp -p` would."""
    assert len(old.encode()) == len(new.encode())
    before = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size


def test_same_size_edit_keeping_mtime_is_noticed(data_copy: Path) -> None:
    refresh_index(data_copy, load_dataset(data_copy), progress=False)
    text = data_copy / "articles" / "ppp-asean-2022.txt"
    same_size_edit(text, "Ream Naval Base", "Zqxw Naval Base")
    data = load_dataset(data_copy)
    assert load_index(data_copy, data) is None
    answer, _ = Engine.from_folder(data_copy).ask("Why is Zqxw Naval Base being renovated?")
    assert answer.sources and "Zqxw" in answer.sources[0].text
    done = refresh_index(data_copy, data, progress=False)
    assert (done.tokenized, done.reused) == (1, 0)
    assert load_index(data_copy, data) is not None


def test_edit_during_qa_index_is_not_recorded_as_indexed(data_copy: Path) -> None:
    data = load_dataset(data_copy)  # what `qa index` read and will tokenize
    text = data_copy / "articles" / "ppp-asean-2022.txt"
    edited = text.read_text(encoding="utf-8").replace("Ream Naval Base", "Zqxw Naval Basin")
    text.write_text(edited, encoding="utf-8")  # the edit lands while the index is built
    refresh_index(data_copy, data, progress=False)
    fresh = load_dataset(data_copy)
    assert load_index(data_copy, fresh) is None
    answer, _ = Engine.from_folder(data_copy).ask("Why is Zqxw Naval Basin being renovated?")
    assert answer.sources and "Zqxw" in answer.sources[0].text


def damage_emptied_vocab(root: Path) -> None:
    (root / "vocab.txt").write_text("", encoding="utf-8")


def damage_shifted_vocab(root: Path) -> None:
    vocab = root / "vocab.txt"
    vocab.write_text("shifted\n" + vocab.read_text(encoding="utf-8"), encoding="utf-8")


def damage_truncated_vocab_keys(root: Path) -> None:
    keys = root / "vocab_keys.npy"
    keys.write_bytes(keys.read_bytes()[:-16])


def damage_emptied_vocab_ids(root: Path) -> None:
    (root / "vocab_ids.npy").write_bytes(b"")


def damage_empty_postings(root: Path) -> None:
    (root / "docs.npy").write_bytes(b"")


def damage_truncated_ids(root: Path) -> None:
    ids = root / "ids.npy"
    ids.write_bytes(ids.read_bytes()[:-8])


def damage_flipped_tf(root: Path) -> None:
    tf = root / "tf.npy"
    raw = bytearray(tf.read_bytes())
    raw[-1] ^= 0x01
    tf.write_bytes(bytes(raw))


def damage_meta_list(root: Path) -> None:
    (root / "meta.json").write_text("[1, 2, 3]", encoding="utf-8")


def damage_meta_wrong_types(root: Path) -> None:
    (root / "meta.json").write_text(
        '{"version": 2, "articles": [{"id": 5, "digest": null, "docs": "x"}], "files": {}}',
        encoding="utf-8",
    )


def damage_meta_bad_ranges(root: Path) -> None:
    meta = json.loads((root / "meta.json").read_text(encoding="utf-8"))
    meta["articles"][0]["docs"] = [0, 10**12]
    (root / "meta.json").write_text(json.dumps(meta), encoding="utf-8")


def damage_meta_not_json(root: Path) -> None:
    (root / "meta.json").write_bytes(b"\xff\x00{")


DAMAGE = [
    damage_emptied_vocab,
    damage_shifted_vocab,
    damage_truncated_vocab_keys,
    damage_emptied_vocab_ids,
    damage_empty_postings,
    damage_truncated_ids,
    damage_meta_list,
    damage_meta_wrong_types,
    damage_meta_bad_ranges,
    damage_meta_not_json,
]


@pytest.mark.parametrize("damage", DAMAGE, ids=[d.__name__[7:] for d in DAMAGE])
def test_damaged_index_is_never_trusted_and_qa_index_repairs_it(
    damage: Callable[[Path], None], data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["index", "--data", str(data_copy)]) == 0
    damage(data_copy / INDEX_DIR)
    data = load_dataset(data_copy)
    assert load_index(data_copy, data) is None
    assert main(["ask", "--data", str(data_copy), "Why is Ream Naval Base being renovated?"]) == 0
    assert "Ream Naval Base" in capsys.readouterr().out
    assert_repaired(data_copy, data, capsys)


def assert_repaired(folder: Path, data: Dataset, capsys: pytest.CaptureFixture[str]) -> None:
    """Check that `qa check` reports the damage and `qa index` rebuilds from scratch."""
    assert main(["check", "--data", str(folder)]) == 0
    out = capsys.readouterr().out
    said = ("is damaged", "is stale", "is from an older version of qa")
    assert any(f"the stored index {s}; run qa index (warning)" in out for s in said)
    assert main(["index", "--data", str(folder)]) == 0
    assert "(1 tokenized, 0 reused)" in capsys.readouterr().out
    stored = load_index(folder, data)
    assert stored is not None
    for a, b in zip(arrays(stored.postings), arrays(Engine(data).index.postings), strict=True):
        assert np.array_equal(a, b)


def test_concurrent_qa_index_runs_are_serialised(data_copy: Path) -> None:
    data = load_dataset(data_copy)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            for _ in range(3):
                refresh_index(data_copy, data, progress=False)
        except BaseException as exc:  # collected for the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert load_index(data_copy, data) is not None
    assert not (data_copy / (INDEX_DIR + ".new")).exists()


def test_damage_keeping_sizes_is_found_by_check_and_repaired_by_index(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A load checks sizes and headers only; every byte is checked by qa check and qa index.
    assert main(["index", "--data", str(data_copy)]) == 0
    damage_flipped_tf(data_copy / INDEX_DIR)
    data = load_dataset(data_copy)
    assert_repaired(data_copy, data, capsys)
    assert main(["check", "--data", str(data_copy)]) == 0
    assert "warning" not in capsys.readouterr().out


def test_an_index_of_an_older_format_is_ignored_and_rebuilt(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["index", "--data", str(data_copy)]) == 0
    root = data_copy / INDEX_DIR
    meta = json.loads((root / "meta.json").read_text(encoding="utf-8"))
    (root / "meta.json").write_text(json.dumps({**meta, "version": 3}), encoding="utf-8")
    (root / "vocab_keys.npy").unlink()  # as an index written before the keys existed
    data = load_dataset(data_copy)
    assert load_index(data_copy, data) is None
    assert main(["ask", "--data", str(data_copy), "Why is Ream Naval Base being renovated?"]) == 0
    assert "Ream Naval Base" in capsys.readouterr().out
    assert main(["check", "--data", str(data_copy)]) == 0
    assert (
        "the stored index is from an older version of qa; run qa index" in capsys.readouterr().out
    )
    assert main(["index", "--data", str(data_copy)]) == 0
    assert "(1 tokenized, 0 reused)" in capsys.readouterr().out
    assert load_index(data_copy, data) is not None
