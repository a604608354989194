"""Make text safe to show on a terminal: controls and bidi overrides become visible escapes."""

from __future__ import annotations

import re

# C0 and C1 controls (but newline and tab), DEL, lone surrogates, and the bidi marks,
# embeddings, overrides and isolates that make text display other than it reads.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """Return text with every terminal control or bidi override written as an escape."""
    return _UNSAFE.sub(_escape, text)


def from_argument(text: str) -> str:
    """Return an argument or input line as text, undecodable bytes as U+FFFD."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
