"""Feed sources in the store, on SQLite and PostgreSQL: add, claim due, record, seen items."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from storage.engine import Database
from storage.sources import (
    FeedExistsError,
    SeenIdentity,
    add_feed,
    claim_feeds,
    count_seen,
    find_feed,
    list_feeds,
    mark_seen,
    move_feed,
    record_failure,
    record_success,
    remove_feed,
    seen_keys,
    set_paused,
)
from storage.tables import Base

NOW = datetime(2025, 12, 1, 9, 0, tzinfo=UTC)
LEASE = timedelta(minutes=15)


async def test_add_names_feeds_by_host_and_refuses_the_same_url(database: Database) -> None:
    async with database.sessions() as session:
        first = await add_feed(session, "https://www.kaz.example/rss", now=NOW, interval_s=600)
        second = await add_feed(session, "https://kaz.example/ru/rss", now=NOW, interval_s=600)
        titled = await add_feed(session, "https://a.example/x", now=NOW, interval_s=60,
                                title="Ақпарат", category="Қазақстан")
        with pytest.raises(FeedExistsError):
            await add_feed(session, "https://www.kaz.example/rss", now=NOW, interval_s=600)
        await session.rollback()
        names = (first.name, second.name, titled.name)
        assert names == ("kaz.example", "kaz.example (2)", "Ақпарат")
        assert first.next_poll_at == NOW and not first.broken and first.items_seen == 0
        assert [f.url for f in await list_feeds(session)] == [first.url, second.url, titled.url]
        assert (await find_feed(session, str(second.id))) == second
        assert (await find_feed(session, "Ақпарат")) == titled


async def test_claim_takes_due_unpaused_unbroken_feeds_and_leases_them(database: Database) -> None:
    async with database.sessions() as session:
        due = await add_feed(session, "https://a.example/1", now=NOW, interval_s=600)
        later = await add_feed(session, "https://a.example/2", now=NOW, interval_s=600,
                               first_poll_at=NOW + timedelta(minutes=5))
        paused = await add_feed(session, "https://a.example/3", now=NOW, interval_s=600)
        broken = await add_feed(session, "https://a.example/4", now=NOW, interval_s=600)
        await set_paused(session, paused.id, True, now=NOW)
        await record_failure(session, broken.id, now=NOW, status="500", reason="HTTP 500",
                             next_poll_at=NOW, failures=10, broken=True)
        claimed = await claim_feeds(session, now=NOW, lease=LEASE, limit=10)
        assert [f.id for f in claimed] == [due.id]
        assert await claim_feeds(session, now=NOW, lease=LEASE, limit=10) == []
        everything = await claim_feeds(session, now=NOW, lease=LEASE, limit=10, due_only=False)
        assert {f.id for f in everything} == {due.id, later.id, broken.id}
        await set_paused(session, broken.id, False, now=NOW)
        resumed = await find_feed(session, str(broken.id))
        assert resumed and not resumed.broken and resumed.consecutive_failures == 0


async def test_success_and_failure_are_recorded(database: Database) -> None:
    async with database.sessions() as session:
        feed = await add_feed(session, "https://a.example/rss", now=NOW, interval_s=600)
        await record_failure(session, feed.id, now=NOW, status="timeout", reason="no answer",
                             next_poll_at=NOW + timedelta(hours=1), failures=3, broken=False)
        failed = await find_feed(session, feed.url)
        assert failed and failed.last_error == "no answer" and failed.consecutive_failures == 3
        await record_success(session, feed.id, now=NOW, status="200", etag='"v1"',
                             last_modified="Mon, 01 Dec 2025 09:00:00 GMT", ttl_s=1800,
                             next_poll_at=NOW + timedelta(minutes=30), title="Жаңалықтар",
                             new_items=5)
        await record_success(session, feed.id, now=NOW, status="304", etag='"v1"',
                             last_modified=None, next_poll_at=NOW, new_items=2)
        ok = await find_feed(session, feed.url)
        assert ok and ok.consecutive_failures == 0 and ok.last_error is None
        assert (ok.etag, ok.ttl_s, ok.title, ok.items_seen) == ('"v1"', 1800, "Жаңалықтар", 7)


async def test_seen_items_and_permanent_moves(database: Database) -> None:
    async with database.sessions() as session:
        feed = await add_feed(session, "https://a.example/rss", now=NOW, interval_s=600)
        other = await add_feed(session, "https://b.example/rss", now=NOW, interval_s=600)
        seen = [SeenIdentity("a" * 64, "guid", None), SeenIdentity("b" * 64, "hash", None)]
        await mark_seen(session, feed.id, seen, now=NOW)
        await mark_seen(session, feed.id, seen, now=NOW)
        assert await seen_keys(session, feed.id, ["a" * 64, "c" * 64]) == {"a" * 64}
        assert await seen_keys(session, other.id, ["a" * 64]) == set()
        assert await count_seen(session, feed.id) == 2
        assert not await move_feed(session, feed.id, other.url)
        assert await move_feed(session, feed.id, "https://a.example/new-rss")
        assert (await find_feed(session, "https://a.example/new-rss")) is not None
        await remove_feed(session, feed.id)
        assert await count_seen(session, feed.id) == 0
        assert [f.id for f in await list_feeds(session)] == [other.id]


async def test_models_match_the_migrations(database: Database) -> None:
    def differences(connection: object) -> list[object]:
        context = MigrationContext.configure(connection)  # type: ignore[arg-type]
        return [
            diff for diff in compare_metadata(context, Base.metadata)
            if "sources" in repr(diff) or "feed_items_seen" in repr(diff)
        ]

    async with database.engine.connect() as connection:
        assert await connection.run_sync(differences) == []
        version = (await connection.execute(text("SELECT version_num FROM alembic_version")))
        assert version.scalar_one() >= "0002"


async def test_upgrade_from_0001_keeps_existing_sources(empty_database_url: str) -> None:
    from alembic import command

    from storage.engine import create_engine
    from storage.migrate import _config

    engine = create_engine(empty_database_url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(lambda c: command.upgrade(_config(c), "0001"))
            await connection.execute(text(
                "INSERT INTO sources (name, kind, created_at) VALUES ('old', 'file', :now)"
            ), {"now": NOW.replace(tzinfo=None)})
            await connection.run_sync(lambda c: command.upgrade(_config(c), "head"))
            row = (await connection.execute(text(
                "SELECT poll_interval_s, consecutive_failures, broken, paused, items_seen "
                "FROM sources WHERE name = 'old'"
            ))).one()
        assert tuple(row) == (600, 0, False, False, 0)
    finally:
        await engine.dispose()
