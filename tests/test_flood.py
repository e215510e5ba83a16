"""A reader who hammers the bot is slowed, warned once, and served again after a pause."""

from bot.flood import FloodGuard, Verdict


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_hundred_commands_in_a_burst_get_the_burst_and_one_warning() -> None:
    guard = FloodGuard(limit=10, per_second=1, clock=Clock())
    verdicts = [guard.check(42) for _ in range(100)]
    assert verdicts.count(Verdict.SERVE) == 10
    assert verdicts.count(Verdict.WARN) == 1
    assert verdicts.count(Verdict.DROP) == 89


def test_a_person_clicking_once_a_second_is_never_slowed() -> None:
    clock = Clock()
    guard = FloodGuard(limit=10, per_second=1, clock=clock)
    for second in range(120):
        clock.now = second
        assert guard.check(7) is Verdict.SERVE


def test_tokens_come_back_with_time() -> None:
    clock = Clock()
    guard = FloodGuard(limit=2, per_second=1, clock=clock)
    assert [guard.check(1) for _ in range(3)] == [Verdict.SERVE, Verdict.SERVE, Verdict.WARN]
    clock.now = 1.0
    assert guard.check(1) is Verdict.SERVE
    assert guard.check(1) is Verdict.WARN  # warned again: the previous warning was answered


def test_one_readers_flood_does_not_slow_another() -> None:
    guard = FloodGuard(limit=1, clock=Clock())
    guard.check(1)
    guard.check(1)
    assert guard.check(2) is Verdict.SERVE


def test_memory_is_bounded_by_forgetting_idle_users() -> None:
    clock = Clock()
    guard = FloodGuard(limit=1, per_second=1, clock=clock, max_users=10)
    for user in range(10):
        guard.check(user)
    clock.now = 5
    guard.check(99)
    assert len(guard._buckets) == 1


def test_limit_zero_switches_the_guard_off() -> None:
    guard = FloodGuard(limit=0, clock=Clock())
    assert all(guard.check(7) is Verdict.SERVE for _ in range(1000))
