"""Benchmark retrieval side by side, and the bundled article's answers and start-up.

Run with `make bench` (or `python -m benchmarks.run`); writes benchmarks/results/.
Each engine builds in one process and is loaded and queried in a fresh one, so that
build, load and served memory are each measured on their own.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import psutil

from benchmarks.corpus import CACHE, all_frequent, cached, queries
from benchmarks.engines import ENGINES

ROOT = Path(__file__).resolve().parents[1]
RESULTS = Path(__file__).parent / "results"
SIZES = (10_000, 100_000, 1_000_000)
REPEATS = 5
WARM = 100  # queries run before served memory is read
MEMORY_RUNS = 3  # fresh processes whose served memory is read; the median is reported
RANK_BM25_ALL = 100_000  # above this, rank-bm25 scores only the first REFERENCE queries
REFERENCE = 21  # a third of them all-frequent
STARTS = 15  # `qa ask` processes started for each start-up figure; the median is reported


def uss_mb() -> float:
    """Return this process's unique set size: the memory it alone holds."""
    return float(psutil.Process().memory_full_info().uss) / 2**20


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker(engine_name: str, size: int, phase: str) -> dict[str, Any]:
    """Build (and save) or load (and query) one engine at one size; return figures."""
    folder = CACHE / f"index-{engine_name}-{size}"
    engine = ENGINES[engine_name]()
    if phase == "build":
        corpus = cached(size)
        started = time.perf_counter()
        engine.build(corpus)
        built = time.perf_counter() - started
        figures = {"build_s": built, "build_peak_mb": peak_mb(), **getattr(engine, "timing", {})}
        if engine_name != "rank-bm25":
            shutil.rmtree(folder, ignore_errors=True)
            engine.save(folder)
            return figures
        asked = corpus.queries if size <= RANK_BM25_ALL else corpus.queries[:REFERENCE]
        return {**figures, "load_s": built, **query(engine, asked, 1), "asked": len(asked)}
    asked = queries(size)  # the serving process needs the index alone
    base = uss_mb()
    started, cpu = time.perf_counter(), time.process_time()
    engine.load(folder)
    loaded, loaded_cpu = time.perf_counter() - started, time.process_time() - cpu
    if phase == "memory":
        for q in (asked * (WARM // len(asked) + 1))[:WARM]:
            engine.top(q)
        served = uss_mb()
        return {"served_mb": served, "index_mb": served - base}
    # Whether qa's compiled walk was built and used: its figures depend on it.
    built = {"compiled": engine.compiled} if hasattr(engine, "compiled") else {}
    return {"load_s": loaded, "load_cpu_s": loaded_cpu, **built, **query(engine, asked)}


def query(engine: Any, asked: list[list[int]], repeats: int = REPEATS) -> dict[str, Any]:
    """Time every query `repeats` times after one warm-up pass; keep the top 10 of each.

    A query's time is the median of its runs in CPU time of this process: on a machine
    shared with other work, wall time mostly measures the wait for a core. Wall-time
    figures are kept beside them, as is the slowest single run.
    """
    tops = [engine.top(q) for q in asked]
    cpu: list[list[float]] = [[] for _ in asked]
    wall: list[list[float]] = [[] for _ in asked]
    for _ in range(repeats):
        for i, q in enumerate(asked):
            c, t = time.process_time_ns(), time.perf_counter_ns()
            engine.top(q)
            wall[i].append((time.perf_counter_ns() - t) / 1e6)
            cpu[i].append((time.process_time_ns() - c) / 1e6)
    times = sorted(statistics.median(r) for r in cpu)
    walls = sorted(statistics.median(r) for r in wall)
    frequent = [statistics.median(r) for i, r in enumerate(cpu) if all_frequent(i)]
    return {
        **spread(times, ""),
        **spread(walls, "wall_"),
        "single_run_max_ms": max(max(r) for r in wall),
        "frequent_p50_ms": statistics.median(frequent),
        "frequent_max_ms": max(frequent),
        "qps": 1000 / statistics.mean(times),
        "tops": tops,
    }


def spread(times: list[float], prefix: str) -> dict[str, float]:
    """Return p50, p99 and max of sorted times, named with the prefix."""
    return {
        f"{prefix}p50_ms": statistics.median(times),
        f"{prefix}p99_ms": times[min(len(times) - 1, int(len(times) * 0.99))],
        f"{prefix}max_ms": times[-1],
    }


def agreement(tops: list[Any], reference: list[Any]) -> tuple[float, float]:
    """Return (share of queries with identical top-10 scores, mean top-10 id overlap)."""
    pairs = list(zip(tops, reference, strict=False))  # reference may cover the first few
    same = sum(np.array_equal(t[1], r[1]) for t, r in pairs)
    overlap = [len(set(t[0]) & set(r[0])) / 10 for t, r in pairs]
    return same / len(pairs), statistics.mean(overlap)


def spawn(engine: str, size: int, phase: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--worker", engine, str(size), phase],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"{engine} {size} {phase} failed:\n{done.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def memory(engine: str, size: int) -> dict[str, Any]:
    """Read served memory in MEMORY_RUNS fresh processes; keep the median and every run.

    A memory-mapped index's unique memory counts the file pages the process maps, and
    the kernel maps the cached neighbours of each page touched, so one reading depends
    on what the page cache holds at the time.
    """
    runs = [spawn(engine, size, "memory") for _ in range(MEMORY_RUNS)]
    return {
        "served_mb": statistics.median(r["served_mb"] for r in runs),
        "index_mb": statistics.median(r["index_mb"] for r in runs),
        "served_mb_runs": [r["served_mb"] for r in runs],
    }


def retrieval(sizes: list[int], engines: list[str], skip: dict[str, int]) -> list[dict[str, Any]]:
    rows = []
    for size in sizes:
        print(f"corpus {size:,} paragraphs", flush=True)
        cached(size)
        results: dict[str, dict[str, Any]] = {}
        for name in engines:
            if size > skip.get(name, size):
                results[name] = {"skipped": f"skipped above {skip[name]:,} paragraphs"}
                continue
            load = os.getloadavg()[0]
            built = spawn(name, size, "build")
            served = (
                built
                if name == "rank-bm25"
                else {**spawn(name, size, "load"), **memory(name, size)}
            )
            results[name] = {**served, **built, "load_avg": load}
            r = results[name]
            print(
                f"  {name}: p50 {r['p50_ms']:.2f} ms, p99 {r['p99_ms']:.2f} ms, "
                f"max {r['max_ms']:.2f} ms (load average {load:.1f})",
                flush=True,
            )
        reference = results.get("rank-bm25", {}).get("tops")
        for name, r in results.items():
            row = {"engine": name, "size": size, **{k: v for k, v in r.items() if k != "tops"}}
            if "tops" in r and reference:
                row["identical_top10"], row["overlap_top10"] = agreement(r["tops"], reference)
                row["checked"] = min(len(reference), len(r["tops"]))
            rows.append(row)
    return rows


def bundled() -> dict[str, Any]:
    """Measure the bundled article: answer latency in process, and `qa ask` start-up."""
    from qa.engine import Engine
    from qa.evaluation import load_cases

    engine = Engine.from_folder(ROOT / "data")
    questions = [
        t.ask
        for c in load_cases(sorted((ROOT / "tests" / "cases").glob("*.yaml")))
        for t in c.turns
    ]
    times, cpu = [], []
    for _ in range(20):
        for q in questions:
            t, c = time.perf_counter_ns(), time.process_time_ns()
            engine.ask(q)
            cpu.append((time.process_time_ns() - c) / 1e6)
            times.append((time.perf_counter_ns() - t) / 1e6)
    times.sort()
    cpu.sort()
    qa = str(Path(sys.executable).with_name("qa"))
    load = os.getloadavg()[0]

    def run(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
        """Return one run's wall time and the CPU time of the process it started."""
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True, cwd=ROOT, env=env)
        wall = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime

    ask = [qa, "ask", "What did Japan pledge?"]
    with tempfile.TemporaryDirectory() as fresh:
        # The checkout as cloned: the sources without bytecode, none written on the way.
        shutil.copytree(
            ROOT / "src" / "qa", Path(fresh) / "qa", ignore=shutil.ignore_patterns("__pycache__")
        )
        env = {
            **os.environ,
            "PYTHONPATH": fresh,
            "PYTHONDONTWRITEBYTECODE": "1",
            "QA_DATA": str(ROOT / "data"),
        }
        commands = {
            "baseline": ([sys.executable, "-c", "import numpy, yaml"], None),
            "ask": (ask, None),  # `make run` and `make bench` byte-compile the sources first
            "ask_uncompiled": (ask, env),
        }
        # Interleaved, so that a burst of load elsewhere slows all three alike.
        runs: dict[str, list[tuple[float, float]]] = {k: [] for k in commands}
        for _ in range(STARTS):
            for name, (cmd, cmd_env) in commands.items():
                runs[name].append(run(cmd, cmd_env))
    wall = {k: statistics.median(w for w, _ in v) for k, v in runs.items()}
    used = {k: statistics.median(c for _, c in v) for k, v in runs.items()}
    return {
        "questions": len(questions),
        "answer_p50_ms": statistics.median(times),
        "answer_p99_ms": times[int(len(times) * 0.99)],
        "answer_cpu_p50_ms": statistics.median(cpu),
        "answer_cpu_p99_ms": cpu[int(len(cpu) * 0.99)],
        "ask_s": wall["ask"],
        "ask_uncompiled_s": wall["ask_uncompiled"],
        "baseline_s": wall["baseline"],
        "ratio": wall["ask"] / wall["baseline"],
        "ratio_uncompiled": wall["ask_uncompiled"] / wall["baseline"],
        "ask_cpu_s": used["ask"],
        "ask_uncompiled_cpu_s": used["ask_uncompiled"],
        "baseline_cpu_s": used["baseline"],
        "ratio_cpu": used["ask"] / used["baseline"],
        "ratio_uncompiled_cpu": used["ask_uncompiled"] / used["baseline"],
        "starts": STARTS,
        "start_load_avg": load,
        "stored_index": (ROOT / "data" / ".index").is_dir(),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--worker", nargs=3, metavar=("ENGINE", "SIZE", "PHASE"), help=argparse.SUPPRESS
    )
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument(
        "--skip",
        default="bm25s=100000",
        help="ENGINE=SIZE,...: leave an engine out above that many paragraphs",
    )
    parser.add_argument(
        "--bundled",
        action="store_true",
        help="measure only the bundled article's answers and start-up; print them as JSON",
    )
    args = parser.parse_args()
    if args.bundled:
        print(json.dumps(bundled(), indent=1))
        return 0
    if args.worker:
        name, size, phase = args.worker
        print(json.dumps(worker(name, int(size), phase)))
        return 0
    os.environ.setdefault("PYTHONHASHSEED", "0")
    skip = {k: int(v) for k, v in (x.split("=") for x in args.skip.split(",") if x)}
    rows = retrieval([int(s) for s in args.sizes.split(",")], args.engines.split(","), skip)
    article = bundled()
    from benchmarks.report import write

    write(RESULTS, rows, article)
    print((RESULTS / "retrieval.md").read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
