"""Adding articles as the README says: headlines, uncurated texts, warnings, metadata."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa.cli import main
from qa.data.corpus import split_text
from qa.data.dataset import load_dataset
from qa.engine import Engine

from .conftest import DATA, TWO_ARTICLES

BARE = """Hun Sen meets Vietnam's leader on river trade

Hun Sen met Vietnamese Prime Minister Pham Van Long in Ho Chi Minh City on March 2.

The two leaders agreed to dredge the Mekong channel to let larger cargo ships reach Phnom Penh.
"""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("first", "headline"),
    [
        ("Mori hosts Mekong leaders in Tokyo", True),
        ("Why Cambodia wants a mine-free 2025?", True),
        ("Leaders met in Valdoria this week.", False),  # a sentence: the lead
        ("Cambodia-Japan", False),  # too short: a section heading, as before
        ('He said: "We agree"', False),
        ("the summit closes today in a hurry", False),  # headlines start with a capital
    ],
)
def test_a_first_line_is_a_headline_only_when_written_like_one(first: str, headline: bool) -> None:
    found, paragraphs = split_text("x", f"{first}\n\nBody paragraph one.\n\nBody two.")
    assert (found == first) is headline
    assert all(p.text != first for p in paragraphs) or not headline


def test_the_bundled_article_has_no_headline_so_its_numbers_stand() -> None:
    article = load_dataset(DATA).article("ppp-asean-2022")
    assert article.headline == ""
    assert article.paragraph(21).text.startswith("On November 12, the Japanese government")


def test_the_fixture_headline_is_its_title_not_paragraph_one() -> None:
    article = load_dataset(TWO_ARTICLES).article("mekong-2031")
    assert article.headline == article.title
    assert article.paragraph(1).text.startswith("Prime Minister Haruto Mori held")
    assert article.occasion is not None and article.occasion.place == "Tokyo"


def test_a_bare_text_is_indexed_answered_and_warned_about(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (data_copy / "articles" / "vn-2023.txt").write_text(BARE, encoding="utf-8")
    code, out, _ = run(capsys, "--data", str(data_copy), "check")
    assert code == 0
    warnings = [line for line in out.splitlines() if "warning" in line]
    assert len(warnings) == 1 and "vn-2023.txt:1: no vn-2023.yaml" in warnings[0]
    code, out, _ = run(capsys, "--data", str(data_copy), "show", "vn-2023")
    assert code == 0
    assert out.startswith("# Hun Sen meets Vietnam's leader on river trade")
    assert "[1] Hun Sen met Vietnamese Prime Minister" in out
    engine = Engine.from_folder(data_copy)
    answer, _ = engine.ask("What did the leaders agree to dredge?")
    assert answer.answered and "Mekong channel" in answer.text
    assert {s.article for s in answer.sources} == {"vn-2023"}
    answer, _ = engine.ask("Did Hun Sen meet Vietnam?")
    assert "doesn't mention" not in answer.text
    answer, _ = engine.ask("What did Japan pledge?")
    assert "$51.3 million" in answer.text


def test_a_bare_text_is_credited_without_empty_publisher_or_date(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (data_copy / "articles" / "vn-2023.txt").write_text(BARE, encoding="utf-8")
    code, out, _ = run(
        capsys, "--data", str(data_copy), "ask", "What did the leaders agree to dredge?"
    )
    assert code == 0
    assert "  source: \u201cHun Sen meets Vietnam's leader on river trade\u201d, " in out
    answer, _ = Engine.from_folder(data_copy).ask("Which articles are loaded?")
    assert "(, )" not in answer.text and "\u201cHun Sen meets Vietnam's leader" in answer.text


def test_a_curated_article_without_meetings_is_answered_from_its_text(data_copy: Path) -> None:
    (data_copy / "articles" / "vn-2023.txt").write_text(BARE, encoding="utf-8")
    (data_copy / "articles" / "vn-2023.yaml").write_text(
        "title: Hun Sen meets Vietnam's leader on river trade\npublisher: Test\n"
        "principal: {name: Hun Sen, title: Prime Minister, country: Cambodia}\n",
        encoding="utf-8",
    )
    engine = Engine.from_folder(data_copy)
    answer, _ = engine.ask("Who did Hun Sen meet in Ho Chi Minh City?")
    assert "doesn't mention a meeting with" not in answer.text
    answer, _ = engine.ask("What did Vietnam agree to?")
    assert "doesn't mention a meeting with Vietnam" not in answer.text


def test_check_warns_when_the_title_differs_from_the_headline(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for suffix in (".txt", ".yaml"):
        source = TWO_ARTICLES / "articles" / f"mekong-2031{suffix}"
        (data_copy / "articles" / source.name).write_bytes(source.read_bytes())
    path = data_copy / "articles" / "mekong-2031.yaml"
    text = path.read_text(encoding="utf-8").replace("title: Mori hosts", "title: Mori welcomes")
    path.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "--data", str(data_copy), "check")
    assert code == 0
    line = text.splitlines().index(next(x for x in text.splitlines() if x.startswith("title:")))
    assert f"mekong-2031.yaml:{line + 1}: title 'Mori welcomes" in out
    assert "differs from the headline" in out


def test_the_repl_pins_an_article_and_lists_them(two_articles: Engine) -> None:
    import io

    from qa import repl

    stdin = io.StringIO(
        ":help\n:article mekong-2031\nWhat did Canada pledge?\n:article nope\n"
        ":article\nWhat did Canada pledge?\n"
    )
    out = io.StringIO()
    assert repl.run(two_articles, stdin, out) == 0
    text = out.getvalue()
    assert "mekong-2031: the 14th Mekong Summit" in text and "ppp-asean-2022:" in text
    pinned, rest = text.split("Questions now go to mekong-2031", 1)[1].split("No article", 1)
    assert "$4.5 million" in pinned and "$240,000" not in pinned
    assert "'nope'; loaded: mekong-2031, ppp-asean-2022" in rest
    assert "$240,000" in rest.split("every article again", 1)[1]


def test_a_pinned_context_answers_from_that_article_only(two_articles: Engine) -> None:
    from qa.engine import Context

    answer, ctx = two_articles.ask("Which leaders were met?", Context(article="mekong-2031"))
    assert "Haruto Mori" in answer.text and "Hun Sen" not in answer.text
    assert ctx.article == "mekong-2031"
    answer, _ = two_articles.ask("What did Canada pledge?", ctx)
    assert {s.article for s in answer.sources} == {"mekong-2031"}


def test_an_uncurated_text_answers_beside_curated_counterparts(data_copy: Path) -> None:
    source = TWO_ARTICLES / "articles" / "mekong-2031.txt"
    (data_copy / "articles" / source.name).write_bytes(source.read_bytes())
    engine = Engine.from_folder(data_copy)
    answer, _ = engine.ask("What did Canada pledge to the Mekong fund?")
    assert "$4.5 million" in answer.text
    assert {s.article for s in answer.sources} == {"mekong-2031"}
    answer, _ = engine.ask("What did Canada pledge?")
    assert "$4.5 million" in answer.text and "$240,000" in answer.text
