"""Faults a test arms per method and per chat, the way Telegram produces them.

Rules are matched in the order they were added; the first that fires answers the request.
A rule fires on every matching request, on every n-th (`every`), a limited number of times
(`times`), or with a probability drawn from one seeded generator, so a run is repeatable.
Faults only meet requests that are valid: a malformed request is the bot's bug, not luck.
"""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Fault:
    """An error answer (error_code 0 means none) and/or a delay before answering."""

    error_code: int = 0
    description: str = ""
    parameters: dict[str, Any] | None = None
    delay: float = 0.0


@dataclass
class Rule:
    fault: Fault
    method: str | None = None
    chat_id: int | str | None = None
    times: int | None = None
    every: int = 1
    probability: float = 1.0
    seen: int = 0
    fired: int = 0

    def matches(self, method: str, chat_id: int | str | None) -> bool:
        if self.method is not None and self.method.lower() != method.lower():
            return False
        return self.chat_id is None or self.chat_id == chat_id

    @property
    def exhausted(self) -> bool:
        return self.times is not None and self.fired >= self.times


@dataclass
class Faults:
    """The fault plan of one emulator; helpers return the rule so a test can read `fired`."""

    seed: int = 0
    rules: list[Rule] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._random = random.Random(self.seed)
        self._lock = threading.Lock()

    def add(
        self,
        fault: Fault,
        *,
        method: str | None = None,
        chat_id: int | str | None = None,
        times: int | None = None,
        every: int = 1,
        probability: float = 1.0,
    ) -> Rule:
        rule = Rule(fault, method, chat_id, times, every, probability)
        with self._lock:
            self.rules.append(rule)
        return rule

    def clear(self) -> None:
        with self._lock:
            self.rules.clear()

    def pick(self, method: str, chat_id: int | str | None) -> Fault | None:
        """The fault for this request, if a rule fires; counts are updated either way."""
        with self._lock:
            for rule in self.rules:
                if rule.exhausted or not rule.matches(method, chat_id):
                    continue
                rule.seen += 1
                if rule.seen % rule.every:
                    continue
                if rule.probability < 1.0 and self._random.random() >= rule.probability:
                    continue
                rule.fired += 1
                return rule.fault
        return None

    # -- the faults a delivery pipeline meets --------------------------------------------

    def retry_after(self, seconds: int, **match: Any) -> Rule:
        """429 flood control: PTB raises RetryAfter(seconds)."""
        fault = Fault(429, f"Too Many Requests: retry after {seconds}", {"retry_after": seconds})
        return self.add(fault, **match)

    def blocked(self, **match: Any) -> Rule:
        return self.add(Fault(403, "Forbidden: bot was blocked by the user"), **match)

    def deactivated(self, **match: Any) -> Rule:
        return self.add(Fault(403, "Forbidden: user is deactivated"), **match)

    def kicked(self, **match: Any) -> Rule:
        description = "Forbidden: bot was kicked from the supergroup chat"
        return self.add(Fault(403, description), **match)

    def chat_not_found(self, **match: Any) -> Rule:
        return self.add(Fault(400, "Bad Request: chat not found"), **match)

    def migrated(self, to_chat_id: int, **match: Any) -> Rule:
        description = "Bad Request: group chat was upgraded to a supergroup chat"
        return self.add(Fault(400, description, {"migrate_to_chat_id": to_chat_id}), **match)

    def server_error(self, code: int = 500, **match: Any) -> Rule:
        description = "Internal Server Error" if code == 500 else "Bad Gateway"
        return self.add(Fault(code, description), **match)

    def slow(self, seconds: float, **match: Any) -> Rule:
        """Answer normally, but only after `seconds` (a timeout test sets it above PTB's)."""
        return self.add(Fault(delay=seconds), **match)
