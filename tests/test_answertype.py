"""Answer types: what a question asks for, and whether a sentence holds it."""

from __future__ import annotations

import pytest

from qa.answer.coverage import near
from qa.data.corpus import Paragraph
from qa.search.index import Index
from qa.understand.answertype import has_type


@pytest.mark.parametrize(
    ("text", "kind", "holds"),
    [
        ("Experts will travel to Ukraine in December.", "date", True),
        ("Experts will travel to Ukraine afterwards.", "date", False),
        ("He tweeted: today, we visited the museum.", "date", False),
        ("Canada agreed to provide $240,000.", "money", True),
        ("The plant will produce 300 megawatts.", "money", False),
        ("Relations go back more than a thousand years.", "measure", True),
        ("He spoke at his November 13 press conference in 2022.", "measure", False),
        ("Ukraine's foreign minister signed the treaty.", "person", True),
        ("Ukraine's foreign minister signed the treaty.", "name", False),
        ("The visit to Phnom Penh opened an era.", "name", True),
        ("He recalled his first visit to India in 1981.", "year", True),
        ("The agreement enters into force next month.", "month", True),
        ("The agreement enters into force next month.", "year", False),
        ("He will go on behalf of his father to mark the anniversary.", "reason", True),
        ("China will continue to support the temples.", "reason", False),
        ("Anything at all.", None, True),
    ],
)
def test_sentence_holds_the_type_asked_for(text: str, kind: str | None, holds: bool) -> None:
    assert has_type(text, kind) is holds


def test_near_spelling_finds_only_words_the_index_holds() -> None:
    index = Index.build(
        [
            Paragraph("a", 1, "", "He considered the deportation of returnees humane."),
            Paragraph("a", 2, "", "The design of the bridge was approved."),
        ]
    )
    assert near(index, "deporte") == ("deport",)
    assert near(index, "resign") == ()  # "design" shares no five-letter beginning
    assert near(index, "deport") == ()  # a word the index holds needs no stand-in
