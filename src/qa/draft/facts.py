"""Draft the facts of one meeting, sentence by sentence, each citing its paragraph."""

from __future__ import annotations

import re
from typing import Any

from qa.draft.agreements import split_agreement
from qa.draft.dates import dates_in
from qa.draft.events import is_event, is_meeting
from qa.draft.meetings import Group
from qa.draft.model import Fact, Person
from qa.draft.money import draft_money, giver_before
from qa.draft.requests import draft_requests
from qa.draft.scan import Names, Scanned
from qa.draft.speech import find_quotes, is_pronoun, quote_verb, reported, speaking_body
from qa.draft.vocab import Vocabulary

_GROUP_WORDS = re.compile(r"^(?:they|both|the two|the leaders|the ministers)\b", re.IGNORECASE)


class FactDrafter:
    """Draft the facts of one meeting's paragraphs."""

    def __init__(
        self, group: Group, principal: Person, names: Names, vocab: Vocabulary, year: int | None
    ) -> None:
        self.group, self.principal, self.names = group, principal, names
        self.vocab, self.year = vocab, year
        self.countries = (group.country, principal.country)

    def draft(self, skip: str) -> list[Fact]:
        """Return every fact of the meeting; `skip` is the sentence reporting the meeting."""
        facts: list[Fact] = []
        for s in self.group.paragraphs:
            number = s.paragraph.number
            quotes = find_quotes(s.paragraph.text)
            for q in quotes:
                facts.append(self._quote(s, q.words, q.attribution, q.verb, q.start, number))
            for x in s.sentences:
                if any(q.start < x.end and x.start < q.end for q in quotes):
                    continue
                facts.extend(self._sentence(x.text, number, x.text == skip))
        return facts

    def _quote(self, s: Scanned, words: str, attr: str, verb: str, at: int, n: int) -> Fact:
        body = speaking_body(attr)
        named = self.names.who(attr)
        note = ""
        # Whoever the attribution names first speaks: "X was quoted by the agency".
        if named and (not body or named[0][0] < attr.find(body.split()[-1])):
            speaker = named[0][1]
        elif body:
            speaker = body
        else:
            speaker = self._last_person(s, at) if is_pronoun(attr) else ""
        if not speaker:
            speaker, note = "unknown", "a quote with no clear speaker"
        fields = {"speaker": speaker, "verb": quote_verb(attr, verb), "words": words}
        return self._fact("quotes", fields, n, words, note)

    def _last_person(self, s: Scanned, at: int) -> str:
        """Return the last person named before a pronoun, in this or earlier paragraphs."""
        texts = [
            p.paragraph.text
            for p in self.group.paragraphs
            if p.paragraph.number < s.paragraph.number
        ]
        texts.append(s.paragraph.text[:at])
        for text in reversed(texts):
            named = self.names.who(text)
            if named:
                return named[-1][1]
        return ""

    def _sentence(self, text: str, n: int, is_intro: bool) -> list[Fact]:
        found: list[Fact] = []
        dated = not (is_intro and is_meeting(text))  # that sentence's date is the meeting's
        for money in draft_money(text, self.countries):
            note = self._giver_note(text, money)
            found.append(self._fact("money", money, n, text, note, dated=dated))
        agreements, after = split_agreement(text)
        for agreement in agreements:
            found.append(self._fact("agreements", agreement, n, text, dated=dated))
        if agreements and after and is_event(after):
            found.append(self._fact("events", {"text": after}, n, after))
        for request in draft_requests(text):
            asked = request.pop("to", "")
            if asked and self._side(asked) == self.principal.country:
                continue  # the counterpart asking the principal: not a request of this schema
            note = request.pop("note", "")
            found.append(self._fact("requests", request, n, text, note))
        if found:
            return found
        said = reported(text)
        if said:
            holder = self._side(said[0])
            if not holder:
                return []  # someone else's words (critics, analysts): not the meeting's
            if holder and not (
                holder == self.principal.country and said[1] in ("thanked", "commended")
            ):
                fields = {"holder": holder, "text": text}
                return [self._fact("positions", fields, n, text, dated=dated)]
        if not is_intro and is_event(text) and (self.group.section or self._about_meeting(text)):
            return [self._fact("events", {"text": text}, n, text)]
        return []

    def _side(self, words: str) -> str:
        """Return the country a subject speaks for: the principal's or the counterpart's."""
        named = self.names.who(words)
        if named:
            return (
                self.principal.country if named[0][1] == self.principal.name else self.group.country
            )
        hits = self.vocab.countries_in(words)
        if hits:
            return hits[0].value
        if _GROUP_WORDS.match(words.strip()):
            return self.group.country
        if is_pronoun(words):
            return self.principal.country
        return ""

    def _about_meeting(self, text: str) -> bool:
        if self.names.who(text) or _GROUP_WORDS.match(text):
            return True
        return any(h.value in self.countries for h in self.vocab.countries_in(text))

    def _giver_note(self, text: str, money: dict[str, Any]) -> str:
        before = giver_before(text, money["verb"].split()[0])
        side = self._side(before) if before else ""
        if not side:
            return "a money figure with no clear giver"
        if side == self.principal.country:
            return f"the giver looks like {side}, not {self.group.country}"
        return ""

    def _fact(
        self,
        kind: str,
        fields: dict[str, Any],
        n: int,
        text: str,
        note: str = "",
        dated: bool = True,
    ) -> Fact:
        """Build a fact with the topics and date of its sentence (a meeting's date is its own)."""
        topics = self.vocab.topics_in(text)
        if topics:
            fields["topics"] = topics
        dates = dates_in(text, self.year) if dated else []
        if dates and kind != "quotes":
            fields["date"] = dates[0].isoformat()
        return Fact(kind, fields, (n,), note)


def meeting_topics(group: Group, vocab: Vocabulary) -> dict[str, tuple[int, ...]]:
    """Return each topic the meeting's paragraphs touch, with the paragraphs."""
    topics: dict[str, list[int]] = {}
    for s in group.paragraphs:
        for topic in vocab.topics_in(s.paragraph.text):
            topics.setdefault(topic, []).append(s.paragraph.number)
    return {t: tuple(ns) for t, ns in topics.items()}


def meeting_date(sentence: str, year: int | None) -> str:
    """Return the meeting's date from the sentence reporting it, or ""."""
    if not sentence or not is_meeting(sentence):
        return ""
    dates = dates_in(sentence, year)
    return dates[0].isoformat() if dates else ""
