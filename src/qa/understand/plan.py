"""Turn a parsed question into a typed query plan: scope, relation, wanted answer, operators."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from qa.data.records import Record
from qa.understand.clauses import UNAPOSTROPHISED, Sets, named_aside, read_sets
from qa.understand.cues import FOCUS_CUES
from qa.understand.parse import Question
from qa.understand.quantity import DateRef, is_span
from qa.understand.talk import talk_kind
from qa.understand.text import stem

# What each question shape wants back.
WANTED = {
    "what": "text",
    "why": "text",
    "amount": "amount",
    "total": "amount",
    "count": "count",
    "when": "date",
    "who": "entity",
    "which": "list",
    "confirm": "yes/no",
}
NEGATIONS = (
    frozenset({"not", "never", "nothing", "nobody", "none", "neither", "nor"}) | UNAPOSTROPHISED
)
# Cues whose following names are left out of the answer ("other than Japan").
EXCEPT_ONE = frozenset("except besides excluding excl but".split())
_PAIRS = "other than|apart from|aside from|not counting|leaving out"
EXCEPT_TWO = frozenset((a, b) for a, b in (p.split() for p in _PAIRS.split("|")))
MORE = frozenset("more bigger larger greater higher".split())
LESS = frozenset("less smaller fewer lower".split())
FIRST = frozenset("first earliest".split())
LAST = frozenset("last latest final".split())
BEFORE = frozenset({"before", "prior", "earlier", "sooner"})
AFTER = frozenset({"after", "later"})
SAME_DAY = frozenset({("same", "day"), ("same", "date")})
# "the day after Ardern", "the day before the Brunei meeting": the adjacent day only.
NEXT_DAY = frozenset({("day", "after"), ("next", "day"), ("following", "day")})
PREVIOUS_DAY = frozenset({("day", "before"), ("previous", "day"), ("preceding", "day")})
# "Right after Ardern", "who did he meet next after Ardern": the nearest meetings only.
NEAREST = frozenset({"right", "just", "immediately", "directly"})
CHRONOLOGY = frozenset("chronological chronologically order sequence timeline".split())
# Comparisons with a figure: "more than $50 million", "at least $200,000", "below $1 million".
ABOVE = frozenset({"over", "above", "exceeding"})
BELOW = frozenset({"under", "below"})
AT_LEAST = frozenset({("at", "least"), ("no", "less")})
AT_MOST = frozenset({("at", "most"), ("no", "more")})
# "roughly $51 million": a claimed amount that need only come near the one given.
APPROXIMATE = frozenset("roughly approximately nearly almost circa".split())
FLIPPED = {">": "<", "<": ">", ">=": "<=", "<=": ">="}
# Words that only say "a meeting took place" ("see", "sit down with", "hold talks").
MEETING_WORDS = frozenset(
    stem(w)
    for w in """meet met meeting see saw seen sit sat down talk talks hold held involve took
    take place two both""".split()
)
# "over $1 million", not "hand over": a threshold word must stand before a figure.
_FIGURE_AFTER = re.compile(r"\b(?:over|above|under|below|exceeding)\s+(?:us)?[$\d]")
MONEY_NOUNS = frozenset(stem(w) for w in "money dollars grant loan fund funding aid cash".split())
# Words asking whether the article dates something ("meetings with a date").
DATE_WORDS = frozenset({"date", "dated", "dates", "undated"})
# Operator words are grammar, not content: they never narrow a search or go "unknown".
OPERATOR_WORDS = frozenset(
    stem(w)
    for w in NEGATIONS
    | EXCEPT_ONE
    | MORE
    | LESS
    | FIRST
    | LAST
    | BEFORE
    | AFTER
    | CHRONOLOGY
    | ABOVE
    | BELOW
    | DATE_WORDS
    | APPROXIMATE
    | set("other than apart aside same day between from until till through least".split())
    # "on no known date", "a stated date": qualifiers of a date, not content.
    | set("known unknown stated given specific exact".split())
)


@dataclass(frozen=True, slots=True)
class Subject:
    """What a plan is limited to (or, as `Plan.excluded`, leaves out) by name, date or figure."""

    articles: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    leaders: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    dates: tuple[DateRef, ...] = ()
    span: tuple[DateRef, DateRef] | None = None
    amounts: tuple[float, ...] = ()
    principal: bool = False
    # Country names that also name a topic ("Mekong"): no meeting with them is not a gap.
    ambiguous: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Return the countries and leaders named, countries first."""
        return (*self.countries, *self.leaders)

    @property
    def specific(self) -> bool:
        """Tell whether it names any country, leader, topic, title, date or amount."""
        return bool(
            self.countries
            or self.leaders
            or self.topics
            or self.titles
            or self.dates
            or self.amounts
        )


