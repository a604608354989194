"""Read the synonym table (data/synonyms.yaml): words people type, words the article uses."""

from __future__ import annotations

from yaml.nodes import ScalarNode, SequenceNode

from qa.data.records import Synonym
from qa.data.schema import Fields, parse_yaml
from qa.data.snapshot import File
from qa.errors import Problem

SYNONYMS = "synonyms.yaml"


def read_synonyms(file: File | None, problems: list[Problem]) -> tuple[Synonym, ...]:
    """Read and check the synonym table; a folder without one has no synonyms."""
    if file is None:
        return ()
    read = parse_yaml(file, problems)
    if read is None:
        return ()
    node, sink = read
    top = Fields(node, sink, SYNONYMS, {"synonyms"}, set())
    found: list[Synonym] = []
    seen: dict[str, int] = {}
    for key, value in top.pairs("synonyms"):
        word = str(key.value).strip().casefold() if isinstance(key, ScalarNode) else ""
        line = key.start_mark.line + 1
        if not word or " " in word:
            sink.add(key, "a synonym entry must be one word, e.g. 'praise: [commend]'")
            continue
        if word in seen:
            sink.add(key, f"duplicate synonym entry {word!r} (first at line {seen[word]})")
            continue
        seen[word] = line
        items = value.value if isinstance(value, SequenceNode) else None
        texts = [str(i.value).strip() for i in items or [] if isinstance(i, ScalarNode)]
        if not items or len(texts) != len(items) or not all(texts):
            sink.add(value, f"the synonyms of {word!r} must be a list of words or phrases")
            continue
        found.append(Synonym(word, tuple(t.casefold() for t in texts)))
    return tuple(found)
