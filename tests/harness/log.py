"""Every request the bot made, when, and how it was answered: the ground truth for pacing.

Timestamps are taken when the request arrives (that is when Telegram counts it against the
limits): `at` is monotonic seconds, `wall` is Unix time.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

SEND_METHODS = frozenset(
    {
        "sendmessage",
        "senddocument",
        "sendphoto",
        "forwardmessage",
        "copymessage",
        "sendmediagroup",
        "sendaudio",
        "sendvideo",
        "sendanimation",
        "sendvoice",
        "sendsticker",
        "sendpoll",
        "sendlocation",
    }
)


@dataclass
class Violation:
    """A request a correct bot never makes: wrong shape, bad HTML, over a limit."""

    method: str
    kind: str
    description: str
    params: dict[str, Any]


@dataclass
class RequestRecord:
    method: str
    params: dict[str, Any]
    chat_id: int | str | None
    at: float
    wall: float
    status: int = 0
    description: str | None = None
    injected: bool = False
    result: Any = None
    answered_at: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status == 200

    @property
    def is_send(self) -> bool:
        return self.method.lower() in SEND_METHODS


@dataclass
class RequestLog:
    records: list[RequestRecord] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()

    def add(self, record: RequestRecord) -> None:
        with self._lock:
            self.records.append(record)

    def violate(self, violation: Violation) -> None:
        with self._lock:
            self.violations.append(violation)

    def snapshot(self, method: str | None = None) -> list[RequestRecord]:
        with self._lock:
            records = list(self.records)
        if method is None:
            return records
        return [r for r in records if r.method.lower() == method.lower()]

    def sends(self, *, ok_only: bool = True) -> list[RequestRecord]:
        return [r for r in self.snapshot() if r.is_send and (r.ok or not ok_only)]

    def per_second(self, *, ok_only: bool = True) -> Counter[int]:
        """Sends per whole wall-clock second (0 = the first send's): ~30 is the limit."""
        sends = self.sends(ok_only=ok_only)
        if not sends:
            return Counter()
        start = int(min(r.wall for r in sends))
        return Counter(int(r.wall) - start for r in sends)

    def max_in_window(self, window: float = 1.0, *, ok_only: bool = True) -> int:
        """Most sends in any sliding window: stricter than whole-second buckets."""
        times = sorted(r.at for r in self.sends(ok_only=ok_only))
        best = 0
        low = 0
        for high, moment in enumerate(times):
            while moment - times[low] >= window:
                low += 1
            best = max(best, high - low + 1)
        return best

    def min_gap_per_chat(self, *, ok_only: bool = True) -> dict[int | str, float]:
        """Smallest interval between two sends to the same chat (1 s per chat is the limit)."""
        last: dict[int | str, float] = {}
        gaps: dict[int | str, float] = {}
        for record in sorted(self.sends(ok_only=ok_only), key=lambda r: r.at):
            if record.chat_id is None:
                continue
            if record.chat_id in last:
                gap = record.at - last[record.chat_id]
                gaps[record.chat_id] = min(gaps.get(record.chat_id, gap), gap)
            last[record.chat_id] = record.at
        return gaps
