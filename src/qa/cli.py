"""Command-line shell over the engine: ask, repl, eval, check, index, show, draft, add."""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

from qa.answer.result import Answer, Source, none, refs
from qa.arguments import build_parser, plain_ask, question_argv
from qa.data.records import Dataset
from qa.engine import Engine
from qa.errors import DataError, QAError, QuestionError
from qa.terminal import from_argument, printable

if TYPE_CHECKING:
    pass

REPO = Path(__file__).resolve().parents[2]


def default_data() -> Path:
    """Return the data folder: $QA_DATA, else the repository's data/."""
    return Path(os.environ.get("QA_DATA") or REPO / "data")


def source_lines(answer: Answer, data: Dataset) -> list[str]:
    """Return one line per cited article: title, section and paragraph numbers."""
    by_article: dict[str, list[Source]] = {}
    for s in answer.sources:
        by_article.setdefault(s.article, []).append(s)
    lines = []
    for article in data.articles:
        cited = by_article.get(article.id)
        if cited:
            sections = ", ".join(dict.fromkeys(s.heading for s in cited))
            lines.append(
                f"  source: {article.publisher + ', ' if article.publisher else ''}"
                f"\u201c{article.title}\u201d, "
                f"{sections}, {refs(s.paragraph for s in cited)}"
            )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    """Run the qa command; return its exit code (0 ok, 1 handled error, 2 usage)."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):  # never fail on what a terminal cannot show
            stream.reconfigure(errors="backslashreplace")
    given = sys.argv[1:] if argv is None else list(argv)
    words = question_argv([from_argument(a) for a in given])
    args = plain_ask(words)
    if args is None:
        # argparse dispatches on a command's exact name, so the one it runs is among the words.
        args = build_parser(wanted=set(words)).parse_args(words, SimpleNamespace())
    folder: Path = getattr(args, "data", None) or default_data()
    try:
        return _run(args, folder)
    except DataError as exc:
        for problem in exc.problems:
            print(printable(str(problem)), file=sys.stderr)
        return 1
    except QAError as exc:
        print(printable(f"qa: error: {exc}"), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a file qa must read or write: name it, no traceback
        where = f": {exc.filename}" if exc.filename else ""
        print(printable(f"qa: error: {exc.strerror or exc}{where}"), file=sys.stderr)
        return 1
    except Exception as exc:  # a bug must still not show a user a traceback
        if os.environ.get("QA_DEBUG"):
            raise
        print(
            printable(f"qa: internal error: {type(exc).__name__}: {exc} (QA_DEBUG=1 for details)"),
            file=sys.stderr,
        )
        return 1


def _run(args: SimpleNamespace, folder: Path) -> int:
    if args.command in ("draft", "add"):
        return _draft(args, folder) if args.command == "draft" else _add(args, folder)
    if args.command == "check":
        from qa.data.dataset import load_dataset
        from qa.data.store import verify_store
        from qa.search.store import INDEX_DIR, verify_index

        data = load_dataset(folder)
        for warning in data.warnings:
            print(printable(f"{warning} (warning)"))
        # The stored index and dataset are checked byte for byte here; a load checks sizes.
        for stale in (verify_store(folder, folder / INDEX_DIR), verify_index(folder, data)):
            if stale:
                print(printable(f"{stale} (warning)"))
        print(
            printable(
                f"{folder}: ok ({len(data.articles)} articles, {len(data.meetings)} meetings)"
            )
        )
        return 0
    if args.command == "index":
        from qa.data.dataset import load_dataset
        from qa.data.store import fingerprint, save_dataset
        from qa.search.store import INDEX_DIR, refresh_index

        files = fingerprint(folder, folder / INDEX_DIR)
        data = load_dataset(folder)
        done = refresh_index(folder, data, args.progress)
        save_dataset(folder, data, done.path, files)
        print(
            printable(
                f"{done.path}: {done.paragraphs} paragraphs from {done.articles} articles "
                f"({done.tokenized} tokenized, {done.reused} reused) in {done.seconds:.2f} s"
            )
        )
        return 0
    if args.command == "eval" and args.from_log:
        from qa.asklog import draft_cases, read_log

        entries, bad = read_log(args.from_log)
        print(draft_cases(entries, args.from_log.name, bad), end="")
        return 0
    engine = Engine.from_folder(folder)
    if args.command == "ask":
        return _ask(engine, " ".join(args.question), args.json)
    if args.command == "repl":
        from qa.repl import run, run_json

        return (run_json if args.json else run)(engine, sys.stdin, sys.stdout)
    if args.command == "show":
        return _show(engine.data, args.article)
    return _eval(engine, args.files, args.verbose)


def _ask(engine: Engine, text: str, as_json: bool) -> int:
    try:
        answer, _ = engine.ask(text)
    except QuestionError as exc:
        if as_json:  # a script reading stdout still gets one object saying what went wrong
            refused = none(f"Sorry: {exc}.").to_json(text) | {"error": str(exc)}
            print(json.dumps(refused, ensure_ascii=True))
        raise
    if as_json:
        # ASCII escapes keep controls, bidi overrides and any terminal encoding harmless.
        print(json.dumps(answer.to_json(text), ensure_ascii=True))
    else:
        print(printable(answer.text))
        print(printable("\n".join(source_lines(answer, engine.data))))
    return 0


def _show(data: Dataset, article_id: str) -> int:
    article = next((a for a in data.articles if a.id == article_id), None)
    if article is None:
        known = ", ".join(a.id for a in data.articles)
        raise QAError(f"no article {article_id!r}; known: {known}")
    print(f"# {article.headline or article.title}")
    if article.headline and article.title and article.title != article.headline:
        print(f"(title in {article.id}.yaml: {article.title})")
    heading = ""
    for p in article.paragraphs:
        if p.heading != heading:
            heading = p.heading
            print(printable(f"\n## {heading}"))
        print(printable(f"[{p.number}] {p.text}"))
    return 0


def _draft(args: SimpleNamespace, folder: Path) -> int:
    from qa.draft.add import add_vocabulary, write_draft
    from qa.draft.article import draft_article
    from qa.draft.writeout import to_yaml

    draft = draft_article(folder, args.article)
    if not args.write:
        print(to_yaml(draft), end="")
        return 0
    path = write_draft(folder, draft, args.force)
    print(f"{path}: drafted {len(draft.meetings)} meetings; review it, then run qa check")
    wanted = [s for s in draft.suggestions if s.vocabulary != "currencies"]
    if wanted and (args.yes or _confirm(f"add {len(wanted)} vocabulary entries?")):
        for line in add_vocabulary(folder, draft.suggestions):
            print(f"added {line}")
    return 0


def _confirm(question: str) -> bool:
    """Ask yes/no on a terminal; without one, never prompt and answer no."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return False
    return input(f"{question} [y/N] ").strip().casefold() in ("y", "yes")