@dataclass(frozen=True, slots=True)
class Wording:
    """The question's own words, which passages are searched, matched and checked by."""

    text: str
    intent: str  # what | amount | total | count | when | who | which | confirm | why
    tokens: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()
    alternatives: tuple[tuple[str, tuple[str, ...]], ...] = ()
    unknown: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    anchors: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    superlative: str | None = None
    summary: bool = False
    about_meetings: bool = False


@dataclass(frozen=True, slots=True)
class Plan:
    """What to compute: the scope, the relation asked about, the answer wanted, operators.

    `scope` is what the answer is limited to; `excluded` what it leaves out ("other than
    Japan"); `anchor` names the meeting a date comparison is measured from ("after
    Ardern", "the same day as Albanese"). `wording` keeps the question's own words.
    """

    scope: Subject
    wording: Wording
    wanted: str  # text | amount | count | date | entity | list | yes/no | talk
    relation: str | None
    operators: frozenset[str] = frozenset()
    negated: bool = False
    excluded: Subject = Subject()
    compared: tuple[str, ...] = ()
    anchor: tuple[str, ...] = ()
    threshold: tuple[str, float] | None = None  # (">", 5e7): compare amounts with a figure
    # A figure the claim is about rather than a bar ("is the 240,000 more than 1 million?").
    figure: float | None = None
    talk: str | None = None
    # Who a claim says acted, as (kind, name): "did Hun Sen thank Trudeau" -> the principal.
    actor: tuple[str, str] | None = None
    # Facts the conversation has already given, which "what else ...?" asks past.
    told: tuple[Record, ...] = ()
    # Sets picked by clauses: kept and left out ("apart from those that gave money"),
    # or two compared ("did more countries sign agreements or give money?").
    sets: Sets | None = None

    @property
    def shape(self) -> str:
        """Return the plan's shape: the kind of question (what, amount, count, when, ...)."""
        return self.wording.intent

    def has(self, operator: str) -> bool:
        """Tell whether the plan applies an operator ("compare", "first", "except", ...)."""
        return operator in self.operators


