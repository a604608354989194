"""Benchmark retrieval side by side, and the bundled article's answers and start-up.

Run with `make bench` (or `python -m benchmarks.run`); writes benchmarks/results/.
Each engine builds in one process and is loaded and queried in a fresh one, so that
build, load, steady and peak memory are each measured on their own.
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
import time
from pathlib import Path
from typing import Any

import numpy as np
import psutil

from benchmarks.corpus import CACHE, cached, cached_queries
from benchmarks.engines import ENGINES, QA

ROOT = Path(__file__).resolve().parents[1]
RESULTS = Path(__file__).parent / "results"
SIZES = (10_000, 100_000, 1_000_000)
REPEATS = 5
RANK_BM25_MAX = 100_000  # beyond this rank-bm25 takes minutes per build and seconds per query


def rss_mb() -> float:
    return psutil.Process().memory_info().rss / 2**20


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker(engine_name: str, size: int, phase: str) -> dict[str, Any]:
    """Build (and save) or load (and query) one engine at one size; return figures."""
    folder = CACHE / f"index-{engine_name}-{size}"
    engine = ENGINES[engine_name]()
    base = rss_mb()
    if phase == "build":
        corpus = cached(size)
        started = time.perf_counter()
        engine.build(corpus)
        built = time.perf_counter() - started
        if engine_name != "rank-bm25":
            shutil.rmtree(folder, ignore_errors=True)
            engine.save(folder)
            return {"build_s": built, "build_peak_mb": peak_mb()}
        return {
            "build_s": built,
            "build_peak_mb": peak_mb(),
            "load_s": built,
            **query(engine, corpus.queries, base),
        }
    queries = cached_queries(size)  # the serving process needs the index alone
    started = time.perf_counter()
    engine.load(folder)
    loaded = time.perf_counter() - started
    return {"load_s": loaded, **query(engine, queries, base)}


def query(engine: Any, queries: list[list[int]], base: float) -> dict[str, Any]:
    """Time every query REPEATS times after one warm-up pass; keep the top 10 of each."""
    tops = [engine.top(q) for q in queries]
    repeats = 1 if isinstance(engine, ENGINES["rank-bm25"]) else REPEATS
    times = []
    for _ in range(repeats):
        for q in queries:
            t = time.perf_counter_ns()
            engine.top(q)
            times.append((time.perf_counter_ns() - t) / 1e6)
    times.sort()
    return {
        "p50_ms": statistics.median(times),
        "p99_ms": times[min(len(times) - 1, int(len(times) * 0.99))],
        "qps": 1000 / statistics.mean(times),
        "steady_mb": rss_mb(),
        "index_mb": rss_mb() - base,
        "peak_mb": peak_mb(),
        "tops": tops,
    }


def reference_tops(size: int) -> list[tuple[list[int], list[float]]]:
    """Return rank-bm25's exact top 10 per query, from the dense reference-equal scorer."""
    corpus = cached(size)
    engine = QA()
    engine.load(CACHE / f"index-qa-{size}")
    found = []
    for q in corpus.queries:
        scores = engine.exact_scores(q)
        order = np.lexsort((np.arange(len(scores)), -scores))[:10]
        found.append((order.tolist(), scores[order].tolist()))
    return found


def agreement(tops: list[Any], reference: list[Any]) -> tuple[float, float]:
    """Return (share of queries with identical top-10 scores, mean top-10 id overlap)."""
    same = sum(np.array_equal(t[1], r[1]) for t, r in zip(tops, reference, strict=True))
    overlap = [len(set(t[0]) & set(r[0])) / 10 for t, r in zip(tops, reference, strict=True)]
    return same / len(reference), statistics.mean(overlap)


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


def retrieval(sizes: list[int], engines: list[str]) -> list[dict[str, Any]]:
    rows = []
    for size in sizes:
        print(f"corpus {size:,} paragraphs", flush=True)
        cached(size)
        results: dict[str, dict[str, Any]] = {}
        for name in engines:
            if name == "rank-bm25" and size > RANK_BM25_MAX:
                results[name] = {
                    "skipped": f"skipped above {RANK_BM25_MAX:,} paragraphs: "
                    "minutes to build, seconds per query"
                }
                continue
            built = spawn(name, size, "build")
            served = built if name == "rank-bm25" else spawn(name, size, "load")
            results[name] = {**served, **built}
            print(f"  {name}: p50 {results[name]['p50_ms']:.2f} ms", flush=True)
        reference = (
            results["rank-bm25"]["tops"]
            if "tops" in results.get("rank-bm25", {})
            else reference_tops(size)
        )
        for name, r in results.items():
            row = {"engine": name, "size": size, **{k: v for k, v in r.items() if k != "tops"}}
            if "tops" in r:
                row["identical_top10"], row["overlap_top10"] = agreement(r["tops"], reference)
                row["reference"] = (
                    "rank-bm25"
                    if "tops" in results.get("rank-bm25", {})
                    else "rank-bm25 formula (dense scorer)"
                )
            rows.append(row)
    return rows


def bundled() -> dict[str, float]:
    """Measure the bundled article: answer latency in process, and `qa ask` start-up."""
    from qa.engine import Engine
    from qa.evaluation import load_cases

    engine = Engine.from_folder(ROOT / "data")
    questions = [
        t.ask
        for c in load_cases(sorted((ROOT / "tests" / "cases").glob("*.yaml")))
        for t in c.turns
    ]
    times = []
    for _ in range(20):
        for q in questions:
            t = time.perf_counter_ns()
            engine.ask(q)
            times.append((time.perf_counter_ns() - t) / 1e6)
    times.sort()
    qa = str(Path(sys.executable).with_name("qa"))

    def wall(cmd: list[str]) -> float:
        runs = []
        for _ in range(15):
            t = time.perf_counter()
            subprocess.run(cmd, capture_output=True, check=True, cwd=ROOT)
            runs.append(time.perf_counter() - t)
        return statistics.median(runs)

    baseline = wall([sys.executable, "-c", "import numpy, yaml"])
    ask = wall([qa, "ask", "What did Japan pledge?"])
    return {
        "questions": len(questions),
        "answer_p50_ms": statistics.median(times),
        "answer_p99_ms": times[int(len(times) * 0.99)],
        "ask_s": ask,
        "baseline_s": baseline,
        "ratio": ask / baseline,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--worker", nargs=3, metavar=("ENGINE", "SIZE", "PHASE"), help=argparse.SUPPRESS
    )
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--engines", default=",".join(ENGINES))
    args = parser.parse_args()
    if args.worker:
        name, size, phase = args.worker
        print(json.dumps(worker(name, int(size), phase)))
        return 0
    os.environ.setdefault("PYTHONHASHSEED", "0")
    rows = retrieval([int(s) for s in args.sizes.split(",")], args.engines.split(","))
    article = bundled()
    from benchmarks.report import write

    write(RESULTS, rows, article)
    print((RESULTS / "retrieval.md").read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