def _add(args: SimpleNamespace, folder: Path) -> int:
    from qa.draft.add import add_article
    from qa.draft.writeout import missing, review, uncertain

    meta = {k: getattr(args, k) for k in ("publisher", "date", "url") if getattr(args, k)}
    done = add_article(folder, args.file, ident=args.id, meta=meta, extend_vocabulary=args.yes)
    print(f"added {done.id}: {done.text.name} and {done.dataset.name} in {done.text.parent}")
    for line in done.vocabulary:
        print(f"added {line}")
    for line in review(done.draft):
        print(f"  {line}")
    checks = uncertain(done.draft) + missing(done.draft)
    if checks:
        print("to check:")
        for line in checks:
            print(f"  {line}")
    return 0


def _eval(engine: Engine, files: list[Path], verbose: bool) -> int:
    from qa.evaluation import load_cases, report, run_case

    paths = files or sorted((REPO / "tests" / "cases").glob("*.yaml"))
    missing = [p for p in paths if not p.is_file()]
    if missing or not paths:
        raise QAError(f"case file not found: {missing[0] if missing else 'tests/cases/*.yaml'}")
    engines: dict[Path, Engine] = {}
    results = []
    for case in load_cases(paths):
        chosen = engine
        if case.data is not None:
            if case.data not in engines:
                engines[case.data] = Engine.from_folder(case.data)
            chosen = engines[case.data]
        failing = case.expected_failure(len(chosen.data.articles))
        results.append(run_case(chosen, replace(case, xfail=failing)))
    for line in report(results):
        print(printable(line))
    if verbose:
        for r in results:
            print(printable(f"{'ok  ' if r.passed else 'FAIL'} {r.case.category}/{r.case.id}"))
    unexpected = [r for r in results if r.passed == bool(r.case.xfail)]
    return 1 if unexpected else 0


if __name__ == "__main__":
    sys.exit(main())
