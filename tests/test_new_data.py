"""A meeting added to the data files becomes answerable with no code change."""

from __future__ import annotations

from pathlib import Path

from qa.engine import Context, Engine

ARTICLE = """Leaders met in Valdoria this week.

Cambodia-Freedonia

Hun Sen met Freedonia's Chancellor Rufus Firefly on March 3, who pledged $7.5 million\
for rural schools.

Firefly said: "Our friendship grows like the river."
"""

MEETINGS = """title: A fictional visit
publisher: Test Gazette
date: 2023-03
principal:
  name: Hun Sen
  title: Prime Minister
  country: Cambodia
meetings:
  - id: freedonia
    country: Freedonia
    section: Cambodia-Freedonia
    leader:
      name: Rufus Firefly
      title: Chancellor
      aliases: [Firefly]
    date: 2023-03-03
    paragraphs: [2]
    topics:
      education: [2]
    money:
      - verb: pledged
        amount: 7500000
        currency: USD
        purpose: for rural schools
        paragraphs: [2]
    quotes:
      - speaker: Rufus Firefly
        words: Our friendship grows like the river.
        paragraphs: [3]
"""


def add_fictional_meeting(folder: Path) -> None:
    (folder / "articles" / "fiction-2023.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "articles" / "fiction-2023.yaml").write_text(MEETINGS, encoding="utf-8")
    countries = folder / "countries.yaml"
    countries.write_text(
        countries.read_text(encoding="utf-8")
        + "  - name: Freedonia\n    aliases: [Freedonian, Freedonians]\n",
        encoding="utf-8",
    )


def test_fictional_meeting_is_answered(data_copy: Path) -> None:
    add_fictional_meeting(data_copy)
    engine = Engine.from_folder(data_copy)

    answer, ctx = engine.ask("What did Freedonia pledge?")
    assert answer.answered and answer.kind == "fact"
    assert "$7.5 million" in answer.text and "rural schools" in answer.text
    assert [(s.article, s.paragraph) for s in answer.sources] == [("fiction-2023", 2)]

    answer, ctx = engine.ask("When was that?", ctx)
    assert "March 3, 2023" in answer.text

    answer, _ = engine.ask("What did Firefly say?", Context())
    assert "friendship grows like the river" in answer.text

    answer, _ = engine.ask("Who did Hun Sen meet on March 3?")
    assert "Rufus Firefly" in answer.text

    answer, _ = engine.ask("How much money was pledged in total?")
    assert "$7.5 million" in answer.text and "$51.54 million" in answer.text  # per article
    answer, _ = engine.ask("How much money was pledged in total across both visits?")
    assert "$59.04 million" in answer.text  # 51.3m + 240k + 7.5m

    answer, _ = engine.ask("What did the Freedonian chancellor pledge?")
    assert "$7.5 million" in answer.text


def test_the_bundled_answers_are_unchanged_by_a_new_article(data_copy: Path) -> None:
    add_fictional_meeting(data_copy)
    engine = Engine.from_folder(data_copy)
    answer, _ = engine.ask("What did Japan pledge?")
    assert "$51.3 million" in answer.text
    assert all(s.article == "ppp-asean-2022" for s in answer.sources)


def test_meetings_whose_ids_and_articles_concatenate_alike_both_count(data_copy: Path) -> None:
    add_fictional_meeting(data_copy)
    articles = data_copy / "articles"
    for stem, meeting in (("ab", "j"), ("b", "ja")):  # "j" + "ab" == "ja" + "b"
        (articles / f"{stem}.txt").write_text(ARTICLE, encoding="utf-8")
        yaml_text = MEETINGS.replace("id: freedonia", f"id: {meeting}")
        (articles / f"{stem}.yaml").write_text(yaml_text, encoding="utf-8")
    for ext in ("txt", "yaml"):
        (articles / f"fiction-2023.{ext}").unlink()
    answer, _ = Engine.from_folder(data_copy).ask("What did Freedonia pledge?")
    assert {s.article for s in answer.sources} == {"ab", "b"}


BARE_ARTICLE = """Leaders met in Valdoria again.

Cambodia-Sylvania

Hun Sen met Sylvania's President Ambrose Trentino on April 2. They discussed river \
transport and flood warnings, and Trentino invited Hun Sen to visit Sylvania.
"""

BARE_MEETINGS = """title: A second fictional visit
publisher: Test Gazette
date: 2023-04
principal:
  name: Hun Sen
  title: Prime Minister
  country: Cambodia
meetings:
  - id: sylvania
    country: Sylvania
    section: Cambodia-Sylvania
    leader:
      name: Ambrose Trentino
      title: President
      aliases: [Trentino]
    date: 2023-04-02
    paragraphs: [2]
"""


def test_a_meeting_recorded_without_facts_is_discussed_from_its_paragraph(
    data_copy: Path,
) -> None:
    (data_copy / "articles" / "bare-2023.txt").write_text(BARE_ARTICLE, encoding="utf-8")
    (data_copy / "articles" / "bare-2023.yaml").write_text(BARE_MEETINGS, encoding="utf-8")
    countries = data_copy / "countries.yaml"
    countries.write_text(
        countries.read_text(encoding="utf-8") + "  - name: Sylvania\n    aliases: [Sylvanian]\n",
        encoding="utf-8",
    )
    engine = Engine.from_folder(data_copy)
    for asked in ("What did Hun Sen and Trentino discuss?", "what was discussed with sylvania"):
        answer, _ = engine.ask(asked)
        assert answer.answered, asked
        assert "Ambrose Trentino" in answer.text and "river transport" in answer.text, asked
        assert [(s.article, s.paragraph) for s in answer.sources] == [("bare-2023", 2)]
    # A meeting with records is still summarised from them.
    answer, _ = engine.ask("What did Hun Sen and Biden discuss?")
    assert "they discussed Ukraine" in answer.text
