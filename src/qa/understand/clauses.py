"""Read the clauses of a question that pick a set of meetings: kept, left out or compared.

"Which countries that discussed demining did not give money?" keeps one set (discussed
demining) and leaves out another (gave money); "apart from those that signed agreements"
leaves out a set a clause describes rather than names; "did more countries sign
agreements or give money?" sets two such sets against each other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import pairwise

from qa.understand.cues import FOCUS_CUES
from qa.understand.frame import focus_of, without_idioms
from qa.understand.parse import Question
from qa.understand.quantity import MONTHS, DateRef
from qa.understand.text import stem, words

# Words joining two clauses; a clause after "or"/"nor" shares the denial before it.
JOINS = frozenset("and but nor or while whereas yet".split())
# Denials typed without their apostrophe ("didnt", "werent").
UNAPOSTROPHISED = frozenset(
    "didnt doesnt dont wasnt werent isnt arent hasnt havent hadnt wont cant couldnt".split()
)
DENIALS = frozenset({"not", "never", "no", "none", "nothing", "neither", "without"})
DENIALS |= UNAPOSTROPHISED
# Words asking whether the article dates a meeting ("the ones with a date").
DATED = frozenset({"date", "dated", "dates"})
# Relations a meeting can have records of; the others ("discussed") filter by topic only.
FILTERING = frozenset({"money", "agreement", "request", "position", "quote", "event"})
# Words that count the meetings themselves: "more countries", "fewer leaders".
COUNTED_MEETINGS = frozenset(
    stem(w) for w in "countries nations leaders meetings governments partners".split()
)
MORE = frozenset("more bigger larger greater higher".split())
LESS = frozenset("less smaller fewer lower".split())
_DAY = re.compile(r"^\d{1,2}(?:st|nd|rd|th)?$")


@dataclass(frozen=True, slots=True)
class Part:
    """One clause's filter on meetings: a kind of fact, topics, titles, dates, a date at all."""

    relation: str | None = None
    topics: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    dates: tuple[DateRef, ...] = ()
    dated: bool = False
    words: tuple[str, ...] = ()

    @property
    def filters(self) -> bool:
        """Tell whether the clause picks meetings by anything the records hold."""
        return bool(
            self.relation in FILTERING or self.topics or self.titles or self.dates or self.dated
        )


@dataclass(frozen=True, slots=True)
class Sets:
    """The set a question keeps, the sets it leaves out, or the two sets it compares."""

    kept: Part
    without: tuple[Part, ...] = ()
    contrast: tuple[Part, ...] = ()
    joined: str = ""  # "or" offers a choice; "than" makes a claim
    # Sets every kept meeting must also be in: "gave money and signed an agreement".
    also: tuple[Part, ...] = ()


def read_sets(
    q: Question, cue: int | None, denied: bool, comparative: bool
) -> tuple[Sets | None, Question]:
    """Return the sets a question's clauses pick, and the question limited to its kept clause.

    `cue` is where an exception word ("apart from", "other than") stands whose clause
    names no country or leader; `denied` and `comparative` say whether the question
    holds a denial or a comparative word. No clause picking a set returns (None, q).
    """
    if cue is None and not denied and not comparative:
        both = both_kinds(q)
        return (Sets(both[0], also=both[1:]) if both else None), q
    tokens = list(q.tokens)
    sets: Sets | None = None
    if cue is not None:
        end = _verb_stop(q, cue, clause_end(q, cue))
        aside = part_of(q, range(cue, end))
        kept = part_of(q, [i for i in range(len(tokens)) if not cue <= i < end])
        sets = Sets(kept, (aside,)) if aside.filters else None
    else:
        contrast, joined = _contrast(q, tokens) if comparative else ((), "")
        sets = Sets(Part(), contrast=contrast, joined=joined) if contrast else None
        sets = sets or (_denied(q, tokens, _commas(q.text)) if denied else None)
    return sets, _kept_question(q, sets)


def both_kinds(q: Question) -> tuple[Part, Part] | None:
    """Return the two kinds of fact "gave money and signed an agreement" asks both of.

    Each side of the "and" must name its own kind of fact, the two kinds different.
    """
    tokens = q.tokens
    for at, t in enumerate(tokens):
        if t != "and" or not at:
            continue
        first, second = part_of(q, range(at)), part_of(q, range(at + 1, len(tokens)))
        kinds = (first.relation, second.relation)
        if all(k in FILTERING for k in kinds) and kinds[0] != kinds[1]:
            return first, second
    return None


def named_aside(q: Question, cue: int | None) -> tuple[str, ...]:
    """Return the countries and leaders an exception's clause names ("other than Japan").

    A name that is also a topic ("excluding those that discussed Ukraine") sets no
    meeting aside; a comma ends the clause ("besides money, what did Japan do?").
    """
    if cue is None:
        return ()
    end = next((e for e in _commas(q.text) if e > cue), None)
    return tuple(
        dict.fromkeys(
            v
            for k, v, i in q.spans
            if k in ("country", "leader")
            and cue < i
            and (end is None or i < end)
            and v not in q.ambiguous
        )
    )


