"""Cached answers expire, are bounded, can be dropped, and a zero TTL caches nothing."""

from bot.reply_cache import TtlCache


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_value_lives_for_its_ttl_only() -> None:
    clock = Clock()
    cache: TtlCache[str] = TtlCache(5, clock=clock)
    cache.put("latest", "page")
    clock.now = 4.9
    assert cache.get("latest") == "page"
    clock.now = 5.0
    assert cache.get("latest") is None


def test_oldest_entries_go_first_beyond_capacity() -> None:
    cache: TtlCache[int] = TtlCache(60, capacity=2, clock=Clock())
    for key in ("a", "b", "c"):
        cache.put(key, 1)
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == (None, 1, 1)


def test_forget_drops_one_key_and_zero_ttl_caches_nothing() -> None:
    cache: TtlCache[int] = TtlCache(60, clock=Clock())
    cache.put(1, 1)
    cache.forget(1)
    assert cache.get(1) is None
    off: TtlCache[int] = TtlCache(0, clock=Clock())
    assert off.put("x", 3) == 3 and off.get("x") is None
