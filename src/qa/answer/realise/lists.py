"""Write who/which answers: the meetings a question picks, those it leaves out, and counts."""

from __future__ import annotations

from collections.abc import Sequence

from qa.answer.realise import refusal
from qa.answer.realise import sentence as say
from qa.answer.result import join
from qa.data.records import Meeting, Quote, Record
from qa.understand.quantity import DateRef

# What the countries listed for a relation did, and what those left out did not.
WHAT_THEY_DID = {
    "money": "gave, pledged or lent money",
    "agreement": "signed or announced agreements",
    "request": "were asked for something",
    "position": "had positions recorded",
    "quote": "are quoted",
    "event": "had other events reported",
}
NOT_DONE = {
    "money": "gave, pledged or lent no money",
    "agreement": "signed or announced no agreement",
    "request": "were asked for nothing",
    "position": "had no position recorded",
    "quote": "are not quoted",
    "event": "had no other event reported",
}


def did(relation: str, n: int) -> str:
    """Return what n countries did of a kind of fact, its verb agreeing ("1 country was")."""
    said = WHAT_THEY_DID[relation]
    if n != 1:
        return said
    return said.replace("were ", "was ", 1).replace("are ", "is ", 1)


def labels(meetings: Sequence[Meeting]) -> str:
    """Return "Japan (Fumio Kishida), Canada (Justin Trudeau) and ..."."""
    return join([say.label(m) for m in meetings])


def leaders(meetings: Sequence[Meeting]) -> str:
    """Return "Prime Minister Fumio Kishida of Japan and ..."."""
    return join([say.leader(m) for m in meetings])


def days(dates: Sequence[DateRef]) -> str:
    """Return the dates a question names, once each, in order ("November 12 and November 13")."""
    return join(sorted({str(d) for d in dates}))


def counted(n: int | str, text: str) -> str:
    """Return "<n>: <text>", a count followed by what it counts."""
    return f"{n}: {text}"


def tally(n: int, said: Sequence[str], vague: int = 0) -> str:
    """Return "<n>: <sentences>", noting how many of them stand for an unstated number."""
    text = counted(n, " ".join(said))
    if vague:
        text += f" ({vague} of these the article gives no number for.)"
    return text


def things(named: Sequence[str]) -> str:
    """Return "3: a, b and c." for the things a record lists."""
    return counted(len(named), join(list(named)) + ".")


def attributed(who: Sequence[str], items: Sequence[tuple[Meeting, Record]]) -> str:
    """Return "<Who>: <the sentences of their records>"."""
    return f"{say.capital(join(list(who)))}: " + " ".join(say.sentence(m, r) for m, r in items)


def topics_raised(meetings: Sequence[Meeting]) -> str:
    """Return "<host> and <leader> discussed <topics>." for each meeting."""
    return " ".join(
        f"{m.host.name} and {say.leader(m)} discussed {say.topic_list(m)}." for m in meetings
    )


def met_on(
    dates: Sequence[DateRef],
    meetings: Sequence[Meeting],
    also: Sequence[tuple[Meeting, Record]],
) -> str:
    """Return "On <dates>, <host> met <leaders>.", then the other facts dated so."""
    text = f"On {days(dates)}, {meetings[0].host.name} met {leaders(meetings)}."
    if also:
        text += " Also on that date: " + " ".join(say.sentence(m, r) for m, r in also)
    return text


def chosen(
    host: str,
    meetings: Sequence[Meeting],
    *,
    relation: str | None = None,
    topics: Sequence[str] = (),
    either: bool = False,
    titles: Sequence[str] = (),
    named: bool = False,
    speakers: Sequence[tuple[Meeting, Quote]] = (),
    verbs: Sequence[str] = (),
    out_of: int = 0,
) -> str:
    """Return the sentence listing the meetings a question picked, saying what picked them.

    With `out_of`, the count says of how many: "4 of the 9 countries", "all 9 countries".
    With `either`, the meetings covered any one of the topics, not each.
    """
    n = len(meetings)
    countries = _of(n, out_of)
    if titles and named:
        return " ".join(say.holds_title(m) for m in meetings)
    if titles and n == 1:
        return say.holds_title(meetings[0])
    if titles:
        return f"{host} met {n} {join(list(titles))}s: {labels(meetings)}."
    if relation == "money":
        given = "; ".join(say.gave(m) for m in meetings)
        return f"{countries} {did('money', n)}: {given}."
    if topics and relation in WHAT_THEY_DID:
        done = did(relation or "", n)
        return f"{countries} {done} on {say.topics(list(topics), either)}: {labels(meetings)}."
    if topics:
        about = say.topics(list(topics), either)
        return f"{countries} discussed {about} with {host}: {labels(meetings)}."
    if speakers or verbs:
        who = join([f"{x.speaker} ({say.country(m.country)})" for m, x in speakers])
        return f"{say.capital(who)} {join(sorted(set(verbs)))}."
    if relation in WHAT_THEY_DID:
        return f"{countries} {did(relation or '', n)}: {labels(meetings)}."
    return f"{host} met leaders of {countries}: {labels(meetings)}."


def _of(n: int, total: int) -> str:
    """Return "4 countries", "4 of the 9 countries" or "all 9 countries"."""
    if not total:
        return say.countries(n)
    if n == total:
        return f"all {say.countries(n)}"
    return f"{n} of the {say.countries(total)}"


def unmatched(
    dates: Sequence[DateRef],
    also: Sequence[tuple[Meeting, Record]],
    relation: str | None,
    topics: Sequence[str],
    either: bool = False,
) -> str:
    """Return that no meeting matches, and what the article does report on the dates asked."""
    if dates:
        said = [say.sentence(m, r) for m, r in also]
        text = refusal.unmentioned(f"a meeting on {days(dates)}")
        return text + (" It does report: " + " ".join(said) if said else "")
    joined = join(list(topics), "or" if either else "and")
    what = joined or WHAT_THEY_DID.get(relation or "", "that")
    return refusal.unmentioned(f"any meeting matching {what}")


def lacking(
    left: Sequence[Meeting],
    total: int,
    *,
    relation: str | None = None,
    topics: Sequence[str] = (),
    dates: Sequence[DateRef] = (),
    titles: Sequence[str] = (),
) -> str:
    """Return "<n> of the <total> countries did not ...: <labels>.", or that none did not.

    Countries that did not discuss several topics discussed none of them.
    """
    if topics:
        what = f"did not discuss {say.topics(list(topics), either=True)}"
    elif dates:
        what = f"did not meet on {join([str(d) for d in dates])}"
    elif titles:
        what = f"were not led by a {join(list(titles))}"
    else:
        what = NOT_DONE.get(relation or "", "did not")
    if not left:
        return refusal.reports(f"reports none that {what}")
    text = f"{len(left)} of the {total} countries {what}, by the article's account: "
    return text + labels(left) + "."


def only_met(meetings: Sequence[Meeting]) -> str:
    """Return that the article reports only which meetings took place, listing them."""
    return refusal.reports(f"reports only the meetings that took place: {labels(meetings)}")


def others(host: str, meetings: Sequence[Meeting]) -> str:
    """Return "<host> met <n> other leaders: <leaders>."."""
    return f"{host} met {len(meetings)} other leaders: {leaders(meetings)}."
