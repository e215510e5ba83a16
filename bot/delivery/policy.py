"""What to do with each Bot API answer: the retry and backoff policy, in one place.

- 429: wait `retry_after` (the whole sender pauses) and send again; never given up.
- 5xx, timeouts, no connection: back off exponentially with jitter, up to MAX_ATTEMPTS.
- 403 (blocked, kicked, user deactivated) and 400 "chat not found" and its kin: the chat is
  gone; the subscriber is deactivated with Telegram's words as the reason.
- 400 with `migrate_to_chat_id`: the group became a supergroup; follow it and send again.
- any other 400: our message is wrong. Logged with the message, marked failed, the rest go on.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from enum import Enum

from bot.delivery.transport import Answer

MAX_BACKOFF = 600.0
MAX_ATTEMPTS = 40
GONE_400 = (
    "chat not found",
    "user not found",
    "peer_id_invalid",
    "group chat was deactivated",
    "chat_write_forbidden",
    "not enough rights to send",
    "need administrator rights",
    "bot was kicked",
    "user is deactivated",
)


class Verdict(Enum):
    SENT = "sent"
    RETRY_AFTER = "retry_after"
    MIGRATED = "migrated"
    GONE = "gone"
    OUR_BUG = "our_bug"
    BACK_OFF = "back_off"


@dataclass(frozen=True, slots=True)
class Decision:
    verdict: Verdict
    reason: str = ""
    wait: float = 0.0
    new_chat_id: int | None = None


def decide(answer: Answer) -> Decision:
    if answer.ok:
        return Decision(Verdict.SENT)
    reason = f"{answer.error_code}: {answer.description}".strip()
    if answer.error_code == 429 or answer.retry_after is not None:
        return Decision(Verdict.RETRY_AFTER, reason, wait=max(1.0, answer.retry_after or 1.0))
    if answer.migrate_to_chat_id is not None:
        return Decision(Verdict.MIGRATED, reason, new_chat_id=answer.migrate_to_chat_id)
    if answer.error_code == 403:
        return Decision(Verdict.GONE, reason)
    if answer.error_code == 400:
        if any(marker in answer.description.lower() for marker in GONE_400):
            return Decision(Verdict.GONE, reason)
        return Decision(Verdict.OUR_BUG, reason)
    return Decision(Verdict.BACK_OFF, reason)


def backoff(attempts: int, base: float, *, jitter: float | None = None) -> float:
    """Seconds before retry number `attempts` (1 = the first failure): base·2^(n-1), capped,
    times 0.5–1.0 so senders that failed together do not retry together."""
    factor = random.uniform(0.5, 1.0) if jitter is None else jitter
    return float(min(MAX_BACKOFF, base * 2.0 ** max(0, attempts - 1)) * factor)


def gives_up(attempts: int) -> bool:
    return attempts >= MAX_ATTEMPTS
