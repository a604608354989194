"""The words that name meetings (countries, demonyms, leaders, titles) and principals."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property

from qa.answer.scope import Scope
from qa.data.records import Dataset, Meeting
from qa.understand.text import name_key


class Naming:
    """Stems that name meetings and principals, which a paragraph need not repeat.

    Gathered on first use: over a stored folder of thousands of articles, gathering them
    at load would read every meeting.
    """

    def __init__(self, data: Dataset) -> None:
        self.data = data

    @cached_property
    def titles(self) -> frozenset[str]:
        """Return the words of titles, which names ("Prime Minister Hun Sen") may hold."""
        data = self.data
        return frozenset(
            s for t in data.titles for n in (t.name, *t.aliases) for s in name_key(n)
        ) | frozenset(
            s for m in data.meetings for p in (m.leader, m.host) for s in name_key(p.title)
        )

    @cached_property
    def principals(self) -> frozenset[str]:
        """Return the principals' and their countries' words: in nearly every paragraph."""
        countries = {c.name: c for c in self.data.countries}
        return frozenset(
            s
            for p in self.data.principals
            for n in (
                p.name,
                *p.aliases,
                p.country,
                *(countries[p.country].aliases if p.country in countries else ()),
            )
            for s in self._key(n)
        )

    def of_scope(self, scope: Scope, asked: frozenset[str]) -> frozenset[str]:
        """Return the stems naming the scoped meetings' countries and leaders."""
        if not scope.named:
            return frozenset()
        return self._naming(scope.meetings, asked)

    def _naming(self, meetings: Iterable[Meeting], asked: frozenset[str]) -> frozenset[str]:
        """Return the stems naming meetings: country, its demonyms, the leader and title.

        "the Canadian PM" names Trudeau's meeting as surely as "Trudeau" does; its
        paragraphs need not repeat it. `asked` holds the question's stems.
        """
        countries = {c.name: c for c in self.data.countries}
        titles = {t.name: t for t in self.data.titles}
        found: set[str] = set()
        for m in meetings:
            country = countries.get(m.country)
            title = titles.get(m.leader.title)
            for name in (
                m.country,
                m.leader.name,
                *m.leader.aliases,
                *(country.aliases if country else ()),
            ):
                found |= self._key(name)
            for name in (m.leader.title, *(title.aliases if title else ())):
                # Only the whole title: "minister" alone may be another minister's.
                key = set(name_key(name))
                if key <= asked:
                    found |= key
        return frozenset(found)

    def _key(self, name: str) -> set[str]:
        """Return the stems of a name that only name, without its title words."""
        return set(name_key(name)) - self.titles

    def of_subjects(self, subjects: tuple[str, ...], asked: frozenset[str]) -> frozenset[str]:
        """Return the stems naming the meetings with these countries."""
        return self._naming((m for m in self.data.meetings if m.country in subjects), asked)
