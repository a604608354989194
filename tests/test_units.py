"""Small pieces: tokenizer, dates and amounts, paragraphs, BM25 ranking, fuzzy names."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from qa.data.corpus import LEAD, split_paragraphs
from qa.data.dataset import load_dataset
from qa.engine import Engine
from qa.errors import DataError
from qa.search.index import Index, best_sentences, sentences
from qa.understand.quantity import DateRef, find_amounts, find_dates, format_money
from qa.understand.text import normalize, stem, terms, words


def test_terms_fold_case_stem_and_drop_stopwords() -> None:
    assert terms("Japan PLEDGED the money") == terms("japan pledges money")
    assert stem("pledged") == stem("pledge")
    assert words("Canada’s pledge") == ["canada", "pledge"]


def test_normalize_drops_invisible_characters() -> None:
    assert normalize("Ja\u200bpan\u202e") == "ja pan "
    assert words("\u0000\u200f") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on november 12", [DateRef(12, 11)]),
        ("nov. 12th", [DateRef(12, 11)]),
        ("12 november 2022", [DateRef(12, 11, 2022)]),
        ("the 12th of november", [DateRef(12, 11)]),
        ("on the 13th", [DateRef(13)]),
        ("2022-11-14", [DateRef(14, 11, 2022)]),
        ("november 31", []),
        ("may i ask", []),
    ],
)
def test_find_dates(text: str, expected: list[DateRef]) -> None:
    assert find_dates(text) == expected


def test_date_ref_matches_partial_dates() -> None:
    assert DateRef(12).matches(dt.date(2022, 11, 12))
    assert not DateRef(12, 10).matches(dt.date(2022, 11, 12))
    assert not DateRef(12).matches(None)


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("$240,000", 240000),
        ("$51.3 million", 51.3e6),
        ("us$ 2bn", 2e9),
        ("5 million dollars", 5e6),
        ("$3k", 3000),
        ("a$15 million", 15e6),
        ("1.2 billion baht", 1.2e9),
        ("€150 million", 150e6),
    ],
)
def test_find_amounts(text: str, amount: float) -> None:
    assert find_amounts(text) == [amount]


@pytest.mark.parametrize(
    ("text", "amounts"),
    [
        ("did japan give less than 10 million?", [10e6]),
        ("under half a million dollars", [0.5e6]),
        ("is the 240,000 more than 1 million?", [240000, 1e6]),
        ("was it bigger than 200k?", [200e3]),
        ("us$ 5 million", [5e6]),
        ("ongoing for more than a thousand years", []),
        ("ten million people", []),
    ],
)
def test_find_amounts_reads_bare_figures_in_order(text: str, amounts: list[float]) -> None:
    assert find_amounts(text) == amounts


def test_format_money() -> None:
    assert format_money(240000, "USD") == "$240,000"
    assert format_money(51.3e6, "USD") == "$51.3 million"
    assert format_money(51.54e6, "USD") == "$51.54 million"
    assert format_money(1500, "KHR") == "1,500 riels"
    assert format_money(1.2e9, "THB") == "1.2 billion baht"
    assert format_money(15e6, "AUD") == "A$15 million"
    assert format_money(3e6, "CHF") == "3 million Swiss francs"


def test_split_paragraphs_attaches_headings() -> None:
    text = "Lead one.\n\nLead two.\n\nCambodia-Japan\n\nFirst.\nStill first.\n\n\nSecond."
    paras = split_paragraphs("a", text)
    assert [(p.number, p.heading) for p in paras] == [
        (1, LEAD),
        (2, LEAD),
        (3, "Cambodia-Japan"),
        (4, "Cambodia-Japan"),
    ]
    assert paras[2].text == "First. Still first."


def test_sentences_and_narrowing() -> None:
    text = "Alpha met beta. “Gamma said delta,” he said. Epsilon ended."
    assert len(sentences(text)) == 3
    assert best_sentences(text, ["gamma"], {"gamma": 1.0}).startswith("“Gamma")


def test_index_scores_equal_rank_bm25(engine: Engine) -> None:
    index = engine.index
    docs = [terms(f"{p.heading} {p.text}") for p in index.paragraphs]
    reference = BM25Okapi(docs)
    query = terms("Japan water supply Prek village")
    ids = [index.vocab.get(t, -1) for t in query]
    assert np.array_equal(index.postings.scores(ids), reference.get_scores(query))
    hits = index.search(query, k=3)
    assert hits[0].paragraph.number == 21
    assert hits[0].score >= hits[1].score >= hits[2].score


def test_term_in_most_paragraphs_has_no_positive_idf() -> None:
    # BM25Okapi floors negative IDF at epsilon * average IDF: "score > 0" is no match test.
    paras = split_paragraphs("a", "hun sen one.\n\nhun sen two.\n\nhun sen three.\n\nfour.")
    index = Index.build(paras)
    assert index.idf("hun") < index.idf("four")


def test_typos_resolve_to_names(engine: Engine) -> None:
    for typo, country in [("japn", "Japan"), ("austrlia", "Australia"), ("Canda", "Canada")]:
        assert engine.parser.parse(f"What did {typo} give?").countries == (country,)


def test_lowercase_us_is_not_the_united_states(engine: Engine) -> None:
    assert engine.parser.parse("Tell us what Japan gave").countries == ("Japan",)
    assert engine.parser.parse("What did the US ask for?").countries == ("United States",)


def test_alias_clash_is_checked_on_the_key_questions_match_by(data_copy: Path) -> None:
    # "Japanese" and "japaneses" differ as text but stem alike, so a question could not
    # tell the two countries apart: the data must be refused.
    countries = data_copy / "countries.yaml"
    countries.write_text(
        countries.read_text(encoding="utf-8") + "  - name: Japonia\n    aliases: [japaneses]\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError, match="alias 'japaneses' of 'Japonia' is already 'Japan''s"):
        load_dataset(data_copy)
