"""Load a data folder: articles, vocabularies and curated meetings, validated with file:line."""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path

from yaml.nodes import Node

from qa.data.corpus import Article, Occasion, split_text
from qa.data.facts import read_meeting
from qa.data.layout import VOCABULARIES
from qa.data.records import Dataset, Meeting, Person, Term
from qa.data.schema import CONTROL, Fields, Sink, control_message, parse_yaml
from qa.data.snapshot import File, take_snapshot
from qa.data.synonyms import read_synonyms
from qa.errors import DataError, Problem
from qa.understand.text import CAPS, STOPWORDS, name_key, words

# A name one vocabulary shares with another: where it was found, the alias, its entry,
# and the (vocabulary, entry, line) that had it first.
Shared = tuple[Problem, str, str, tuple[str, str, int]]
ARTICLE_KEYS = {"title", "publisher", "date", "url", "principal", "event", "meetings"}
EVENT_KEYS = {"aliases", "place", "start", "end"}


def load_dataset(folder: Path) -> Dataset:
    """Load and validate every file in a data folder; raise DataError listing all problems."""
    problems: list[Problem] = []
    snapshot = take_snapshot(folder, VOCABULARIES, problems)
    vocab: dict[str, tuple[Term, ...]] = {}
    broken: set[str] = set()
    owners: dict[tuple[str, ...], tuple[str, str, int]] = {}
    shared: list[Shared] = []
    for name in VOCABULARIES:
        before = len(problems)
        file = snapshot.vocabularies[name]
        vocab[name] = _read_terms(file, name, owners, shared, problems)
        if file is None or len(problems) > before:
            broken.add(name)  # its names are unknown, so references to them go unchecked
    articles: list[Article] = []
    meetings: list[Meeting] = []
    warnings: list[Problem] = []
    names = Names(vocab, broken)
    for stem, meta, text in snapshot.articles:
        if text is None:
            continue
        if meta is None:
            bare = _read_uncurated(stem, text, problems, warnings)
            if bare:
                articles.append(bare)
            continue
        loaded = _read_article(stem, meta, text, names, problems, warnings)
        if loaded:
            articles.append(loaded[0])
            meetings.extend(loaded[1])
    problems.extend(_shared_names(shared, {m.country for m in meetings}))
    if not articles and not problems:
        problems.append(Problem(str(folder / "articles"), 0, "no article (*.txt, with its *.yaml)"))
    synonyms = read_synonyms(snapshot.synonyms, problems)
    if problems:
        raise DataError(problems)
    articles.sort(key=lambda a: a.id)
    return Dataset(
        tuple(articles),
        tuple(a.principal for a in articles if a.principal),
        vocab["countries"],
        vocab["topics"],
        vocab["titles"],
        tuple(meetings),
        synonyms,
        tuple(warnings),
    )


