"""Admin storage on SQLite and PostgreSQL: the audit log, stored admins, broadcasts that
start once and cancel what is pending, and admin drafts held out of digests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from delivery_support import add_subscribers
from sqlalchemy import select, text, update

from storage.admin_items import discard_draft, draft_origin, mark_pushed, release_to_digests
from storage.admins import add_admin, is_stored_admin, remove_admin, stored_admins
from storage.articles import save_articles
from storage.audit import audit_count, recent_audit, write_audit
from storage.broadcasts import (
    Audience,
    broadcast_counts,
    cancel_broadcast,
    create_broadcast,
    finish_broadcast,
    get_broadcast,
    period_key,
    recipients,
    start_broadcast,
    unfinished_broadcasts,
)
from storage.deliveries import NewDelivery, pool_articles
from storage.engine import Database
from storage.tables import Delivery, Subscriber
from storage.types import utc_now


@pytest.fixture
async def store(database: Database) -> AsyncIterator[Database]:
    """The shared fixture empties the reader tables; these are emptied here."""
    if database.dialect == "postgresql":
        async with database.engine.begin() as connection:
            await connection.execute(
                text("TRUNCATE admins, audit_log, broadcasts RESTART IDENTITY CASCADE")
            )
    yield database


async def test_audit_entries_are_committed_and_read_newest_first(store: Database) -> None:
    async with store.sessions() as session:
        await write_audit(session, 7, "broadcast.prepare", "x" * 2000)
        await write_audit(session, 8, "stats", "")
    async with store.sessions() as session:
        entries = await recent_audit(session, 10)
        assert [(e.admin_id, e.action) for e in entries] == [(8, "stats"), (7, "broadcast.prepare")]
        assert len(entries[1].detail) == 500 and await audit_count(session) == 2


async def test_stored_admins_are_added_once_and_removed(store: Database) -> None:
    async with store.sessions() as session:
        assert await add_admin(session, 42, added_by=1)
        assert not await add_admin(session, 42, added_by=1)
        assert await is_stored_admin(session, 42) and await stored_admins(session) == [42]
        assert await remove_admin(session, 42) and not await remove_admin(session, 42)
        assert not await is_stored_admin(session, 42)


async def test_a_broadcast_starts_once_and_cancel_stops_only_what_is_pending(
    store: Database,
) -> None:
    async with store.sessions() as session:
        await add_subscribers(session, range(100, 110), language="kk")
        await add_subscribers(session, range(110, 114), language="ru", include_keywords=["Oil"])
        everyone = await recipients(session, Audience())
        assert len(everyone) == 14
        assert len(await recipients(session, Audience(language="ru"))) == 4
        assert len(await recipients(session, Audience(keyword="oil"))) == 4
        assert await recipients(session, Audience(instant_only=True)) == []
        bid = await create_broadcast(
            session, admin_id=1, admin_chat_id=1, audience=Audience(), text="<b>hi</b>"
        )
        key = period_key(bid)
        rows = [NewDelivery(r.subscriber_id, key, ["<b>hi</b>"], None) for r in everyone]
        assert await start_broadcast(session, bid, 55, rows)
        assert not await start_broadcast(session, bid, 55, rows)  # pressed twice
        assert (await broadcast_counts(session, bid)).waiting == 14
        await session.execute(
            update(Delivery).where(Delivery.id <= 3).values(status="sent", sent_at=utc_now())
        )
        await session.execute(
            update(Delivery)
            .where(Delivery.id == 4)
            .values(status="sending", lease_until=utc_now() + timedelta(seconds=60))
        )
        await session.commit()
        assert await cancel_broadcast(session, bid) == 10
        counts = await broadcast_counts(session, bid)
        assert (counts.sent, counts.cancelled, counts.waiting) == (3, 10, 1)
        broadcast = await get_broadcast(session, bid)
        assert broadcast is not None and broadcast.status == "cancelled"
        assert broadcast.progress_message_id == 55 and broadcast.total == 14
        assert [b.id for b in await unfinished_broadcasts(session)] == [bid]
        assert await finish_broadcast(session, bid) and not await finish_broadcast(session, bid)
        assert await unfinished_broadcasts(session) == []


async def test_admin_drafts_stay_out_of_digests_until_released(
    store: Database, make_draft: object
) -> None:
    assert callable(make_draft)
    async with store.sessions() as session:
        saved = await save_articles(
            session, [(make_draft(), None), (make_draft(), None)],
            origins=[draft_origin(7), None],
        )
        draft, plain = (o.article_id for o in saved)

        async def pooled() -> set[int]:
            since = utc_now() - timedelta(days=1)
            return {a.id for a in await pool_articles(session, after_id=0, since=since)}

        assert await pooled() == {plain}
        await release_to_digests(session, draft)
        assert await pooled() == {draft, plain}
        await mark_pushed(session, plain)
        assert await pooled() == {draft}
        assert not await discard_draft(session, draft)  # released: stored news now
        [again] = await save_articles(session, [(make_draft(), None)], origins=[draft_origin(7)])
        assert await discard_draft(session, again.article_id)
        assert again.article_id not in await pooled()
        assert (await session.scalar(select(Subscriber.id).limit(1))) is None
