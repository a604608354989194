"""Check a yes/no question as a claim against the records: support, contradict or abstain."""

from __future__ import annotations

from qa.answer import claim
from qa.answer.passage import Passages
from qa.answer.place import asked_place, other_place, proper_words
from qa.answer.realise import sentence as say
from qa.answer.realise.verdict import no, verdict, yes
from qa.answer.result import Answer, cite, fact, join, none
from qa.answer.scope import FOCUS_FIELDS, Scope, asked_verbs, on_topic, verb_fits
from qa.answer.speech import statements, voices
from qa.data.records import Dataset, Discussion, Event, Meeting, Position, Quote, Record
from qa.search.index import sentences
from qa.understand.cues import FOCUS_CUES, OPPOSITES
from qa.understand.plan import Plan
from qa.understand.text import name_key, terms
from qa.understand.text import words as words_of
from qa.understand.vocabulary import is_function_word

COPULAS = frozenset("is are was were".split())
# A stated fact that denies its verb ("does not permit"); quoted words are not checked,
# a quotation's "never" is rhetoric ("we must never forget"), not a denial.
NEGATION = frozenset({"not", "cannot"})


def _denies(r: Record) -> bool:
    return isinstance(r, Position | Event) and bool(NEGATION & set(words_of(r.text)))


MAX_SUPPORT = 2
# The IDF-weighted share of a claim's own words a record and its paragraphs must carry:
# most, not all, so that "cooperate against scams" is carried by "cooperation on combating
# ... telecom fraud" while "mention Russia" needs Russia.
MIN_COVER = 0.6