class Names:
    """Resolve names written in article files to vocabulary entries, with did-you-mean."""

    def __init__(self, vocab: dict[str, tuple[Term, ...]], broken: set[str]) -> None:
        self.broken = broken
        self.lookup: dict[str, dict[tuple[str, ...], str]] = {
            kind: {name_key(a): t.name for t in terms for a in (t.name, *t.aliases)}
            for kind, terms in vocab.items()
        }

    def resolve(self, kind: str, name: str, node: Node, sink: Sink) -> str:
        """Return the canonical name for `name` in vocabulary `kind`, or report it."""
        found = self.lookup[kind].get(name_key(name))
        if found is None and name and kind not in self.broken:
            import difflib  # only a broken file needs suggestions

            choices = sorted(set(self.lookup[kind].values()))
            close = difflib.get_close_matches(name, choices, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else f"; add it to {kind}.yaml"
            sink.add(
                node, f"unknown {kind[:-1] if kind != 'countries' else 'country'} {name!r}{hint}"
            )
        return found or name


def _read_terms(
    file: File | None,
    kind: str,
    owners: dict[tuple[str, ...], tuple[str, str, int]],
    shared: list[Shared],
    problems: list[Problem],
) -> tuple[Term, ...]:
    if file is None:
        return ()
    read = parse_yaml(file, problems)
    if read is None:
        return ()
    sink = read[1]
    top = Fields(read[0], sink, f"{kind}.yaml", {kind}, set())
    terms: list[Term] = []
    for node in top.items(kind):
        entry = Fields(node, sink, f"a {kind} entry", {"name"}, {"aliases"})
        if not entry.ok:
            continue
        term = Term(entry.text("name"), entry.texts("aliases"))
        for alias in dict.fromkeys((term.name, *term.aliases)):
            if not alias:  # an empty name is reported by the entry itself
                continue
            fault = alias_fault(alias)
            if fault:
                sink.add(entry.node, f"alias {alias!r} of {term.name!r} {fault}")
                continue
            key = name_key(alias)
            owner = owners.get(key)
            if owner is None or owner[:2] == (kind, term.name):
                pass
            elif owner[0] == kind:
                sink.add(
                    entry.node,
                    f"alias {alias!r} of {term.name!r} is already {owner[1]!r}'s "
                    f"(line {owner[2]}); an alias names one entry only",
                )
            else:
                shared.append((Problem(sink.path, entry.line, ""), alias, term.name, owner))
            owners.setdefault(key, (kind, term.name, entry.line))
        if term.name:
            terms.append(term)
    return tuple(terms)


def _shared_names(shared: list[Shared], met: set[str]) -> list[Problem]:
    """Report names two vocabularies share, where the overlap would misread questions.

    A topic may be named after a country nobody meets (the war in Ukraine), but a country
    with a meeting must not double as a topic or title: every question about that
    meeting would then be narrowed to the topic.
    """
    found = []
    for where, alias, name, (kind, other, line) in shared:
        if kind != "countries" or other in met:
            found.append(
                replace(
                    where,
                    message=f"alias {alias!r} of {name!r} is already {other!r}'s "
                    f"({kind}.yaml line {line}); an alias names one entry only",
                )
            )
    return found


@cache
def _cue_words() -> frozenset[str]:
    from qa.understand.cues import FOCUS_CUES, QUESTION_WORDS

    # Event cues ("anniversary", "visit") name things a topic may be about; the others
    # ("pledge", "meet", "say") only say what kind of fact a question wants.
    return QUESTION_WORDS.union(*(c for focus, c in FOCUS_CUES.items() if focus != "event"))


def alias_fault(alias: str) -> str:
    """Say why a name or alias cannot be matched in questions, or return ""."""
    key = name_key(alias)
    if not key:
        return "has no letters or digits"
    if not key[0].startswith(CAPS) and all(w in STOPWORDS for w in words(alias)):
        return "is a common word that most questions contain"
    if all(part in _cue_words() or part in STOPWORDS for part in key):
        return "is a question word (such as 'pledge' or 'meet') that would match every question"
    return ""


def _read_uncurated(
    stem: str, text_file: File, problems: list[Problem], warnings: list[Problem]
) -> Article | None:
    """Read a text with no YAML beside it: indexed and answered from its passages only."""
    text = read_text(text_file, problems)
    if text is None:
        return None
    headline, paragraphs = split_text(stem, text)
    if not paragraphs:
        problems.append(Problem(text_file.label, 1, "article has no paragraphs"))
        return None
    warnings.append(
        Problem(
            text_file.label,
            1,
            f"no {stem}.yaml: answered from its passages only; "
            "write the YAML to curate its meetings (docs/dataset.md)",
        )
    )
    return Article(stem, headline or stem, "", "", "", text_file.label, paragraphs, headline)


def _read_article(
    stem: str,
    meta: File,
    text_file: File,
    names: Names,
    problems: list[Problem],
    warnings: list[Problem],
) -> tuple[Article, list[Meeting]] | None:
    text = read_text(text_file, problems)
    read = parse_yaml(meta, problems)
    if read is None or text is None:
        return None
    node, sink = read
    top = Fields(node, sink, "the article file", {"title", "publisher", "principal"}, ARTICLE_KEYS)
    if not top.ok:
        return None
    headline, paragraphs = split_text(stem, text)
    if not paragraphs:
        sink.add(1, f"{stem}.txt has no paragraphs")
        return None
    host = read_person(top.node_of("principal"), sink, names, "principal")
    article = Article(
        stem,
        top.text("title"),
        top.text("publisher"),
        top.text("date"),
        top.text("url"),
        text_file.label,
        paragraphs,
        headline,
        _read_occasion(top, sink),
        host,
    )
    if headline and article.title and " ".join(headline.split()) != article.title:
        warnings.append(
            Problem(
                meta.label,
                top.node_of("title").start_mark.line + 1,
                f"title {article.title!r} differs from the headline of {stem}.txt ({headline!r})",
            )
        )
    meetings: list[Meeting] = []
    seen: dict[str, int] = {}
    for item in top.items("meetings"):
        meeting = read_meeting(item, sink, names, article, host)
        if meeting is None:
            continue
        line = item.start_mark.line + 1
        if meeting.id in seen:
            sink.add(
                item, f"duplicate meeting id {meeting.id!r} (first at line {seen[meeting.id]})"
            )
            continue
        seen[meeting.id] = line
        meetings.append(meeting)
    return article, meetings


def _read_occasion(top: Fields, sink: Sink) -> Occasion | None:
    """Read the optional `event` mapping: name, aliases, place, start and end dates."""
    if not top.has("event"):
        return None
    f = Fields(top.node_of("event"), sink, "the event", {"name"}, EVENT_KEYS | {"name"})
    if not f.ok:
        return None
    start, end = f.date("start"), f.date("end")
    if start and end and end < start:
        sink.add(f.node_of("end"), f"event end {end} is before its start {start}")
    return Occasion(f.text("name"), f.texts("aliases"), f.text("place"), start, end or start)


def read_text(file: File, problems: list[Problem]) -> str | None:
    """Decode an article's text, refusing bytes that are not UTF-8 and control characters."""
    try:
        text = file.data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = file.data[: exc.start].count(b"\n") + 1
        problems.append(Problem(file.label, line, f"not UTF-8 at byte {exc.start}"))
        return None
    control = CONTROL.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        problems.append(Problem(file.label, line, control_message(control.group())))
        return None
    return text


def read_person(node: Node, sink: Sink, names: Names, what: str) -> Person:
    """Read a person mapping (name, title, country, aliases) with its vocabulary checks."""
    f = Fields(node, sink, what, {"name", "title"}, {"country", "aliases"})
    title = (
        names.resolve("titles", f.text("title"), f.node_of("title"), sink) if f.has("title") else ""
    )
    country = ""
    if f.has("country"):
        country = names.resolve("countries", f.text("country"), f.node_of("country"), sink)
    return Person(f.text("name"), title, country, f.texts("aliases"))
