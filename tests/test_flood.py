"""A reader who hammers the bot is slowed, warned once, and served again after a pause."""

from bot.flood import FloodGuard, Verdict


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_hundred_commands_in_a_burst_get_limit_replies_and_one_warning() -> None:
    clock = Clock()
    guard = FloodGuard(limit=8, window_seconds=10, clock=clock)
    verdicts = [guard.check(42) for _ in range(100)]
    assert verdicts.count(Verdict.SERVE) == 8
    assert verdicts.count(Verdict.WARN) == 1
    assert verdicts.count(Verdict.DROP) == 91


def test_reader_is_served_again_once_the_window_passes() -> None:
    clock = Clock()
    guard = FloodGuard(limit=2, window_seconds=10, clock=clock)
    assert [guard.check(1) for _ in range(3)] == [Verdict.SERVE, Verdict.SERVE, Verdict.WARN]
    clock.now = 10.5
    assert guard.check(1) is Verdict.SERVE


def test_one_readers_flood_does_not_slow_another() -> None:
    guard = FloodGuard(limit=1, window_seconds=10, clock=Clock())
    guard.check(1)
    guard.check(1)
    assert guard.check(2) is Verdict.SERVE


def test_memory_is_bounded_by_forgetting_idle_users() -> None:
    clock = Clock()
    guard = FloodGuard(limit=1, window_seconds=1, clock=clock, max_users=10)
    for user in range(10):
        guard.check(user)
    clock.now = 5
    guard.check(99)
    assert guard.check(0) is Verdict.SERVE


def test_limit_zero_switches_the_guard_off() -> None:
    guard = FloodGuard(limit=0, clock=Clock())
    assert all(guard.check(7) is Verdict.SERVE for _ in range(1000))
