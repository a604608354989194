"""Read YAML files safely into located nodes and check them field by field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from qa.errors import Problem

_STANDARD = "tag:yaml.org,2002:"
_PLAIN_TAGS = {f"{_STANDARD}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
_CONTAINER_TAGS = {f"{_STANDARD}map", f"{_STANDARD}seq"}
_SCALARS = yaml.constructor.SafeConstructor()
# libyaml's parser (bundled with PyYAML wheels) composes the same nodes, marks included,
# about ten times faster than the pure-Python one; it is only a speed-up.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Sink:
    """Collect problems for one file; every reader reports through it."""

    def __init__(self, path: str, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems

    def add(self, node_or_line: Node | int, message: str) -> None:
        """Record a problem at a node's line (1-based) or at an explicit line."""
        line = node_or_line if isinstance(node_or_line, int) else node_or_line.start_mark.line + 1
        self.problems.append(Problem(self.path, line, message))


def read_yaml(path: Path, label: str, problems: list[Problem]) -> tuple[Node, Sink] | None:
    """Parse one YAML file into a node tree without constructing any object; report faults."""
    sink = Sink(label, problems)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        sink.add(line, f"not UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8")
        return None
    if not text.strip():
        sink.add(1, "file is empty; it needs at least its top-level keys")
        return None
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        lines = text.splitlines()
        bad_line = lines[line - 1] if 0 < line <= len(lines) else ""
        hint = " (indent with spaces, not tabs)" if "\t" in bad_line else ""
        sink.add(line, f"YAML syntax error: {exc.problem or exc.context}{hint}")
        return None
    except yaml.YAMLError as exc:
        sink.add(1, f"YAML error: {exc}")
        return None
    if node is None:
        sink.add(1, "file holds no data")
        return None
    bad = [n for n in walk(node) if n.tag not in _PLAIN_TAGS | _CONTAINER_TAGS]
    for n in bad:
        sink.add(n, f"YAML tag {n.tag!r} is not allowed; data files hold plain values only")
    return None if bad else (node, sink)


def walk(node: Node) -> Iterator[Node]:
    """Yield a node and every node below it."""
    yield node
    if isinstance(node, SequenceNode):
        for item in node.value:
            yield from walk(item)
    elif isinstance(node, MappingNode):
        for key, value in node.value:
            yield from walk(key)
            yield from walk(value)


class Fields:
    """A YAML mapping checked against its known keys; getters report typed problems."""

    def __init__(self, node: Node, sink: Sink, what: str, required: set[str], optional: set[str]):
        self.node, self.sink, self.what = node, sink, what
        self.values: dict[str, Node] = {}
        self.ok = isinstance(node, MappingNode)
        if not self.ok:
            sink.add(node, f"{what} must be a mapping of keys to values")
            return
        known = required | optional
        suggested: set[str] = set()
        for key, value in node.value:
            name = key.value if isinstance(key, ScalarNode) else None
            if not isinstance(name, str) or name not in known:
                import difflib  # only a broken file needs suggestions

                close = difflib.get_close_matches(str(name), sorted(known), n=1)
                suggested.update(close)
                hint = (
                    f" (did you mean {close[0]!r}?)"
                    if close
                    else f"; known: {', '.join(sorted(known))}"
                )
                sink.add(key, f"unknown key {name!r} in {what}{hint}")
            elif name in self.values:
                sink.add(key, f"duplicate key {name!r} in {what}")
            else:
                self.values[name] = value
        for name in sorted(required - self.values.keys() - suggested):
            sink.add(node, f"{what} is missing required key {name!r}")

    @property
    def line(self) -> int:
        """Return the mapping's 1-based line."""
        return self.node.start_mark.line + 1

    def has(self, key: str) -> bool:
        """Tell whether the key is present and not null."""
        value = self.values.get(key)
        return value is not None and value.tag != f"{_STANDARD}null"

    def text(self, key: str, default: str = "") -> str:
        """Return a non-empty string value (any plain scalar is read as its text)."""
        if not self.has(key):
            return default
        node = self.values[key]
        if not isinstance(node, ScalarNode) or not str(node.value).strip():
            self.sink.add(node, f"{key!r} in {self.what} must be a non-empty text")
            return default
        return str(node.value).strip()

    def texts(self, key: str) -> tuple[str, ...]:
        """Return a list of non-empty strings; a single string counts as a list of one."""
        if not self.has(key):
            return ()
        node = self.values[key]
        items = node.value if isinstance(node, SequenceNode) else [node]
        found = [str(i.value).strip() for i in items if isinstance(i, ScalarNode)]
        if len(found) != len(items) or not all(found):
            self.sink.add(node, f"{key!r} in {self.what} must be a list of non-empty texts")
        return tuple(f for f in found if f)

    def number(self, key: str) -> float | None:
        """Return a numeric value, or None when absent or not a number."""
        if not self.has(key):
            return None
        node = self.values[key]
        if node.tag not in (f"{_STANDARD}int", f"{_STANDARD}float"):
            self.sink.add(node, f"{key!r} must be a number such as 51300000, not {node.value!r}")
            return None
        value = _SCALARS.construct_object(node)
        return float(value)

    def date(self, key: str) -> dt.date | None:
        """Return an ISO date (YYYY-MM-DD), reporting impossible or malformed ones."""
        if not self.has(key):
            return None
        node = self.values[key]
        try:
            return dt.date.fromisoformat(str(node.value))
        except ValueError:
            self.sink.add(node, f"{key!r} must be a real date as YYYY-MM-DD, not {node.value!r}")
            return None

    def numbers(self, key: str) -> tuple[tuple[int, int], ...]:
        """Return a list of whole numbers, each with its line, for paragraph references."""
        if not self.has(key):
            return ()
        return numbers(self.values[key], self.sink, f"{key!r} in {self.what}")

    def items(self, key: str) -> list[Node]:
        """Return the nodes of a list value (an absent key is an empty list)."""
        if not self.has(key):
            return []
        node = self.values[key]
        if not isinstance(node, SequenceNode):
            self.sink.add(node, f"{key!r} in {self.what} must be a list")
            return []
        return list(node.value)

    def pairs(self, key: str) -> list[tuple[Node, Node]]:
        """Return the key/value node pairs of a mapping value."""
        if not self.has(key):
            return []
        node = self.values[key]
        if not isinstance(node, MappingNode):
            self.sink.add(node, f"{key!r} in {self.what} must be a mapping")
            return []
        return list(node.value)

    def node_of(self, key: str) -> Node:
        """Return the node of a key for locating later problems (the mapping if absent)."""
        return self.values.get(key, self.node)


def numbers(node: Node, sink: Sink, what: str) -> tuple[tuple[int, int], ...]:
    """Read a number or list of whole numbers as (number, line) pairs, reporting others."""
    items = node.value if isinstance(node, SequenceNode) else [node]
    found = [(int(i.value), i.start_mark.line + 1) for i in items if _is_int(i)]
    if len(found) != len(items) or not items:
        sink.add(node, f"{what} must be a list of paragraph numbers such as [3, 4]")
    return tuple(found)


def _is_int(node: Any) -> bool:
    return (
        isinstance(node, ScalarNode) and node.tag == f"{_STANDARD}int" and str(node.value).isdigit()
    )
