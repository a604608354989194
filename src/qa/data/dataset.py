"""Load a data folder: articles, vocabularies and curated meetings, validated with file:line."""

from __future__ import annotations

from pathlib import Path

from yaml.nodes import Node

from qa.data.corpus import Article, Occasion, split_text
from qa.data.facts import read_meeting
from qa.data.records import Dataset, Meeting, Person, Term
from qa.data.schema import Fields, Sink, read_yaml
from qa.data.synonyms import SYNONYMS, read_synonyms
from qa.errors import DataError, Problem
from qa.understand.text import name_key

VOCABULARIES = ("countries", "topics", "titles")
ARTICLE_KEYS = {"title", "publisher", "date", "url", "principal", "event", "meetings"}
EVENT_KEYS = {"aliases", "place", "start", "end"}


def load_dataset(folder: Path) -> Dataset:
    """Load and validate every file in a data folder; raise DataError listing all problems."""
    problems: list[Problem] = []
    if not folder.is_dir():
        raise DataError([Problem(str(folder), 1, "data folder not found")])
    vocab: dict[str, tuple[Term, ...]] = {}
    broken: set[str] = set()
    for name in VOCABULARIES:
        before = len(problems)
        vocab[name] = _read_terms(folder, name, problems)
        if len(problems) > before:
            broken.add(name)  # its names are unknown, so references to them go unchecked
    articles: list[Article] = []
    meetings: list[Meeting] = []
    warnings: list[Problem] = []
    names = Names(vocab, broken)
    texts = sorted((folder / "articles").glob("*.txt"))
    curated = {p.stem for p in (folder / "articles").glob("*.yaml")}
    for path in sorted((folder / "articles").glob("*.yaml")):
        loaded = _read_article(path, names, problems, warnings)
        if loaded:
            articles.append(loaded[0])
            meetings.extend(loaded[1])
    for path in texts:
        if path.stem not in curated:
            bare = _read_uncurated(path, problems, warnings)
            if bare:
                articles.append(bare)
    if not articles and not problems:
        problems.append(Problem(str(folder / "articles"), 1, "no article (*.txt, with its *.yaml)"))
    synonyms = read_synonyms(folder / SYNONYMS, problems)
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


def _read_terms(folder: Path, kind: str, problems: list[Problem]) -> tuple[Term, ...]:
    path = folder / f"{kind}.yaml"
    if not path.is_file():
        problems.append(Problem(str(path), 1, f"missing {kind}.yaml"))
        return ()
    read = read_yaml(path, str(path), problems)
    if read is None:
        return ()
    top = Fields(read[0], read[1], path.name, {kind}, set())
    terms: list[Term] = []
    owner: dict[tuple[str, ...], tuple[str, int]] = {}
    for node in top.items(kind):
        entry = Fields(node, read[1], f"a {kind} entry", {"name"}, {"aliases"})
        if not entry.ok:
            continue
        term = Term(entry.text("name"), entry.texts("aliases"))
        for alias in dict.fromkeys((term.name, *term.aliases)):
            key = name_key(alias)
            if key in owner and owner[key][0] != term.name:
                other, line = owner[key]
                read[1].add(
                    entry.node,
                    f"alias {alias!r} of {term.name!r} is already "
                    f"{other!r}'s (line {line}); an alias names one entry only",
                )
            owner.setdefault(key, (term.name, entry.line))
        if term.name:
            terms.append(term)
    return tuple(terms)


def _read_text(path: Path, problems: list[Problem]) -> str | None:
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(Problem(str(path), 1, f"not UTF-8 at byte {exc.start}"))
        return None


def _read_uncurated(path: Path, problems: list[Problem], warnings: list[Problem]) -> Article | None:
    """Read a text with no YAML beside it: indexed and answered from its passages only."""
    text = _read_text(path, problems)
    if text is None:
        return None
    headline, paragraphs = split_text(path.stem, text)
    if not paragraphs:
        problems.append(Problem(str(path), 1, "article has no paragraphs"))
        return None
    warnings.append(
        Problem(
            str(path),
            1,
            f"no {path.stem}.yaml: answered from its passages only; "
            "write the YAML to curate its meetings (docs/dataset.md)",
        )
    )
    return Article(path.stem, headline or path.stem, "", "", "", str(path), paragraphs, headline)


def _read_article(
    path: Path, names: Names, problems: list[Problem], warnings: list[Problem]
) -> tuple[Article, list[Meeting]] | None:
    label = str(path)
    text_path = path.with_suffix(".txt")
    if not text_path.is_file():
        problems.append(Problem(label, 1, f"article text {text_path.name} not found beside it"))
        return None
    text = _read_text(text_path, problems)
    if text is None:
        return None
    read = read_yaml(path, label, problems)
    if read is None:
        return None
    node, sink = read
    top = Fields(node, sink, "the article file", {"title", "publisher", "principal"}, ARTICLE_KEYS)
    if not top.ok:
        return None
    headline, paragraphs = split_text(path.stem, text)
    if not paragraphs:
        sink.add(1, f"{text_path.name} has no paragraphs")
        return None
    host = read_person(top.node_of("principal"), sink, names, "principal")
    article = Article(
        path.stem,
        top.text("title"),
        top.text("publisher"),
        top.text("date"),
        top.text("url"),
        str(text_path),
        paragraphs,
        headline,
        _read_occasion(top, sink),
        host,
    )
    if headline and article.title and " ".join(headline.split()) != article.title:
        warnings.append(
            Problem(
                label,
                top.node_of("title").start_mark.line + 1,
                f"title {article.title!r} differs from the headline of {text_path.name} "
                f"({headline!r})",
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