def make_plan(q: Question, articles: tuple[str, ...] = ()) -> Plan:
    """Read the operators of a parsed question and return its plan."""
    tokens = list(q.tokens)
    pairs = set(pairwise(tokens))
    said = set(tokens)
    talk = talk_kind(tokens, q)
    ops: set[str] = set()
    if q.intent == "total" or {"total", "altogether", "combined"} & said:
        ops.add("total")
    if q.superlative:
        ops.add(q.superlative)
    cue = _except_at(tokens, pairs)
    excluded = named_aside(q, cue) or _before_aside(q, tokens)
    if excluded:
        ops.add("except")
    negated = _negated(tokens) and not excluded
    sets, q = read_sets(q, None if excluded else cue, negated, bool((MORE | LESS) & set(tokens)))
    negated = negated and sets is None
    if negated:
        ops.add("negate")
    named = list(dict.fromkeys(v for k, v, _ in q.spans if k in ("country", "leader")))
    compared: tuple[str, ...] = ()
    choice = False
    threshold = _threshold(tokens, pairs, q)
    figure = None
    if threshold and _figure_first(q.text.casefold()):
        # "Japan's grant to Cambodia": a name after "to" is who received, not a side compared.
        sides = [v for k, v, at in q.spans if k in ("country", "leader") and not _received(q, at)]
        if len(dict.fromkeys(sides)) >= 2:
            # "Was Canada's $240,000 smaller than Japan's?": the figure is one side's, not a bar.
            threshold = None
        elif len(q.amounts) >= 2:
            # "Is the 240,000 more than 1 million?": the first figure is the claim's subject.
            figure, threshold = q.amounts[0], (threshold[0], q.amounts[1])
        else:
            # "Is the $240,000 more than Japan's grant?": the named side is under the figure.
            threshold = (FLIPPED[threshold[0]], threshold[1])
    if threshold:
        ops.add("threshold")
    elif (MORE | LESS) & said and ("than" in tokens or "or" in tokens):
        compared = tuple(named)
        if len(compared) >= 2:
            ops.add("more" if MORE & said else "less")
            ops.add("compare")
            # "Did Japan or Canada give less?" asks which, not whether.
            choice = "than" not in tokens
    anchor: tuple[str, ...] = ()
    when = (BEFORE | AFTER) & said
    if SAME_DAY & pairs:
        ops.add("same day")
        anchor = tuple(named)
    elif (when or (FIRST | LAST) & said) and _choice(tokens, named) and not q.dates:
        # "Which came first, the India meeting or the Brunei one?": one of the two named.
        earlier = BEFORE & said or (FIRST & said and not when)
        ops |= {"earlier" if earlier else "later", "compare dates"}
        compared = tuple(named)
    elif not q.dates and when and named:
        ops.add("before" if BEFORE & said else "after")
        anchor = _after_cue(q, _first_at(tokens, BEFORE | AFTER))
        if (NEXT_DAY | PREVIOUS_DAY) & pairs:
            ops.add("adjacent day")
        elif "next" in tokens or NEAREST & {a for a, b in pairs if b in BEFORE | AFTER}:
            ops.add("nearest")
    elif q.dates and (BEFORE | AFTER) & said:
        ops.add("before" if BEFORE & said else "after")
    if "compare dates" not in ops and FIRST & said and not q.dates:
        ops.add("first")
    elif "compare dates" not in ops and LAST & said and not q.dates:
        ops.add("last")
    if CHRONOLOGY & said:
        ops.add("chronological")
    if DATE_WORDS & said and not q.dates and q.intent != "when":
        ops.add("dated")
        if _denies_date(tokens):
            ops.add("undated")
    span = None
    if len(q.dates) >= 2 and is_span(q.text.casefold()):
        span = (q.dates[0], q.dates[-1])
        ops.add("span")
    focus = q.focus
    if "dated" in ops and focus == "money" and not MONEY_NOUNS & set(q.terms):
        focus = None  # "give no date for": giving a date is not giving money
    aside = set(excluded + anchor)
    cue = _except_at(tokens, pairs) if excluded else _first_at(tokens, BEFORE | AFTER)
    # "Apart from the sultan": a title after the cue names the leader set aside, not a filter.
    titles = q.titles if not aside or cue is None else _titles_before(q, cue)
    wanted = "talk" if talk else WANTED[q.intent]
    return Plan(
        scope=Subject(
            articles=articles,
            countries=tuple(c for c in q.countries if c not in aside),
            leaders=tuple(x for x in q.leaders if x not in aside),
            speakers=q.speakers,
            titles=titles,
            topics=q.topics,
            dates=q.dates,
            span=span,
            amounts=q.amounts,
            principal=q.principal,
            ambiguous=q.ambiguous,
        ),
        wording=wording_of(
            q,
            extra=tuple(t for t in q.extra if t not in OPERATOR_WORDS),
            unknown=tuple(w for w in q.unknown if stem(w.casefold()) not in OPERATOR_WORDS),
        ),
        wanted="entity" if choice and wanted == "yes/no" else wanted,
        relation=focus,
        operators=frozenset(ops),
        negated=negated,
        excluded=Subject(
            countries=tuple(c for c in excluded if c in q.countries),
            leaders=tuple(x for x in excluded if x not in q.countries),
        ),
        compared=compared,
        anchor=anchor,
        threshold=threshold,
        figure=figure,
        talk=talk,
        actor=_actor(q) if q.intent == "confirm" else _asker(q) if focus == "request" else None,
        sets=sets,
    )


def wording_of(
    q: Question, extra: tuple[str, ...] | None = None, unknown: tuple[str, ...] | None = None
) -> Wording:
    """Return the words of a parsed question, as passages are searched by.

    `extra` and `unknown` replace the question's own, for a plan that reads some as operators.
    """
    return Wording(
        text=q.text,
        intent=q.intent,
        tokens=q.tokens,
        terms=q.terms,
        extra=q.extra if extra is None else extra,
        alternatives=q.alternatives,
        unknown=q.unknown if unknown is None else unknown,
        names=q.names,
        anchors=q.anchors,
        capitals=q.capitals,
        superlative=q.superlative,
        summary=q.summary,
        about_meetings=q.about_meetings,
    )


# A negation right after one of these words denies a noun phrase, not the verb
# ("who talked about never forgetting").
_NOT_VERBAL = frozenset("about of for to on in with from by at".split())


def _negated(tokens: list[str]) -> bool:
    """Tell whether the question denies its verb: "not", "never", "didn't", "gave no money"."""
    for i, (t, nxt) in enumerate(zip(tokens, [*tokens[1:], ""], strict=False)):
        if i and tokens[i - 1] in _NOT_VERBAL:
            continue
        if i == 0 and nxt == "t":
            continue  # "Isn't Biden the president?" leans to Yes: it claims he is
        if t in NEGATIONS or (nxt == "t" and t.endswith("n")) or (t == "no" and i > 0):
            return True
    return False


def _threshold(
    tokens: list[str], pairs: set[tuple[str, str]], q: Question
) -> tuple[str, float] | None:
    """Return the comparison a question makes with a figure it names, if any."""
    if not q.amounts:
        return None
    words = set(tokens)
    if AT_LEAST & pairs:
        return (">=", q.amounts[0])
    if AT_MOST & pairs:
        return ("<=", q.amounts[0])
    figure = _FIGURE_AFTER.search(q.text.casefold())
    if (MORE & words and "than" in words) or (ABOVE & words and figure):
        return (">", q.amounts[0])
    if (LESS & words and "than" in words) or (BELOW & words and figure):
        return ("<", q.amounts[0])
    return None


