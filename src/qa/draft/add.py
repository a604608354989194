"""Save drafts, extend the vocabularies, and add a new article in one step."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from qa.draft.article import draft_article
from qa.draft.meetings import slug
from qa.draft.model import Draft, Suggestion
from qa.draft.scan import split_article
from qa.draft.writeout import to_yaml
from qa.errors import DataError, QAError

MAX_ID_WORDS = 6
_TRAILING = frozenset("a an and at for in of on the to with".split())


@dataclass(frozen=True, slots=True)
class Added:
    """An article added to a data folder: its id, draft and the files written."""

    id: str
    draft: Draft
    text: Path
    dataset: Path
    vocabulary: tuple[str, ...]


def write_draft(folder: Path, draft: Draft, force: bool = False) -> Path:
    """Save a draft as articles/ID.yaml; an existing file is kept unless `force`."""
    path = folder / "articles" / f"{draft.article}.yaml"
    if path.exists() and not force:
        raise QAError(f"{path} exists; pass --force to overwrite it")
    path.write_text(to_yaml(draft), encoding="utf-8")
    return path


def add_vocabulary(folder: Path, suggestions: tuple[Suggestion, ...]) -> list[str]:
    """Append suggested countries and titles to their vocabulary files; return what was added."""
    added = []
    for s in suggestions:
        if s.vocabulary not in ("countries", "titles"):
            continue
        path = folder / f"{s.vocabulary}.yaml"
        text = path.read_text(encoding="utf-8")
        if re.search(rf"^\s*- name: {re.escape(s.name)}\s*$", text, re.MULTILINE):
            continue
        entry = f"  - name: {s.name}\n"
        if s.aliases:
            entry += f"    aliases: [{', '.join(s.aliases)}]\n"
        path.write_text(text.rstrip("\n") + "\n" + entry, encoding="utf-8")
        added.append(f"{path.name}: {s.name}")
    return added


def article_id(source: Path, text: str) -> str:
    """Return the id an article gets: its headline's words, else its file name, as a slug."""
    headline, _ = split_article(source.stem, text)
    words = slug(headline or source.stem).split("-")[:MAX_ID_WORDS]
    while len(words) > 1 and words[-1] in _TRAILING:
        words.pop()
    return "-".join(words)


def add_article(
    folder: Path,
    source: Path,
    *,
    ident: str = "",
    meta: dict[str, str] | None = None,
    extend_vocabulary: bool = False,
) -> Added:
    """Copy an article in, draft and save its dataset, check the folder; undo it all on failure."""
    if not source.is_file():
        raise QAError(f"article file not found: {source}")
    try:
        text = source.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise QAError(f"{source}: not UTF-8 at byte {exc.start}; save it as UTF-8") from None
    if not text.strip():
        raise QAError(f"{source}: the file is empty")
    articles = folder / "articles"
    if not articles.is_dir():
        raise QAError(f"data folder has no articles/ folder: {folder}")
    # A text already saved in articles/ is drafted where it is, under its own name.
    in_place = source.resolve().parent == articles.resolve()
    ident = ident or (source.stem if in_place else article_id(source, text))
    if ident != slug(ident):
        raise QAError(f"article id {ident!r}: use lower-case letters, digits and hyphens")
    target = articles / f"{ident}.txt"
    dataset = target.with_suffix(".yaml")
    if dataset.exists() or (target.exists() and not in_place):
        raise QAError(f"article {ident!r} already exists in {articles}; pass --id to name it")
    vocab_files = {n: (folder / f"{n}.yaml").read_bytes() for n in ("countries", "titles")}
    if target.resolve() != source.resolve():
        shutil.copyfile(source, target)
    try:
        headline, _ = split_article(ident, text)
        fields = {"title": headline or source.stem, **(meta or {})}
        draft = draft_article(folder, ident, fields)
        added = add_vocabulary(folder, draft.suggestions) if extend_vocabulary else []
        write_draft(folder, draft)
        _check(folder, draft)
    except BaseException:
        if target.resolve() != source.resolve():
            target.unlink(missing_ok=True)
        dataset.unlink(missing_ok=True)
        for name, raw in vocab_files.items():
            (folder / f"{name}.yaml").write_bytes(raw)
        raise
    return Added(ident, draft, target, dataset, tuple(added))


def _check(folder: Path, draft: Draft) -> None:
    from qa.data.dataset import load_dataset
    from qa.data.store import fingerprint, save_dataset
    from qa.search.store import INDEX_DIR, refresh_index

    files = fingerprint(folder, folder / INDEX_DIR)
    try:
        data = load_dataset(folder)
    except DataError as exc:
        missing = [s.name for s in draft.suggestions if s.vocabulary != "currencies"]
        hint = (
            f"; the vocabularies lack {', '.join(missing)}: rerun with --yes to add them"
            if missing
            else ""
        )
        raise QAError(f"the draft does not pass qa check: {exc}{hint}") from None
    done = refresh_index(folder, data, progress=False)
    save_dataset(folder, data, done.path, files)
