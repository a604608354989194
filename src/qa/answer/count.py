"""Count exactly what a question counts: meetings, records of a kind, or a number the text gives."""

from __future__ import annotations

import re
from dataclasses import replace

from qa.answer.aggregate import Aggregates
from qa.answer.passage import Passages
from qa.answer.realise import lists, refusal
from qa.answer.realise import sentence as say
from qa.answer.result import Answer, Source, fact, none
from qa.answer.scope import FOCUS_FIELDS, Scope, on_topic
from qa.data.records import Dataset, Meeting, Record
from qa.search.index import sentences
from qa.understand.counted import TOPIC_NOUNS
from qa.understand.cues import FOCUS_CUES, QUESTION_WORDS, WHICH_NOUNS
from qa.understand.plan import Plan
from qa.understand.text import STOPWORDS, stem, words

NUMBERS = {
    "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "both": 2,
}  # fmt: skip
_ARTICLES = frozenset({"a", "an", "the", "one"})
# How far before its noun a number may stand ("two UN General Assembly (UNGA) resolutions").
NEAR = 5
YEAR = stem("years")
_ANNIVERSARY = re.compile(r"\b(\d+)(?:st|nd|rd|th) anniversary\b", re.IGNORECASE)
# Nouns a count of meetings may use: "how many talks did he hold".
MEETING_NOUNS = frozenset(stem(w) for w in "meetings talks sessions encounters".split())
# Nouns that count what follows their "of": "how many sets of talks".
PARTITIVE = frozenset(stem(w) for w in "set sets round rounds kind kinds type types".split())
# Nouns that name a kind of record rather than a thing inside one: "how many requests".
GENERIC = frozenset(
    stem(w)
    for w in """agreement agreements deal deals request requests position positions quote quotes
    statement statements pledge pledges event events thing things time times""".split()
)


def counted_noun(plan: Plan) -> str:
    """Return the stem of what "how many" counts ("mous", "meet"), or "" when unsaid."""
    tokens = list(plan.wording.tokens)
    if "many" not in tokens:
        return ""
    phrase: list[str] = []
    rest = tokens[tokens.index("many") + 1 :]
    for t in rest:
        if t in STOPWORDS or not t:
            if phrase and t == "of" and phrase[-1] in PARTITIVE:
                phrase.clear()  # "sets of talks" counts talks
                continue
            if phrase:
                break
            continue
        if phrase and (stem(t) in QUESTION_WORDS or any(stem(t) in c for c in FOCUS_CUES.values())):
            if stem(t) in WHICH_NOUNS | MEETING_NOUNS and t.endswith("s"):
                phrase.append(stem(t))  # a plural noun heads its phrase: "bilateral meetings"
            break  # a verb ("gave", "took") ends the noun phrase
        phrase.append(stem(t))
    # The noun phrase ends at its head: "UN General Assembly resolutions" counts resolutions.
    return phrase[-1] if phrase else ""


def stated_count(text: str, noun: str) -> int | None:
    """Return how many of `noun` a sentence states ("two resolutions"), None if unstated."""
    said = words(text)
    for i, w in enumerate(said):
        if stem(w) != noun:
            continue
        plural = w.endswith("s") and not w.endswith("ss")
        for b in reversed(said[max(0, i - NEAR) : i]):
            if b in NUMBERS and (NUMBERS[b] > 1) == plural:
                return NUMBERS[b]
            if b.isdigit() and len(b) < 4:
                return int(b)
    return None


def plural_unstated(text: str) -> bool:
    """Tell whether a record names a plural of unstated size ("MoUs on cooperation")."""
    said = words(text)[:2]
    if not said or said[0] in _ARTICLES or said[0] in NUMBERS or said[0].isdigit():
        return False
    return any(w.endswith("s") and not w.endswith("ss") and len(w) > 3 for w in said)


