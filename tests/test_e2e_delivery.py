"""Scheduled digests from the real bot process to the Bot API emulator: paced within
Telegram's limits, through 429s, 403s, 5xx, migrations, a kill -9, and two processes.

Every test fills a store with due subscribers and fresh articles before the bot starts; the
tick runs every 0.5 s instead of a minute. Tests that are not about pacing lift the limits.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import run_blocking
from delivery_support import (
    FIRST_CHAT,
    add_articles,
    claimers,
    drafts,
    fill_store,
    outbox_status,
)
from harness import Telegram
from harness.faults import Fault
from harness.process import BotProcess

from storage.engine import open_database
from storage.subscribers import get_chat

pytest_plugins = ("harness.fixtures",)

REPO = Path(__file__).resolve().parents[1]
SHARED_SPEC = REPO.parent / "shared" / "data" / "telegram-bot-api" / "api.json"
pytestmark = pytest.mark.skipif(
    not SHARED_SPEC.exists(), reason="../shared/data/telegram-bot-api/api.json is not present"
)
FAST = {
    "DELIVERY_TICK_SECONDS": "0.5",
    "DELIVERY_MAX_PER_SECOND": "1000",
    "DELIVERY_PRIVATE_INTERVAL_SECONDS": "0",
    "DELIVERY_RETRY_BASE_SECONDS": "0.2",
    "DELIVERY_LEASE_SECONDS": "3",
}


def env_for(url: str, tmp_path: Path, **extra: str) -> dict[str, str]:
    return {"DATABASE_URL": url, "SEEDS_DIR": str(tmp_path / "no-seeds"), **extra}


def chats_reached(telegram: Telegram) -> set[int | str]:
    return {r.chat_id for r in telegram.log.sends() if r.chat_id is not None}


async def wait_reached(telegram: Telegram, chats: set[int], timeout: float) -> None:
    await telegram.wait_for(lambda: chats <= chats_reached(telegram), timeout, interval=0.1)


def sqlite_store(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path / 'store.db'}"


@pytest.mark.slow
async def test_500_subscribers_are_paced_within_telegrams_limits(
    telegram_api: Telegram, bot_process: Callable[..., BotProcess], tmp_path: Path
) -> None:
    """Default limits: ≤30 sends in any second, ≥1 s between two sends to one chat (30 of
    the subscribers get a multi-part digest), and the rate achieved close to 30/s."""
    telegram_api.state.auto_create_chats = True
    url = sqlite_store(tmp_path)
    long_chats = list(range(FIRST_CHAT, FIRST_CHAT + 30))
    short_chats = list(range(FIRST_CHAT + 30, FIRST_CHAT + 500))
    fill_store(url, short_chats, articles=0, languages=["kk"])

    async def more() -> None:
        database = await open_database(url)
        async with database.sessions() as session:
            await add_articles(session, drafts(1, stamp="kk", lang="kk"))
            await add_articles(session, long_drafts(12))
        await database.close()

    run_blocking(more())
    fill_store(url, long_chats, articles=0)
    process = bot_process(env=env_for(url, tmp_path, DELIVERY_TICK_SECONDS="0.5"))
    await process.wait_polling(60)
    await wait_reached(telegram_api, set(long_chats + short_chats), timeout=60)
    await telegram_api.wait_for(lambda: outbox_status(url).get("sent") == 500, 10, 0.2)

    sends = telegram_api.log.sends()
    per_chat = Counter(r.chat_id for r in sends)
    assert all(per_chat[c] >= 2 for c in long_chats) and len(sends) == sum(per_chat.values())
    assert max(telegram_api.log.per_second().values()) <= 30
    assert telegram_api.log.max_in_window(1.0) <= 30
    assert min(telegram_api.log.min_gap_per_chat().values()) >= 1.0
    for chat in long_chats:  # the parts of a digest arrive in order
        texts = [m.html or "" for m in telegram_api.sent(chat)]
        assert "Your daily digest" in texts[0] and all("daily digest" not in t for t in texts[1:])
    span = sends[-1].at - sends[0].at
    # The rate while there is more work than the per-chat limits allow (at the end only the
    # 30 multi-part digests are left, each at 1 message/s).
    steady = 400 / (sends[400].at - sends[0].at)
    print(f"pacing: {len(sends)} sends in {span:.1f} s, {steady:.2f}/s over the first 400; "
          f"max in 1 s window {telegram_api.log.max_in_window(1.0)}; "
          f"min gap per chat {min(telegram_api.log.min_gap_per_chat().values()):.3f} s")
    assert steady >= 0.97 * 30
    assert telegram_api.spec_violations == []


def long_drafts(count: int) -> list:  # type: ignore[type-arg]
    items = drafts(count, stamp="long")
    return [
        item.__class__(
            title=item.title,
            body=" ".join(f"Sentence {n} of a long report on {item.title}." for n in range(60)),
            url=item.url, published=item.published, source=item.source, lang="en",
        )
        for item in items
    ]


async def test_429_pauses_as_told_and_everyone_gets_the_digest(
    telegram_api: Telegram, bot_process: Callable[..., BotProcess], tmp_path: Path
) -> None:
    telegram_api.state.auto_create_chats = True
    url = sqlite_store(tmp_path)
    chats = list(range(FIRST_CHAT, FIRST_CHAT + 150))
    fill_store(url, chats)
    rule = telegram_api.faults.retry_after(1, method="sendMessage", probability=0.05, times=4)
    process = bot_process(env=env_for(url, tmp_path, **FAST))
    await process.wait_polling(60)
    await wait_reached(telegram_api, set(chats), timeout=40)

    assert rule.fired == 4
    records = [r for r in telegram_api.log.snapshot("sendMessage")]
    ok = Counter(r.chat_id for r in records if r.ok)
    assert set(ok) == set(chats) and max(ok.values()) == 1
    for limited in (r for r in records if r.status == 429):
        later = [r for r in records if r.chat_id == limited.chat_id and r.at > limited.at]
        assert later and later[0].at - limited.at >= 1.0  # the same chat waited as told
        # ...and so did everyone: no request started inside the pause
        inside = [
            r for r in records
            if limited.answered_at + 0.05 < r.at < limited.answered_at + 0.95
        ]
        assert inside == []
    assert telegram_api.spec_violations == []


async def test_gone_chats_are_deactivated_and_the_rest_delivered(
    telegram_api: Telegram, bot_process: Callable[..., BotProcess], tmp_path: Path
) -> None:
    """403 blocked, 400 chat not found, a group migrated to a supergroup, and a 400 on our
    message: each handled its own way, and nobody else is held up."""
    telegram_api.state.auto_create_chats = True
    url = sqlite_store(tmp_path)
    chats = list(range(FIRST_CHAT, FIRST_CHAT + 60))
    blocked = chats[:10]
    for chat_id in blocked:
        record = telegram_api.state.chat(chat_id)
        assert record is not None
        record.blocked = True
    missing = 9_999_999_999  # never seen by the emulator: chat not found
    telegram_api.state.auto_create_chats = True
    old_group = telegram_api.group("Old group", supergroup=False)
    new_group = telegram_api.group("Upgraded group", supergroup=True)
    old_group.migrated_to = new_group.id
    refused = chats[-1]
    telegram_api.faults.add(
        Fault(400, "Bad Request: can't parse entities: unsupported start tag"), chat_id=refused
    )
    fill_store(url, chats, articles=3)
    fill_store(url, [old_group.id], articles=0, kind="group")
    fill_store(url, [-missing], articles=0, kind="group")
    process = bot_process(env=env_for(url, tmp_path, **FAST))
    await process.wait_polling(60)
    delivered = set(chats[10:-1]) | {new_group.id}
    await telegram_api.wait_for(
        lambda: delivered <= {r.chat_id for r in telegram_api.log.sends()}, 30, 0.1
    )
    await telegram_api.wait_for(lambda: outbox_status(url).get("sending", 0) == 0, 10, 0.2)

    status = outbox_status(url)
    assert status == {"sent": 50, "deactivated": 11, "failed": 1}, status

    async def chats_now() -> tuple[list[bool], str | None, int | None]:
        database = await open_database(url)
        async with database.sessions() as session:
            gone = [await get_chat(session, c) for c in blocked]
            moved = await get_chat(session, new_group.id)
        await database.close()
        return [bool(c and c.active) for c in gone], None, moved.chat_id if moved else None

    active, _, moved_id = run_blocking(chats_now())
    assert active == [False] * 10 and moved_id == new_group.id
    assert "can't parse entities" in process.output and "Telegram refused digest" in process.output


async def test_server_errors_are_retried_until_delivered(
    telegram_api: Telegram, bot_process: Callable[..., BotProcess], tmp_path: Path
) -> None:
    telegram_api.state.auto_create_chats = True
    url = sqlite_store(tmp_path)
    chats = list(range(FIRST_CHAT, FIRST_CHAT + 80))
    fill_store(url, chats)
    errors = telegram_api.faults.server_error(500, method="sendMessage", every=3, times=40)
    gateway = telegram_api.faults.server_error(502, method="sendMessage", probability=0.1)
    process = bot_process(env=env_for(url, tmp_path, **FAST))
    await process.wait_polling(60)
    await wait_reached(telegram_api, set(chats), timeout=40)
    ok = Counter(r.chat_id for r in telegram_api.log.sends())
    assert set(ok) == set(chats) and max(ok.values()) == 1
    assert errors.fired == 40 and gateway.fired > 0
    await telegram_api.wait_for(lambda: outbox_status(url) == {"sent": 80}, 10, 0.2)


async def test_kill_9_mid_broadcast_resumes_with_at_most_the_in_flight_sent_twice(
    telegram_api: Telegram, bot_process: Callable[..., BotProcess], tmp_path: Path
) -> None:
    telegram_api.state.auto_create_chats = True
    url = sqlite_store(tmp_path)
    chats = list(range(FIRST_CHAT, FIRST_CHAT + 400))
    fill_store(url, chats)
    env = env_for(url, tmp_path, **{**FAST, "DELIVERY_MAX_PER_SECOND": "100"})
    first = bot_process(env=env)
    await first.wait_polling(60)
    await telegram_api.wait_for(lambda: len(telegram_api.log.sends()) >= 150, 30, 0.01)
    first.kill()
    sent_before = len(telegram_api.log.sends())
    in_flight = outbox_status(url).get("sending", 0)
    assert 0 < sent_before < len(chats)

    started = time.monotonic()
    second = bot_process(env=env)
    await second.wait_polling(60)
    await wait_reached(telegram_api, set(chats), timeout=60)
    await telegram_api.wait_for(lambda: outbox_status(url) == {"sent": 400}, 15, 0.2)
    sends = Counter(r.chat_id for r in telegram_api.log.sends())
    duplicates = sum(n - 1 for n in sends.values())
    print(f"kill -9 after {sent_before} sends: {in_flight} in flight, {duplicates} duplicate(s), "
          f"resumed and finished in {time.monotonic() - started:.1f} s")
    assert set(sends) == set(chats)
    assert duplicates <= in_flight


@pytest.mark.postgres
async def test_two_processes_on_one_postgres_send_nothing_twice(
    postgres_database_factory: Callable[..., str], tmp_path: Path
) -> None:
    url = postgres_database_factory()
    chats = list(range(FIRST_CHAT, FIRST_CHAT + 400))
    fill_store(url, chats)
    with Telegram(parallel_polls_conflict=False) as telegram:
        telegram.state.auto_create_chats = True
        env = env_for(url, tmp_path, **{**FAST, "DELIVERY_MAX_PER_SECOND": "150"})
        processes = [
            BotProcess(telegram, tmp_path / name, env=env)
            for name in ("one", "two")
        ]
        for process in processes:
            process.workdir.mkdir()
            process.output_path = process.workdir / "bot-output.log"
            process.start()
        try:
            for process in processes:
                await process.wait_polling(60)
            await wait_reached(telegram, set(chats), timeout=60)
            await telegram.wait_for(lambda: outbox_status(url) == {"sent": 400}, 15, 0.2)
        finally:
            for process in processes:
                process.stop()
        sends = Counter(r.chat_id for r in telegram.log.sends())
        workers = {str(p.output).count("delivery sender") for p in processes}
        assert set(sends) == set(chats)
        assert max(sends.values()) == 1, "a digest was sent twice"
        assert workers == {1}
        by_process = [p.output.count("digest(s) written") for p in processes]
        shares = sorted(claimers(url).values())
        print(f"two processes: 400 delivered once each; sent per sender {shares}; "
              f"ticks that wrote rows per process {by_process}")
        assert len(shares) == 2 and sum(shares) == 400  # both senders took part
