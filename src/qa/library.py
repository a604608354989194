"""Answer over many articles: pick the articles a question is about, answer each, combine.

Each article is answered by its own engine over a dataset holding that article alone, so
its principal, its meetings and its passages cannot leak into another article's answer,
and a country that is one article's principal is an ordinary counterpart in another.
"""

from __future__ import annotations

from collections import OrderedDict, defaultdict
from dataclasses import replace

from qa.answer import common, hosts
from qa.answer.combine import (
    combine,
    echoes,
    existential,
    only_from,
    supported,
    verdict,
    yes_from,
)
from qa.answer.passage import Passages
from qa.answer.realise import sentence as say
from qa.answer.realise.joined import labelled
from qa.answer.result import Answer, join, none
from qa.answer.scope import Scope
from qa.data.corpus import Article
from qa.data.records import Dataset, Meeting
from qa.data.stored import StoredMeetings
from qa.engine import Context, Engine
from qa.routing import Router, routes_of
from qa.search.index import Index
from qa.understand.article import (
    retarget,
    without_across,
    without_people,
)
from qa.understand.cues import QUESTION_WORDS
from qa.understand.parse import Question
from qa.understand.plan import make_plan
from qa.understand.subject import wording_of
from qa.understand.talk import talk_kind
from qa.understand.text import terms

# More parts than this would not read as an answer; the rest are counted, not answered.
MAX_PARTS = 4
# How an abstention claims a name is absent ("doesn't mention Vietnam", "a meeting with
# Vietnam"): such a claim is checked against every article's text.
BLAME = ("mention", "meeting with", "meeting with the")
# Per-article engines are built on first use and the most recent ones kept.
CACHED_ENGINES = 256


