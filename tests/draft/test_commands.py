"""`qa draft` and `qa add` end to end in a temporary data folder."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qa.cli import main
from qa.data.dataset import load_dataset
from qa.draft.add import add_article
from qa.draft.article import draft_article
from qa.draft.writeout import to_yaml
from qa.engine import Engine
from qa.errors import DataError, QAError
from tests.draft.test_extractors import WORDS

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "draft"
ARTICLES = [DATA / "articles" / "ppp-asean-2022.txt", *sorted(FIXTURES.glob("*.txt"))]

NEW_ARTICLE = """Nordic minister signs fisheries pact in Lima

Norwegian Foreign Minister Eirik Dahl ended a three-day visit to Lima on May 9, 2025, \
with a string of agreements.

Dahl met Mexican Foreign Minister Lucia Ortega on May 8. Ortega said Mexico would \
provide $12 million for a joint ocean research programme.

The two ministers signed a memorandum of understanding on sustainable fisheries.

Dahl asked Mexico to share data on migrating fish stocks.

“The ocean does not know borders,” Ortega told reporters.
"""


def vocab_folder(tmp_path: Path) -> Path:
    """A data folder with the bundled vocabularies and no article."""
    folder = tmp_path / "data"
    (folder / "articles").mkdir(parents=True)
    for name in ("countries", "titles", "topics"):
        shutil.copy(DATA / f"{name}.yaml", folder / f"{name}.yaml")
    return folder


@pytest.mark.parametrize("text", ARTICLES, ids=lambda p: p.stem)
def test_draft_of_every_fixture_article_passes_check(tmp_path: Path, text: Path) -> None:
    folder = vocab_folder(tmp_path)
    shutil.copy(text, folder / "articles" / text.name)
    shutil.copy(text.with_suffix(".yaml"), folder / "articles" / f"{text.stem}.yaml")
    draft = draft_article(folder, text.stem)
    (folder / "articles" / f"{text.stem}.yaml").write_text(to_yaml(draft), encoding="utf-8")
    data = load_dataset(folder)
    assert len(data.meetings) == len(draft.meetings) > 0


def test_qa_add_makes_an_article_answerable_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = vocab_folder(tmp_path)
    source = tmp_path / "lima.txt"
    source.write_text(NEW_ARTICLE, encoding="utf-8")
    assert main(["add", str(source), "--data", str(folder), "--publisher", "Test Wire"]) == 0
    out = capsys.readouterr().out
    assert "added nordic-minister-signs-fisheries-pact" in out
    assert "mexico: Foreign Minister Lucia Ortega on 2025-05-08; 1 money, 1 agreements" in out
    engine = Engine.from_folder(folder)
    answer, _ = engine.ask("How much did Mexico give?")
    assert "$12 million" in answer.text
    answer, _ = engine.ask("When did Dahl meet Lucia Ortega?")
    assert "May 8, 2025" in answer.text


def test_qa_add_refuses_an_existing_id_and_a_missing_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = vocab_folder(tmp_path)
    source = tmp_path / "lima.txt"
    source.write_text(NEW_ARTICLE, encoding="utf-8")
    assert main(["add", str(source), "--data", str(folder), "--id", "lima"]) == 0
    capsys.readouterr()
    assert main(["add", str(source), "--data", str(folder), "--id", "lima"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("qa: error: article 'lima' already exists") and "\n" not in err
    assert main(["add", str(tmp_path / "nope.txt"), "--data", str(folder)]) == 1
    assert "article file not found" in capsys.readouterr().err


def test_qa_add_drafts_a_text_already_in_articles_and_rejects_unsafe_ids(tmp_path: Path) -> None:
    folder = vocab_folder(tmp_path)
    saved = folder / "articles" / "lima-talks.txt"
    saved.write_text(NEW_ARTICLE, encoding="utf-8")
    added = add_article(folder, saved)
    assert added.id == "lima-talks" and saved.is_file() and added.dataset.is_file()
    with pytest.raises(QAError, match="lower-case letters"):
        add_article(folder, saved, ident="../escape")
    empty = tmp_path / "empty.txt"
    empty.write_text("\n", encoding="utf-8")
    with pytest.raises(QAError, match="empty"):
        add_article(folder, empty)
    no_people = tmp_path / "weather.txt"
    no_people.write_text("Rain fell on Lima.\n\nIt stopped by noon.\n", encoding="utf-8")
    with pytest.raises(QAError, match="no person named with a title"):
        add_article(folder, no_people)
    assert sorted(p.name for p in (folder / "articles").iterdir()) == [
        "lima-talks.txt",
        "lima-talks.yaml",
    ]


def test_qa_add_with_unknown_names_undoes_itself_unless_told_to_extend(tmp_path: Path) -> None:
    folder = vocab_folder(tmp_path)
    source = tmp_path / "ruritania.txt"
    source.write_text(
        NEW_ARTICLE.replace("Mexican", "Ruritanian").replace("Mexico", "Ruritania"),
        encoding="utf-8",
    )
    before = (folder / "countries.yaml").read_text(encoding="utf-8")
    with pytest.raises(QAError, match="rerun with --yes"):
        add_article(folder, source)
    assert sorted(p.name for p in (folder / "articles").iterdir()) == []
    assert (folder / "countries.yaml").read_text(encoding="utf-8") == before
    added = add_article(folder, source, extend_vocabulary=True)
    assert added.vocabulary == ("countries.yaml: Ruritania",)
    assert "  - name: Ruritania\n    aliases: [Ruritanian]\n" in (
        folder / "countries.yaml"
    ).read_text(encoding="utf-8")
    assert load_dataset(folder).meetings[0].country == "Ruritania"


def test_qa_draft_prints_and_never_overwrites_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = vocab_folder(tmp_path)
    (folder / "articles" / "lima.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    assert main(["draft", "lima", "--data", str(folder)]) == 0
    assert "country: Mexico" in capsys.readouterr().out
    assert main(["draft", "lima", "--write", "--data", str(folder)]) == 0
    assert main(["draft", "lima", "--write", "--data", str(folder)]) == 1
    assert "exists; pass --force" in capsys.readouterr().err
    assert main(["draft", "lima", "--write", "--force", "--data", str(folder)]) == 0


def test_qa_draft_lists_unknown_vocabulary_and_does_not_prompt_without_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = vocab_folder(tmp_path)
    text = NEW_ARTICLE.replace("Foreign Minister Lucia", "Fisheries Minister Lucia")
    (folder / "articles" / "lima.txt").write_text(text, encoding="utf-8")
    before = (folder / "titles.yaml").read_text(encoding="utf-8")
    assert main(["draft", "lima", "--write", "--data", str(folder)]) == 0
    written = (folder / "articles" / "lima.yaml").read_text(encoding="utf-8")
    assert "#   titles.yaml:  - name: Fisheries Minister" in written
    assert (folder / "titles.yaml").read_text(encoding="utf-8") == before


def test_the_cli_starts_without_the_draft_package_or_babel() -> None:
    code = "import sys, qa.cli; print(sorted(m for m in ('qa.draft', 'babel') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_qa_draft_write_asks_on_a_terminal_before_extending_vocabulary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = vocab_folder(tmp_path)
    text = NEW_ARTICLE.replace("Foreign Minister Lucia", "Fisheries Minister Lucia")
    (folder / "articles" / "lima.txt").write_text(text, encoding="utf-8")
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    asked: list[str] = []
    monkeypatch.setattr("builtins.input", lambda q: asked.append(q) or "y")
    assert main(["draft", "lima", "--write", "--data", str(folder)]) == 0
    assert asked == ["add 1 vocabulary entries? [y/N] "]
    assert "added titles.yaml: Fisheries Minister" in capsys.readouterr().out
    assert "- name: Fisheries Minister" in (folder / "titles.yaml").read_text(encoding="utf-8")
    load_dataset(folder)


@settings(max_examples=20, deadline=None)
@given(st.lists(st.sampled_from([*WORDS, "Peru’s", "Chilean", "Cambodia-Japan\n\n"]), max_size=200))
def test_a_draft_of_any_text_passes_check_or_lists_what_to_add(parts: list[str]) -> None:
    text = " ".join(parts)
    with tempfile.TemporaryDirectory() as tmp:
        folder = vocab_folder(Path(tmp))
        (folder / "articles" / "any.txt").write_text(text, encoding="utf-8")
        try:
            draft = draft_article(folder, "any", {"title": "T", "publisher": "P"})
        except QAError:
            return
        (folder / "articles" / "any.yaml").write_text(to_yaml(draft), encoding="utf-8")
        try:
            load_dataset(folder)
        except DataError as exc:
            assert draft.suggestions, exc.problems
            assert all("unknown" in p.message for p in exc.problems)
