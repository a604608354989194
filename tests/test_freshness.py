"""Freshness by stat signature: every edit is seen, a touch or a copy costs a digest only."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from qa.cli import main
from qa.data import freshness
from qa.data.freshness import RACY_NS, Fingerprint, Stamp, fingerprint, signed, unchanged
from qa.data.store import load_stored
from qa.search.store import INDEX_DIR

YAML = "articles/ppp-asean-2022.yaml"
TEXT = "articles/ppp-asean-2022.txt"


def taken(folder: Path) -> Fingerprint:
    found = fingerprint(folder, folder / INDEX_DIR)
    assert found is not None
    return found


def settled(found: Fingerprint) -> int:
    """Return a build clock late enough that no recorded file is racy."""
    return max(s.ctime_ns for s in found.files.values()) + RACY_NS + 1


def same_size_edit(path: Path) -> None:
    """Change one byte, then put the size and modification time back (cp -p, rsync -t)."""
    before = path.stat()
    raw = path.read_bytes()
    path.write_bytes(raw.replace(b"51300000", b"51300001", 1))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size


def test_an_unchanged_folder_is_fresh_without_reading_a_file(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = taken(data_copy)
    read: list[Path] = []
    monkeypatch.setattr(freshness, "_content_digest", lambda path: read.append(path))
    assert unchanged(data_copy, found.files, settled(found))
    assert read == []


def test_an_unchanged_folder_matches_its_signatures_without_reading_a_file(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = taken(data_copy)
    found = dataclasses.replace(found, clock_ns=settled(found))
    read: list[Path] = []
    monkeypatch.setattr(freshness, "_content_digest", lambda path: read.append(path))
    assert found.racy() == {}
    assert signed(data_copy, found.signatures(), found.racy()) is True
    assert read == []


@pytest.mark.parametrize("change", ["touched", "edited", "added"])
def test_any_moved_signature_asks_for_a_closer_look(data_copy: Path, change: str) -> None:
    found = taken(data_copy)
    if change == "touched":
        os.utime(data_copy / TEXT)
    elif change == "edited":
        same_size_edit(data_copy / YAML)
    else:
        (data_copy / "articles" / "extra.txt").write_text("A bare text.\n", encoding="utf-8")
    assert signed(data_copy, found.signatures(), found.racy()) is None


def restamped(found: Fingerprint, path: Path) -> tuple[dict[str, Stamp], int]:
    """Return the files with the YAML's signature as on disk now but its old digest, and
    the change time: as if the edit had landed in the tick the build read the file in."""
    now = path.stat()
    stamp = dataclasses.replace(
        found.files[YAML], mtime_ns=now.st_mtime_ns, ctime_ns=now.st_ctime_ns, inode=now.st_ino
    )
    return {**found.files, YAML: stamp}, now.st_ctime_ns


def test_a_racy_file_is_digested_though_no_signature_moved(data_copy: Path) -> None:
    found = taken(data_copy)
    path = data_copy / YAML
    same_size_edit(path)
    files, now = restamped(found, path)
    racy = Fingerprint(files, clock_ns=now)
    assert YAML in racy.racy()
    assert signed(data_copy, racy.signatures(), racy.racy()) is False
    calm = dataclasses.replace(racy, clock_ns=settled(racy))
    assert signed(data_copy, calm.signatures(), calm.racy()) is True


def test_a_same_size_edit_keeping_the_mtime_is_seen_by_its_change_time(data_copy: Path) -> None:
    found = taken(data_copy)
    same_size_edit(data_copy / YAML)
    assert not unchanged(data_copy, found.files, settled(found))


def test_a_touch_without_change_keeps_the_store(data_copy: Path) -> None:
    found = taken(data_copy)
    os.utime(data_copy / TEXT)
    assert unchanged(data_copy, found.files, settled(found))


@pytest.mark.parametrize("change", ["added", "removed", "renamed", "bare text"])
def test_a_file_added_removed_or_renamed_is_seen(data_copy: Path, change: str) -> None:
    found = taken(data_copy)
    articles = data_copy / "articles"
    if change == "added":
        (articles / "second.yaml").write_bytes((data_copy / YAML).read_bytes())
        (articles / "second.txt").write_bytes((data_copy / TEXT).read_bytes())
    elif change == "removed":
        (data_copy / "topics.yaml").unlink()
    elif change == "renamed":
        (data_copy / YAML).rename(articles / "renamed.yaml")
        (data_copy / TEXT).rename(articles / "renamed.txt")
    else:
        (articles / "extra.txt").write_text("A bare text.\n", encoding="utf-8")
    assert not unchanged(data_copy, found.files, settled(found))


def test_an_edit_in_the_same_clock_tick_as_the_build_is_digested(data_copy: Path) -> None:
    found = taken(data_copy)
    path = data_copy / YAML
    same_size_edit(path)
    files, now = restamped(found, path)
    assert not unchanged(data_copy, files, clock_ns=now)
    # Past the racy window the signature alone is trusted: why the window must exist.
    assert unchanged(data_copy, files, clock_ns=now + RACY_NS + 1)


def test_files_reached_through_links_are_compared_by_content(data_copy: Path) -> None:
    real = data_copy / "articles" / "text.real"
    (data_copy / TEXT).rename(real)
    (data_copy / TEXT).symlink_to(real.name)
    found = taken(data_copy)
    assert unchanged(data_copy, found.files, settled(found))
    real.write_bytes(real.read_bytes().replace(b"Ream", b"Zqxw", 1))
    assert not unchanged(data_copy, found.files, settled(found))


def test_a_link_out_of_the_folder_is_never_fresh(data_copy: Path, tmp_path: Path) -> None:
    found = taken(data_copy)
    outside = tmp_path / "outside.yaml"
    outside.write_bytes((data_copy / "titles.yaml").read_bytes())
    (data_copy / "titles.yaml").unlink()
    (data_copy / "titles.yaml").symlink_to(outside)
    assert not unchanged(data_copy, found.files, settled(found))


def test_the_store_follows_the_files_through_qa_index(data_copy: Path) -> None:
    assert main(["index", "--data", str(data_copy)]) == 0
    root = data_copy / INDEX_DIR
    assert load_stored(data_copy, root) is not None
    same_size_edit(data_copy / YAML)
    assert load_stored(data_copy, root) is None
    assert main(["index", "--data", str(data_copy)]) == 0
    stored = load_stored(data_copy, root)
    assert stored is not None
    assert any(x.amount == 51300001 for m in stored.meetings for x in m.money)
