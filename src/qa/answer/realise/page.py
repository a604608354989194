"""Fit answers to a chat: a short first reply, the rest kept as pages to ask for."""

from __future__ import annotations

import re
from dataclasses import replace

from qa.answer.result import Answer

# About what reads well in one chat message; the remainder goes to `Answer.more`.
SHORT = 600
# A sentence ends at . ! or ? (a closing quote may follow) before a capital or a quote.
# The pattern opens with the punctuation rather than a lookbehind, so that the regex
# engine skips straight to candidate ends instead of trying every position.
_BREAK = re.compile(r"[.!?][\u201d\"]?(\s+)(?=[A-Z\u201c\"])")


def sentences(text: str) -> list[str]:
    """Split answer text into sentences, keeping a quotation whole."""
    found: list[str] = []
    for part in _split(text):
        if found and found[-1].count("\u201c") > found[-1].count("\u201d"):
            found[-1] += " " + part
        elif part.strip():
            found.append(part)
    return found


def _split(text: str) -> list[str]:
    """Return the text's pieces between sentence breaks, the whitespace at each dropped."""
    parts: list[str] = []
    start = 0
    for m in _BREAK.finditer(text):
        gap, end = m.span(1)
        parts.append(text[start:gap])
        start = end
    parts.append(text[start:])
    return parts


def shorten(answer: Answer, limit: int = SHORT) -> Answer:
    """Return the answer cut at a sentence boundary near `limit`, the rest as pages."""
    if len(answer.text) <= limit:
        return answer
    parts = sentences(answer.text)
    head: list[str] = []
    size = 0
    while parts and (not head or size + len(parts[0]) + 1 <= limit - 30):
        size += len(parts[0]) + 1
        head.append(parts.pop(0))
    if not parts:
        return answer
    pages: list[str] = []
    page: list[str] = []
    for part in parts:
        if page and len(" ".join([*page, part])) > limit:
            pages.append(" ".join(page))
            page = []
        page.append(part)
    pages.append(" ".join(page))
    n = len(parts)
    tail = f"({n} more fact{'s' if n > 1 else ''}: ask for more)"
    return replace(answer, text=f"{' '.join(head)} {tail}", more=tuple(pages))
