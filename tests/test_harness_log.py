"""The request log answers pacing questions: sends per second, per window, per chat."""

from __future__ import annotations

from harness.log import RequestLog, RequestRecord


def _log(*sends: tuple[float, int]) -> RequestLog:
    log = RequestLog()
    for at, chat_id in sends:
        log.add(RequestRecord("sendMessage", {}, chat_id, at, 1_700_000_000 + at, status=200))
    log.add(RequestRecord("getUpdates", {}, None, 0.5, 1_700_000_000.5, status=200))
    log.add(RequestRecord("sendMessage", {}, 9, 0.6, 1_700_000_000.6, status=429))
    return log


def test_sends_are_bucketed_per_second_from_the_first() -> None:
    log = _log((10.0, 1), (10.2, 2), (10.9, 3), (11.1, 1))
    assert log.per_second() == {0: 3, 1: 1}
    assert log.per_second(ok_only=False) == {0: 1, 10: 3, 11: 1}  # the 429 counts too


def test_a_sliding_window_catches_bursts_that_straddle_seconds() -> None:
    log = _log((0.9, 1), (0.95, 2), (1.05, 3), (1.1, 4))
    assert max(log.per_second().values()) == 2
    assert log.max_in_window(1.0) == 4


def test_the_smallest_gap_per_chat_shows_a_second_message_too_soon() -> None:
    log = _log((0.0, 1), (1.5, 1), (2.0, 1), (0.0, 2))
    gaps = log.min_gap_per_chat()
    assert gaps == {1: 0.5}
