"""Check a yes/no question as a claim against the records: support, contradict or abstain."""

from __future__ import annotations

from qa.answer import claim, money_claims, people_claims
from qa.answer.evidence import Evidence
from qa.answer.money_claims import MAX_SUPPORT
from qa.answer.passage import Passages
from qa.answer.place import asked_place, other_place
from qa.answer.realise import sentence as say
from qa.answer.realise.verdict import no, verdict
from qa.answer.result import Answer, cite, fact, join, none
from qa.answer.roles import host_title_claim
from qa.answer.scope import FOCUS_FIELDS, Scope, covers
from qa.answer.stances import denies, misplaced, possessed, stanced
from qa.data.records import Dataset, Meeting, Position, Record
from qa.search.index import sentences
from qa.understand.cues import FOCUS_CUES, OPPOSITES
from qa.understand.plan import Plan
from qa.understand.text import terms
from qa.understand.vocabulary import is_contraction, is_function_word

COPULAS = frozenset("is are was were".split())
# "isn't" splits into "isn" and "t".
NOT_COPULAS = frozenset("isn aren wasn weren".split())


class Verifier:
    """Decide whether the records support a yes/no claim."""

    def __init__(self, data: Dataset, passages: Passages) -> None:
        self.data = data
        self.passages = passages
        self.evidence = Evidence(data, passages)

    def run(self, plan: Plan, scope: Scope) -> Answer | None:
        """Return Yes/No with the deciding fact, an abstention, or None for meeting claims."""
        office = host_title_claim(self.data, plan)
        if office is not None:
            return office
        said = set(plan.wording.terms)
        meets = plan.relation in (None, "meeting") and bool(claim.MEETING_VERBS & said)
        # "Did Biden and Li talk?" asks after a meeting too; "did both ..." after each one's.
        together = plan.relation in (None, "meeting", "discussion") and bool(
            claim.MEETING_VERBS & said
        )
        together = together and not claim.EACH & set(plan.wording.tokens)
        if together and scope.named and not (plan.scope.principal or scope.holders):
            between = people_claims.between(self.data, scope)
            if between is not None:
                return between
        if meets and plan.scope.titles and not (scope.named or scope.missing):
            # "Did he meet a king?": no counterpart the articles name holds the office.
            offices = " or ".join(say.indefinite(t) for t in plan.scope.titles)
            text = verdict(plan.negated, f"the article records no meeting with {offices}.")
            return fact(self.data, text, [])
        stranger = people_claims.stranger(self.data, plan, scope)
        if stranger is not None:
            return stranger
        kind = money_claims.kind(self.data, plan, scope)
        if kind is not None:
            return kind
        # A claim about the principal's own country names no meeting: every record may hold it.
        about_home = bool(scope.holders) and plan.relation != "meeting" and not meets
        if not (scope.named or plan.scope.topics or about_home or plan.excluded.names):
            return None
        copular = plan.wording.tokens[:1] and plan.wording.tokens[0] in COPULAS | NOT_COPULAS
        if plan.scope.titles and plan.relation is None and scope.named and copular:
            return people_claims.title(self.data, plan, scope)
        others = list(scope.missing)
        alts = dict(plan.wording.alternatives)
        contrary = self._contrary(plan, scope, others, alts, meets)
        # "51.3 million yen": a currency's name is part of the amount, checked with it.
        priced = money_claims.money_words(plan) if plan.scope.amounts else frozenset()
        # "Did he see the sultan in 2021?": the meeting verb and the year are checked as
        # the meeting and its date, not as words a fact must carry.
        index = self.passages.index
        said_by = {str(y) for y in claim.claimed_years(plan) if not index.knows(str(y))}
        extra = [
            t
            for t in plan.wording.extra
            if t not in said_by
            and not (meets and t in claim.MEETING_VERBS)
            and not is_contraction(t)
        ]
        if any(not self.evidence.knows(t, alts) for t in extra if t not in priced):
            if contrary:
                return self._deny(contrary)
            # A word the articles never use (nor any synonym of it) cannot be checked.
            return self._unsupported(plan, scope, [])
        index = self.passages.index
        words = [
            t
            for t in extra
            if self.passages.weight(t) > 0 and not (index.knows(t) and is_function_word(t))
        ]
        if plan.relation in (None, "meeting") and not (plan.scope.topics or words or others):
            return None
        if plan.scope.amounts and plan.relation == "money":
            amount = money_claims.amount(self.data, plan, scope)
            return amount if amount is not None else self._unsupported(plan, scope, [])
        field = FOCUS_FIELDS.get(plan.relation or "")
        found = self.evidence.find(plan, scope, field, words, others, alts, meets)
        if not found and field and plan.relation != "quote":
            # "Did the US approve of Ukraine signing the treaty?": the kind of fact the cue
            # words name may be the claim's object; any fact carrying them and the rest counts.
            cues = [t for t in plan.wording.terms if t in FOCUS_CUES[plan.relation or ""]]
            if words and cues:
                found = self.evidence.find(plan, scope, None, [*words, *cues], others, alts, meets)
        if plan.every_topic:
            # "Did Canada discuss demining and health?": the meeting must have had each topic.
            partial = [(m, r) for m, r in found if not covers(m, plan)]
            found = [(m, r) for m, r in found if covers(m, plan)]
            if partial and not found:
                return self._unsupported(plan, scope, partial)
        place = asked_place(plan.wording.tokens, self.evidence.proper_words)
        if place:
            # A place the claim names must be where the fact is, not merely weigh in its favour.
            found = [(m, r) for m, r in found if set(place) <= self.evidence.terms_of(m, r)]
        # Facts whose own sentence carries the claim outrank those whose paragraph does.
        voiced = plan.relation == "quote" or bool(plan.scope.speakers)
        own = [
            (m, r)
            for m, r in found
            if self.evidence.says(m, r, words, others, alts, own=True, voiced=voiced)
        ]
        if contrary and not own:
            return self._deny(contrary)
        found = own or found
        named = self.evidence.topic_words(plan)
        if named:
            # "Russia's invasion" names the topic Ukraine through an alias, but a fact
            # lacking Russia and invasion ("supports Ukraine's territorial integrity")
            # does not carry the claim.
            found = [(m, r) for m, r in found if self.evidence.carries(m, r, named, alts)]
        # "Is Cambodia against the One China policy?" is not carried by adherence to that
        # policy beside opposition to something else: what is opposed comes after the stance.
        found = [
            (m, r)
            for m, r in found
            if not misplaced(say.sentence(m, r), plan)
            and stanced(say.sentence(m, r), plan, alts)
            and not possessed(say.sentence(m, r), plan)
            and not claim.by_outsider(m, r, plan)
            and self.evidence.names_objects(m, r, plan)
            # A stance is its holder's: "does New Zealand support Ukraine?" is not
            # carried by Cambodia's stance told to New Zealand.
            and not (isinstance(r, Position) and not self.evidence.holds(m, r, plan))
        ]
        turned = [(m, r) for m, r in found if self.evidence.turned(m, r, plan, alts)]
        if turned and len(turned) == len(found):
            # "Is Cambodia opposed to Ukraine's sovereignty?" meets "Cambodia supports ...".
            return self._deny(turned)
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
        denying = [(m, r) for m, r in found if denies(r)]
        if denying and len(denying) < len(found):
            # A denial carrying more of the claim outweighs facts carrying less of it:
            # "is there a foreign base at Ream?" meets "does not permit foreign ... bases".
            cover = {(m, r): self.evidence.cover(m, r, words, alts, voiced) for m, r in found}
            best = max(cover.values())
            if all(cover[x] < best for x in found if x not in denying):
                found = denying
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
                turned = [w for w in turned if self.evidence.knows(w, alts)]
                found = self.evidence.find(plan, scope, None, turned, others, alts, meets)
                own = [
                    (m, r)
                    for m, r in found
                    if self.evidence.says(m, r, turned, others, alts, own=True)
                    and self.evidence.names_all(m, r, plan)
                    and claim.by_subject(m, r, plan)
                    and not misplaced(say.sentence(m, r), plan, opposite=True)
                    and not possessed(say.sentence(m, r), plan)
                ]
                if own:
                    return own
        return []

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
        asked = asked_place(plan.wording.tokens, self.evidence.proper_words)
        rest = [w for w in words if w not in asked]
        if not asked or not (rest or plan.scope.topics) or len(rest) == len(words):
            return None
        found = self.evidence.find(plan, scope, None, rest, others, alts, meets)
        own = [(m, r) for m, r in found if self.evidence.says(m, r, rest, others, alts, own=True)]
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

    def _deny(self, contrary: list[tuple[Meeting, Record]]) -> Answer:
        shown = contrary[:MAX_SUPPORT]
        text = no(" ".join(say.sentence(m, r) for m, r in shown))
        return fact(self.data, text, list(shown))

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
