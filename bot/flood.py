"""Per-user flood guard: a reader hammering commands is slowed down, not served every reply.

A sliding window of recent requests per user; past the limit the first extra request gets
one "slow down" line and the rest are dropped silently until the window clears.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from enum import Enum


class Verdict(Enum):
    SERVE = "serve"
    WARN = "warn"
    DROP = "drop"


class FloodGuard:
    def __init__(
        self,
        *,
        limit: int = 8,
        window_seconds: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
        max_users: int = 100_000,
    ) -> None:
        self._limit = limit
        self._window = window_seconds
        self._clock = clock
        self._max_users = max_users
        self._recent: dict[int, deque[float]] = {}
        self._warned: set[int] = set()

    def check(self, user_id: int) -> Verdict:
        if self._limit == 0:
            return Verdict.SERVE  # switched off (FLOOD_LIMIT=0), e.g. for a load benchmark
        now = self._clock()
        recent = self._recent.get(user_id)
        if recent is None:
            if len(self._recent) >= self._max_users:
                self._forget_idle(now)
            recent = self._recent[user_id] = deque()
        while recent and now - recent[0] >= self._window:
            recent.popleft()
        if len(recent) < self._limit:
            recent.append(now)
            self._warned.discard(user_id)
            return Verdict.SERVE
        if user_id in self._warned:
            return Verdict.DROP
        self._warned.add(user_id)
        return Verdict.WARN

    def _forget_idle(self, now: float) -> None:
        idle = [
            u for u, times in self._recent.items() if not times or now - times[-1] >= self._window
        ]
        for user_id in idle:
            del self._recent[user_id]
            self._warned.discard(user_id)
