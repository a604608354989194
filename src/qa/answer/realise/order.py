"""Write answers about time: meetings in date order, around a date, on one day, and when."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from qa.answer.realise import refusal
from qa.answer.realise import sentence as say
from qa.answer.realise.verdict import no, verdict, yes
from qa.answer.result import join
from qa.data.records import Meeting, Record
from qa.understand.quantity import DateRef, format_date


@dataclass(frozen=True, slots=True)
class Window:
    """The stretch of time a question asks about, relative to a date, a meeting or a span."""

    side: str  # "before" | "after" | "same day"
    date: DateRef | None = None  # the date named, when no meeting anchors the window
    anchor: Meeting | None = None  # the meeting the window is timed from
    day: dt.date | None = None  # that meeting's date (or its fact's)
    adjacent: bool = False  # "the day before / after"
    span: tuple[DateRef, DateRef] | None = None  # "between the 12th and 14th"


def window(w: Window) -> str:
    """Return the window as a phrase: "after the meeting with ... (November 12, 2022)"."""
    if w.span:
        return f"between {w.span[0]} and {w.span[1]}"
    if w.anchor and w.day:
        what = f"the meeting with {say.leader(w.anchor)} ({format_date(w.day)})"
        if w.side == "same day":
            return f"on the same day as {what}"
        return f"{'the day ' if w.adjacent else ''}{w.side} {what}"
    return f"{w.side} {w.date}"


def _on(day: dt.date | None) -> str:
    return format_date(day or dt.date.min)


def _dated(m: Meeting) -> str:
    return f"{say.leader(m)} on {_on(m.date)}"


def in_order(dated: Sequence[Meeting], undated: Sequence[Meeting]) -> str:
    """Return "In order, <host> met <leader> on <date>, ...", noting undated meetings."""
    text = f"In order, {dated[0].host.name} met {join([_dated(m) for m in dated])}."
    return text + say.undated_note(list(undated))


def extreme(first: bool, picked: Sequence[Meeting], undated: Sequence[Meeting]) -> str:
    """Return "The earliest dated meeting was on <date>, with <leader>."."""
    word = "earliest" if first else "latest"
    many = len(picked) > 1
    text = f"The {word} dated meeting{'s were' if many else ' was'} on {_on(picked[0].date)}, "
    text += f"with {join([say.leader(m) for m in picked])}."
    return text + say.undated_note(list(undated))


def not_extreme(first: bool, subject: Meeting, picked: Sequence[Meeting]) -> str:
    """Return "No: <host> met <leader> on <date>; the earliest dated meeting was ..."."""
    word = "earliest" if first else "latest"
    many = len(picked) > 1
    them = join([say.leader(m) for m in picked])
    head = f"{subject.host.name} met {_dated(subject)}; the {word} dated meeting"
    return no(f"{head}{'s were' if many else ' was'} on {_on(picked[0].date)}, with {them}.")


def extreme_holds(
    first: bool, subject: Meeting, beside: Sequence[Meeting], undated: Sequence[Meeting]
) -> str:
    """Return "Yes: <host> met <leader> on <date>, the same day as ...", hedged by undated ones."""
    word = "earliest" if first else "latest"
    text = f"{subject.host.name} met {_dated(subject)}, the {word} day"
    if beside:
        text += f" ({subject.host.name} also met {join([say.leader(m) for m in beside])} that day)"
    if not undated:
        return yes(text + ".")
    return f"Yes, of the meetings the article dates: {text}." + say.undated_note(list(undated))


def within(w: Window, found: Sequence[Meeting], undated: Sequence[Meeting]) -> str:
    """Return "<Window>, <host> met <leader> (<date>), ...", or that none fell in it."""
    note = say.undated_note(list(undated))
    if not found:
        return refusal.reports(f"reports no meeting {window(w)}") + note
    parts = [f"{say.leader(m)} ({_on(m.date)})" for m in found]
    text = f"{say.capital(window(w))}, {found[0].host.name} met {join(parts)}."
    return text + note


def in_months(
    months: Sequence[int],
    years: Sequence[int],
    found: Sequence[Meeting],
    undated: Sequence[Meeting],
) -> str:
    """Return "In November 2022, <host> met <leader> (<date>), ...", or that none was dated so."""
    named = join([dt.date(2000, m, 1).strftime("%B") for m in months])
    when = f"{named} {join([str(y) for y in years])}" if years else named
    note = say.undated_note(list(undated))
    if not found:
        return refusal.reports(f"reports no meeting dated in {when}") + note
    parts = [f"{say.leader(m)} ({_on(m.date)})" for m in found]
    return f"In {when}, {found[0].host.name} met {join(parts)}." + note


def none_within(w: Window, undated: Sequence[Meeting]) -> str:
    """Return that the article dates no meeting in the window, naming the undated ones."""
    return refusal.unsaid(f"it dates no meeting {window(w)}") + say.undated_note(list(undated))


def same_day(days: Mapping[dt.date, Sequence[Meeting]]) -> str:
    """Return "<host> met <leader> and <leader> on <date>; ..." for days of several meetings."""
    parts = [f"{join([say.leader(m) for m in ms])} on {_on(d)}" for d, ms in days.items()]
    host = next(iter(days.values()))[0].host.name
    return f"{host} met {'; '.join(parts)}."


def timed_claim(holds: bool, timed: Sequence[tuple[Meeting, Record | None, dt.date]]) -> str:
    """Return "Yes/No: <fact or leader> on <date>, ..." for a claim of before/after/same day."""
    parts = [f"{say.sentence(m, r)[:-1] if r else say.leader(m)} on {_on(d)}" for m, r, d in timed]
    return verdict(holds, f"{join(parts)}.")


def choice(pick: Meeting, others: Sequence[Meeting]) -> str:
    """Return "The meeting with <leader>, on <date>; <leader> on <date>."."""
    rest = join([_dated(m) for m in others])
    return f"The meeting with {say.leader(pick)}, on {_on(pick.date)}; {rest}."


def on_days(when: Sequence[DateRef], found: Sequence[tuple[Meeting, Record | None]]) -> str:
    """Return "On <dates>: <meeting or fact sentences>", or that nothing is dated so."""
    days = join([str(d) for d in when])
    if not found:
        return refusal.reports(f"reports nothing dated {days}")
    parts = [say.sentence(m, r) if r else say.meeting(m) for m, r in found]
    return f"On {days}: " + " ".join(parts)


def dated_share(chosen: Sequence[Meeting], total: int, dated: bool) -> str:
    """Return "The article dates N of the T meetings: ...", or gives no date for N of them."""
    n = len(chosen)
    if dated:
        parts = [f"{say.label(m)} on {_on(m.date)}" for m in chosen]
        return f"The article dates {n} of the {total} meetings: {join(parts)}."
    text = f"The article gives no date for {n} of the {total} meetings: "
    return text + join([say.label(m) for m in chosen]) + "."


def dates_of(found: Sequence[tuple[Meeting, Record | None]], undated: Sequence[Meeting]) -> str:
    """Return "<date>: <fact>" or the meeting sentence per item, then the undated meetings."""
    lines = [
        f"{format_date(r.date)}: {say.sentence(m, r)}" if r and r.date else say.meeting(m)
        for m, r in found
    ]
    gaps = [refusal.undated_meeting(m, host=True) for m in undated]
    return " ".join(lines + gaps)


def took_place(m: Meeting, on_day_asked: bool, dated: bool = True) -> str:
    """Return "Yes: <meeting sentence>", or "No: ... on <date>" when the day asked differs."""
    if on_day_asked:
        return yes(say.meeting(m))
    if not dated or m.date is None:
        return no(say.meeting(m))
    return no(f"{m.host.name} met {say.leader(m)} on {format_date(m.date)}.")


def undated_meeting(m: Meeting) -> str:
    """Return that the article reports the meeting but not its date."""
    return refusal.reports(
        f"reports {m.host.name}'s meeting with {say.leader(m)} but doesn't give its date"
    )
