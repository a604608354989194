"""Parse a question into its intent, focus and entities, resolved through the lexicon."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from qa.understand.lexicon import Lexicon, Mention, question_tokens
from qa.understand.quantity import MONTHS, DateRef, find_amounts, find_dates
from qa.understand.text import STOPWORDS, normalize, stem, words
from qa.understand.vocabulary import Vocabulary, is_anchor, is_noise

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
        "quote": "say said tweet tweeted quote quoted statement statements words write wrote "
        "written remark remarks comment commented speak spoke",
        "discussion": "discuss discussed talk talked topic topics cover covered touch touched "
        "raise raised agenda subject subjects areas cooperation",
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
YES_NO = frozenset("did does do was were is are has have had will would can could".split())
FOLLOW_PRONOUNS = frozenset("he she him her his hers they them their that it this there".split())
# Words that frame a question rather than name its subject; never "unknown" to the data.
QUESTION_WORDS = frozenset(
    stem(w)
    for w in """
    tell know anything something else more details detail happen happened much many total
    altogether combined overall sum together amount value worth number date day days list name
    make made get got take took go went come came do does say give find show explain describe
    kind sort type part first last please hello hi okay yes no any every each
    summarise summarize summary overview rundown recap gist outline information info article
    post news report reported reports
    mention mentioned exactly really actually also still yet ever think thought feel believe
    consider anyone anybody someone somebody everyone everybody""".split()
)
SUPERLATIVES = {"most": "max", "largest": "max", "biggest": "max", "highest": "max",
                "least": "min", "smallest": "min", "lowest": "min", "fewest": "min"}  # fmt: skip
# Words asking for a summary rather than one kind of fact.
SUMMARY_CUES = frozenset(
    stem(w) for w in "summary summarise summarize overview rundown recap gist outline".split()
)
REQUESTS = frozenset({"give", "tell", "show"})
FILLERS = frozenset("and so then also about else what how tell me more".split())


@dataclass(frozen=True, slots=True)
class Question:
    """What a question asks (intent, focus) and about what (entities)."""

    text: str
    intent: str  # what | amount | total | count | when | who | which | confirm | why
    focus: str | None
    countries: tuple[str, ...] = ()
    leaders: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    dates: tuple[DateRef, ...] = ()
    amounts: tuple[float, ...] = ()
    principal: bool = False
    unknown: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()
    superlative: str | None = None
    refers_back: bool = False
    terms: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()
    about_meetings: bool = False
    # The question's lexicon tokens and where each name starts in them, so that a plan
    # can tell "other than Japan" from "Japan" and "after Ardern" from "Ardern".
    tokens: tuple[str, ...] = ()
    spans: tuple[tuple[str, str, int], ...] = ()
    # Article stems that may stand for a question stem (lemmas, synonyms): searched and
    # counted alongside it, never instead of it.
    alternatives: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # The unknown words that may be what the question is about (names, rare nouns).
    anchors: tuple[str, ...] = ()
    summary: bool = False
    # Capitalised words past the first that name nothing in the lexicon ("King Sihamoni").
    capitals: tuple[str, ...] = ()

    @property
    def has_subject(self) -> bool:
        """Tell whether the question names any country, leader, topic, title, date or amount."""
        return bool(
            self.countries
            or self.leaders
            or self.topics
            or self.titles
            or self.dates
            or self.amounts
        )


class Parser:
    """Turn question text into a Question using one dataset's lexicon."""

    def __init__(self, lexicon: Lexicon, vocabulary: Vocabulary | None = None) -> None:
        self.lexicon = lexicon
        self.vocabulary = vocabulary or Vocabulary(lexicon.known, ())

    def parse(self, text: str) -> Question:
        """Parse one question; never raises on any text."""
        folded = normalize(text)
        raw = words(text, fold=False)
        tokens = question_tokens(raw)
        stems = [self.lexicon.correct(t) for t in tokens]
        # Chat shorthand and short slips ("abt", "wat") carry no meaning to match or refuse on.
        noise = {
            i
            for i, t in enumerate(tokens)
            if t.isalpha() and stems[i] not in self.lexicon.known and is_noise(t)
        }
        said = tuple(tokens)
        tokens = [t if i not in noise else "" for i, t in enumerate(tokens)]
        stems = [s if i not in noise else "" for i, s in enumerate(stems)]
        mentions = self.lexicon.find(stems)
        covered = {i for m in mentions for i in range(m.start, m.end)}
        plain = [t for t in tokens if t not in STOPWORDS]
        dated = {w for d in find_dates(folded) for w in str(d).casefold().split()}
        content = [
            s
            for i, s in enumerate(stems)
            if i not in covered
            and tokens[i] not in STOPWORDS
            and (tokens[i].isalpha() or _is_year(tokens[i]))
            and tokens[i] not in MONTHS
            and tokens[i] not in dated
        ]
        alternatives = {
            stems[i]: alts
            for i, t in enumerate(tokens)
            if i not in covered and t not in STOPWORDS and t.isalpha()
            for alts in [self.vocabulary.alternatives(t)]
            if alts
        }
        # A topic named in words the articles never use ("landmines") is searched for by
        # the words of its name and aliases that they do use ("demining").
        for m in mentions:
            if m.kind == "topic":
                known = self.lexicon.topic_stems.get(m.value, ())
                for i in range(m.start, m.end):
                    if (
                        stems[i]
                        and tokens[i] not in STOPWORDS
                        and stems[i] not in self.vocabulary.known
                        and known
                    ):
                        alternatives[stems[i]] = tuple(
                            s for s in known if s in self.vocabulary.known
                        )
        summary = bool(SUMMARY_CUES & set(stems)) or ("sum", "up") in set(pairwise(tokens))
        unknown = tuple(
            w
            for i, w in enumerate(raw)
            if self._unknown(i, stems, covered, w)
            and stems[i] not in alternatives
            and i not in noise
        )
        return Question(
            text=text,
            intent=_intent(tokens, stems) if not summary else "what",
            focus=None
            if summary
            else _focus(
                _requesting(tokens, stems) + [a for alts in alternatives.values() for a in alts],
                covered,
            ),
            summary=summary,
            countries=_values(mentions, "country"),
            leaders=_values(mentions, "leader"),
            speakers=_values(mentions, "speaker"),
            topics=_values(mentions, "topic"),
            titles=_values(mentions, "title"),
            dates=tuple(find_dates(folded)),
            amounts=tuple(find_amounts(folded)),
            principal=any(m.kind == "principal" for m in mentions),
            unknown=unknown,
            names=tuple(
                w
                for i, w in enumerate(raw)
                if w in unknown and i > 0 and w[:1].isupper() and not w.isupper()
            ),
            ambiguous=_ambiguous(mentions),
            superlative=_superlative(tokens),
            refers_back=_refers_back(tokens, len(plain)),
            terms=tuple(
                s
                for t, s in zip(tokens, stems, strict=True)
                if s and not s.startswith("=") and t not in STOPWORDS
            ),
            extra=tuple(s for s in content if not _is_cue(s) and s not in WHICH_NOUNS),
            about_meetings=bool(WHICH_NOUNS & set(stems)),
            tokens=said,
            spans=tuple((m.kind, m.value, m.start) for m in mentions),
            alternatives=tuple(alternatives.items()),
            anchors=tuple(w for w in unknown if is_anchor(w, raw.index(w) == 0)),
            capitals=tuple(
                w
                for i, w in enumerate(raw)
                if i > 0 and i not in covered and w[:1].isupper() and w.casefold() not in STOPWORDS
            ),
        )

    def _unknown(self, i: int, stems: list[str], covered: set[int], word: str) -> bool:
        if i in covered or word.casefold() in STOPWORDS or not word.isalpha() or len(word) < 3:
            return False
        return stems[i] not in self.lexicon.known and not any(
            stems[i] in cues for cues in FOCUS_CUES.values()
        )


