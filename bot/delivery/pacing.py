"""Telegram's sending limits, enforced before each request.

Overall: sends are spaced evenly at a hair under the allowed rate (slots 1/rate apart), so no
one-second window — sliding or whole — ever holds more than the limit; and the actual send
times of the last `limit` sends are checked too, so a task that woke late never bunches up
with the next one into an over-limit second. Per chat: a private chat gets at most one message per
interval, a group or channel at most N per minute (evenly spaced too). A 429 pauses every send
until Telegram's `retry_after` has passed. PTB's AIORateLimiter has no per-private-chat limit;
this one does, and it costs a dict lookup per send.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

# Slots are 1% wider than 1/rate and chat intervals 50 ms longer: arrival jitter never
# turns an exact-limit schedule into an over-limit one at Telegram's end.
RATE_MARGIN = 0.99
CHAT_MARGIN = 0.05
WINDOW_MARGIN = 0.012
PRUNE_EVERY = 10_000


@dataclass(frozen=True, slots=True)
class Limits:
    per_second: float = 30.0
    private_interval: float = 1.0
    group_per_minute: float = 20.0

    @property
    def slot(self) -> float:
        return 1.0 / (self.per_second * RATE_MARGIN)

    def chat_interval(self, private: bool) -> float:
        base = self.private_interval if private else 60.0 / self.group_per_minute
        return base + CHAT_MARGIN if base > 0 else 0.0


class Pacer:
    """Call `await pacer.turn(chat_id, private)` right before each send."""

    def __init__(
        self,
        limits: Limits,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.limits = limits
        self._clock = clock
        self._sleep = sleep
        self._next_slot = 0.0
        self._chat_ready: dict[int, float] = {}
        self._paused_until = 0.0
        self._turns = 0
        self._recent: deque[float] = deque(maxlen=max(1, math.floor(limits.per_second)))

    @property
    def paused_until(self) -> float:
        return self._paused_until

    def pause(self, seconds: float) -> None:
        """Telegram said 429 `retry_after`: no send at all until that has passed."""
        self._paused_until = max(self._paused_until, self._clock() + seconds)

    async def turn(self, chat_id: int, private: bool) -> None:
        while True:
            now = self._clock()
            ready = max(self._chat_ready.get(chat_id, 0.0), self._paused_until)
            if ready > now:
                await self._sleep(ready - now)
                continue
            slot = max(now, self._next_slot)
            self._next_slot = slot + self.limits.slot
            # Reserved before sleeping, so a second part to this chat waits its interval.
            self._chat_ready[chat_id] = slot + self.limits.chat_interval(private)
            if slot > now:
                await self._sleep(slot - now)
            if self._paused_until > self._clock():
                continue  # a 429 arrived while we waited for the slot
            await self._within_window()
            interval = self.limits.chat_interval(private)
            self._chat_ready[chat_id] = max(self._chat_ready[chat_id], self._clock() + interval)
            self._count_turn()
            return

    def answered(self, chat_id: int, private: bool) -> None:
        """Telegram answered a send to this chat: the chat's interval counts from now, so the
        next send arrives an interval after this one did, whatever the network's delays."""
        ready = self._clock() + self.limits.chat_interval(private)
        self._chat_ready[chat_id] = max(self._chat_ready.get(chat_id, 0.0), ready)

    async def _within_window(self) -> None:
        recent = self._recent
        while len(recent) == recent.maxlen:
            wait = recent[0] + 1.0 + WINDOW_MARGIN - self._clock()
            if wait <= 0:
                break
            await self._sleep(wait)
        recent.append(self._clock())

    def _count_turn(self) -> None:
        self._turns += 1
        if self._turns % PRUNE_EVERY == 0:
            now = self._clock()
            self._chat_ready = {c: t for c, t in self._chat_ready.items() if t > now}
