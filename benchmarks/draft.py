"""Compare drafted datasets with hand-curated ones, fact kind by fact kind.

Run with `make bench-draft` (or `python -m benchmarks.draft`). Drafts the bundled
article and the fixture articles in tests/fixtures/draft/, loads draft and curated file
with qa's own loader (so a draft that fails `qa check` fails here), and reports recall
and precision per fact kind: a drafted fact matches a curated one of the same meeting
when they cite an overlapping paragraph and agree on the kind's key fields. Also runs
the Q&A cases with the bundled article's curated file replaced by its draft, and times
drafting. Writes benchmarks/results/draft.md.
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from qa.data.dataset import load_dataset
from qa.data.records import Meeting
from qa.draft.article import draft_article
from qa.draft.writeout import to_yaml
from qa.engine import Engine
from qa.evaluation import load_cases, run_case
from qa.understand.text import terms

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
FIXTURES = ROOT / "tests" / "fixtures" / "draft"
RESULTS = Path(__file__).parent / "results"
KINDS = (
    "meetings",
    "leaders",
    "dates",
    "money",
    "agreements",
    "requests",
    "quotes",
    "positions",
    "events",
)
TARGETS = {
    "meetings": 0.95,
    "leaders": 0.95,
    "dates": 0.95,
    "money": 0.9,
    "agreements": 0.9,
    "requests": 0.8,
    "quotes": 0.8,
}
Item = tuple[str, tuple[int, ...], Any]  # meeting country, paragraphs, what is compared
# How each fixture article came to be, and what the rules scored on it the first time,
# before any change it prompted: the honest measure of articles the rules never saw.
HISTORY = {
    "ppp-asean-2022": "the bundled article; the rules were written against it",
    "mekong-forum-2024": "written with the rules (no headings, ministers, four currencies)",
    "vietnam-europe-2025": "written with the rules (city headings, reported speech)",
    "gulf-tour-2023": (
        "written after the rules; first run: meetings, leaders, dates, money, agreements "
        "100%, requests recall 33%, quotes 0%, positions 0%; fixed generically since"
    ),
    "kenya-asia-2024": (
        "written after the rules; first run: meetings, leaders, dates 100%, money recall "
        "33%, agreements 67%, requests 50% (precision 50%), quotes 50%, 3 spurious "
        "positions, events 0%; fixed generically since"
    ),
    "nz-asean-2025": (
        "written after the rules; first run: meetings and leaders recall 67% (a "
        "'counterpart, Name' leader missed), money 50%, requests, quotes and positions 0%; "
        "fixed generically since"
    ),
    "indonesia-mideast-2025": "written last and never used to change the rules: held out",
}


def data_folder(target: Path, text: Path, dataset: Path | None) -> Path:
    """Lay out a data folder with the bundled vocabularies and one article."""
    (target / "articles").mkdir(parents=True)
    for name in ("countries", "titles", "topics"):
        shutil.copy(DATA / f"{name}.yaml", target / f"{name}.yaml")
    shutil.copy(text, target / "articles" / text.name)
    if dataset is not None:
        shutil.copy(dataset, target / "articles" / dataset.name)
    return target


def items(meetings: tuple[Meeting, ...], kind: str) -> list[Item]:
    """Return the comparable items of one kind from loaded meetings."""
    found: list[Item] = []
    for m in meetings:
        c = m.country
        if kind == "meetings":
            found.append((c, m.paragraphs, c))
        elif kind == "leaders":
            found.append((c, m.paragraphs, (m.leader.name, m.leader.aliases, m.leader.title)))
        elif kind == "dates":
            if m.date:
                found.append((c, m.paragraphs, m.date))
            for fact in (*m.money, *m.agreements, *m.positions, *m.events, *m.requests):
                if fact.date:
                    found.append((c, fact.paragraphs, fact.date))
        else:
            found.extend((c, f.paragraphs, f) for f in getattr(m, kind))
    return found


def _words(text: str) -> set[str]:
    return set(terms(text))


def _agree(kind: str, drafted: Any, curated: Any) -> bool:
    if kind == "leaders":
        name, _, title = drafted
        c_name, c_aliases, c_title = curated
        return name in (c_name, *c_aliases) and title == c_title
    if kind in ("meetings", "dates"):
        return bool(drafted == curated)
    if kind == "money":
        if curated.amount is None:
            return bool(drafted.amount is None and drafted.kind == curated.kind)
        return bool(drafted.amount == curated.amount and drafted.currency == curated.currency)
    if kind == "agreements":
        return bool(_words(drafted.name) & _words(curated.name))
    if kind == "quotes":
        shared = _words(drafted.words) & _words(curated.words)
        return drafted.speaker == curated.speaker and len(shared) * 2 >= len(_words(curated.words))
    if kind == "positions":
        return bool(drafted.holder == curated.holder)
    return True  # requests and events: the same meeting and paragraph


def score(drafted: list[Item], curated: list[Item], kind: str) -> tuple[int, int, int]:
    """Match drafted to curated items one to one; return (matched, drafted, curated)."""
    free = list(curated)
    matched = 0
    for country, paragraphs, value in drafted:
        for i, (c_country, c_paragraphs, c_value) in enumerate(free):
            if (
                country == c_country
                and set(paragraphs) & set(c_paragraphs)
                and _agree(kind, value, c_value)
            ):
                matched += 1
                del free[i]
                break
    return matched, len(drafted), len(curated)


def compare(text: Path, curated: Path, work: Path) -> tuple[dict[str, tuple[int, int, int]], str]:
    """Draft one article and score the draft against its curated file."""
    gold = load_dataset(data_folder(work / "gold", text, curated)).meetings
    folder = data_folder(work / "draft", text, curated)
    draft = draft_article(folder, text.stem)
    (folder / "articles" / curated.name).write_text(to_yaml(draft), encoding="utf-8")
    mine = load_dataset(folder).meetings
    return {k: score(items(mine, k), items(gold, k), k) for k in KINDS}, to_yaml(draft)


def eval_with_draft(work: Path, draft_yaml: str) -> tuple[float, float, int]:
    """Return the Q&A pass rates with the curated and the drafted bundled dataset."""
    cases_dir = ROOT / "tests" / "cases"
    cases = load_cases(
        p for p in sorted(cases_dir.glob("*.yaml")) if not p.name.startswith("wild_")
    )
    cases = [c for c in cases if not c.xfail]
    folder = work / "eval"
    shutil.copytree(DATA, folder, ignore=shutil.ignore_patterns(".index*"))
    rates = []
    for replace in (False, True):
        if replace:
            (folder / "articles" / "ppp-asean-2022.yaml").write_text(draft_yaml, encoding="utf-8")
        engine = Engine.from_folder(folder)
        rates.append(sum(run_case(engine, c).passed for c in cases) / len(cases))
    return rates[0], rates[1], len(cases)


def timing(text: Path, work: Path) -> tuple[int, float, float, float]:
    """Return words, a whole `qa draft` process (best of 3: wall and CPU seconds) and the
    best of 5 drafts in this process."""
    folder = data_folder(work / f"time-{text.stem}", text, text.with_suffix(".yaml"))
    command = [sys.executable, "-m", "qa.cli", "draft", text.stem, "--data", str(folder)]
    walls, cpus = [], []
    for _ in range(3):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    runs = []
    for _ in range(5):
        started = time.perf_counter()
        draft_article(folder, text.stem)
        runs.append(time.perf_counter() - started)
    return len(text.read_text(encoding="utf-8").split()), min(walls), min(cpus), min(runs)


def ask_cpu(question: str) -> tuple[float, bool]:
    """Return the CPU seconds of a whole `qa ask` process (best of 3) and whether the
    process loaded Babel (only money answers should)."""
    code = (
        "import sys; from qa.cli import main; main(['ask', sys.argv[1]]); "
        "print('babel' in sys.modules, file=sys.stderr)"
    )
    cpus, loaded = [], False
    for _ in range(3):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        done = subprocess.run(
            [sys.executable, "-c", code, question], check=True, capture_output=True, text=True
        )
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        loaded = done.stderr.strip().endswith("True")
    return min(cpus), loaded


def _sentence(text: str) -> str:
    return f"{text[:1].upper()}{text[1:]}."


def _order(path: Path) -> int:
    return list(HISTORY).index(path.stem) if path.stem in HISTORY else len(HISTORY)


def _pct(n: int, d: int) -> str:
    return f"{100 * n / d:.0f}%" if d else "–"


def main() -> int:
    """Run the comparison and write the report."""
    articles = [
        (DATA / "articles" / "ppp-asean-2022.txt", DATA / "articles" / "ppp-asean-2022.yaml")
    ]
    fixtures = sorted(FIXTURES.glob("*.txt"), key=lambda p: (p.stem not in HISTORY, _order(p)))
    articles += [(p, p.with_suffix(".yaml")) for p in fixtures]
    lines = ["# Drafting datasets: `make bench-draft`", ""]
    lines.append(
        "A drafted fact matches a curated one of the same meeting when they cite an "
        "overlapping paragraph and agree on the key fields (leader: name or alias and "
        "title; date: the day; money: amount and currency, or kind when there is no "
        "amount; agreement: a shared content word; quote: speaker and half the words; "
        "position: holder). Recall = matched / curated, precision = matched / drafted."
    )
    totals: dict[str, list[int]] = {k: [0, 0, 0] for k in KINDS}
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        bundled_yaml = ""
        timings = []
        for text, curated in articles:
            scores, drafted = compare(text, curated, work / text.stem)
            if text.stem == "ppp-asean-2022":
                bundled_yaml = drafted
            lines += [
                "",
                f"## {text.stem}",
                "",
                f"{_sentence(HISTORY.get(text.stem, 'a fixture article'))}",
                "",
                "| kind | curated | drafted | matched | recall | precision |",
            ]
            lines.append("| --- | ---: | ---: | ---: | ---: | ---: |")
            for k in KINDS:
                m, d, c = scores[k]
                for i, v in enumerate((m, d, c)):
                    totals[k][i] += v
                lines.append(f"| {k} | {c} | {d} | {m} | {_pct(m, c)} | {_pct(m, d)} |")
            timings.append((text.stem, *timing(text, work)))
        lines += ["", "## All articles", "", "| kind | recall | precision | target | met |"]
        lines.append("| --- | ---: | ---: | ---: | --- |")
        for k in KINDS:
            m, d, c = totals[k]
            target = TARGETS.get(k)
            met = (
                ""
                if target is None
                else ("yes" if c and d and m / c >= target and m / d >= target else "no")
            )
            failed |= met == "no"
            shown = f"{target:.0%}" if target else "–"
            lines.append(f"| {k} | {_pct(m, c)} | {_pct(m, d)} | {shown} | {met} |")
        curated_rate, draft_rate, count = eval_with_draft(work, bundled_yaml)
        lines += [
            "",
            "## Q&A cases answered from the draft",
            "",
            f"{count} cases of tests/cases (not wild_*, not xfail): {curated_rate:.0%} pass with "
            f"the curated ppp-asean-2022.yaml, {draft_rate:.0%} with its draft (target 80%).",
            "",
            "## Drafting time",
            "",
            "A whole process includes Python start-up, qa's imports and CLDR's currency "
            "tables; its wall time depends on the machine's load, its CPU time less so. "
            "Target: 1 s for a 1,000-word article.",
            "",
            "| article | words | `qa draft` process: wall | CPU | draft in process "
            "| per 1,000 words |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
        ]
        for name, words, wall, cpu, best in timings:
            lines.append(
                f"| {name} | {words} | {wall * 1000:.0f} ms | {cpu * 1000:.0f} ms "
                f"| {best * 1000:.0f} ms | {best * 1000 / words * 1000:.0f} ms |"
            )
        failed |= draft_rate < 0.8
        lines += [
            "",
            "## `qa ask` start-up",
            "",
            "CPU time of a whole `qa ask` process (best of 3), and whether it loaded Babel.",
            "",
            "| question | CPU | Babel loaded |",
            "| --- | ---: | --- |",
        ]
        for question in ("When did Hun Sen meet Albanese?", "How much did Japan give?"):
            cpu, loaded = ask_cpu(question)
            lines.append(f"| {question} | {cpu * 1000:.0f} ms | {'yes' if loaded else 'no'} |")
    RESULTS.mkdir(exist_ok=True)
    report = "\n".join(lines) + "\n"
    (RESULTS / "draft.md").write_text(report, encoding="utf-8")
    print(report)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
