"""Per-user flood guard: a reader hammering commands is slowed down, not served every reply.

A token bucket per user: a burst of `limit` requests, refilled at `per_second`. A person
clicking through the menus quickly stays inside it; a client firing a hundred commands gets
the burst, one "slow down" line, and silence until tokens come back.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum


class Verdict(Enum):
    SERVE = "serve"
    WARN = "warn"
    DROP = "drop"


@dataclass(slots=True)
class _Bucket:
    tokens: float
    updated: float
    warned: bool = False


class FloodGuard:
    def __init__(
        self,
        *,
        limit: int = 10,
        per_second: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        max_users: int = 100_000,
    ) -> None:
        self._limit = limit
        self._rate = per_second
        self._clock = clock
        self._max_users = max_users
        self._buckets: dict[int, _Bucket] = {}

    def check(self, user_id: int) -> Verdict:
        if self._limit == 0:
            return Verdict.SERVE  # switched off (FLOOD_LIMIT=0), e.g. for a load benchmark
        now = self._clock()
        bucket = self._buckets.get(user_id)
        if bucket is None:
            if len(self._buckets) >= self._max_users:
                self._forget_idle(now)
            bucket = self._buckets[user_id] = _Bucket(float(self._limit), now)
        bucket.tokens = min(self._limit, bucket.tokens + (now - bucket.updated) * self._rate)
        bucket.updated = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            bucket.warned = False
            return Verdict.SERVE
        if bucket.warned:
            return Verdict.DROP
        bucket.warned = True
        return Verdict.WARN

    def _forget_idle(self, now: float) -> None:
        """Users whose bucket has refilled completely are the same as unseen ones."""
        full_after = self._limit / self._rate if self._rate > 0 else float("inf")
        idle = [u for u, b in self._buckets.items() if now - b.updated >= full_after]
        for user_id in idle:
            del self._buckets[user_id]
