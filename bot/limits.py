"""Per-key cooldowns on a clock the caller controls, with one notice per window."""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass

PRUNE_AT = 1024  # entries kept before expired ones are swept


@dataclass(frozen=True, slots=True)
class Refusal:
    """A request refused by a cooldown: whole seconds to wait, and whether to say so."""

    retry_after: int
    notify: bool


@dataclass(slots=True)
class _Window:
    until: float
    noticed: bool = False


class Cooldown:
    """Allow one request per key every `seconds`; 0 turns the cooldown off."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self.clock = clock
        self._windows: dict[Hashable, _Window] = {}

    def hit(self, key: Hashable) -> Refusal | None:
        """Record a request; return None if allowed, else how long to wait."""
        if self.seconds <= 0:
            return None
        now = self.clock()
        window = self._windows.get(key)
        if window is not None and now < window.until:
            # Round up: "try again in 0 s" would invite an immediate, refused retry.
            wait = max(1, math.ceil(window.until - now))
            notify = not window.noticed
            window.noticed = True
            return Refusal(wait, notify)
        self._windows[key] = _Window(now + self.seconds)
        if len(self._windows) > PRUNE_AT:
            self._windows = {k: w for k, w in self._windows.items() if w.until > now}
        return None

    def reset(self, key: Hashable) -> None:
        """Forget a key's window (a refused or failed request should not count)."""
        self._windows.pop(key, None)