_COMPARATIVE = re.compile(rf"\b(?:{'|'.join(sorted(MORE | LESS))})\b")
_FIGURE = re.compile(r"[$€£¥]\s?\d|\b\d")


def _figure_first(text: str) -> bool:
    """Tell whether a figure comes before the comparative word in a question."""
    figure, comparative = _FIGURE.search(text), _COMPARATIVE.search(text)
    return bool(figure and comparative and figure.start() < comparative.start())


def _received(q: Question, at: int) -> bool:
    """Tell whether the name at token `at` follows "to" (who money went to)."""
    return at > 0 and q.tokens[at - 1] == "to"


def _except_at(tokens: list[str], pairs: set[tuple[str, str]]) -> int | None:
    for i, t in enumerate(tokens):
        if t in EXCEPT_ONE and (t != "but" or i > 0):
            return i
        if i + 1 < len(tokens) and (t, tokens[i + 1]) in EXCEPT_TWO:
            return i
    return None


# The kinds of name that can do or say something in a claim.
PARTIES = ("principal", "leader", "country")
# How far into a yes/no question its subject may start ("did the US ...", "was Biden ...").
SUBJECT_AT = 3


def _actor(q: Question) -> tuple[str, str] | None:
    """Return who a yes/no question says acted: its opening subject, or a passive's agent.

    "Did Hun Sen thank Trudeau?" -> Hun Sen; "Was Hun Sen thanked by Trudeau?" -> Trudeau.
    """
    named = [(kind, value, at) for kind, value, at in q.spans if kind in PARTIES]
    by = [i for i, t in enumerate(q.tokens) if t == "by"]
    for kind, value, at in named:
        if any(0 < at - i <= 2 for i in by):
            return (kind, value)
    if not named or named[0][2] > SUBJECT_AT:
        return None
    return named[0][0], named[0][1]


# Auxiliaries that make the verb after a name passive: the name was asked, it did not ask.
PASSIVE = frozenset("get gets got was were is are be been being".split())


def _asker(q: Question) -> tuple[str, str] | None:
    """Return who a question says asked: the name just before its asking verb.

    Who asked matters to "what did Mori ask Cambodia?" as much as to "did Mori ask ...?";
    "And the US?" or "who asked for that?" names no asker.
    """
    named = [(kind, value, at) for kind, value, at in q.spans if kind in PARTIES]
    for n, (kind, value, at) in enumerate(named):
        end = named[n + 1][2] if n + 1 < len(named) else len(q.tokens)
        after = q.tokens[at + 1 : min(end, at + 4)]
        if PASSIVE & set(after):
            continue  # "what did New Zealand get asked to buy?": asked, not asking
        if any(stem(t) in FOCUS_CUES["request"] for t in after):
            return kind, value
    return None


def _denies_date(tokens: list[str]) -> bool:
    """Tell whether "no" or "without" denies a date word ("on no known date", "without a date")."""
    return any(
        t in DATE_WORDS and {"no", "without"} & set(tokens[max(0, i - 3) : i])
        for i, t in enumerate(tokens)
    )


def _choice(tokens: list[str], named: list[str]) -> bool:
    """Tell whether a question offers two named options to choose from ("X or Y")."""
    return "or" in tokens and len(named) >= 2


def _before_aside(q: Question, tokens: list[str]) -> tuple[str, ...]:
    """Return the names a trailing "aside" sets aside ("Japan aside", "leaving Canada aside")."""
    at = next(
        (i for i, t in enumerate(tokens) if t == "aside" and tokens[i + 1 : i + 2] != ["from"]),
        None,
    )
    if at is None:
        return ()
    return tuple(dict.fromkeys(v for k, v, i in q.spans if k in ("country", "leader") and i < at))


def _titles_before(q: Question, at: int) -> tuple[str, ...]:
    """Return the titles a question names before token `at`."""
    return tuple(dict.fromkeys(v for k, v, i in q.spans if k == "title" and i < at))


def _first_at(tokens: list[str], cues: frozenset[str]) -> int | None:
    return next((i for i, t in enumerate(tokens) if t in cues), None)


def _after_cue(q: Question, at: int | None) -> tuple[str, ...]:
    """Return the countries and leaders named after token `at` (none when `at` is None)."""
    if at is None:
        return ()
    return tuple(dict.fromkeys(v for k, v, i in q.spans if k in ("country", "leader") and i > at))
