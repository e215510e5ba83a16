"""Pruning forgets finished history only: nothing pending, in flight or recent is touched."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from sqlalchemy import func, select

from storage.cleanup import prune
from storage.engine import Database
from storage.sources import SeenIdentity, add_feed, mark_seen
from storage.subscribers import ensure_chat
from storage.tables import Delivery, FeedItemSeen

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
OLD = NOW - timedelta(days=40)
RECENT = NOW - timedelta(days=2)


async def count(database: Database, model: type[Delivery] | type[FeedItemSeen]) -> int:
    async with database.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def test_old_finished_deliveries_go_pending_and_recent_ones_stay(database: Database) -> None:
    async with database.sessions() as session:
        chat = await ensure_chat(
            session,
            42,
            kind="private",
            language="kk",
            timezone="Asia/Almaty",
            digest_time=time(9, 0),
        )
        rows = [
            ("sent", OLD),
            ("skipped", OLD),
            ("failed", OLD),
            ("deactivated", OLD),
            ("pending", OLD),
            ("sending", OLD),
            ("sent", RECENT),
        ]
        for number, (status, when) in enumerate(rows):
            session.add(
                Delivery(
                    subscriber_id=chat.id,
                    period_key=f"daily:{number}",
                    status=status,
                    created_at=when,
                    updated_at=when,
                )
            )
        await session.commit()
    report = await prune(database.sessions, now=NOW, outbox_days=30, seen_days=90)
    assert report.deliveries == 4
    async with database.sessions() as session:
        left = (await session.execute(select(Delivery.status).order_by(Delivery.id))).scalars()
        assert list(left) == ["pending", "sending", "sent"]


async def test_seen_feed_items_are_forgotten_after_their_retention(database: Database) -> None:
    async with database.sessions() as session:
        feed = await add_feed(session, "https://news.example.kz/rss", now=NOW, interval_s=600)
        long_ago = NOW - timedelta(days=100)
        await mark_seen(session, feed.id, [SeenIdentity("old-guid", "guid", None)], now=long_ago)
        await mark_seen(session, feed.id, [SeenIdentity("new-guid", "guid", None)], now=RECENT)
    report = await prune(database.sessions, now=NOW, outbox_days=30, seen_days=90)
    assert report.seen_items == 1
    assert await count(database, FeedItemSeen) == 1


async def test_nothing_to_prune_is_a_quiet_zero(database: Database) -> None:
    report = await prune(database.sessions, now=NOW, outbox_days=30, seen_days=90)
    assert (report.deliveries, report.seen_items) == (0, 0)
    assert report.summary_line() == "pruned 0 finished deliveries, 0 seen feed items"
