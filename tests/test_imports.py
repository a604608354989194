"""Keep `qa ask` start-up lean: modules only some commands or questions need load lazily."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from qa.data.dataset import load_dataset
from qa.data.store import fingerprint, save_dataset
from qa.search.store import INDEX_DIR, refresh_index

# Each is needed by some commands or questions only: YAML with no stored dataset, fuzzy
# matching for words the index lacks, CLDR for money, lemmas for unfamiliar words,
# progress bars for `qa index`, Discord for the bot, drafting for `qa draft`/`qa add`.
LAZY = (
    "yaml",
    "rapidfuzz",
    "babel",
    "lemminflect",
    "tqdm",
    "discord",
    "tempfile",
    "qa.draft",
    "qa.data.dataset",
    "qa.evaluation",
    "qa.repl",
    # Only other commands, help and usage errors need a parser; only `qa index`, `qa check`
    # and data files changed near the last build need hashlib (it loads OpenSSL).
    "argparse",
    "hashlib",
    # Reading every data file: only `qa index` and a folder whose files moved need it.
    "qa.data.snapshot",
    # Only the bot and concurrent tests start threads; a stored dataset's lock needs none.
    "threading",
    # Building postings: only `qa index` and a folder with no current stored index need it.
    "qa.search.bm25_build",
    "qa.search.counting",
    # The compiled walk: only an index of more paragraphs than small.py ranks at once.
    "qa.search.walk",
    "qa.search._walk",
)


def loaded_after(code: str) -> set[str]:
    """Return the lazy modules (or their submodules) a fresh interpreter holds after code."""
    report = "import json, sys; print(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", f"{code}\n{report}"], capture_output=True, text=True, check=True
    )
    names = json.loads(done.stdout.splitlines()[-1])
    return {m for m in LAZY for n in names if n == m or n.startswith(f"{m}.")}


def test_importing_the_cli_loads_no_optional_module() -> None:
    assert loaded_after("import qa.cli") == set()


def test_a_stored_dataset_loads_without_yaml(data_copy: Path) -> None:
    files = fingerprint(data_copy, data_copy / INDEX_DIR)
    data = load_dataset(data_copy)
    save_dataset(data_copy, data, refresh_index(data_copy, data, False).path, files)
    load = f"Engine.from_folder(Path({str(data_copy)!r}))"
    assert loaded_after(f"from pathlib import Path\nfrom qa.engine import Engine\n{load}") == set()


def test_a_money_answer_from_a_stored_dataset_needs_no_cldr_data(data_copy: Path) -> None:
    files = fingerprint(data_copy, data_copy / INDEX_DIR)
    data = load_dataset(data_copy)
    save_dataset(data_copy, data, refresh_index(data_copy, data, False).path, files)
    ask = (
        f"engine = Engine.from_folder(Path({str(data_copy)!r}))\n"
        "text = engine.ask('What did Japan pledge?')[0].text\n"
        "assert '$51.3 million' in text, text"
    )
    loaded = loaded_after(f"from pathlib import Path\nfrom qa.engine import Engine\n{ask}")
    assert "babel" not in loaded


def test_a_question_on_the_command_line_loads_no_optional_module(data_copy: Path) -> None:
    files = fingerprint(data_copy, data_copy / INDEX_DIR)
    data = load_dataset(data_copy)
    save_dataset(data_copy, data, refresh_index(data_copy, data, False).path, files)
    ask = f"main(['ask', '--data', {str(data_copy)!r}, 'Who did Hun Sen meet?'])"
    assert loaded_after(f"from qa.cli import main\n{ask}") == set()


def test_a_question_naming_a_meeting_loads_no_small_talk_or_metadata(data_copy: Path) -> None:
    files = fingerprint(data_copy, data_copy / INDEX_DIR)
    data = load_dataset(data_copy)
    save_dataset(data_copy, data, refresh_index(data_copy, data, False).path, files)
    ask = f"main(['ask', '--data', {str(data_copy)!r}, 'What did Japan pledge?'])"
    report = "import json, sys; print(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", f"from qa.cli import main\n{ask}\n{report}"],
        capture_output=True,
        text=True,
        check=True,
    )
    loaded = set(json.loads(done.stdout.splitlines()[-1]))
    assert "$51.3 million" in done.stdout
    assert loaded & {"qa.answer.about", "qa.answer.metadata"} == set()
