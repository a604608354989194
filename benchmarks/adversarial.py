"""Feed every parsing pattern adversarial input at the maximum question length.

Run with `make bench-parse` (or `python -m benchmarks.adversarial`). For each regular
expression qa applies to user text, builds inputs of 300 characters out of long repeats
of what the pattern matches or nearly matches, and times the pattern alone and a whole
`Engine.ask` on each; writes benchmarks/results/parsing.md. Target: 20 ms per question.
"""

from __future__ import annotations

import itertools
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bot import format as fmt
from qa import MAX_QUESTION_LENGTH, Engine, QuestionError
from qa.search import index as idx
from qa.understand import quantity, text

ROOT = Path(__file__).resolve().parents[1]
RESULTS = Path(__file__).parent / "results"
TARGET_MS = 20.0
REPEATS = 20

PATTERNS: dict[str, re.Pattern[str]] = {
    "month day": quantity._MONTH_DAY,
    "day month": quantity._DAY_MONTH,
    "iso date": quantity._ISO,
    "the Nth": quantity._BARE_DAY,
    "money": quantity._MONEY,
    "word": text._WORD,
    "possessive": text._POSSESSIVE,
    "control": text._ASCII_CONTROL,
    "sentence split": idx._SENTENCE,
    "sentence end (bot)": fmt._SENTENCE_END,
    "mention (bot)": re.compile(r"<@!?123456789012345678>"),
}

SEEDS = [
    "1",
    "1,",
    "1,000",
    "$1",
    "$ 1",
    "$1,000,000.",
    "1.5 million ",
    "us$",
    "usd 1 ",
    "november ",
    "nov. 1",
    "12 of ",
    "12th ",
    "the 1",
    "the 12",
    "2022-",
    "2022-11-",
    "'s",
    "s'",
    "a's ",
    "'",
    ". A",
    ".\u201d A",
    '!" ',
    "\u200b",
    "\u202e",
    "<@",
    "<@!",
    "<@!1234",
    "a",
    "ab ",
    "aaaa",
    "\x00",
    "é\u0301",
]


def inputs() -> list[tuple[str, str]]:
    """Return (label, text) pairs: each seed repeated, and pairs of seeds interleaved."""
    found = []
    for seed in SEEDS:
        found.append((f"{seed!r}×", (seed * MAX_QUESTION_LENGTH)[:MAX_QUESTION_LENGTH]))
    for a, b in itertools.pairwise(SEEDS):
        found.append((f"{a!r}+{b!r}×", ((a + b) * MAX_QUESTION_LENGTH)[:MAX_QUESTION_LENGTH]))
    return found


def worst(run: Callable[[str], object], texts: list[tuple[str, str]]) -> tuple[float, str]:
    """Return the slowest median time in ms over the texts, and which text it was."""
    slowest, label = 0.0, ""
    for name, value in texts:
        times = []
        for _ in range(REPEATS):
            started = time.perf_counter()
            run(value)
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        if times[len(times) // 2] > slowest:
            slowest, label = times[len(times) // 2], name
    return slowest, label


def main() -> int:
    texts = inputs()
    engine = Engine.from_folder(ROOT / "data")
    rows = []
    for name, pattern in PATTERNS.items():
        ms, label = worst(lambda s, p=pattern: list(p.finditer(s.casefold())), texts)
        rows.append((name, ms, label))

    def ask(s: str) -> object:
        try:
            return engine.ask(s)
        except QuestionError:
            return None

    ms, label = worst(ask, texts)
    rows.append(("whole question (Engine.ask)", ms, label))
    lines = [
        "# Parsing under adversarial input",
        "",
        f"{len(texts)} inputs of {MAX_QUESTION_LENGTH} characters (repeats of what each "
        f"pattern matches or nearly matches); median of {REPEATS} runs, worst input "
        f"shown. Target: {TARGET_MS:.0f} ms per question.",
        "",
        "| pattern | worst ms | on input |",
        "|---|---:|---|",
    ]
    lines += [f"| {n} | {ms:.3f} | `{label[:40]}` |" for n, ms, label in rows]
    overall = max(ms for _, ms, _ in rows)
    lines += ["", f"Worst: {overall:.3f} ms — {'met' if overall <= TARGET_MS else 'missed'}."]
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "parsing.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0 if overall <= TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
