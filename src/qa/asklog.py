"""Log questions the bot could not answer, and turn that log into draft regression cases.

A log line is `time<TAB>guild<TAB>question`: UTC time, the server id (or `dm`), and the
question on one line. No user ids are written.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

_SLUG_WORDS = 6


@dataclass(frozen=True, slots=True)
class Entry:
    """One unanswered question: when, where (guild id or "dm") and its text."""

    time: str
    guild: str
    question: str


def log_line(question: str, guild_id: int | None, when: dt.datetime | None = None) -> str:
    """Return the log line for an unanswered question, newline included."""
    moment = (when or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    # Tabs and line breaks inside a question would split it across fields or lines.
    text = " ".join(question.split())
    return f"{stamp}\t{guild_id if guild_id is not None else 'dm'}\t{text}\n"


def append_unanswered(path: Path, question: str, guild_id: int | None) -> None:
    """Append one unanswered question to the log at `path`."""
    with path.open("a", encoding="utf-8") as log:
        log.write(log_line(question, guild_id))


def read_log(path: Path) -> tuple[list[Entry], list[int]]:
    """Read a log; return its entries and the numbers of lines that are not entries."""
    entries: list[Entry] = []
    bad: list[int] = []
    with path.open(encoding="utf-8", errors="replace") as log:
        for n, line in enumerate(log, start=1):
            fields = line.rstrip("\n").split("\t", 2)
            if len(fields) != 3 or not fields[2].strip():
                if line.strip():
                    bad.append(n)
                continue
            entries.append(Entry(fields[0], fields[1], fields[2].strip()))
    return entries, bad


def _slug(question: str) -> str:
    words = re.findall(r"\w+", question.casefold())[:_SLUG_WORDS]
    return "-".join(words) or "question"


def draft_cases(entries: Iterable[Entry], source: str, skipped: Iterable[int] = ()) -> str:
    """Return a case file (YAML) with one case per distinct question, most asked first."""
    seen: dict[str, list[Entry]] = {}
    for e in entries:
        seen.setdefault(" ".join(e.question.casefold().split()), []).append(e)
    ordered = sorted(seen.values(), key=lambda group: -len(group))
    ids: set[str] = set()
    cases = []
    for group in ordered:
        slug = base = _slug(group[0].question)
        n = 1
        while slug in ids:
            n += 1
            slug = f"{base}-{n}"
        ids.add(slug)
        times = "time" if len(group) == 1 else "times"
        last = max(e.time for e in group)
        cases.append(
            {
                "id": slug,
                "ask": group[0].question,
                "xfail": f"unanswered {len(group)} {times} (last {last}); review: add "
                "contains/sources and drop xfail, or set answered: false",
            }
        )
    skipped = list(skipped)
    note = f"; skipped malformed lines {', '.join(map(str, skipped))}" if skipped else ""
    document = {
        "description": f"Draft cases from the unanswered questions in {source}{note}.",
        "cases": cases,
    }
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)
