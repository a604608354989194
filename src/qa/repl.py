"""Interactive shell: line editing and history on a terminal, one answer per piped line."""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from qa.answer.result import Answer, none
from qa.cli import source_lines
from qa.engine import Context, Engine
from qa.errors import QuestionError
from qa.guide import examples, overview
from qa.terminal import from_argument, printable

PROMPT = "qa> "
HISTORY = Path(os.environ.get("QA_HISTORY", Path.home() / ".qa_history"))
COMMANDS = {
    ":help": "what qa knows and example questions",
    ":sources": "the full paragraphs behind the last answer",
    ":more": "the next part of a shortened answer",
    ":article": "ID pins questions to one article; ':article' alone unpins",
    ":reset": "forget the conversation (follow-ups start afresh)",
    ":quit": "leave (Ctrl-D works too)",
}


def help_text(engine: Engine) -> str:
    """Return the :help text: articles, meetings, example questions and commands."""
    lines = ["Articles and the meetings they report:"]
    lines += [f"  {line}" for line in overview(engine.data)]
    lines.append("Example questions:")
    lines += [f"  {q}" for q in examples(engine.data)]
    lines.append('Follow-ups work: "And Canada?", "When was that?", "How much?"')
    if len(engine.data.articles) > 1:
        lines.append("Loaded articles (pin one with :article ID):")
        lines += [f"  {a.id}: {a.label}, {a.headline or a.title}" for a in engine.data.articles]
    lines.append("Commands:")
    lines += [f"  {name:<9} {what}" for name, what in COMMANDS.items()]
    return "\n".join(lines)


def sources_text(answer: Answer | None) -> str:
    """Return the full cited paragraphs of an answer, or say there are none."""
    if answer is None or not answer.sources:
        return "No sources: ask a question first, or the last answer had none."
    return "\n\n".join(
        f"[{s.article} \u00b6{s.paragraph}, {s.heading}]\n{s.text}" for s in answer.sources
    )


def _pin(
    engine: Engine, article_id: str, context: Context, last: Answer | None
) -> tuple[str, Context, Answer | None]:
    """Pin the conversation to one article, or unpin it with no id."""
    if not article_id:
        return "Questions go to every article again.", Context(), last
    article = engine.data.by_id.get(article_id)
    if article is None:
        known = ", ".join(a.id for a in engine.data.articles)
        return f"No article {article_id!r}; loaded: {known}.", context, last
    return f"Questions now go to {article.id} ({article.label}).", Context(article=article.id), last


def _readline_setup() -> None:
    try:
        import readline
    except ImportError:  # not every platform ships readline; editing is then basic
        return
    with contextlib.suppress(OSError):
        readline.read_history_file(HISTORY)
    readline.set_history_length(1000)
    import atexit

    def save() -> None:
        with contextlib.suppress(OSError):
            readline.write_history_file(HISTORY)

    atexit.register(save)


def run(engine: Engine, stdin: TextIO, stdout: TextIO) -> int:
    """Answer questions until end of input or :quit; return the exit code."""
    interactive = stdin.isatty() and stdout.isatty()
    if interactive:
        _readline_setup()
        print("Ask about the article; :help lists what I know, :quit leaves.", file=stdout)
    context = Context()
    last: Answer | None = None
    while True:
        if interactive:
            try:
                line = input(PROMPT)
            except EOFError:
                print(file=stdout)
                return 0
            except KeyboardInterrupt:
                print(file=stdout)
                continue
        else:
            line = stdin.readline()
            if not line:
                return 0
        text = from_argument(line).strip()
        if text in (":quit", ":q", ":exit"):
            return 0
        reply = _reply(engine, text, context, last)
        if reply is not None:
            out, context, last = reply
            print(printable(out), file=stdout, flush=True)


def run_json(engine: Engine, stdin: TextIO, stdout: TextIO) -> int:
    """Answer one question per line as one JSON object per line, keeping the conversation."""
    context = Context()
    for line in stdin:
        text = from_argument(line).strip()
        if not text:
            continue
        try:
            answer, context = engine.ask(text, context)
            obj = answer.to_json(text)
        except QuestionError as exc:
            # A script must get one object per question, so a refusal is an answer too.
            obj = none(f"Sorry: {exc}.").to_json(text) | {"error": str(exc)}
        # ASCII escapes keep controls and bidi overrides from reaching a terminal raw.
        print(json.dumps(obj, ensure_ascii=True), file=stdout, flush=True)
    return 0


def _reply(
    engine: Engine, text: str, context: Context, last: Answer | None
) -> tuple[str, Context, Answer | None] | None:
    if not text:
        return None
    if text == ":help":
        return help_text(engine), context, last
    if text == ":sources":
        return sources_text(last), context, last
    if text == ":more":
        if last is None or not last.more:
            return "Nothing more: ask another question.", context, last
        rest = replace(last, text=last.more[0], more=last.more[1:])
        return _shown(rest, engine), replace(context, answer=rest), rest
    if text == ":reset":
        return "Conversation forgotten.", Context(), None
    if text == ":article" or text.startswith(":article "):
        return _pin(engine, text.removeprefix(":article").strip(), context, last)
    if text.startswith(":"):
        return f"Unknown command {text}; try :help.", context, last
    try:
        answer, context = engine.ask(text, context)
    except QuestionError as exc:
        return f"Sorry: {exc}.", context, last
    return _shown(answer, engine), context, answer


def _shown(answer: Answer, engine: Engine) -> str:
    """Return an answer as the REPL prints it: text, then its sources."""
    lines = [answer.text, *source_lines(answer, engine.data)]
    return "\n".join(lines) + "\n"
