"""Read `qa`'s command line: one command's parser, or a plain `qa ask` without argparse."""

from __future__ import annotations

from collections.abc import Callable, Collection
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse


def build_parser(wanted: Collection[str] | None = None) -> argparse.ArgumentParser:
    """Build the parser; only the commands in `wanted` (default: all) get their options.

    Every command is listed, for help and errors alike; argparse reads only the options
    of the command it runs, so `main` builds those alone rather than pay at every start
    for eight commands' options.
    """
    import argparse

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data",
        type=Path,
        default=argparse.SUPPRESS,
        metavar="DIR",
        help="data folder (default: $QA_DATA or the repository's data/)",
    )
    parser = argparse.ArgumentParser(
        prog="qa",
        parents=[common],
        description="Answer questions about news articles on diplomatic meetings.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (summary, add_options) in _COMMANDS.items():
        command = sub.add_parser(name, parents=[common], help=summary)
        if wanted is None or name in wanted:
            add_options(command)
    return parser


def _ask_options(ask: argparse.ArgumentParser) -> None:
    ask.add_argument("question", nargs="+", help="the question, quoted or as words")
    ask.add_argument("--json", action="store_true", help="print one JSON object")


def _repl_options(repl: argparse.ArgumentParser) -> None:
    repl.add_argument(
        "--json",
        action="store_true",
        help="read one question per line, write one JSON answer per line (no prompts)",
    )


def _eval_options(ev: argparse.ArgumentParser) -> None:
    ev.add_argument("files", nargs="*", type=Path, help="case files (default: tests/cases)")
    ev.add_argument("--verbose", action="store_true", help="show every case")
    ev.add_argument(
        "--from-log",
        type=Path,
        metavar="LOG",
        help="print draft cases for the questions in an unanswered-questions log",
    )


def _no_options(_: argparse.ArgumentParser) -> None:
    pass


def _index_options(index: argparse.ArgumentParser) -> None:
    import argparse

    index.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress bar (default: when stderr is a terminal)",
    )


def _show_options(show: argparse.ArgumentParser) -> None:
    show.add_argument("article", help="article id (file name without .txt)")


def _draft_options(draft: argparse.ArgumentParser) -> None:
    draft.add_argument("article", help="article id (file name without .txt)")
    draft.add_argument("--write", action="store_true", help="save it as articles/ID.yaml")
    draft.add_argument("--force", action="store_true", help="overwrite an existing ID.yaml")
    draft.add_argument("--yes", action="store_true", help="add missing vocabulary without asking")


def _add_options(add: argparse.ArgumentParser) -> None:
    add.add_argument("file", type=Path, help="the article's text file")
    add.add_argument("--id", default="", help="article id (default: from its headline)")
    add.add_argument("--publisher", default="", help="who published it")
    add.add_argument("--date", default="", help="publication date (2024-03 or 2024-03-05)")
    add.add_argument("--url", default="", help="where it was published")
    add.add_argument("--yes", action="store_true", help="add missing vocabulary entries")


# Each command's one-line summary and what adds its options, in the order help lists them.
_COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {
    "ask": ("answer one question", _ask_options),
    "repl": ("ask questions interactively", _repl_options),
    "eval": ("run Q&A pair files and report", _eval_options),
    "check": ("validate the data folder", _no_options),
    "index": ("build or refresh the stored index", _index_options),
    "show": ("print an article's numbered paragraphs", _show_options),
    "draft": ("draft an article's dataset for review", _draft_options),
    "add": ("add an article: copy, draft, check, index", _add_options),
}


def question_argv(argv: list[str]) -> list[str]:
    """Mark where `qa ask`'s question starts with `--`, so words like "-h" stay in it."""
    i = 0
    while i < len(argv) and argv[i] != "ask":
        if argv[i] in ("-h", "--help") or not argv[i].startswith("-"):
            return argv  # help, or another command
        i += 2 if argv[i] == "--data" else 1
    if i >= len(argv):
        return argv
    head, options = argv[: i + 1], []
    i += 1
    while i < len(argv) and argv[i] != "--":
        arg = argv[i]
        if arg in ("-h", "--help") and not _only_options(argv[i + 1 :]):
            break  # "qa ask -h" asks for help; "qa ask -h what is it" is a question
        if arg in ("--json", "-h", "--help") or arg.startswith("--data="):
            options.append(arg)
        elif arg == "--data":
            options += argv[i : i + 2]
            i += 1
        else:
            break
        i += 1
    rest = argv[i + 1 :] if i < len(argv) and argv[i] == "--" else argv[i:]
    if "--json" in rest and "--" not in argv:  # the one option also read after the words
        rest.remove("--json")
        options.append("--json")
    return head + options + (["--", *rest] if rest else [])


def plain_ask(words: list[str]) -> SimpleNamespace | None:
    """Read `ask [--json] [--data DIR] -- WORDS` as the parser would; None for any other form.

    The usual `qa ask` then starts without argparse and the modules it loads (about
    10 ms, a tenth of what qa adds to Python's own start-up). Help, usage errors and
    every other form are left to the parser, so they read exactly as before.
    """
    if words[:1] != ["ask"] or "--" not in words:
        return None
    end = words.index("--")
    question = words[end + 1 :]
    if not question or "--" in question:  # the parser would drop the first "--" of these
        return None
    found = SimpleNamespace(command="ask", question=question, json=False)
    options = iter(words[1:end])
    for option in options:
        folder = next(options, "") if option == "--data" else option.removeprefix("--data=")
        if option == "--json":
            found.json = True
        elif folder != option and folder and not folder.startswith("-"):
            found.data = Path(folder)
        else:
            return None
    return found


def _only_options(args: list[str]) -> bool:
    """Tell whether arguments are all `qa ask` options (and --data's folder)."""
    i = 0
    while i < len(args):
        if args[i] == "--data":
            i += 2
        elif args[i] in ("--json", "-h", "--help") or args[i].startswith("--data="):
            i += 1
        else:
            return False
    return True
