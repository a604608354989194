"""Parse a question into its intent, focus and entities, resolved through the lexicon."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from qa.understand.cues import (
    BREVITY,
    EITHER,
    FOCUS_CUES,
    QUESTION_WORDS,
    SUMMARY_CUES,
    WHICH_NOUNS,
    read_stance,
)
from qa.understand.frame import (
    focus_of,
    intent_of,
    is_year,
    refers_back,
    superlative_of,
    without_idioms,
    without_request,
)
from qa.understand.lexicon import Lexicon, Mention
from qa.understand.quantity import MONTHS, DateRef, find_amounts, find_dates
from qa.understand.text import STOPWORDS, normalize, split_words, stem
from qa.understand.typed import question_tokens
from qa.understand.vocabulary import Vocabulary, is_anchor, is_noise


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
    # Topics joined by "or"/"either": any one of them will do, not each.
    any_topic: bool = False
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


class Parser:
    """Turn question text into a Question using one dataset's lexicon."""

    def __init__(self, lexicon: Lexicon, vocabulary: Vocabulary | None = None) -> None:
        self.lexicon = lexicon
        self.vocabulary = vocabulary or Vocabulary(lexicon.known, ())

    def parse(self, text: str) -> Question:
        """Parse one question; never raises on any text."""
        kept = normalize(text, fold=False)
        folded = kept.casefold()
        raw = read_stance(split_words(kept))
        tokens = question_tokens(raw)
        stems = self.lexicon.correct_all(tokens)
        # Chat shorthand and short slips ("abt", "wat") carry no meaning to match or refuse on.
        # An acronym ("GDP") amid lower-case words is a name, not shorthand.
        acronyms = {i for i, w in enumerate(raw) if len(w) > 1 and w.isupper()}
        if len(acronyms) == len(raw):
            acronyms = set()
        noise = {
            i
            for i, t in enumerate(tokens)
            if t.isalpha()
            and stems[i] not in self.lexicon.known
            and is_noise(t)
            and i not in acronyms
        }
        # "what did modi say?": a short word no dictionary knows, where a name stands, is a
        # name typed in lower case, not shorthand.
        named_here = {i for i in noise if len(tokens[i]) >= MIN_NAME and _name_slot(tokens, i)}
        noise -= named_here
        said = tuple(tokens)
        tokens = [t if i not in noise else "" for i, t in enumerate(tokens)]
        stems = [s if i not in noise else "" for i, s in enumerate(stems)]
        mentions = self.lexicon.as_principal(self.lexicon.find(stems), tokens)
        covered = {i for m in mentions for i in range(m.start, m.end)}
        # "The Australia one" is the Australia meeting.
        for m in mentions:
            if m.kind in ("country", "leader") and tokens[m.end : m.end + 1] in (["one"], ["ones"]):
                tokens[m.end], stems[m.end] = "meeting", stem("meeting")
        plain = [t for t in tokens if t not in STOPWORDS]
        dates = tuple(find_dates(folded))
        dated = {w for d in dates for w in str(d).casefold().split()}
        content = [
            s
            for i, s in enumerate(stems)
            if i not in covered
            and tokens[i] not in STOPWORDS
            and (tokens[i].isalpha() or is_year(tokens[i]))
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
                # The other words of the very name typed are no other form of it: "sea" in
                # "South China Sea" is not said by "south" and "china" elsewhere.
                typed = set(stems[m.start : m.end])
                known = tuple(
                    s for s in self.lexicon.topic_stems.get(m.value, ()) if s not in typed
                )
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
        focus = focus_of(
            without_idioms(tokens, without_request(tokens, stems))
            + [a for alts in alternatives.values() for a in alts],
            covered,
        )
        summary = (
            bool(SUMMARY_CUES & set(stems))
            or ("sum", "up") in set(pairwise(tokens))
            or bool(BREVITY & set(stems) and focus in _SUMMARISED)
        )
        # "Isn't Biden ...?" opens a claim; its "isn" and "t" are read as noise elsewhere.
        opening = [*said[:2], *tokens[2:]] if said[1:2] == ("t",) else tokens
        intent = intent_of(opening, stems)
        # "Was the recap published in December?" claims something of a summary, asks none.
        summary = summary and not (intent == "confirm" and _claims(tokens))
        unknown = tuple(
            w
            for i, w in enumerate(raw)
            if self._unknown(i, stems, covered, w)
            and stems[i] not in alternatives
            and i not in noise
        )
        named = _values(mentions)
        office = "title" in named or any(m.kind == "principal" for m in mentions)
        if intent == "what" and ("name", "of") in set(pairwise(tokens)) and office:
            intent = "who"  # "what's the name of the Japanese PM?": who holds the office
        return Question(
            text=text,
            intent=intent if not summary else "what",
            focus=None if summary else focus,
            summary=summary,
            countries=named.get("country", ()),
            leaders=named.get("leader", ()),
            speakers=named.get("speaker", ()),
            topics=named.get("topic", ()),
            titles=named.get("title", ()),
            dates=dates,
            amounts=tuple(find_amounts(folded)),
            principal=any(m.kind == "principal" for m in mentions),
            unknown=unknown,
            names=tuple(
                w
                for i, w in enumerate(raw)
                if w in unknown and i > 0 and w[:1].isupper() and not w.isupper()
            ),
            ambiguous=_ambiguous(mentions),
            superlative=superlative_of(tokens),
            refers_back=refers_back(tokens, len(plain)),
            terms=tuple(
                s
                for t, s in zip(tokens, stems, strict=True)
                if s and not s.startswith("=") and t not in STOPWORDS
            ),
            extra=tuple(s for s in content if not _is_cue(s) and s not in WHICH_NOUNS),
            about_meetings=bool(WHICH_NOUNS & set(stems)),
            any_topic=bool(EITHER & set(tokens)),
            tokens=said,
            spans=tuple((m.kind, m.value, m.start) for m in mentions),
            alternatives=tuple(alternatives.items()),
            anchors=tuple(w for w in unknown if is_anchor(w, raw.index(w) == 0)),
            capitals=tuple(
                w
                for i, w in enumerate(raw)
                if i > 0
                and i not in covered
                and (w[:1].isupper() or i in named_here)
                and w.casefold() not in STOPWORDS
            ),
        )

    def _unknown(self, i: int, stems: list[str], covered: set[int], word: str) -> bool:
        if i in covered or word.casefold() in STOPWORDS or not word.isalpha() or len(word) < 3:
            return False
        return stems[i] not in self.lexicon.known and stems[i] not in cue_words()


# The kinds of fact a short answer about a meeting stands for: the meeting as a whole.
_SUMMARISED = frozenset({None, "meeting", "discussion", "event"})


@cache
def cue_words() -> frozenset[str]:
    """Return every word that cues a kind of fact, of any kind."""
    return frozenset(c for cues in FOCUS_CUES.values() for c in cues)


def _is_cue(token: str) -> bool:
    return token in QUESTION_WORDS or token in cue_words()


def _ambiguous(mentions: list[Mention]) -> tuple[str, ...]:
    topic_spans = {(m.start, m.end) for m in mentions if m.kind == "topic"}
    return tuple(
        m.value for m in mentions if m.kind == "country" and (m.start, m.end) in topic_spans
    )


def _values(mentions: list[Mention]) -> dict[str, tuple[str, ...]]:
    """Return each kind's distinct mentioned values, in order of mention."""
    found: dict[str, dict[str, None]] = {}
    for m in mentions:
        found.setdefault(m.kind, {})[m.value] = None
    return {kind: tuple(values) for kind, values in found.items()}


def _claims(tokens: list[str]) -> bool:
    """Tell whether a question opens as a claim ("was the recap ..."), not "is there a ..."."""
    return tokens[0] in {"is", "was", "are", "were", "did", "does"} and tokens[1:2] != ["there"]


# Shorter words where a name stands are chat ("u", "ya"), not names.
MIN_NAME = 3
# Words after which a word names who met, said or did something.
_AUX = frozenset("did does do has have had will would can could was is".split())
_MEET = frozenset("meet met meeting see saw with".split())
_WH = frozenset("what who whom when where why how which".split())


def _name_slot(tokens: list[str], i: int) -> bool:
    """Tell whether token `i` stands where a question names someone.

    "did modi ...", "what did modi say", "did he meet modi", "talks with modi".
    """
    before = tokens[i - 1] if i else ""
    opening = i == 1 or (i == 2 and tokens[0] in _WH)
    return (before in _AUX and opening) or before in _MEET
