"""When a subscriber's digest is due, in its own time zone, and the period it belongs to.

A daily digest belongs to the local date (`daily:2026-03-29`), so it is written once per
local day whatever the tick's timing. The local digest time is resolved like a wall clock:
a time skipped by a spring-forward change fires at the same offset after the change (02:30
→ 03:30), a repeated fall-back time fires at its first occurrence. A digest missed while the
bot was down is still written within the catch-up window, never later.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def zone(name: str) -> tzinfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def local_moment(day: date, at: time, tz: tzinfo) -> datetime:
    """The UTC instant of wall-clock `at` on `day` in `tz` (gap and fold resolved as above)."""
    naive = datetime.combine(day, at.replace(tzinfo=None))
    return naive.replace(tzinfo=tz, fold=0).astimezone(UTC)


def daily_period(
    now: datetime,
    at: time,
    tz_name: str,
    *,
    catchup: timedelta,
    not_before: datetime | None = None,
) -> str | None:
    """The key of the daily digest due at `now`, or None.

    Due: the digest moment of today (or yesterday, for a moment just before midnight) has
    passed by less than `catchup`, and is not before `not_before` (the subscription start).
    """
    tz = zone(tz_name)
    today = now.astimezone(tz).date()
    for day in (today, today - timedelta(days=1)):
        moment = local_moment(day, at, tz)
        if moment <= now < moment + catchup and (not_before is None or moment >= not_before):
            return f"daily:{day.isoformat()}"
    return None


def instant_period(cursor: int | None) -> str:
    """An instant digest is keyed by the cursor it starts from: two ticks starting from the
    same cursor write one row, whichever wins."""
    return f"instant:{cursor or 0}"
