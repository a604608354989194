"""Unit tests of the realiser: sentences written from meetings and the values executors decide."""

from __future__ import annotations

import datetime as dt

from qa.answer.realise import lists, order, refusal, totals
from qa.data.records import Meeting
from qa.engine import Engine
from qa.understand.quantity import DateRef


def meetings(engine: Engine) -> tuple[list[Meeting], list[Meeting]]:
    """Return the bundled article's dated and undated meetings."""
    every = engine.data.meetings
    return [m for m in every if m.date], [m for m in every if not m.date]


def test_refusals_share_one_opening(engine: Engine) -> None:
    dated, undated = meetings(engine)
    said = [
        refusal.unsaid(),
        refusal.unsaid(refusal.no_date_for(undated[:1])),
        refusal.unmentioned("a bridge"),
        refusal.ungiven("that number"),
        refusal.unmet(("Atlantis",)),
        order.on_days([DateRef(day=1, month=1)], []),
        lists.lacking([], len(dated), relation="money"),
        totals.total({}, []),
    ]
    assert all(s.startswith("The article ") and s.endswith(".") for s in said), said


def test_undated_meetings_agree_in_number(engine: Engine) -> None:
    _, undated = meetings(engine)
    one = refusal.no_date_for(undated[:1], by_country=True)
    two = refusal.no_date_for(undated[:2], by_country=True)
    assert "the meeting with " in one and "the meetings with " in two


def test_window_names_its_anchor_and_date(engine: Engine) -> None:
    dated, _ = meetings(engine)
    anchor = dated[0]
    day = anchor.date or dt.date.min
    after = order.window(order.Window("after", anchor=anchor, day=day, adjacent=True))
    assert after.startswith("the day after the meeting with ") and str(day.year) in after
    span = order.window(order.Window("before", span=(DateRef(12), DateRef(14))))
    assert span == "between the 12th and the 14th"


def test_dated_list_keeps_the_order_given(engine: Engine) -> None:
    dated, undated = meetings(engine)
    text = order.in_order(dated, undated)
    spots = [text.index(m.leader.name) for m in dated]
    assert text.startswith("In order, ") and spots == sorted(spots)
    assert "gives no date" in text


def test_count_prefixes_what_it_counts() -> None:
    assert lists.tally(2, ["A.", "B."], vague=1) == (
        "2: A. B. (1 of these the article gives no number for.)"
    )
    assert lists.things(["a", "b", "c"]) == "3: a, b and c."
