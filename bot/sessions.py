"""Remember each user's conversation per channel, forgetting it after an idle time."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from qa import Answer, Context

Key = tuple[int, int]  # (user id, channel id)


@dataclass(frozen=True, slots=True)
class Session:
    """One conversation: its context, the last answer, and when it was last used."""

    context: Context
    last: Answer | None
    used: float


class Sessions:
    """Conversation state per (user, channel), expiring after `idle` seconds unused."""

    def __init__(self, idle: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.idle = idle
        self.clock = clock
        self._by_key: dict[Key, Session] = {}

    def get(self, key: Key) -> Session:
        """Return the live session for key, or a fresh one if none or expired."""
        now = self.clock()
        found = self._by_key.get(key)
        if found is None or now - found.used > self.idle:
            return Session(Context(), None, now)
        return found

    def put(self, key: Key, context: Context, answer: Answer) -> None:
        """Store the outcome of a turn and drop sessions that have expired."""
        now = self.clock()
        self._by_key[key] = Session(context, answer, now)
        stale = [k for k, s in self._by_key.items() if now - s.used > self.idle]
        for k in stale:
            del self._by_key[k]

    def clear(self) -> None:
        """Forget every conversation (after the data is reloaded)."""
        self._by_key.clear()

    def __len__(self) -> int:
        return len(self._by_key)
