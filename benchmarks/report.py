"""Write the benchmark figures as a Markdown table, JSON and a PNG chart."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

TARGETS = [  # (figure, limit, what) for this engine at 1M paragraphs
    ("p50_ms", 1.5, "query p50 ≤ 1.5 ms"),
    ("p99_ms", 5.0, "query p99 ≤ 5 ms"),
    ("build_s", 10.0, "build ≤ 10 s from token ids"),
    ("index_mb", 400.0, "steady index memory ≤ 400 MB"),
    ("load_s", 1.0, "load from disk ≤ 1 s"),
]


def _cell(row: dict[str, Any], key: str, fmt: str) -> str:
    value = row.get(key)
    return "–" if value is None else format(value, fmt)


def table(rows: list[dict[str, Any]]) -> list[str]:
    lines = [
        "| engine | paragraphs | build s | load s | p50 ms | p99 ms | queries/s | steady RSS MB "
        "| index MB | peak RSS MB | identical top-10 | top-10 overlap |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        if "skipped" in r:
            lines.append(f"| {r['engine']} | {r['size']:,} | {r['skipped']} |||||||||| ")
            continue
        peak = max(r.get("peak_mb", 0), r.get("build_peak_mb", 0))
        lines.append(
            f"| {r['engine']} | {r['size']:,} | {_cell(r, 'build_s', '.2f')} "
            f"| {_cell(r, 'load_s', '.3f')} | {_cell(r, 'p50_ms', '.3f')} "
            f"| {_cell(r, 'p99_ms', '.3f')} | {_cell(r, 'qps', ',.0f')} "
            f"| {_cell(r, 'steady_mb', ',.0f')} | {_cell(r, 'index_mb', ',.0f')} | {peak:,.0f} "
            f"| {_cell(r, 'identical_top10', '.0%')} | {_cell(r, 'overlap_top10', '.0%')} |"
        )
    return lines


def write(folder: Path, rows: list[dict[str, Any]], article: dict[str, float]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "retrieval.json").write_text(
        json.dumps({"retrieval": rows, "article": article}, indent=1)
    )
    lines = [
        "# Retrieval benchmark",
        "",
        "Synthetic corpus: Zipf(1) vocabulary of 50,000 words, paragraphs of 40-120 "
        "tokens, 100 queries of 2-8 words mixing the Zipf head and tail (seeded). Each "
        "engine builds from token ids in one process; a fresh process loads the saved "
        "index and runs every query 5 times (rank-bm25, which keeps nothing on disk, "
        "builds and queries in one process, once). *index MB* is the serving process's "
        "RSS above the interpreter with numpy; *identical top-10* counts queries whose "
        "ten best scores equal rank-bm25's exactly, *top-10 overlap* the shared "
        "paragraphs. bm25s (Robertson idf, floored at 0, float32) and tantivy (Lucene "
        "idf, k1=1.2) score differently by design.",
        "",
        *table(rows),
        "",
    ]
    mine = [r for r in rows if r["engine"] == "qa" and r["size"] == max(x["size"] for x in rows)]
    if mine:
        r = mine[0]
        lines += [f"## Targets at {r['size']:,} paragraphs (qa)", ""]
        for key, limit, what in TARGETS:
            value = r.get(key)
            ok = value is not None and value <= limit
            lines.append(f"- {what}: {value:.3f} — {'met' if ok else 'missed'}")
        lines.append("")
    lines += [
        "## Bundled article",
        "",
        f"- one answer in process, over {article['questions']:.0f} regression questions "
        f"× 20: p50 {article['answer_p50_ms']:.3f} ms, p99 {article['answer_p99_ms']:.3f} ms"
        " (target p50 ≤ 1 ms)",
        f"- `qa ask` whole process: {article['ask_s'] * 1000:.0f} ms vs "
        f'`python -c "import numpy, yaml"` {article["baseline_s"] * 1000:.0f} ms: '
        f"{article['ratio']:.2f}× (target ≤ 1.5×)",
        "",
    ]
    (folder / "retrieval.md").write_text("\n".join(lines), encoding="utf-8")
    chart(folder / "retrieval.png", rows)


def chart(path: Path, rows: list[dict[str, Any]]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figures = [
        ("p50_ms", "query p50 (ms)"),
        ("p99_ms", "query p99 (ms)"),
        ("build_s", "build (s)"),
        ("index_mb", "index memory (MB)"),
    ]
    fig, axes = plt.subplots(1, len(figures), figsize=(17, 4.2))
    engines = list(dict.fromkeys(r["engine"] for r in rows))
    for ax, (key, label) in zip(axes, figures, strict=True):
        for name in engines:
            pts = [
                (r["size"], r[key])
                for r in rows
                if r["engine"] == name and r.get(key) is not None and r[key] > 0
            ]
            if pts:
                xs, ys = zip(*pts, strict=True)
                ax.plot(xs, ys, marker="o", label=name)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("paragraphs")
        ax.set_title(label)
        ax.grid(True, which="both", alpha=0.3)
    axes[0].legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
