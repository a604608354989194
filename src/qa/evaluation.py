"""Load Q&A regression cases from YAML and score the engine against them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from yaml.nodes import Node

from qa.answer.result import Answer
from qa.data.schema import Fields, Sink, read_yaml
from qa.engine import Context, Engine
from qa.errors import CaseError, Problem

TURN_KEYS = {"answered", "kind", "contains", "excludes", "sources", "starts", "max_chars"}
TURN_KEYS |= {"article"}
KINDS = ("fact", "passage", "none")


@dataclass(frozen=True, slots=True)
class Turn:
    """One question of a case and what its answer must show."""

    ask: str
    answered: bool
    kind: str | None
    contains: tuple[str, ...]
    excludes: tuple[str, ...]
    sources: tuple[int, ...]
    starts: str = ""
    # Longest acceptable answer, so a case can catch an answer that dumps every fact.
    max_chars: int | None = None
    # The article every source must come from, when a data folder holds several.
    article: str = ""


@dataclass(frozen=True, slots=True)
class Case:
    """A named conversation of one or more turns, in a category, maybe expected to fail."""

    id: str
    category: str
    turns: tuple[Turn, ...]
    xfail: str
    where: str
    # The data folder the case needs (a file's `data:` key, relative to the file); None
    # runs it on whichever folder the caller chooses.
    data: Path | None = None
    # Why the case is expected to fail when its data folder holds other articles too
    # (the question reads differently once another article can answer it).
    xfail_with_others: str = ""

    def expected_failure(self, articles: int) -> str:
        """Return why the case is expected to fail on a folder of that many articles."""
        return self.xfail or (self.xfail_with_others if articles > 1 else "")


@dataclass(frozen=True, slots=True)
class Result:
    """A case's outcome: its failures (empty when it passed) and the answers given."""

    case: Case
    failures: tuple[str, ...]
    answers: tuple[Answer, ...]

    @property
    def passed(self) -> bool:
        """Tell whether every turn met its expectations."""
        return not self.failures


def load_cases(paths: Iterable[Path]) -> list[Case]:
    """Read case files; raise CaseError naming file:line for any malformed case."""
    problems: list[Problem] = []
    cases: list[Case] = []
    for path in paths:
        read = read_yaml(path, str(path), problems)
        if read is None:
            continue
        node, sink = read
        top = Fields(node, sink, path.name, {"cases"}, {"description", "data"})
        folder = _data_folder(path, top)
        for item in top.items("cases"):
            case = _read_case(item, sink, path)
            if case:
                cases.append(replace(case, data=folder))
    seen: dict[str, str] = {}
    for case in cases:
        key = f"{case.category}/{case.id}"
        if key in seen:
            problems.append(Problem(case.where, 0, f"duplicate case id {key} (also {seen[key]})"))
        seen[key] = case.where
    if problems:
        raise CaseError("\n".join(str(p) for p in problems))
    return cases


def _data_folder(path: Path, top: Fields) -> Path | None:
    if not top.has("data"):
        return None
    folder = (path.parent / top.text("data")).resolve()
    if not folder.is_dir():
        top.sink.add(top.node_of("data"), f"data folder {top.text('data')!r} not found")
    return folder


def _read_case(node: Node, sink: Sink, path: Path) -> Case | None:
    f = Fields(
        node, sink, "a case", {"id"}, TURN_KEYS | {"ask", "turns", "xfail", "xfail_with_others"}
    )
    if not f.ok:
        return None
    turns = (
        [_read_turn(f)]
        if f.has("ask")
        else [_read_turn(Fields(t, sink, "a turn", {"ask"}, TURN_KEYS)) for t in f.items("turns")]
    )
    if not turns or (f.has("ask") and f.has("turns")):
        sink.add(node, "a case needs either 'ask' or 'turns', not both")
        return None
    case = Case(f.text("id"), path.stem, tuple(turns), f.text("xfail"), f"{path}:{f.line}")
    return replace(case, xfail_with_others=f.text("xfail_with_others"))


