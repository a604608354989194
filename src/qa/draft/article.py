"""Draft a whole article: read it, find the principal and meetings, draft every fact."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from qa.draft.dates import article_year
from qa.draft.facts import FactDrafter, meeting_date, meeting_topics
from qa.draft.meetings import find_principal, group_meetings, meeting_date_sentence, slug
from qa.draft.model import Draft, Meeting, Person, Suggestion
from qa.draft.people import PARTICLES
from qa.draft.scan import Names, scan, split_article
from qa.draft.vocab import Vocabulary, load_vocabulary
from qa.errors import QAError

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_UNKNOWN_SYMBOL = re.compile(r"(?<![\w$])([A-Z]{1,3}\$|[A-Z]{3})\s?\d")


def draft_article(folder: Path, article_id: str, meta: dict[str, str] | None = None) -> Draft:
    """Draft the dataset of `folder/articles/ID.txt`; metadata from `meta` or ID.yaml if any."""
    path = folder / "articles" / f"{article_id}.txt"
    if not path.is_file():
        raise QAError(f"article text not found: {path}")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise QAError(f"{path}: not UTF-8 at byte {exc.start}; save the file as UTF-8") from None
    return draft_text(load_vocabulary(folder), article_id, text, meta or _old_meta(path))


def draft_text(vocab: Vocabulary, article_id: str, text: str, meta: dict[str, str]) -> Draft:
    """Draft the dataset of an article's text with the given vocabularies and metadata."""
    headline, paragraphs = split_article(article_id, text)
    if not paragraphs:
        raise QAError(f"{article_id}: the text has no paragraphs")
    scanned = scan(paragraphs, vocab)
    names = Names(scanned)
    principal = find_principal(scanned, names)
    if principal is None:
        raise QAError(f"{article_id}: no person named with a title of office; nothing to draft")
    year = article_year(meta.get("date", ""), [headline, *(p.text for p in paragraphs)])
    notes: list[str] = []
    if year is None:
        notes.append("no year in the text or metadata: dates left out (give --date)")
    meetings: list[Meeting] = []
    places: dict[str, str] = {}
    for group in group_meetings(scanned, principal, vocab, headline, names):
        if group.leader.place and group.leader.place != group.country:
            places[group.country] = group.leader.place  # "Freedonian" for Freedonia
        number, sentence = meeting_date_sentence(group, names)
        leader = group.leader
        facts = FactDrafter(group, principal, names, vocab, year).draft(sentence)
        ident = slug(group.country)
        while any(m.id == ident for m in meetings):
            ident = f"{ident}-{len(meetings) + 1}"
        meetings.append(
            Meeting(
                ident,
                group.country,
                Person(
                    leader.name,
                    leader.title or principal.title,  # "her counterpart": the same office
                    group.country,
                    number,
                    leader.known_title,
                ),
                _leader_aliases(leader.name, names.short.get(leader.name, ())),
                (number,),
                group.section,
                meeting_date(sentence, year),
                meeting_topics(group, vocab),
                tuple(facts),
            )
        )
    if not meetings:
        notes.append("no meeting found: no foreign leader named with a title")
    return Draft(
        article_id,
        meta.get("title") or headline or article_id,
        meta.get("publisher", ""),
        meta.get("date", ""),
        meta.get("url", ""),
        principal,
        names.short.get(principal.name, ()),
        tuple(meetings),
        tuple(_suggestions(vocab, principal, meetings, text, places)),
        tuple(notes),
    )


def _leader_aliases(name: str, used: tuple[str, ...]) -> tuple[str, ...]:
    """Return the short forms the text uses, and the surname people will type."""
    last = name.split()[-1]
    typed = (last,) if len(name.split()) > 1 and len(last) > 2 and last not in PARTICLES else ()
    return tuple(dict.fromkeys((*used, *typed)))


def _old_meta(text_path: Path) -> dict[str, str]:
    """Return title, publisher, date and url of an existing ID.yaml, to keep them."""
    path = text_path.with_suffix(".yaml")
    try:
        loaded: Any = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    if not isinstance(loaded, dict):
        return {}
    keys = ("title", "publisher", "date", "url")
    return {k: str(loaded[k]) for k in keys if loaded.get(k) is not None}


def _suggestions(
    vocab: Vocabulary,
    principal: Person,
    meetings: list[Meeting],
    text: str,
    places: dict[str, str],
) -> list[Suggestion]:
    found: dict[tuple[str, str], Suggestion] = {}
    for person in (principal, *(m.leader for m in meetings)):
        if not person.known_title:
            found[("titles", person.title)] = Suggestion(
                "titles", person.title, why=f"title of {person.name}"
            )
        if person.country and person.country not in vocab.countries:
            alias = places.get(person.country)
            found[("countries", person.country)] = Suggestion(
                "countries",
                person.country,
                (alias,) if alias else (),
                why=f"country of {person.name}",
            )
    from qa.understand.currency import known_symbol

    for m in _UNKNOWN_SYMBOL.finditer(text):
        if not known_symbol(m.group(1)):
            found[("currencies", m.group(1))] = Suggestion(
                "currencies",
                m.group(1),
                why="a currency sign CLDR does not know: add its sums by hand, with ISO codes",
            )
    return list(found.values())