class Counts:
    """Answer "how many" questions without counting the wrong thing."""

    def __init__(self, data: Dataset, passages: Passages, agg: Aggregates) -> None:
        self.data = data
        self.passages = passages
        self.agg = agg

    def count(self, plan: Plan, scope: Scope) -> Answer:
        """Count meetings, records of the asked kind, or read the number the article states."""
        noun = counted_noun(plan)
        field = FOCUS_FIELDS.get(plan.relation or "")
        if noun in GENERIC:
            noun = ""  # "how many requests": the records themselves are counted
        if noun in TOPIC_NOUNS:
            return self._topics(scope)
        if (
            noun in WHICH_NOUNS
            or noun in MEETING_NOUNS
            or plan.scope.titles
            or (not noun and plan.wording.about_meetings)
        ):
            return self._meetings(plan, scope)
        if field and (not noun or self._names_records(noun, field, scope)):
            return self._records(plan, scope, field, noun)
        stated = self._stated(plan, scope, noun) if noun else None
        if stated is not None:
            return stated
        if not noun and not field and not scope.named:
            return self._meetings(plan, scope)
        return none(refusal.ungiven("that number"))

    def _topics(self, scope: Scope) -> Answer:
        """Count the topics the article reports raised at each scoped meeting, naming them."""
        meetings = scope.meetings if scope.named else ()
        if not meetings:
            raised = list(dict.fromkeys(t for m in scope.meetings for t in _raised(m)))
            text = f"{len(raised)} topics came up across the {len(scope.meetings)} meetings."
            return fact(self.data, text, [(m, None) for m in scope.meetings])
        text = " ".join(
            f"{len(_raised(m))}: {m.host.name} and {say.leader(m)} discussed "
            + say.topics(_raised(m))
            + "."
            for m in meetings
        )
        items: list[tuple[Meeting, Record | None]] = [
            (m, r) for m in meetings for r in m.facts() if r.topics
        ]
        return fact(self.data, text, items)

    def _meetings(self, plan: Plan, scope: Scope) -> Answer:
        which = self.agg.which(plan, scope)
        n = len(which.subjects)
        if not which.answered or re.search(rf"\b{n}\b", which.text):
            return which
        return replace(which, text=lists.counted(n, which.text))

    def _names_records(self, noun: str, field: str, scope: Scope) -> bool:
        return any(
            noun in {stem(w) for w in words(say.sentence(m, r))}
            for m in scope.meetings
            for r in getattr(m, field)
        )

    def _records(self, plan: Plan, scope: Scope, field: str, noun: str) -> Answer:
        if plan.relation == "money" and scope.named:
            money = [x for m in scope.meetings for x in m.money]
            listed = [i for x in money for i in x.items]
            named = {s for x in money for s in _stems(" ".join((x.purpose, *x.items)))}
            if listed and (not noun or noun in named):
                items = [(m, x) for m in scope.meetings for x in m.money]
                return fact(self.data, lists.things(listed), items)
        found: list[tuple[Meeting, Record | None]] = [
            (m, r)
            for m in scope.meetings
            for r in getattr(m, field)
            if on_topic(r, plan.scope.topics)
        ]
        said = [say.sentence(m, r) for m, r in found if r is not None]
        own = [own_text(r) for _, r in found]
        if noun and not any(noun in _stems(o) for o in own):
            noun = ""  # "how many tweets": the noun names how the records were given
        if noun:
            found = [(m, r) for (m, r), s in zip(found, said, strict=True) if noun in _stems(s)]
            said = [s for s in said if noun in _stems(s)]
        if not found:
            return none(refusal.unmentioned("any"))
        counts = [
            stated_count(s, noun) if noun else (None if plural_unstated(o) else 1)
            for s, o in zip(said, own, strict=False)
        ]
        if None in counts and (noun or all(c is None for c in counts)):
            return fact(self.data, refusal.ungiven("the number", said), found, False)
        if None in counts:
            # Records are counted, but one of them stands for an unstated number of documents.
            text = lists.tally(len(found), said, vague=counts.count(None))
            return fact(self.data, text, found)
        return fact(self.data, lists.tally(sum(c or 0 for c in counts), said), found)

    def _stated(self, plan: Plan, scope: Scope, noun: str) -> Answer | None:
        # "How many ... was that?" is searched by what it counts, not by "how many".
        asked = tuple(t for t in plan.wording.terms if t not in QUESTION_WORDS)
        wording = replace(plan.wording, terms=asked or plan.wording.terms)
        found = self.passages.answer(wording, scope, within_scope=scope.named, require=(noun,))
        if not found.answered or not found.sources:
            return None
        paragraph = found.sources[0].text
        source: tuple[Source, ...] = found.sources
        for sentence in sentences(paragraph):
            n = stated_count(sentence, noun)
            if n is not None:
                text = lists.counted(_word(sentence, noun), sentence)
                return Answer(text, True, "passage", source)
        if noun == YEAR:
            # "How many years of ties?": an anniversary counts them ("their 30th anniversary").
            for sentence in sentences(paragraph):
                at = _ANNIVERSARY.search(sentence)
                if at:
                    return Answer(f"{at.group(1)} years: {sentence}", True, "passage", source)
        return None


def own_text(r: Record | None) -> str:
    """Return the words a record names itself by (an agreement's name, a request's text)."""
    for attribute in ("name", "text", "what"):
        value = getattr(r, attribute, "")
        if value:
            return str(value)
    return ""


def _raised(m: Meeting) -> list[str]:
    """Return a meeting's topics in the order the article raises them."""
    return list(dict.fromkeys(t for r in (*m.discussions, *m.facts()) for t in r.topics))


def _stems(text: str) -> set[str]:
    return {stem(w) for w in words(text)}


def _word(sentence: str, noun: str) -> str:
    """Return the number word the sentence uses before the noun ("Two")."""
    said = words(sentence)
    i = next(i for i, w in enumerate(said) if stem(w) == noun)
    for b in reversed(said[max(0, i - NEAR) : i]):
        if b in NUMBERS or b.isdigit():
            return say.capital(b)
    return "One"
