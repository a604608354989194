"""What an engine remembers between questions follows its data and stays bounded."""

from __future__ import annotations

from pathlib import Path

from qa.engine import Engine
from qa.understand import lexicon
from qa.understand.lexicon import CORRECTED_CACHE
from qa.understand.vocabulary import REMEMBERED

TYPO = "What did Nihin pledge?"


def add_alias(folder: Path) -> None:
    """Give Japan one more alias in a data folder."""
    countries = folder / "countries.yaml"
    text = countries.read_text(encoding="utf-8")
    countries.write_text(text.replace("[Japanese, Nippon]", "[Japanese, Nippon, Nihon]"))


def test_a_reloaded_engine_corrects_typos_towards_its_new_names(data_copy: Path) -> None:
    before = Engine.from_folder(data_copy)
    assert "doesn't mention Nihin" in before.ask(TYPO)[0].text
    add_alias(data_copy)
    after = Engine.from_folder(data_copy)
    assert "Japan" in after.ask(TYPO)[0].text
    # The engine loaded first still answers from the data it read.
    assert "doesn't mention Nihin" in before.ask(TYPO)[0].text


def test_a_reloaded_engine_matches_claims_by_its_new_country_aliases(data_copy: Path) -> None:
    before = Engine.from_folder(data_copy)
    nihon = [lexicon.stem("nihon")]
    assert nihon not in [list(k) for k in before.executor.verifier.evidence.name_keys("Japan")]
    add_alias(data_copy)
    after = Engine.from_folder(data_copy)
    assert nihon in [list(k) for k in after.executor.verifier.evidence.name_keys("Japan")]
    assert nihon not in [list(k) for k in before.executor.verifier.evidence.name_keys("Japan")]


def test_a_reloaded_engine_reads_its_new_synonyms(data_copy: Path) -> None:
    before = Engine.from_folder(data_copy)
    assert before.parser.vocabulary.alternatives("applaud") == ("commend", "hail")
    synonyms = data_copy / "synonyms.yaml"
    text = synonyms.read_text(encoding="utf-8")
    synonyms.write_text(text.replace("applaud: [commend, hail]", "applaud: [hail]"))
    after = Engine.from_folder(data_copy)
    assert after.parser.vocabulary.alternatives("applaud") == ("hail",)
    assert before.parser.vocabulary.alternatives("applaud") == ("commend", "hail")


def test_a_reloaded_engine_suggests_questions_from_its_new_data(data_copy: Path) -> None:
    before = Engine.from_folder(data_copy)
    assert "meet on November 14?" in before.ask("hmm?")[0].text
    article = data_copy / "articles" / "ppp-asean-2022.yaml"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("date: 2022-11-14", "date: 2022-11-15", 1), encoding="utf-8")
    after = Engine.from_folder(data_copy)
    assert "meet on November 15?" in after.ask("hmm?")[0].text
    assert "meet on November 14?" in before.ask("hmm?")[0].text


def test_remembered_alternatives_stay_bounded(engine: Engine) -> None:
    vocabulary = engine.parser.vocabulary
    for n in range(REMEMBERED + 10):
        vocabulary.alternatives(f"zq{n}x")
    assert len(vocabulary.remembered) <= REMEMBERED
    assert "commend" in vocabulary.alternatives("praise")


def test_remembered_corrections_stay_bounded(engine: Engine) -> None:
    lex = engine.parser.lexicon
    words = [f"zq{n}x" for n in range(CORRECTED_CACHE + 10)]
    lex.correct_all(words)
    assert len(lex.corrected) <= CORRECTED_CACHE
    assert lex.correct_all(["japn"]) == [lexicon.stem("japan")]
