"""When a daily digest is due in the subscriber's own zone: DST gaps and folds, midnight,
catch-up after downtime, half-hour zones, and never before the subscription existed."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from bot.delivery.periods import daily_period, instant_period, local_moment, zone

CATCHUP = timedelta(hours=6)


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_due_from_the_local_time_until_the_catch_up_window_ends() -> None:
    nine = time(9, 0)
    assert daily_period(at(2026, 5, 4, 6, 59), nine, "Europe/Berlin", catchup=CATCHUP) is None
    assert (
        daily_period(at(2026, 5, 4, 7, 0), nine, "Europe/Berlin", catchup=CATCHUP)
        == "daily:2026-05-04"
    )
    assert daily_period(at(2026, 5, 4, 12, 59), nine, "Europe/Berlin", catchup=CATCHUP)
    assert daily_period(at(2026, 5, 4, 13, 0), nine, "Europe/Berlin", catchup=CATCHUP) is None


def test_a_time_skipped_by_spring_forward_fires_an_hour_later_once() -> None:
    # Berlin, 29 March 2026: 02:00 CET jumps to 03:00 CEST; 02:30 does not exist.
    moment = local_moment(datetime(2026, 3, 29).date(), time(2, 30), zone("Europe/Berlin"))
    assert moment == at(2026, 3, 29, 1, 30)  # 03:30 CEST
    before = daily_period(at(2026, 3, 29, 1, 29), time(2, 30), "Europe/Berlin", catchup=CATCHUP)
    after = daily_period(at(2026, 3, 29, 1, 30), time(2, 30), "Europe/Berlin", catchup=CATCHUP)
    assert before is None and after == "daily:2026-03-29"


def test_a_time_repeated_by_fall_back_fires_at_its_first_occurrence_under_one_key() -> None:
    # Berlin, 25 October 2026: 03:00 CEST falls back to 02:00 CET; 02:30 happens twice.
    first = daily_period(at(2026, 10, 25, 0, 30), time(2, 30), "Europe/Berlin", catchup=CATCHUP)
    second = daily_period(at(2026, 10, 25, 1, 30), time(2, 30), "Europe/Berlin", catchup=CATCHUP)
    early = daily_period(at(2026, 10, 25, 0, 29), time(2, 30), "Europe/Berlin", catchup=CATCHUP)
    assert early is None
    assert first == second == "daily:2026-10-25"  # one outbox row for both 02:30s


def test_new_york_dst_day_is_still_one_digest_per_local_date() -> None:
    # 8 March 2026, New York: 09:00 EDT is 13:00 UTC (the day before it was 14:00 UTC).
    york = "America/New_York"
    assert daily_period(at(2026, 3, 8, 12, 59), time(9), york, catchup=CATCHUP) is None
    assert (
        daily_period(at(2026, 3, 8, 13, 0), time(9), "America/New_York", catchup=CATCHUP)
        == "daily:2026-03-08"
    )
    assert (
        daily_period(at(2026, 3, 7, 14, 0), time(9), "America/New_York", catchup=CATCHUP)
        == "daily:2026-03-07"
    )


def test_a_digest_just_before_midnight_is_caught_up_after_it() -> None:
    key = daily_period(at(2026, 1, 1, 0, 5), time(23, 55), "UTC", catchup=CATCHUP)
    assert key == "daily:2025-12-31"


def test_half_hour_zones_and_unknown_zones() -> None:
    assert daily_period(at(2026, 1, 5, 3, 30), time(9), "Asia/Kolkata", catchup=CATCHUP) == (
        "daily:2026-01-05"
    )
    assert daily_period(at(2026, 1, 5, 3, 29), time(9), "Asia/Kolkata", catchup=CATCHUP) is None
    assert daily_period(at(2026, 1, 5, 9, 0), time(9), "Not/AZone", catchup=CATCHUP) == (
        "daily:2026-01-05"
    )


def test_nothing_is_due_from_before_the_subscription() -> None:
    created = at(2026, 5, 4, 8, 0)
    assert (
        daily_period(at(2026, 5, 4, 9, 0), time(7), "UTC", catchup=CATCHUP, not_before=created)
        is None
    )
    assert daily_period(at(2026, 5, 5, 7, 0), time(7), "UTC", catchup=CATCHUP, not_before=created)


def test_instant_periods_are_keyed_by_the_cursor() -> None:
    assert instant_period(None) == "instant:0"
    assert instant_period(42) == "instant:42"
