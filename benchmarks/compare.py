"""Compare qa query times across stored indexes or settings, in one process.

On a shared machine the speed of a whole `make bench` run can drift by half between
runs, and a change worth a tenth vanishes in it. Here every variant answers the
same query mix in whole passes, the passes of all variants interleaved (and their
order rotated), so drift hits them alike; a query's time is the median of its passes
in CPU time. Alternating query by query instead would favour whichever variant runs
second, as it finds the rows the first one read in cache. Every variant must give
the same top 10 for every query. Listing a variant twice shows the noise.

    python -m benchmarks.compare --size 1000000 --index DIR_A --index DIR_B
    python -m benchmarks.compare --set qa.search.topk.REFINE_FROM=512 \\
        --set qa.search.topk.REFINE_FROM=2048

Indexes come from `qa.search` (`QA.save`); without --index the one `make bench` left
in benchmarks/.cache for the size is used.
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.corpus import CACHE, all_frequent, queries
from benchmarks.engines import QA


def main(argv: list[str] | None = None) -> int:
    """Print p50, p99, max and mean per variant; 1 if their top 10s differ."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=1_000_000, help="corpus size (paragraphs)")
    ap.add_argument("--index", action="append", default=[], help="a stored qa index folder")
    ap.add_argument("--set", action="append", default=[], help="module.NAME=value, a variant")
    ap.add_argument("--passes", type=int, default=7, help="passes per variant")
    args = ap.parse_args(argv)
    if args.passes < 1 or args.size < 1:
        ap.error("--passes and --size must be at least 1")
    folders = [Path(f) for f in args.index] or [CACHE / f"index-qa-{args.size}"]
    settings = [(f" {s}", _setter(ap, s)) for s in args.set] or [("", lambda: None)]
    variants: list[tuple[str, QA, Callable[[], None]]] = []
    for folder in folders:
        engine = QA()
        try:
            engine.load(folder)
        except (OSError, ValueError) as e:
            ap.error(f"{folder}: not a stored qa index of this version ({e}); run `make bench`")
        variants += [(f"{folder}{label}", engine, setting) for label, setting in settings]
    asked = queries(args.size)
    tops = []
    for label, engine, setting in variants:
        setting()
        tops.append([engine.top(q) for q in asked])
        if tops[-1] != tops[0]:
            print(f"{label}: top 10s differ from {variants[0][0]}'s", file=sys.stderr)
            return 1
    times: list[list[list[float]]] = [[[] for _ in asked] for _ in variants]
    for n in range(args.passes):
        for turn in range(len(variants)):
            j = (turn + n) % len(variants)
            _, engine, setting = variants[j]
            setting()
            for i, q in enumerate(asked):
                started = time.process_time_ns()
                engine.top(q)
                times[j][i].append((time.process_time_ns() - started) / 1e6)
    for (label, _, _), runs in zip(variants, times, strict=True):
        per_query = [statistics.median(r) for r in runs]
        ordered = sorted(per_query)
        frequent = statistics.median(t for i, t in enumerate(per_query) if all_frequent(i))
        print(
            f"{label}: p50 {ordered[len(ordered) // 2]:.3f} ms, "
            f"p99 {ordered[int(0.99 * (len(ordered) - 1))]:.3f}, max {ordered[-1]:.3f}, "
            f"mean {statistics.mean(ordered):.3f}, all-frequent p50 {frequent:.3f}"
        )
    return 0


def _setter(ap: argparse.ArgumentParser, spec: str) -> Callable[[], None]:
    """Return what sets module.NAME to the value in spec (an int, a float or a word)."""
    target, equals, text = spec.partition("=")
    module_name, _, name = target.rpartition(".")
    if not (equals and module_name and name):
        ap.error(f"--set {spec}: expected module.NAME=value")
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        ap.error(f"--set {spec}: no module {module_name!r}")
    if not hasattr(module, name):
        ap.error(f"--set {spec}: {module_name} has no {name!r}")
    value: Any = text
    for kind in (int, float):
        try:
            value = kind(text)
            break
        except ValueError:
            continue
    if isinstance(getattr(module, name), int | float) and isinstance(value, str):
        ap.error(f"--set {spec}: {module_name}.{name} is a number, not {text!r}")
    return lambda: setattr(module, name, value)


if __name__ == "__main__":
    sys.exit(main())
