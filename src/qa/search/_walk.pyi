"""Exact BM25 top-k by a compiled MaxScore walk: see _walk.c."""

from collections.abc import Sequence
from typing import Any

class Damaged(ValueError): ...

def top(
    terms: Sequence[tuple[Any, ...]],
    tokens: tuple[int, ...],
    table: Any,
    code: Any,
    k: int,
    limits: tuple[int, ...],
    scale: float,
    /,
) -> tuple[bytes, bytes] | None: ...
