"""Cue words of a plan's operators: negation, exception, comparison, order, dates, figures."""

from __future__ import annotations

from qa.understand.clauses import UNAPOSTROPHISED
from qa.understand.text import stem

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
# Two meetings set side by side as a whole: "compare Japan and Canada", "how did they differ".
CONTRAST = frozenset(
    stem(w)
    for w in """compare comparison differ different difference differences contrast versus vs
    similar similarity similarities alike""".split()
)
IN_COMMON = frozenset({("in", "common"), ("have", "common")})
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
    | CONTRAST
    | ABOVE
    | BELOW
    | DATE_WORDS
    | APPROXIMATE
    | set("other than apart aside same day between from until till through least".split())
    # "What percentage of ...", "on average": arithmetic asked of what follows.
    | set("percentage percent proportion average".split())
    # "What did they have in common?": two meetings set side by side.
    | {"common"}
    # "on no known date", "a stated date": qualifiers of a date, not content.
    | set("known unknown stated given specific exact".split())
)
