"""Turn a parsed question into a typed query plan: scope, relation, wanted answer, operators."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from qa.data.records import Record
from qa.understand import readings
from qa.understand.clauses import Sets, named_aside, read_sets
from qa.understand.operators import (
    AFTER,
    BEFORE,
    CHRONOLOGY,
    DATE_WORDS,
    FIRST,
    FLIPPED,
    LAST,
    LESS,
    MONEY_NOUNS,
    MORE,
    NEAREST,
    NEXT_DAY,
    OPERATOR_WORDS,
    PREVIOUS_DAY,
    SAME_DAY,
)
from qa.understand.parse import Question
from qa.understand.quantity import MONTHS, is_span
from qa.understand.subject import Subject, Wording, wording_of
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
    # A multiple a comparison names ("more than 300 times Canada's").
    factor: float | None = None
    # Topics joined by "and" ("discussed demining and health"): a meeting must cover each;
    # joined by "or", any one will do.
    every_topic: bool = False

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
    cue = readings.except_at(tokens, pairs)
    excluded = named_aside(q, cue) or readings.before_aside(q, tokens)
    if excluded:
        ops.add("except")
    negated = readings.negated(tokens) and not excluded
    sets, q = read_sets(q, None if excluded else cue, negated, bool((MORE | LESS) & set(tokens)))
    negated = negated and sets is None
    if negated:
        ops.add("negate")
    named = list(dict.fromkeys(v for k, v, _ in q.spans if k in ("country", "leader")))
    compared: tuple[str, ...] = ()
    choice = False
    threshold = readings.threshold(tokens, pairs, q)
    figure = None
    if threshold and readings.figure_first(q.text.casefold()):
        # "Japan's grant to Cambodia": a name after "to" is who received, not a side compared.
        sides = [
            v for k, v, at in q.spans if k in ("country", "leader") and not readings.received(q, at)
        ]
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
    sums, factor = readings.arithmetic(tokens, q.text, q.focus)
    ops |= sums
    if (factor or "ratio" in sums) and len(named) >= 2 and not ops & {"compare", "threshold"}:
        # "Over 200 times what Canada gave", "how many times more": two sides compared.
        ops |= {"compare", "less" if LESS & said else "more"}
        compared = tuple(named)
    gap = False
    # A follow-up's sides may come from the turn before ("compare it with Canada").
    sides = named if len(named) >= 2 or not q.refers_back else [*q.countries, *q.leaders]
    if not ops & {"compare", "threshold"} and len(sides) >= 2 and not q.topics:
        contrasted = readings.contrast(tokens, pairs, q.focus)
        if contrasted:
            ops |= contrasted
            compared = tuple(sides)
            gap = "compare" in contrasted  # "the difference between what they gave"
    when = (BEFORE | AFTER) & said
    if SAME_DAY & pairs:
        ops.add("same day")
        anchor = tuple(named)
    elif (when or (FIRST | LAST) & said) and readings.choice(tokens, named) and not q.dates:
        # "Which came first, the India meeting or the Brunei one?": one of the two named.
        earlier = BEFORE & said or (FIRST & said and not when)
        ops |= {"earlier" if earlier else "later", "compare dates"}
        compared = tuple(named)
    elif not q.dates and when and named:
        ops.add("before" if BEFORE & said else "after")
        anchor = readings.after_cue(q, readings.first_at(tokens, BEFORE | AFTER))
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
    if q.intent in ("which", "who") and not q.dates and any(t in MONTHS for t in said - {"may"}):
        ops.add("in month")  # "which meetings were in November?": a month, no day
    if DATE_WORDS & said and not q.dates and q.intent != "when":
        ops.add("dated")
        if readings.denies_date(tokens):
            ops.add("undated")
    span = None
    if len(q.dates) >= 2 and is_span(q.text.casefold()):
        span = (q.dates[0], q.dates[-1])
        ops.add("span")
    focus = q.focus
    if "dated" in ops and focus == "money" and not MONEY_NOUNS & set(q.terms):
        focus = None  # "give no date for": giving a date is not giving money
    aside = set(excluded + anchor)
    cue = (
        readings.except_at(tokens, pairs) if excluded else readings.first_at(tokens, BEFORE | AFTER)
    )
    # "Apart from the sultan": a title after the cue names the leader set aside, not a filter.
    titles = q.titles if not aside or cue is None else readings.titles_before(q, cue)
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
        wanted="entity" if choice and wanted == "yes/no" else "amount" if gap else wanted,
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
        actor=readings.actor(q)
        if q.intent == "confirm"
        else readings.asker(q)
        if focus == "request"
        else None,
        sets=sets,
        factor=factor,
        every_topic=len(q.topics) > 1 and not q.any_topic,
    )
