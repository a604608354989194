"""Find the principal and split the article into meetings: by heading, else by counterpart."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from qa.data.corpus import LEAD
from qa.draft.events import is_meeting
from qa.draft.model import Person
from qa.draft.people import Mention, place_name
from qa.draft.scan import Names, Scanned
from qa.draft.vocab import Vocabulary

LEAD_WEIGHT = 3
_BOTH = re.compile(
    r"\b(?:the two (?:leaders|ministers|sides|countries|men|women)|"
    r"both (?:leaders|ministers|sides)|our two countries|their (?:meeting|talks))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Group:
    """Paragraphs about one counterpart: its heading (if any), leader and country."""

    section: str
    paragraphs: tuple[Scanned, ...]
    leader: Mention
    country: str


def find_principal(scanned: list[Scanned], names: Names) -> Person | None:
    """Return the person whose meetings the article reports: named in the lead, most often."""
    lead = [m.name for s in scanned[:2] for m in s.people if m.title]
    pool = lead or [n for n, m in names.people.items() if m.title]
    if not pool:
        return None
    name = max(pool, key=lambda n: (names.count[n], -pool.index(n)))
    # The principal was chosen for a titled mention; its first mention may lack the title.
    titled = [m for s in scanned for m in s.people if m.name == name and m.title]
    first = titled[0] if titled else names.people[name]
    country = first.country
    if not country:
        # The principal's country recurs through the article, the counterparts' each in
        # their own part: count paragraphs, and weigh the opening one.
        counted = Counter(h for s in scanned for h in {h.value for h in s.countries})
        counted.update({h.value: LEAD_WEIGHT for h in scanned[0].countries})
        country = counted.most_common(1)[0][0] if counted else ""
    paragraph = next(s.paragraph.number for s in scanned if any(m.name == name for m in s.people))
    return Person(name, first.title, country, paragraph, first.known_title)


def group_meetings(
    scanned: list[Scanned], principal: Person, vocab: Vocabulary, headline: str, names: Names
) -> list[Group]:
    """Split paragraphs into meetings: one per section heading, else one per counterpart."""
    headings = [s.paragraph.heading for s in scanned if s.paragraph.heading not in (LEAD, headline)]
    if headings:
        groups = []
        for heading in dict.fromkeys(headings):
            part = tuple(s for s in scanned if s.paragraph.heading == heading)
            found = _counterpart(
                part, principal, [h.value for h in vocab.countries_in(heading)], heading
            )
            if found:
                groups.append(Group(heading, part, *found))
        return groups
    return _by_counterpart(scanned, principal, names)


def _counterpart(
    part: tuple[Scanned, ...], principal: Person, heading: list[str], title: str = ""
) -> tuple[Mention, str] | None:
    """Return the first foreign titled person of a section and their country.

    `title` is the section's heading as written: a word of it may name a country the
    vocabulary lacks ("Thailand-Peru").
    """
    named = [w for w in re.split(r"[\s\-–—/]+", title) if w and w != principal.country]
    counted = Counter(h.value for s in part for h in s.countries if h.value != principal.country)
    for country in heading:  # "Cambodia-Brunei": the heading names the counterpart
        if country != principal.country:
            counted[country] += 100
    for s in part:
        for m in s.people:
            if m.name == principal.name:
                continue
            country = (
                m.country
                or place_name(m.place, named)
                or _country_near(s, m, principal)
                or _top(counted)
            )
            if country and country != principal.country:
                return m, country
    return None


def _country_near(s: Scanned, m: Mention, principal: Person) -> str:
    """Return the foreign country named in the mention's sentence, if any."""
    sentence = next((x for x in s.sentences if x.start <= m.start < x.end), None)
    if sentence is None:
        return ""
    for h in s.countries:
        if sentence.start <= h.start < sentence.end and h.value != principal.country:
            return h.value
    return ""


def _top(counted: Counter[str]) -> str:
    return counted.most_common(1)[0][0] if counted else ""


def _mentions(s: Scanned, leader: Mention, country: str, names: Names) -> bool:
    """Tell whether a paragraph is about the current counterpart (or both sides)."""
    if any(h.value == country for h in s.countries):
        return True
    if any(name == leader.name for _, name in names.who(s.paragraph.text)):
        return True
    return bool(_BOTH.search(s.paragraph.text))


def _by_counterpart(scanned: list[Scanned], principal: Person, names: Names) -> list[Group]:
    """Start a meeting wherever a new foreign leader is named or met; the rest follows it.

    A paragraph naming neither side waits: it joins the meeting only if a later one does,
    so the article's closing paragraphs about other things stay out.
    """
    groups: list[Group] = []
    current: list[Scanned] = []
    waiting: list[Scanned] = []
    leader: Mention | None = None
    country = ""
    for s in scanned:
        new = _introduces(s, principal, country)
        if new:
            if leader and current:
                groups.append(Group("", tuple(current), leader, country))
            leader, country = new
            current, waiting = [s], []
        elif leader and _mentions(s, leader, country, names):
            current.extend((*waiting, s))
            waiting = []
        elif leader:
            waiting.append(s)
    if leader and current:
        groups.append(Group("", tuple(current), leader, country))
    return groups


def _introduces(s: Scanned, principal: Person, current: str) -> tuple[Mention, str] | None:
    for m in s.people:
        if m.name == principal.name:
            continue
        country = m.country or place_name(m.place) or _country_near(s, m, principal)
        sentence = next((x.text for x in s.sentences if x.start <= m.start < x.end), "")
        foreign = country and country not in (principal.country, current)
        if foreign and (m.country or is_meeting(sentence)):
            return m, country
    return None


def meeting_date_sentence(group: Group, names: Names) -> tuple[int, str]:
    """Return the paragraph and sentence where the meeting itself is reported."""
    for s in group.paragraphs:
        for x in s.sentences:
            if group.leader.name in x.text and is_meeting(x.text):
                return s.paragraph.number, x.text
    for s in group.paragraphs:
        for x in s.sentences:
            if group.leader.name in x.text:
                return s.paragraph.number, x.text
    return group.paragraphs[0].paragraph.number, ""


def slug(text: str) -> str:
    """Return a lower-case id of words joined by hyphens ("New Zealand" -> new-zealand)."""
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "meeting"
