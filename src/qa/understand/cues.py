"""Cue words and phrases a question is read by: kinds of fact, question frames, quantifiers."""

from __future__ import annotations

from qa.understand.text import stem

# Cue words are matched on stems, so "pledged", "pledges" and "pledging" all count.
FOCUS_CUES: dict[str, frozenset[str]] = {
    name: frozenset(stem(w) for w in cues.split())
    for name, cues in {
        "money": "pledge give gave given giving provide promise donate donation lend lent loan "
        "fund funding money grant dollars cash finance offer offered "
        "million billion",
        "agreement": "sign signed agreement agreements mou mous memorandum treaty deal deals "
        "accord upgrade partnership documents agree agreed",
        "request": "ask asked request requested urge urged call called appeal seek sought want",
        "position": "position positions stance view views stand opinion oppose opposition stress "
        "stressed reaffirm reaffirmed",
        "quote": "say said tweet tweeted post posted quote quoted statement statements words write "
        "wrote written remark remarks comment commented speak spoke",
        "discussion": "discuss discussed talk talked topic topics cover covered touch touched "
        "raise raised agenda subject subjects areas cooperation mention mentioned",
        "meeting": "meet met meeting meetings",
        "event": "visit visited visits anniversary happen happened plan plans",
    }.items()
}
WHICH_NOUNS = frozenset(
    stem(w)
    for w in """countries country nations nation leaders leader meetings governments partners
    people""".split()
)
TOTAL_CUES = frozenset(stem(w) for w in "total altogether combined overall sum together".split())
EITHER = frozenset({"or", "either"})  # topics joined by these: any one will do
YES_NO = frozenset("did does do was were is are has have had will would can could".split())
FOLLOW_PRONOUNS = frozenset(
    "he she him her his hers they them their that it this there those these".split()
)
# Words that frame a question rather than name its subject; never "unknown" to the data.
QUESTION_WORDS = frozenset(
    stem(w)
    for w in """
    tell know anything something everything else more details detail happen happened much many total
    altogether combined overall sum together amount value worth number date day days list name
    make made get got take took go goes going went come comes came do does say give find show
    explain describe
    kind sort type part first last please hello hi okay yes no any every each
    summarise summarize summary overview rundown recap gist outline highlights information info
    article brief briefly short quick quickly concise concisely nutshell tldr whole entire look
    keep version paragraph
    post news report reported reports
    mention mentioned exactly really actually also still yet ever think thought feel believe
    consider anyone anybody someone somebody everyone everybody""".split()
)
SUPERLATIVES = {"most": "max", "largest": "max", "biggest": "max", "highest": "max",
                "least": "min", "smallest": "min", "lowest": "min", "fewest": "min"}  # fmt: skip
# Words asking for a summary rather than one kind of fact.
SUMMARY_CUES = frozenset(
    stem(w)
    for w in "summary summarise summarize overview rundown recap gist outline highlights".split()
)
# Words asking for a short answer ("briefly", "in a nutshell", "keep it short"): how to
# answer, never what about. Asked of a meeting with no kind of fact, they ask a summary.
BREVITY = frozenset(
    stem(w)
    for w in """brief briefly short shortly quick quickly concise concisely nutshell tldr
    tl dr whole entire""".split()
)
REQUESTS = frozenset({"give", "tell", "show"})
FILLERS = frozenset("and so then also about else what how tell me more".split())


def _opposites(pairs: str) -> dict[str, tuple[str, ...]]:
    """Read "a b / c d" lines: every stem on one side is the opposite of every one on the other."""
    found: dict[str, set[str]] = {}
    for line in pairs.replace("/\n", "/").strip().splitlines():
        left, right = ({stem(w) for w in side.split()} for side in line.split("/"))
        for a in left:
            found.setdefault(a, set()).update(right)
        for b in right:
            found.setdefault(b, set()).update(left)
    return {k: tuple(sorted(v)) for k, v in found.items()}


# Verbs of judgement and stance with their opposites: a claim made with one is denied by a
# fact stated with the other ("fault" / "commended").
OPPOSITES = _opposites(
    """
    praise commend thank congratulate hail applaud welcome /
        criticise criticize condemn blame fault rebuke denounce
    support back favour favor endorse / oppose opposition against reject
    accept / reject refuse
    increase boost raise / reduce decrease cut lower
    approve / disapprove object
    """
)

# Stance words, whose object follows them: "support X", "opposition to X".
STANCES = frozenset(stem(w) for w in "support back favour favor endorse oppose opposition".split())
# The stances for their object: support of a thing of X's ("Ukraine's sovereignty") is
# support of X, while opposing X's act ("Russia's invasion") is no stance against X.
SUPPORTING = frozenset(stem(w) for w in "support back favour favor endorse".split())

# A stance put with a copula ("is Cambodia against X?") is the claim that one side of it
# holds the stance ("opposed to X"); "against" elsewhere ("cooperate against scams") is not.
COPULA_STANCES = {"against": "opposed"}
_COPULAS = frozenset("is are was were".split())


def read_stance(raw: list[str]) -> list[str]:
    """Return a question's words with a stance after a leading copula put as its verb."""
    if not raw or raw[0].casefold() not in _COPULAS:
        return raw
    return [COPULA_STANCES.get(w.casefold(), w) for w in raw]
