"""The tick on a real store: due digests written once, composed per subscriber, cursors
moved, empty periods quiet, instant subscribers served from what is new."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from delivery_support import add_articles, add_subscribers, drafts
from sqlalchemy import select

from bot.delivery.tick import run_tick
from bot.settings import Settings
from storage.engine import Database
from storage.tables import Delivery, Subscriber

SETTINGS = Settings(digest_max_items=2)


async def _rows(database: Database) -> list[Delivery]:
    async with database.sessions() as session:
        return list((await session.execute(select(Delivery).order_by(Delivery.id))).scalars())


async def test_a_due_digest_is_written_once_with_its_top_items(database: Database) -> None:
    now = datetime.now(UTC)
    async with database.sessions() as session:
        await add_articles(session, drafts(4))
        await add_subscribers(session, [1, 2], digest_time=time(0, 0), timezone="UTC")
    noon = now.replace(hour=3, minute=0)
    first = await run_tick(database.sessions, SETTINGS, now=noon)
    second = await run_tick(database.sessions, SETTINGS, now=noon + timedelta(minutes=1))
    assert (first.enqueued, second.enqueued, second.due) == (2, 0, 0)
    rows = await _rows(database)
    assert [r.period_key for r in rows] == [f"daily:{noon.date().isoformat()}"] * 2
    text = "\n".join(rows[0].messages)
    assert "Your daily digest" in text and "…and 2 more — /latest" in text
    async with database.sessions() as session:
        cursors = set((await session.execute(select(Subscriber.digest_cursor))).scalars())
    assert cursors == {4}


async def test_filters_and_languages_shape_each_digest(database: Database) -> None:
    now = datetime.now(UTC)
    async with database.sessions() as session:
        await add_articles(session, drafts(3, stamp="en"))
        await add_articles(session, drafts(2, stamp="kk", lang="kk"))
        await add_subscribers(session, [1], digest_time=time(0), timezone="UTC", languages=["kk"])
        await add_subscribers(
            session, [2], digest_time=time(0), timezone="UTC", include_keywords=["district 3"]
        )
        await add_subscribers(
            session, [3], digest_time=time(0), timezone="UTC", include_keywords=["nothing"]
        )
    report = await run_tick(database.sessions, Settings(), now=now.replace(hour=3))
    assert report.enqueued == 3 and report.empty == 1
    rows = {r.subscriber_id: r for r in await _rows(database)}
    kk = "\n".join(rows[1].messages)
    assert "Story kk1" in kk and "Story en1" not in kk
    district = "\n".join(rows[2].messages)
    assert "district 3" in district and "Story en1:" not in district
    assert rows[3].status == "skipped" and rows[3].messages == []


async def test_instant_subscribers_get_only_what_is_new(database: Database) -> None:
    now = datetime.now(UTC)
    async with database.sessions() as session:
        await add_articles(session, drafts(2, stamp="a"))
        await add_subscribers(session, [7], mode="instant")
    assert (await run_tick(database.sessions, SETTINGS, now=now)).enqueued == 1
    assert (await run_tick(database.sessions, SETTINGS, now=now)).enqueued == 0  # nothing new
    async with database.sessions() as session:
        await add_articles(session, drafts(1, stamp="b"))
    assert (await run_tick(database.sessions, SETTINGS, now=now)).enqueued == 1
    rows = await _rows(database)
    assert [r.period_key for r in rows] == ["instant:0", "instant:2"]
    assert "Story b1" in rows[1].messages[0] and "Story a1" not in rows[1].messages[0]
    assert "New in the news" in rows[1].messages[0]


async def test_near_duplicates_fold_into_one_item_naming_both_sources(
    database: Database,
) -> None:
    base = drafts(1, stamp="x")[0]
    twin = base.__class__(
        title=base.title, body=base.body + " Officials confirmed.", url="https://other.kz/1",
        published=base.published, source="Other Agency", lang="en",
    )
    async with database.sessions() as session:
        await add_articles(session, [base, twin])
        await add_subscribers(session, [9], digest_time=time(0), timezone="UTC")
    await run_tick(database.sessions, SETTINGS, now=datetime.now(UTC).replace(hour=3))
    text = (await _rows(database))[0].messages[0]
    assert text.count("Story x1") == 1
    assert "Also reported by: Other Agency" in text
