"""Remember each user's conversation per channel, forgetting it after an idle time."""

from __future__ import annotations

import secrets
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from qa import Answer, Context

Key = tuple[int, int]  # (user id, channel id)
KEPT = 1000  # answers kept for their buttons (More pages, long source lists)


@dataclass(frozen=True, slots=True)
class Session:
    """One conversation: its context, the last answer, and when it was last used."""

    context: Context
    last: Answer | None
    used: float


class Sessions:
    """Conversation state per (user, channel), expiring after `idle` seconds unused.

    `generation` counts reloads: a turn begun on older data may not store its context.
    """

    def __init__(self, idle: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.idle = idle
        self.clock = clock
        self.generation = 0
        self._by_key: dict[Key, Session] = {}
        self._kept: OrderedDict[str, Answer] = OrderedDict()

    def get(self, key: Key) -> Session:
        """Return the live session for key, or a fresh one if none or expired."""
        now = self.clock()
        found = self._by_key.get(key)
        if found is None or now - found.used > self.idle:
            return Session(Context(), None, now)
        return found

    def put(self, key: Key, context: Context, answer: Answer | None, generation: int) -> bool:
        """Store a turn's outcome unless the data was reloaded since it began; drop stale ones."""
        if generation != self.generation:
            return False
        now = self.clock()
        self._by_key[key] = Session(context, answer, now)
        stale = [k for k, s in self._by_key.items() if now - s.used > self.idle]
        for k in stale:
            del self._by_key[k]
        return True

    def keep(self, answer: Answer) -> str:
        """Keep an answer for its buttons; return the key their custom ids carry."""
        # Random, not counted: a key from before a restart must not name a newer answer.
        key = secrets.token_hex(6)
        self._kept[key] = answer
        while len(self._kept) > KEPT:
            self._kept.popitem(last=False)
        return key

    def kept(self, key: str) -> Answer | None:
        """Return the answer kept under key, or None once forgotten (restart, reload, age)."""
        return self._kept.get(key)

    def clear(self) -> None:
        """Forget every conversation and kept answer (after the data is reloaded)."""
        self.generation += 1
        self._by_key.clear()
        self._kept.clear()

    def __len__(self) -> int:
        return len(self._by_key)