class Library:
    """Route each question to the articles it is about and combine their answers."""

    def __init__(self, data: Dataset, index: Index, whole: Engine) -> None:
        self.data = data
        self.index = index
        self.whole = whole
        stored = data.meetings if isinstance(data.meetings, StoredMeetings) else None
        self.router = Router(data, index, stored.routes if stored else routes_of(data))
        self.stored = stored
        self.by_article: dict[str, list[Meeting]] = defaultdict(list)
        if stored is None:
            for m in data.meetings:
                self.by_article[m.article].append(m)
        self.engines: OrderedDict[str, Engine] = OrderedDict()
        self.passages = Passages(data, index)

    def meetings_of(self, article_id: str) -> tuple[Meeting, ...]:
        """Return one article's meetings (from the store by an indexed query, if stored)."""
        if article_id not in self.router.met:
            return ()
        if self.stored is not None:
            return self.stored.of(article_id)
        return tuple(self.by_article[article_id])

    def engine(self, article_id: str) -> Engine:
        """Return the engine answering from one article alone, as if no other were loaded.

        Its BM25 index holds that article's paragraphs only, built on first use: scores,
        IDF weights and the words it knows are then those of the article alone, so
        loading another article cannot move a passage across an answer threshold.
        """
        found = self.engines.get(article_id)
        if found is None:
            a = self.data.article(article_id)
            sub = replace(
                self.data,
                articles=(a,),
                principals=(a.principal,) if a.principal else (),
                meetings=self.meetings_of(article_id),
                warnings=(),
            )
            found = Engine(sub, self.index.article(a.id, a.paragraphs))
            self.engines[article_id] = found
            if len(self.engines) > CACHED_ENGINES:
                self.engines.popitem(last=False)
        else:
            self.engines.move_to_end(article_id)
        return found

    def ask(self, text: str, context: Context) -> tuple[Answer, Context]:
        """Answer a question from the articles it names, or from each that can answer it."""
        named = self.router.names.find(text)
        q = self.whole.parser.parse(text)
        if not context.article:
            # "Who met the most leaders?": the principals of several articles, compared.
            compared = hosts.compare(self.data, q) or common.in_common(self.data, q)
            if compared is not None:
                return compared, replace(context, answer=compared)
        if q.intent == "confirm":
            # A claim about an article's publisher or date names it by what it claims:
            # checked before those words are taken to choose the article.
            claimed = self.whole.executor.claim_on_metadata(make_plan(q))
            if claimed is not None:
                return claimed, replace(context, answer=claimed)
        talk = talk_kind(list(q.tokens), q)
        overview = talk == "article:about" and not (
            named.strong or context.article or context.articles
        )
        if talk and (talk == "article:articles" or overview or not talk.startswith("article:")):
            # Small talk and "which articles are loaded" speak for the whole folder once;
            # so does "what is the article about?" before any article is in question.
            answer, after = self.whole.answer(text, context)
            return answer, replace(after, articles=context.articles, parts=context.parts)
        compact = False
        if (named.across or q.superlative) and not context.article and not named.strong:
            answer, after = self.whole.answer(text, context)
            # A whole-folder answer cannot say whose meetings it counts: one naming a
            # principal would credit him with every article's; each article answers then.
            # So does a claim ("did Canada give money at both summits?"), each its own way.
            whole = q.intent != "confirm"
            if whole and not any(p in answer.text for p in self.router.principals):
                return answer, replace(after, articles=self._ids(answer))
            named = replace(
                named, rest=without_across(named.rest), claim=without_across(named.claim)
            )
            q = self.whole.parser.parse(named.rest)
            compact = True
        clash = None if context.article else self.router.clash(named)
        if clash is not None:
            return none(clash), replace(context, answer=None)
        asked = named.rest if named.rest != text else text
        if q.intent == "confirm" and q.focus != "meeting":
            asked = named.claim  # "Did Li Keqiang inspect a temple in Phnom Penh?"
        again = None
        last = context.last
        # "And Mori?" after a question about Hun Sen's own meetings, not about a counterpart.
        other = bool(named.people) and not (last and (last.scope.countries or last.scope.leaders))
        if last and (asked != text or other) and not _content(without_people(asked, named)):
            # "And at the Mekong Summit?", "And Mori?": the last question, asked there.
            asked = last.wording.text
            again = self.router.names.find(asked)
        tiers = self.router.choose(named, q, context)
        if len(tiers) == 1 and len(tiers[0]) == 1:
            single = self._single(tiers[0][0], q, context, self.router.people(named))
            if single is not None:
                return single
        parts: list[tuple[Article, Answer, Context]] = []
        echoed: list[tuple[Article, Answer, Context]] = []
        for i, tier in enumerate(tiers):
            parts = [
                self._part(
                    a, retarget(asked, again, self.data.article(a)) if again else asked, q, context
                )
                for a in tier[:MAX_PARTS]
            ]
            answered = self._best([p for p in parts if p[1].answered], q)
            if i + 1 < len(tiers):
                # Another reading is left to try: an answer that only names back what the
                # question named ("Who is helping Cambodia?" -> "Cambodia") gives way to it.
                echoed += [p for p in answered if echoes(p[1], q)]
                answered = [p for p in answered if not echoes(p[1], q)]
            elif not answered:
                answered = echoed
            if existential(q):
                yes = [a.id for a, _ in supported([(a, answer) for a, answer, _ in answered])]
                answered = [p for p in answered if p[0].id in yes]
            held = [p for p in parts if verdict(p[1]) == "Yes"]
            each = compact and q.intent == "confirm" and not existential(q)
            if each and 0 < len(held) < len(parts):
                # "Did Australia give money at both summits?": at one of them only.
                article, answer, after = held[0]
                found = only_from(article, answer)
                return found, replace(
                    after, article=context.article, answer=found, articles=(article.id,)
                )
            if len(answered) == 1 and len(parts) > 1 and verdict(answered[0][1]) == "Yes":
                article, answer, after = answered[0]
                found = yes_from(article, answer)
                return found, replace(
                    after, article=context.article, answer=found, articles=(article.id,)
                )
            if len(answered) == 1:
                article, answer, after = answered[0]
                return answer, replace(after, article=context.article, articles=(article.id,))
            if answered:
                return self._combine(answered, len(tier) - len(parts), context, compact)
        return self._abstain(parts, q, [a for tier in tiers for a in tier], context)

    def _part(
        self, article_id: str, text: str, q: Question, context: Context
    ) -> tuple[Article, Answer, Context]:
        article = self.data.article(article_id)
        own = dict(context.parts).get(article_id)
        if own is not None:
            context = replace(own, article=context.article)
        if article_id in self.router.met:
            answer, after = self.engine(article_id).answer(text, context)
        else:
            answer, after = self._uncurated(article_id, q, context)
        return article, answer, after

    def _single(
        self, article_id: str, q: Question, context: Context, people: tuple[str, ...] = ()
    ) -> tuple[Answer, Context] | None:
        """Answer for one named article what it lacks: a meeting that it does not report."""
        article = self.data.article(article_id)
        missing = self.router.missing(article_id, q, people)
        elsewhere = [
            n
            for n in missing
            if self.router.counterparts.get(n)
            or self.router.leaders.get(n)
            or n in self.router.principals
        ]
        if not elsewhere or not article.curated:
            return None
        after = replace(context, last=make_plan(q, ()), articles=(article_id,), parts=())
        host = article.principal.name if article.principal else "its principal"
        if q.intent == "confirm" and q.focus in (None, "meeting"):
            met = join([say.label(m) for m in self.engine(article_id).data.meetings])
            text = (
                f"No. The article on {article.label} reports no meeting between {host} and "
                f"{join(missing)}; {host} met {met or 'no one it names'}."
            )
            return Answer(text, True, "fact"), after
        text = (
            f"The article on {article.label} doesn't report a meeting between {host} "
            f"and {join(missing)}."
        )
        return none(text), after

    def _uncurated(self, article_id: str, q: Question, context: Context) -> tuple[Answer, Context]:
        """Answer from an article's passages alone; it has no curated meetings."""
        article = self.data.article(article_id)
        within = frozenset((article.id, p.number) for p in article.paragraphs)
        scope = Scope((), False, (), ())
        answer = self.passages.answer(wording_of(q), scope, within=within)
        after = replace(
            context, last=make_plan(q, ()), answer=answer, articles=(article_id,), parts=()
        )
        return answer, after

    def _best(
        self, parts: list[tuple[Article, Answer, Context]], q: Question
    ) -> list[tuple[Article, Answer, Context]]:
        """Keep the parts whose sources hold the question's own words that others lack."""
        informative = {t for t in q.extra if self.passages.weight(t) > 0}
        if len(parts) < 2 or not informative:
            return parts
        covered = [informative & self.passages.terms_of(a.sources) for _, a, _ in parts]
        return [p for p, c in zip(parts, covered, strict=True) if not any(c < o for o in covered)]

    def _abstain(
        self,
        parts: list[tuple[Article, Answer, Context]],
        q: Question,
        chosen: list[str],
        context: Context,
    ) -> tuple[Answer, Context]:
        """Say what no article answers, never that an article lacks what its text mentions."""
        # The conversation stays with the one article asked about ("When?" unanswered
        # there leaves "What did they discuss?" about it), not one only its words fit.
        asked = tuple(dict.fromkeys(chosen))
        fits = len(asked) == 1 and (
            asked[0] in context.articles or not self.router.missing(asked[0], q)
        )
        kept = asked if fits else context.articles
        after = replace(parts[0][2], article=context.article, articles=kept)
        texts = list(dict.fromkeys(a.text for _, a, _ in parts))
        # Curated meetings are the whole list of an article's meetings; an article with
        # none (no YAML, or no meetings in it) cannot say a meeting is not in its text.
        bare = [a for a in chosen if a not in self.router.met]
        vocab = set().union(*(self.router.text_terms(self.data.article(a)) for a in bare))
        blamed = [
            n
            for n in (*q.countries, *q.leaders, *q.names)
            if self.router.in_text(n, vocab)
            and any(f"{w} {n}".casefold() in t.casefold() for t in texts for w in BLAME)
        ]
        if blamed:
            within = frozenset((a, p.number) for a in bare for p in self.data.article(a).paragraphs)
            found = self.passages.answer(wording_of(q), Scope((), False, (), ()), within=within)
            return (found if found.answered else none("The article doesn't say.")), after
        if len(texts) == 1:
            return parts[0][1], after
        text = " ".join(labelled(a, answer.text) for a, answer, _ in parts)
        return none(text), after

    def _combine(
        self,
        parts: list[tuple[Article, Answer, Context]],
        matched: int,
        context: Context,
        compact: bool = False,
    ) -> tuple[Answer, Context]:
        """Join per-article answers, each labelled with its article's event or principal."""
        answer = combine([(a, answer) for a, answer, _ in parts], matched, compact)
        ids = tuple(a.id for a, _, _ in parts)
        own = tuple((a.id, after) for a, _, after in parts)
        return answer, replace(
            parts[0][2], article=context.article, answer=answer, articles=ids, parts=own
        )

    def _ids(self, answer: Answer) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.article for s in answer.sources))


def _content(text: str) -> bool:
    """Tell whether text asks about anything once framing words are set aside."""
    return any(t not in QUESTION_WORDS for t in terms(text))