def _read_turn(f: Fields) -> Turn:
    kind = f.text("kind") or None
    if kind is not None and kind not in KINDS:
        f.sink.add(f.node_of("kind"), f"kind must be one of {', '.join(KINDS)}")
    answered = f.text("answered", "true").lower() in ("true", "yes")
    max_chars = f.number("max_chars")
    if max_chars is not None and (max_chars < 1 or max_chars != int(max_chars)):
        f.sink.add(f.node_of("max_chars"), "max_chars must be a whole number above 0")
        max_chars = None
    return Turn(
        f.text("ask"),
        answered,
        kind,
        f.texts("contains"),
        f.texts("excludes"),
        tuple(n for n, _ in f.numbers("sources")),
        f.text("starts"),
        None if max_chars is None else int(max_chars),
        f.text("article"),
    )


def run_case(engine: Engine, case: Case) -> Result:
    """Ask every turn of a case in one conversation and collect mismatches."""
    failures: list[str] = []
    answers: list[Answer] = []
    context = Context()
    for n, turn in enumerate(case.turns, start=1):
        answer, context = engine.ask(turn.ask, context)
        answers.append(answer)
        where = f"turn {n} " if len(case.turns) > 1 else ""
        failures.extend(f"{where}{m}" for m in check(turn, answer))
    return Result(case, tuple(failures), tuple(answers))


def check(turn: Turn, answer: Answer) -> list[str]:
    """Return how an answer falls short of a turn's expectations."""
    wrong = []
    if answer.answered != turn.answered:
        wrong.append(f"answered: expected {turn.answered}, got {answer.answered}")
    if turn.kind and answer.kind != turn.kind:
        wrong.append(f"kind: expected {turn.kind}, got {answer.kind}")
    text = answer.text.casefold()
    if turn.starts and not text.startswith(turn.starts.casefold()):
        wrong.append(f"does not start with {turn.starts!r}")
    if turn.max_chars is not None and len(answer.text) > turn.max_chars:
        wrong.append(f"{len(answer.text)} characters, more than max_chars {turn.max_chars}")
    wrong += [f"missing {s!r}" for s in turn.contains if s.casefold() not in text]
    wrong += [f"unexpected {s!r}" for s in turn.excludes if s.casefold() in text]
    cited = {s.paragraph for s in answer.sources}
    if turn.sources and not set(turn.sources) <= cited:
        wrong.append(f"sources: expected {sorted(turn.sources)} among {sorted(cited)}")
    others = sorted({s.article for s in answer.sources} - {turn.article})
    if turn.article and (others or not answer.sources):
        wrong.append(f"article: expected sources from {turn.article} only, got {others or 'none'}")
    if wrong:
        wrong.append(f"got: {answer.text[:300]!r}")
    return wrong


def report(results: list[Result]) -> list[str]:
    """Return the eval report: accuracy per category, abstention precision/recall, failures."""
    lines = [f"{'category':<16} {'cases':>5} {'passed':>6} {'accuracy':>8}"]
    categories = sorted({r.case.category for r in results})
    for cat in categories:
        rows = [r for r in results if r.case.category == cat]
        ok = sum(r.passed for r in rows)
        lines.append(f"{cat:<16} {len(rows):>5} {ok:>6} {ok / len(rows):>8.1%}")
    ok = sum(r.passed for r in results)
    lines.append(f"{'all':<16} {len(results):>5} {ok:>6} {ok / max(len(results), 1):>8.1%}")
    pairs = [
        (t.answered, a.answered)
        for r in results
        for t, a in zip(r.case.turns, r.answers, strict=False)
    ]
    abstained = sum(not got for _, got in pairs)
    expected = sum(not want for want, _ in pairs)
    right = sum(not want and not got for want, got in pairs)
    precision = right / abstained if abstained else 1.0
    recall = right / expected if expected else 1.0
    lines.append(
        f"abstention: precision {precision:.1%} ({right}/{abstained}), "
        f"recall {recall:.1%} ({right}/{expected}) over {len(pairs)} questions"
    )
    for r in results:
        if r.passed and r.case.xfail:
            lines.append(
                f"XPASS {r.case.category}/{r.case.id} [{r.case.where}]: marked "
                f"xfail ({r.case.xfail}) but passes; remove the xfail key"
            )
        elif not r.passed:
            mark = " (expected to fail: " + r.case.xfail + ")" if r.case.xfail else ""
            lines.append(f"FAIL {r.case.category}/{r.case.id}{mark} [{r.case.where}]")
            lines.extend(f"    {f}" for f in r.failures)
    return lines
