"""Each extractor on sentences written for the tests, not taken from any article."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qa.draft.agreements import draft_agreements, split_agreement
from qa.draft.article import draft_text
from qa.draft.dates import article_year, dates_in
from qa.draft.money import draft_money
from qa.draft.people import find_people, place_name
from qa.draft.requests import draft_requests
from qa.draft.sentences import split_sentences
from qa.draft.speech import find_quotes, quote_verb, reported, speaking_body
from qa.draft.vocab import Vocabulary, load_vocabulary
from qa.errors import QAError
from qa.understand.currency import find_money, format_money

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="module")
def vocab() -> Vocabulary:
    return load_vocabulary(DATA)


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("Oslo gave $4.5 million to the fund", 4.5e6, "USD"),
        ("a US$200 million credit", 200e6, "USD"),
        ("Canberra pledged A$15 million", 15e6, "AUD"),
        ("a loan of €150 million", 150e6, "EUR"),
        ("¥3.2 billion in grants", 3.2e9, "JPY"),
        ("1.2 billion baht for roads", 1.2e9, "THB"),
        ("KHR 4 billion for schools", 4e9, "KHR"),
        ("£35 million for the delta", 35e6, "GBP"),
        ("worth VND 12 trillion", 12e12, "VND"),
        ("3 million Swiss francs", 3e6, "CHF"),
    ],
)
def test_find_money_reads_news_forms(text: str, value: float, currency: str) -> None:
    [amount] = find_money(text)
    assert (amount.value, amount.currency) == (value, currency)


def test_find_money_reads_a_shared_word_as_the_local_currency() -> None:
    assert find_money("5 million dollars")[0].currency == "USD"
    assert find_money("5 million dollars", ("Australia",))[0].currency == "AUD"
    assert find_money("12 students and 40 teachers") == []
    assert find_money("all 40 members") == []  # a code is read only in capitals


def test_format_money_writes_symbols_or_names_from_cldr() -> None:
    assert format_money(15e6, "AUD") == "A$15 million"
    assert format_money(1.2e9, "THB") == "1.2 billion baht"
    assert format_money(1, "KHR") == "1 riel"
    assert format_money(2e6, "XYZ") == "2 million XYZ"


def test_find_people_reads_country_title_and_name(vocab: Vocabulary) -> None:
    text = (
        "Later, Peruvian Acting Foreign Minister Ana Quispe met Norway’s Foreign Minister "
        "Eirik Dahl, then her Chilean counterpart, Rosa Vidal."
    )
    found = [(m.name, m.title, m.known_title, m.country) for m in find_people(text, vocab)]
    assert found == [
        ("Ana Quispe", "Acting Foreign Minister", False, ""),
        ("Eirik Dahl", "Foreign Minister", True, "Norway"),
        ("Rosa Vidal", "", True, "Chile"),
    ]


def test_find_people_keeps_an_unknown_country_word(vocab: Vocabulary) -> None:
    [m] = find_people("She met Ruritania’s Chancellor Rudolf Rassendyll.", vocab)
    assert (m.name, m.title, m.country, m.place) == (
        "Rudolf Rassendyll",
        "Chancellor",
        "",
        "Ruritania",
    )


def test_place_name_prefers_the_name_its_heading_gives() -> None:
    assert place_name("Freedonian") == "Freedonia"
    assert place_name("Peruvian") == "Peruvia"  # no heading to go by: the rule alone
    assert place_name("Peruvian", ["Thailand", "Peru"]) == "Peru"
    assert place_name("", ["Peru"]) == ""


def test_a_demonym_under_a_heading_drafts_the_heading_country(vocab: Vocabulary) -> None:
    text = (
        "Premier wraps up talks\n\nPrime Minister Somchai Rattanakul of Thailand held talks.\n\n"
        "Thailand-Peru\n\nSomchai held talks with Peruvian President Carlos Mendoza. "
        "The two sides signed a memorandum of understanding on agricultural trade.\n"
    )
    draft = draft_text(vocab, "thai", text, {"date": "2026-11"})
    assert [m.country for m in draft.meetings] == ["Peru"]


def test_sentences_keep_quotations_and_abbreviations_whole() -> None:
    text = "Mr. Dahl spoke. “We agree. We act,” he said. Talks ended."
    assert [s.text for s in split_sentences(text)] == [
        "Mr. Dahl spoke.",
        "“We agree. We act,” he said.",
        "Talks ended.",
    ]


def test_dates_take_the_article_year() -> None:
    assert dates_in("They met on March 3 and again on 5 April 2021.", 2020) == [
        dt.date(2020, 3, 3),
        dt.date(2021, 4, 5),
    ]
    assert dates_in("They met on March 3.", None) == []
    assert article_year("", ["Oslo, June 2, 2019 — talks"]) == 2019
    assert article_year("2023-05", []) == 2023


def test_draft_money_ties_each_sum_to_its_verb() -> None:
    sentence = (
        "The ministers agreed to lift trade to €9 billion, and Oslo would lend €40 million "
        "for ferry links, the embassy said."
    )
    [fact] = draft_money(sentence, ())
    assert fact == {
        "verb": "would lend",
        "kind": "loan",
        "amount": 40000000,
        "currency": "EUR",
        "purpose": "for ferry links",
    }


def test_draft_money_reads_items_and_sums_without_figures() -> None:
    [fact] = draft_money(
        "Norway granted $2 million to Peru for three things: wells, clinics and roads.", ()
    )
    assert fact["purpose"] == "for three things"
    assert fact["items"] == ["wells", "clinics", "roads"]
    [loan] = draft_money("Peru agreed to provide a loan to build a port.", ())
    assert (loan["kind"], loan["what"], loan["purpose"]) == ("loan", "a loan", "to build a port")
    assert draft_money("Firms signed deals worth $3 billion.", ()) == []


def test_draft_agreements_reads_verbs_and_keeps_what_follows() -> None:
    found, after = split_agreement(
        "The two ministers signed an accord on fisheries and agreed to meet yearly."
    )
    assert found == [{"name": "an accord on fisheries", "verb": "signed"}]
    assert after == "The two ministers agreed to meet yearly."
    assert draft_agreements("Both witnessed the signing of three MoUs on health.") == [
        {"name": "three MoUs on health", "verb": "witnessed the signing of"}
    ]
    assert (
        draft_agreements("They agreed to designate 2025 as a year of friendship.")[0]["verb"]
        == "agreed"
    )
    assert draft_agreements("The treaty signed in 1999 still holds.") == []
    assert draft_agreements("They agreed to expand tourism.") == []


def test_draft_agreements_reads_a_signing_after_a_verb_that_is_no_agreement() -> None:
    # "agreed to raise trade" is no agreement; the signing after it still is one.
    found, after = split_agreement(
        "The two leaders agreed to raise trade to $15 billion by 2028 and signed a "
        "memorandum of understanding on fisheries cooperation."
    )
    assert found == [
        {"name": "a memorandum of understanding on fisheries cooperation", "verb": "signed"}
    ]
    assert after == "The two leaders agreed to raise trade to $15 billion by 2028."
    found, after = split_agreement(
        "They announced new flights and signed a visa accord, and Dahl invited Tan to Oslo."
    )
    assert found == [{"name": "a visa accord", "verb": "signed"}]
    assert after == "They announced new flights. Dahl invited Tan to Oslo."


def test_draft_requests_reads_infinitives_and_rewords_nouns() -> None:
    found = draft_requests(
        "Dahl asked Peru to open a consulate and urged Peruvian firms to invest in shipping."
    )
    assert [(r["text"], r["to"]) for r in found] == [
        ("open a consulate", "Peru"),
        ("invest in shipping", "Peruvian firms"),
    ]
    [nominal] = draft_requests("She called for more flights between the capitals.")
    assert nominal["text"] == "support more flights between the capitals"
    assert "reworded" in nominal["note"]
    [that] = draft_requests("Dahl requested that Peru help dredge the port.")
    assert that["text"] == "help dredge the port"


def test_quotes_find_speaker_words_and_verb() -> None:
    text = "“We will rebuild the bridge together,” the foreign ministry said in a statement."
    [q] = find_quotes(text)
    assert q.words == "We will rebuild the bridge together."
    assert speaking_body(q.attribution) == "the foreign ministry"
    assert quote_verb(q.attribution, q.verb) == "said in a statement"
    [before] = find_quotes("Dahl said: “Fish stocks are shared by all of us.”")
    assert before.words == "Fish stocks are shared by all of us."
    assert find_quotes("They hailed a “Strategic Partnership”.") == []


def test_reported_speech_names_its_speaker() -> None:
    assert reported("According to the ministry, Dahl said Norway backed the plan.") == (
        "Dahl",
        "said",
    )
    assert reported("The ferry left at noon.") is None


def test_topics_match_on_stems(vocab: Vocabulary) -> None:
    assert vocab.topics_in("Deminers cleared land mines near rice farms") == [
        "demining",
        "rice",
        "agriculture",
    ]


WORDS = (
    "Prime Minister Foreign said told asked urged to the and of $5 million €3 billion baht "
    '“quote” " Japan Japanese Hun Sen met signed agreed on November 12 , . : Sultan King '
    "counterpart his her \n\n Vice- ’s"
).split(" ")


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from([*WORDS, "\n\n"]), max_size=300))
def test_drafting_any_text_ends_in_a_draft_or_a_qa_error(
    vocab: Vocabulary, parts: list[str]
) -> None:
    text = " ".join(parts)
    try:
        draft = draft_text(vocab, "any", text, {"date": "2024-01"})
    except QAError:
        return
    for meeting in draft.meetings:
        assert meeting.paragraphs and all(f.paragraphs for f in meeting.facts)
