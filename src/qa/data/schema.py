"""Read YAML files safely into located nodes and check them field by field."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from qa.data.snapshot import File
from qa.errors import Problem

_STANDARD = "tag:yaml.org,2002:"
_PLAIN_TAGS = {f"{_STANDARD}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
_CONTAINER_TAGS = {f"{_STANDARD}map", f"{_STANDARD}seq"}
_SCALARS = yaml.constructor.SafeConstructor()
# libyaml's parser (bundled with PyYAML wheels) composes the same nodes, marks included,
# about ten times faster than the pure-Python one; it is only a speed-up.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DEPTH = 32
_DECIMAL = re.compile(r"[-+]?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?")
# YAML 1.1 reads these forms as numbers other than what a person means by them.
_QUIRKS = (
    (re.compile(r"^[-+]?0[0-9_]+$"), " (a leading 0 makes YAML read it as octal; drop the 0)"),
    (re.compile(r":"), " (YAML reads a colon as base 60; write the number in full)"),
    (re.compile(r"^[-+]?0[xXbBoO]"), " (write it in decimal)"),
    (re.compile(r"_"), " (YAML drops underscores; write the digits only)"),
    (re.compile(r"(?i)\.(inf|nan)"), " (an amount is a finite number)"),
)
# C0 and C1 controls (tab and line breaks excepted) and the bidi embeddings, overrides and
# isolates that make text display differently from what it holds.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


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
    """Read and parse one YAML file on its own (not part of a data folder); report faults."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(label, 0, f"cannot be read: {exc.strerror or exc}"))
        return None
    return parse_yaml(File(label, raw), problems)


def parse_yaml(file: File, problems: list[Problem]) -> tuple[Node, Sink] | None:
    """Parse YAML bytes into a node tree without constructing any object; report faults."""
    sink = Sink(file.label, problems)
    raw = file.data
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        sink.add(line, f"not UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8")
        return None
    if not text.strip():
        sink.add(1, "file is empty; it needs at least its top-level keys")
        return None
    control = CONTROL.search(text)
    if control:
        sink.add(text.count("\n", 0, control.start()) + 1, control_message(control.group()))
        return None
    try:
        # Anchors need "&" and aliases "*": most files have neither and skip the scan.
        if ("&" in text or "*" in text) and not _no_references(text, sink):
            return None
        node = yaml.compose(text, Loader=_LOADER)
    except RecursionError:  # the pure-Python composer, on nesting libyaml would refuse
        sink.add(1, f"YAML nested deeper than {MAX_DEPTH} levels")
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        lines = text.splitlines()
        bad_line = lines[line - 1] if 0 < line <= len(lines) else ""
        hint = " (indent with spaces, not tabs)" if "\t" in bad_line else ""
        sink.add(line, f"YAML syntax error: {exc.problem or exc.context}{hint}")
        return None
    except yaml.YAMLError as exc:
        sink.add(1, f"YAML error: {' '.join(str(exc).split())}")
        return None
    if node is None:
        sink.add(1, "file holds no data")
        return None
    bad = False
    for n, depth in _nodes(node):
        if depth > MAX_DEPTH:
            sink.add(n, f"YAML nested deeper than {MAX_DEPTH} levels")
            return None
        if n.tag not in _PLAIN_TAGS | _CONTAINER_TAGS:
            sink.add(n, f"YAML tag {n.tag!r} is not allowed; data files hold plain values only")
            bad = True
        elif isinstance(n, ScalarNode) and CONTROL.search(n.value):
            sink.add(n, control_message(CONTROL.findall(n.value)[0]))
            bad = True
    return None if bad else (node, sink)


def control_message(char: str) -> str:
    """Say which control character was found and that it must go."""
    return f"control character U+{ord(char):04X} is not allowed; remove it"


def _no_references(text: str, sink: Sink) -> bool:
    """Refuse anchors and aliases before composing: the data format needs neither.

    Aliases are how a few hundred bytes expand into billions of nodes (or a cycle), so
    they are refused outright, from the parser's event stream, in one linear pass.
    """
    for event in yaml.parse(text, Loader=_LOADER):
        line = event.start_mark.line + 1 if event.start_mark else 1
        if isinstance(event, yaml.AliasEvent):
            sink.add(line, f"YAML alias '*{event.anchor}' is not allowed; write the value out")
            return False
        if isinstance(event, yaml.NodeEvent) and event.anchor is not None:
            sink.add(line, f"YAML anchor '&{event.anchor}' is not allowed; write values out")
            return False
    return True


def _nodes(root: Node) -> Iterator[tuple[Node, int]]:
    """Yield every node of a tree with its depth, without recursion."""
    stack: list[tuple[Node, int]] = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        yield node, depth
        if isinstance(node, SequenceNode):
            stack.extend((item, depth + 1) for item in reversed(node.value))
        elif isinstance(node, MappingNode):
            for key, value in reversed(node.value):
                stack.extend(((value, depth + 1), (key, depth + 1)))


def walk(node: Node) -> Iterator[Node]:
    """Yield a node and every node below it, in document order."""
    for found, _ in _nodes(node):
        yield found


class Fields:
    """A YAML mapping checked against its known keys; getters report typed problems."""

    def __init__(self, node: Node, sink: Sink, what: str, required: set[str], optional: set[str]):
        self.node, self.sink, self.what = node, sink, what
        self.values: dict[str, Node] = {}
        self.ok = isinstance(node, MappingNode)
        if not self.ok:
            if node.tag != f"{_STANDARD}null":  # an empty required value is reported once
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
        for name in sorted(required & self.values.keys()):
            if self.values[name].tag == f"{_STANDARD}null":
                sink.add(self.values[name], f"{name!r} in {what} is empty; give it a value")

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
        """Return a finite positive decimal number, or None when absent or not one."""
        if not self.has(key):
            return None
        node = self.values[key]
        text = str(node.value)
        if node.tag not in (f"{_STANDARD}int", f"{_STANDARD}float"):
            self.sink.add(node, f"{key!r} must be a number such as 51300000, not {text!r}")
            return None
        if not _DECIMAL.fullmatch(text):
            hint = next((h for pattern, h in _QUIRKS if pattern.search(text)), "")
            self.sink.add(
                node, f"{key!r} must be a plain decimal number such as 51300000, not {text!r}{hint}"
            )
            return None
        value = float(text)
        if not math.isfinite(value) or value <= 0:
            self.sink.add(node, f"{key!r} must be a finite number above 0, not {text!r}")
            return None
        return value

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