def _is_cue(token: str) -> bool:
    return token in QUESTION_WORDS or any(token in cues for cues in FOCUS_CUES.values())


def _ambiguous(mentions: list[Mention]) -> tuple[str, ...]:
    topic_spans = {(m.start, m.end) for m in mentions if m.kind == "topic"}
    return tuple(
        m.value for m in mentions if m.kind == "country" and (m.start, m.end) in topic_spans
    )


def _values(mentions: list[Mention], kind: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(m.value for m in mentions if m.kind == kind))


def _intent(tokens: list[str], stems: list[str]) -> str:
    pairs = set(pairwise(tokens))
    first = tokens[0] if tokens else ""
    superlative = _superlative(tokens)
    if (
        ("how", "much") in pairs
        or {"amount", "value", "worth"} & set(tokens)
        or (superlative and FOCUS_CUES["money"] & set(stems))
    ):
        return "total" if TOTAL_CUES & set(stems) and not superlative else "amount"
    if TOTAL_CUES & set(stems) and FOCUS_CUES["money"] & set(stems):
        return "total"
    if ("how", "many") in pairs or "number" in tokens:
        return "count"
    if (
        "when" in tokens
        or {("what", "date"), ("which", "date"), ("what", "day"), ("which", "day")} & pairs
    ):
        return "when"
    if "why" in tokens or (first == "how" and not {("how", "much"), ("how", "many")} & pairs):
        return "why"
    if (
        any(a in {"which", "what", "list", "name"} and stem(b) in WHICH_NOUNS for a, b in pairs)
        or any(
            t == "which" and stem(u) in WHICH_NOUNS
            for t, u in zip(tokens, tokens[2:], strict=False)
        )
        or first in {"list", "name"}
        or tokens[:2] == ["which", "of"]
    ):
        return "which"
    if {"who", "whom"} & set(tokens):
        return "who"
    if first in YES_NO:
        return "confirm"
    return "what"


def _is_year(token: str) -> bool:
    """Tell whether a token is a year ("1981"), which narrows a search like a word."""
    return len(token) == 4 and token.isdigit() and token[:2] in ("19", "20")


def _superlative(tokens: list[str]) -> str | None:
    """Return "max" or "min" for "the most"/"the least", not for "at least"/"at most"."""
    for before, t in pairwise(["", *tokens]):
        if t in SUPERLATIVES and before != "at":
            return SUPERLATIVES[t]
    return None


def _requesting(tokens: list[str], stems: list[str]) -> list[str]:
    """Return the stems without an opening request ("give me", "tell us") that is no verb of it."""
    if tokens[:1] and tokens[0] in REQUESTS and tokens[1:2] in (["me"], ["us"]):
        return ["", "", *stems[2:]]
    return stems


def _focus(stems: list[str], covered: set[int]) -> str | None:
    free = {s for i, s in enumerate(stems) if i not in covered}
    for name in (
        "request",
        "quote",
        "money",
        "agreement",
        "position",
        "discussion",
        "meeting",
        "event",
    ):
        if FOCUS_CUES[name] & free:
            return name
    return None


def _refers_back(tokens: list[str], content_words: int) -> bool:
    if FOLLOW_PRONOUNS & set(tokens):
        return True
    starts = tokens[:2]
    return (
        starts[:1] == ["and"]
        or starts in (["what", "about"], ["how", "about"])
        or (content_words <= 1 and all(t in FILLERS or t in STOPWORDS for t in tokens[:1]))
    )
