"""How politely and how often feeds are polled, and when a failing one is given up on.

The numbers live in one dataclass handed to `poll_due_feeds`, so the CLI, the bot's job and
the tests choose them without globals; the schedule functions are pure.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

USER_AGENT = "digestbot/0.1 (news digest bot; polls at most every few minutes)"
ONE_DAY_S = 24 * 3600


@dataclass(frozen=True, slots=True)
class FeedPolicy:
    """Polling limits; every field has a sensible default for a small deployment."""

    interval_s: int = 600
    max_ttl_s: int = 6 * 3600
    max_backoff_s: int = ONE_DAY_S
    broken_after: int = 10
    concurrency: int = 8
    connect_timeout_s: float = 10.0
    read_timeout_s: float = 20.0
    total_timeout_s: float = 60.0
    max_body_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    user_agent: str = USER_AGENT
    feeds_per_pass: int = 200
    lease_s: int = 900
    full_text_per_feed: int = 30
    jitter: float = 0.1
    trust_env: bool = True


def effective_interval_s(interval_s: int, ttl_s: int | None, policy: FeedPolicy) -> int:
    """The feed's own interval, stretched to its `ttl` when that is longer (up to a bound)."""
    if ttl_s is None:
        return interval_s
    return max(interval_s, min(ttl_s, policy.max_ttl_s))


def backoff_s(interval_s: int, failures: int, policy: FeedPolicy) -> int:
    """Doubling from the feed's interval with each consecutive failure, capped at a day."""
    if failures <= 0:
        return interval_s
    return int(min(interval_s * 2 ** min(failures - 1, 30), policy.max_backoff_s))


def jittered(now: datetime, delay_s: float, source_id: int, policy: FeedPolicy) -> datetime:
    """`now + delay`, moved by up to ±jitter so feeds added together drift apart."""
    spread = random.Random(source_id * 1_000_003 + int(now.timestamp())).uniform(-1.0, 1.0)
    return now + timedelta(seconds=delay_s * (1 + policy.jitter * spread))


def staggered_start(now: datetime, index: int, count: int, interval_s: int) -> datetime:
    """First poll of the `index`-th of `count` feeds imported together: spread over one
    interval instead of all at once."""
    if count <= 1:
        return now
    return now + timedelta(seconds=interval_s * index / count)
