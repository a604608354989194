"""Fit answers to a chat: a short first reply, the rest kept as pages to ask for."""

from __future__ import annotations

import re
from dataclasses import replace

from qa.answer.result import Answer

# About what reads well in one chat message; the remainder goes to `Answer.more`.
SHORT = 600
# A sentence ends at . ! or ? (a closing quote may follow) before a capital or a quote.
_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z\u201c\"])|(?<=[.!?][\u201d\"])\s+(?=[A-Z\u201c\"])")


def sentences(text: str) -> list[str]:
    """Split answer text into sentences, keeping a quotation whole."""
    found: list[str] = []
    for part in _BREAK.split(text):
        if found and found[-1].count("\u201c") > found[-1].count("\u201d"):
            found[-1] += " " + part
        elif part.strip():
            found.append(part)
    return found


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
