"""Short-lived caches for what many readers ask at once.

A popular bot gets the same `/latest` from hundreds of readers a minute; the answer changes
only when news arrives, so it is kept a few seconds (REPLY_CACHE_SECONDS) per distinct
question — the reader sees news at most that much later. Chat preferences are kept longer
and dropped by this process whenever it changes them; another process's change shows after
at most PREFS_CACHE_SECONDS.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class TtlCache(Generic[V]):
    def __init__(
        self,
        seconds: float,
        *,
        capacity: int = 2_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._seconds = seconds
        self._capacity = capacity
        self._clock = clock
        self._entries: OrderedDict[Hashable, tuple[float, V]] = OrderedDict()

    def get(self, key: Hashable) -> V | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        if self._clock() >= entry[0]:
            del self._entries[key]
            return None
        return entry[1]

    def put(self, key: Hashable, value: V) -> V:
        if self._seconds <= 0:
            return value
        self._entries[key] = (self._clock() + self._seconds, value)
        self._entries.move_to_end(key)
        while len(self._entries) > self._capacity:
            self._entries.popitem(last=False)
        return value

    def forget(self, key: Hashable) -> None:
        self._entries.pop(key, None)