def clause_end(q: Question, at: int | None) -> int:
    """Return where the clause holding token `at` ends: its next comma, or the question's end."""
    if at is None:
        return len(q.tokens)
    return next((e for e in _commas(q.text) if e > at), len(q.tokens))


def _verb_stop(q: Question, start: int, end: int) -> int:
    """Return where a clause's own verb phrase ends: at a verb of another kind of fact.

    "those hun sen met on november 12 discussed development assistance": the clause
    ends before "discussed". A verb after "to" completes the first ("agreed to provide").
    """
    tokens = q.tokens
    covered = {i for _, value, at in q.spans for i in range(at, at + len(words(value)))}
    first: str | None = None
    for i in range(start, end):
        if i in covered:
            continue
        kind = _cue_kind(stem(tokens[i]))
        if kind is None:
            continue
        if first is None or tokens[i - 1] == "to":
            first = kind
        elif kind != first:
            return i
    return end


def _cue_kind(token: str) -> str | None:
    return next((k for k, cues in FOCUS_CUES.items() if token in cues), None)


def _kept_question(q: Question, sets: Sets | None) -> Question:
    """Return the question limited to its kept clause, once other clauses pick sets apart."""
    if sets is None or not sets.without:
        return q
    kept = sets.kept
    return replace(q, focus=kept.relation, topics=kept.topics, titles=kept.titles, dates=kept.dates)


def _denied(q: Question, tokens: list[str], ends: list[int]) -> Sets | None:
    """Return the kept and denied sets of a question whose denial covers only some clauses."""
    cuts = sorted({0, *ends, *(i for i, t in enumerate(tokens) if t in JOINS), len(tokens)})
    kept: list[int] = []
    denied: list[list[int]] = []
    shared = False
    for a, b in pairwise(cuts):
        span = list(range(a, b))
        at = next((i for i in span if _denies(tokens, i)), None)
        if at is None and shared and tokens[a] in ("or", "nor"):
            denied.append(span)
            continue
        if at is None:
            kept += span
            shared = False
            continue
        # "gave no money", "did not sign": the verb before a bare denial is denied with it.
        start = max(a, at - 1) if tokens[at] in _BARE else at
        stop = _verb_stop(q, start, b)
        kept += [*range(a, start), *range(stop, b)]
        denied.append(list(range(start, stop)))
        shared = True
    parts = tuple(part_of(q, span) for span in denied)
    main = part_of(q, kept)
    if not parts or not all(p.filters for p in parts):
        return None
    if len(parts) < 2 and not main.filters:
        return None  # one plain denial ("which did not give money?") is read as before
    return Sets(main, parts)


_BARE = frozenset({"not", "never", "no", "none", "nothing"})


def _denies(tokens: list[str], i: int) -> bool:
    t = tokens[i]
    if t == "no" and i == 0:
        return False
    nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
    return t in DENIALS or (nxt == "t" and t.endswith("n"))


def _contrast(q: Question, tokens: list[str]) -> tuple[tuple[Part, ...], str]:
    """Return the two sets "did more countries A or B?" / "were more countries A than B?"

    compare, and the word joining them.
    """
    at = next(
        (
            i
            for i, t in enumerate(tokens)
            if t in MORE | LESS and i + 1 < len(tokens) and stem(tokens[i + 1]) in COUNTED_MEETINGS
        ),
        None,
    )
    if at is None:
        return (), ""
    split = next((i for i in range(at + 2, len(tokens)) if tokens[i] in ("or", "than")), None)
    if split is None:
        return (), ""
    first = part_of(q, range(at + 2, split))
    second = part_of(q, range(split + 1, len(tokens)))
    if second.relation is None and second.topics:
        second = Part(first.relation, second.topics, second.titles, second.dates, second.dated)
    if not (first.filters and second.filters):
        return (), ""
    return (first, second), tokens[split]


def part_of(q: Question, span: range | list[int]) -> Part:
    """Return the filter the tokens at `span` put on meetings."""
    inside = set(span)
    tokens = list(q.tokens)
    # A name's own words ("the free trade agreement") are no cue to a kind of fact.
    covered = {i for _, value, at in q.spans for i in range(at, at + len(words(value)))}
    stems = [stem(t) if i in inside else "" for i, t in enumerate(tokens)]
    focus = focus_of(without_idioms(tokens, stems), covered)
    said = [tokens[i] for i in sorted(inside)]
    dated = any(t in MONTHS or _DAY.match(t) for t in said)
    return Part(
        relation=focus,
        topics=tuple(dict.fromkeys(v for k, v, at in q.spans if k == "topic" and at in inside)),
        titles=tuple(dict.fromkeys(v for k, v, at in q.spans if k == "title" and at in inside)),
        dates=q.dates if dated else (),
        dated=bool(DATED & set(said)) and not q.dates,
        words=tuple(said),
    )


def _commas(text: str) -> list[int]:
    """Return the token positions where a comma, semicolon or colon ends a clause."""
    return [len(words(text[: m.start()])) for m in re.finditer(r"[,;:]", text)]