class Verifier:
    """Decide whether the records support a yes/no claim."""

    def __init__(self, data: Dataset, passages: Passages) -> None:
        self.data = data
        self.passages = passages
        self._proper: frozenset[str] | None = None

    def run(self, plan: Plan, scope: Scope) -> Answer | None:
        """Return Yes/No with the deciding fact, an abstention, or None for meeting claims."""
        said = set(plan.wording.terms)
        meets = plan.relation in (None, "meeting") and bool(claim.MEETING_VERBS & said)
        # "Did Biden and Li talk?" asks after a meeting too; "did both ..." after each one's.
        together = plan.relation in (None, "meeting", "discussion") and bool(
            claim.MEETING_VERBS & said
        )
        together = together and not claim.EACH & set(plan.wording.tokens)
        if together and scope.named and not (plan.scope.principal or scope.holders):
            between = self._between(scope)
            if between is not None:
                return between
        stranger = self._stranger(plan, scope)
        if stranger is not None:
            return stranger
        # A claim about the principal's own country names no meeting: every record may hold it.
        about_home = bool(scope.holders) and plan.relation != "meeting" and not meets
        if not (scope.named or plan.scope.topics or about_home or plan.excluded.names):
            return None
        copular = plan.wording.tokens[:1] and plan.wording.tokens[0] in COPULAS
        if plan.scope.titles and plan.relation is None and scope.named and copular:
            return self._title(plan, scope)
        others = list(scope.missing)
        alts = dict(plan.wording.alternatives)
        contrary = self._contrary(plan, scope, others, alts, meets)
        if any(not self._knows(t, alts) for t in plan.wording.extra):
            if contrary:
                return self._deny(contrary)
            # A word the articles never use (nor any synonym of it) cannot be checked.
            return self._unsupported(plan, scope, [])
        index = self.passages.index
        words = [
            t
            for t in plan.wording.extra
            if self.passages.weight(t) > 0 and not (index.knows(t) and is_function_word(t))
        ]
        if plan.relation in (None, "meeting") and not (plan.scope.topics or words or others):
            return None
        if plan.scope.amounts and plan.relation == "money":
            return self._amount(plan, scope)
        field = FOCUS_FIELDS.get(plan.relation or "")
        found = self._find(plan, scope, field, words, others, alts, meets)
        if not found and field and plan.relation != "quote":
            # "Did the US approve of Ukraine signing the treaty?": the kind of fact the cue
            # words name may be the claim's object; any fact carrying them and the rest counts.
            cues = [t for t in plan.wording.terms if t in FOCUS_CUES[plan.relation or ""]]
            if words and cues:
                found = self._find(plan, scope, None, [*words, *cues], others, alts, meets)
        place = asked_place(plan.wording.tokens, self._proper_words)
        if place:
            # A place the claim names must be where the fact is, not merely weigh in its favour.
            found = [(m, r) for m, r in found if set(place) <= self._terms_of(m, r)]
        # Facts whose own sentence carries the claim outrank those whose paragraph does.
        own = [(m, r) for m, r in found if self._says(m, r, words, others, alts, own=True)]
        if contrary and not own:
            return self._deny(contrary)
        found = own or found
        if plan.excluded.names and not found:
            names = join(list(plan.excluded.names))
            return fact(self.data, no(f"the article reports that only with {names}."), [])
        # "Is India a permanent member?" is a state, not an act: a record on the topic alone
        # ("Cambodia supports India becoming one") neither supports nor contradicts it.
        copula = (
            bool(plan.wording.tokens)
            and plan.wording.tokens[0] in COPULAS
            and plan.relation is None
            and not words
            and not claim.progressive(plan.wording.tokens)
        )
        if not found and not copula:
            elsewhere = self._elsewhere(plan, scope, words, others, alts, meets)
            if elsewhere is not None:
                return elsewhere
        if copula or not found:
            return self._unsupported(plan, scope, found)
        # A claim the supporting record itself denies ("does not permit") is answered No.
        denying = [(m, r) for m, r in found if _denies(r)]
        if denying and len(denying) == len(found):
            found = denying
        else:
            found = [(m, r) for m, r in found if (m, r) not in denying]
        denied = plan.negated != bool(denying and found == denying)
        lead = verdict(not denied, "")
        shown = found[:MAX_SUPPORT]
        text = lead + " ".join(say.sentence(m, r) for m, r in shown)
        return fact(self.data, text, list(shown))

    def _contrary(
        self,
        plan: Plan,
        scope: Scope,
        others: list[str],
        alts: dict[str, tuple[str, ...]],
        meets: bool,
    ) -> list[tuple[Meeting, Record]]:
        """Return facts whose own sentence carries the claim with one verb turned to its opposite.

        "Did Albanese fault Cambodia over Covid?" meets "Albanese commended ... Covid-19".
        """
        index = self.passages.index
        words = [t for t in plan.wording.extra if not (index.knows(t) and is_function_word(t))]
        for i, t in enumerate(words):
            for o in OPPOSITES.get(t, ()):
                if not index.knows(o):
                    continue
                turned = [*words[:i], o, *words[i + 1 :]]
                turned = [w for w in turned if self._knows(w, alts)]
                found = self._find(plan, scope, None, turned, others, alts, meets)
                own = [
                    (m, r)
                    for m, r in found
                    if self._says(m, r, turned, others, alts, own=True)
                    and self._names_all(m, r, plan)
                    and claim.by_subject(m, r, plan)
                ]
                if own:
                    return own
        return []

    def _names_all(self, m: Meeting, r: Record, plan: Plan) -> bool:
        """Tell whether a fact's own sentence names everyone the claim names but its subject.

        A denial must be about the same people: "did Biden criticise China?" is not
        denied by Biden congratulating Cambodia.
        """
        have = set(terms(say.sentence(m, r)))
        actor = plan.actor[1] if plan.actor else ""
        keys = [self._name_keys(c) for c in plan.scope.countries if c != actor]
        people = {p.name: p for mm in self.data.meetings for p in (mm.leader, mm.host)}
        named = [*plan.scope.leaders, *([m.host.name] if plan.scope.principal else [])]
        for name in named:
            if name != actor and name in people:
                keys.append([name_key(n) for n in (name, *people[name].aliases)])
        return all(any(set(k) <= have for k in options) for options in keys)

    def _elsewhere(
        self,
        plan: Plan,
        scope: Scope,
        words: list[str],
        others: list[str],
        alts: dict[str, tuple[str, ...]],
        meets: bool,
    ) -> Answer | None:
        """Answer No when the claim holds but the article puts it in another place.

        "Did Li inspect a temple project in Phnom Penh?" meets "... in Siem Reap province".
        """
        asked = asked_place(plan.wording.tokens, self._proper_words)
        rest = [w for w in words if w not in asked]
        if not asked or not (rest or plan.scope.topics) or len(rest) == len(words):
            return None
        found = self._find(plan, scope, None, rest, others, alts, meets)
        own = [(m, r) for m, r in found if self._says(m, r, rest, others, alts, own=True)]
        if not own:
            return None
        m, r = own[0]
        # The place may be given beside the fact: in the meeting's sentences carrying its words.
        nearby = [
            sentence
            for p in self.data.article(m.article).paragraphs
            if p.heading == m.section
            for sentence in sentences(p.text)
            if set(rest) <= (said := set(terms(sentence)))
            and all(set(terms(t)) & said for t in plan.scope.topics)
        ]
        texts = [say.sentence(m, r), *(s.text for s in cite(self.data, [(m, r)])), *nearby]
        place = other_place(texts, asked)
        if not place:
            return None
        text = no(f"{say.sentence(m, r)} The article places it in {place}.")
        return fact(self.data, text, [(m, r)])

    def _proper_words(self) -> frozenset[str]:
        if self._proper is None:
            self._proper = proper_words(self.data)
        return self._proper

    def _terms_of(self, m: Meeting, r: Record) -> set[str]:
        """Return the terms of a fact's sentence and of its paragraphs."""
        return set(terms(say.sentence(m, r))) | self.passages.terms_of(cite(self.data, [(m, r)]))

    def _deny(self, contrary: list[tuple[Meeting, Record]]) -> Answer:
        shown = contrary[:MAX_SUPPORT]
        text = no(" ".join(say.sentence(m, r) for m, r in shown))
        return fact(self.data, text, list(shown))

    def _find(
        self,
        plan: Plan,
        scope: Scope,
        field: str | None,
        words: list[str],
        others: list[str],
        alts: dict[str, tuple[str, ...]],
        meets: bool,
    ) -> list[tuple[Meeting, Record]]:
        """Return the scoped facts (of one kind, when `field` names it) that carry the claim."""
        found: list[tuple[Meeting, Record]] = []
        for m in scope.meetings:
            pool = list(getattr(m, field) if field else m.facts())
            if plan.relation == "quote":
                pool = statements(m)
                if plan.scope.leaders:
                    pool = [r for r in pool if voices(m, r) & set(plan.scope.leaders)]
                if asked_verbs(plan):
                    # "Did anyone else tweet?": only words given that way count.
                    pool = [r for r in pool if isinstance(r, Quote) and verb_fits(r, plan)]
            if plan.actor:
                pool = [r for r in pool if not claim.reversed_by(m, r, plan)]
            if meets:
                # "Did they meet at the museum?": one side's own words or outing is not the meeting.
                pool = [r for r in pool if claim.joint(m, r)]
            found += [
                (m, r)
                for r in pool
                if on_topic(r, plan.scope.topics)
                # A topic raised carries no verb but "discuss": its own sentence must.
                and self._says(m, r, words, others, alts, own=isinstance(r, Discussion))
                and (
                    not plan.scope.dates
                    or any(d.matches(r.date or m.date) for d in plan.scope.dates)
                )
            ]
        return found

    def _amount(self, plan: Plan, scope: Scope) -> Answer:
        """Check a claimed amount against the amounts the records give."""
        given = [(m, x) for m in scope.meetings for x in m.money]
        if not given:
            return self._unsupported(plan, scope, [])
        match = [
            (m, x) for m, x in given if x.amount is not None and x.amount in plan.scope.amounts
        ]
        shown = match or given
        said = " ".join(say.sentence(m, x) for m, x in shown[:MAX_SUPPORT])
        if match:
            return fact(self.data, yes(said), list(shown))
        if all(x.amount is None for _, x in given):
            return fact(self.data, f"The article doesn't say: {said}", list(given), False)
        return fact(self.data, no(said), list(shown))

    def _knows(self, term: str, alts: dict[str, tuple[str, ...]]) -> bool:
        index = self.passages.index
        return index.knows(term) or any(index.knows(a) for a in alts.get(term, ()))

    def _says(
        self,
        m: Meeting,
        r: Record,
        words: list[str],
        others: list[str],
        alts: dict[str, tuple[str, ...]],
        own: bool = False,
    ) -> bool:
        """Tell whether a record (or its paragraphs) carries every word and name of the claim."""
        if not words and not others:
            return True
        have = set(terms(say.sentence(m, r)))
        if not own:
            have |= self.passages.terms_of(cite(self.data, [(m, r)]))
        names = [self._name_keys(c) for c in others]
        if not all(any(set(k) <= have for k in keys) for keys in names):
            return False
        weight = {t: self.passages.weight(t) for t in words}
        total = sum(weight.values())
        carried = sum(weight[t] for t in words if t in have or set(alts.get(t, ())) & have)
        return not total or carried / total >= MIN_COVER

    def _name_keys(self, country: str) -> list[tuple[str, ...]]:
        term = next((c for c in self.data.countries if c.name == country), None)
        names = (term.name, *term.aliases) if term else (country,)
        return [name_key(n) for n in names]

    def _title(self, plan: Plan, scope: Scope) -> Answer:
        parts = [say.holds_title(m) for m in scope.meetings]
        holds = all(m.leader.title in plan.scope.titles for m in scope.meetings)
        lead = verdict(holds != plan.negated, "")
        return fact(self.data, lead + " ".join(parts), [(m, None) for m in scope.meetings])

    def _between(self, scope: Scope) -> Answer | None:
        """Say the records cannot check a meeting of two counterparts with each other."""
        leaders = list(dict.fromkeys(say.leader(m) for m in scope.meetings))
        if len(leaders) < 2:
            return None
        host = scope.meetings[0].host.name
        text = (
            f"The article doesn't say: it reports {host}'s meetings with {join(leaders)}, "
            "not a meeting between them."
        )
        return fact(self.data, text, [(m, None) for m in scope.meetings], False)

    def _stranger(self, plan: Plan, scope: Scope) -> Answer | None:
        """Answer No when a claim puts a person the article never names in a named meeting.

        "Was Australia represented by Scott Morrison?": the meeting with Australia is
        recorded, and with someone else.
        """
        if not scope.named or plan.scope.leaders or plan.relation not in (None, "meeting"):
            return None
        person = claim.full_name(plan)
        if not person:
            return None
        parts = [f"{m.host.name} met {say.leader(m)}." for m in scope.meetings]
        text = no(f"{' '.join(parts)} The article never mentions {person}.")
        return fact(self.data, text, [(m, None) for m in scope.meetings])

    def _unsupported(
        self, plan: Plan, scope: Scope, related: list[tuple[Meeting, Record]]
    ) -> Answer:
        who = join([say.country(m.country) for m in scope.meetings]) if scope.named else ""
        text = f"The article doesn't say so about {who}." if who else "The article doesn't say so."
        if related:
            m, r = related[0]
            text += f" It says: {say.sentence(m, r)}"
            return fact(self.data, text, [(m, r)], False)
        return none(text)
