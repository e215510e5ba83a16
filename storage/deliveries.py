"""Writing digests into the outbox: who is subscribed, what is new, one row per period.

The outbox row's unique (subscriber, period) key makes enqueueing idempotent: two ticks, a
restart, or two bot processes writing the same digest insert it once; only the insert that
won moves the subscriber's cursor (the newest article id the digest covered).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from sqlalchemy import ColumnElement, bindparam, func, or_, select, tuple_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from storage.articles import _with_key_quotes
from storage.records import StoredArticle
from storage.tables import Article, Delivery, Source, Subscriber, table_of
from storage.types import utc_now

POOL_LIMIT = 5000
# Origins of articles digests leave out: an admin's draft awaiting a decision, or an item
# already pushed to readers as breaking news.
HELD_PREFIX = "held:"


@dataclass(frozen=True, slots=True)
class SubscriberSchedule:
    """What the tick needs of one active subscriber."""

    id: int
    chat_id: int
    language: str
    timezone: str
    digest_time: time
    mode: str
    languages: list[str]
    include_keywords: list[str]
    exclude_keywords: list[str]
    cursor: int | None
    digest_when_empty: bool
    created_at: datetime


@dataclass(frozen=True, slots=True)
class NewDelivery:
    subscriber_id: int
    period_key: str
    messages: list[str]
    cursor: int | None
    status: str = "pending"


async def active_schedules(session: AsyncSession) -> list[SubscriberSchedule]:
    rows = await session.execute(
        select(Subscriber).where(Subscriber.active.is_(True)).order_by(Subscriber.id)
    )
    return [
        SubscriberSchedule(
            id=s.id, chat_id=s.chat_id, language=s.language, timezone=s.timezone,
            digest_time=s.digest_time, mode=s.mode, languages=list(s.languages or []),
            include_keywords=list(s.include_keywords or []),
            exclude_keywords=list(s.exclude_keywords or []), cursor=s.digest_cursor,
            digest_when_empty=s.digest_when_empty, created_at=s.created_at,
        )
        for s in rows.scalars()
    ]


async def existing_periods(
    session: AsyncSession, keys: Iterable[tuple[int, str]]
) -> set[tuple[int, str]]:
    """Which of these (subscriber id, period key) pairs already have an outbox row."""
    wanted = set(keys)
    if not wanted:
        return set()
    periods = sorted({period for _, period in wanted})
    found: set[tuple[int, str]] = set()
    for start in range(0, len(periods), 500):
        rows = await session.execute(
            select(Delivery.subscriber_id, Delivery.period_key).where(
                Delivery.period_key.in_(periods[start : start + 500])
            )
        )
        found.update((int(s), str(p)) for s, p in rows.tuples())
    return found & wanted


def not_held() -> ColumnElement[bool]:
    return or_(Article.origin.is_(None), ~Article.origin.startswith(HELD_PREFIX))


async def pool_articles(
    session: AsyncSession, *, after_id: int, since: datetime, limit: int = POOL_LIMIT
) -> list[StoredArticle]:
    """Articles newer than `after_id` and ingested since `since`, oldest first, with key
    quotes: the material of every digest written in one tick."""
    rows = (
        await session.execute(
            select(Article, Source.name)
            .outerjoin(Source, Source.id == Article.source_id)
            .where(Article.id > after_id, Article.ingested_at >= since, not_held())
            .order_by(Article.id.desc())
            .limit(limit)
        )
    ).tuples().all()
    return list(reversed(await _with_key_quotes(session, [(a, s) for a, s in rows])))


async def newest_article_id(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.coalesce(func.max(Article.id), 0))) or 0)


async def enqueue(session: AsyncSession, deliveries: Sequence[NewDelivery]) -> list[int]:
    """Insert outbox rows, skipping (subscriber, period) pairs already there, and move the
    cursor of each subscriber whose row this call inserted; commits; returns their ids."""
    if not deliveries:
        return []
    now = utc_now()
    rows: list[dict[str, Any]] = [
        {
            "subscriber_id": d.subscriber_id,
            "period_key": d.period_key,
            "status": d.status,
            "attempts": 0,
            "next_attempt_at": now,
            "message_ids": [],
            "messages": d.messages,
            "parts_sent": 0,
            "created_at": now,
            "updated_at": now,
            "sent_at": now if d.status != "pending" else None,
        }
        for d in deliveries
    ]
    dialect = session.bind.dialect.name
    make_insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = (
        make_insert(table_of(Delivery))
        .on_conflict_do_nothing(index_elements=["subscriber_id", "period_key"])
        .returning(table_of(Delivery).c.subscriber_id, table_of(Delivery).c.period_key)
    )
    inserted: set[tuple[int, str]] = set()
    for start in range(0, len(rows), 500):
        result = await session.execute(statement.values(rows[start : start + 500]))
        inserted.update((int(s), str(p)) for s, p in result.tuples())
    moved = [
        {"sid": d.subscriber_id, "cursor": d.cursor, "at": now}
        for d in deliveries
        if (d.subscriber_id, d.period_key) in inserted and d.cursor is not None
    ]
    if moved:
        subscribers = table_of(Subscriber)
        await session.execute(
            update(subscribers)
            .where(subscribers.c.id == bindparam("sid"))
            .values(digest_cursor=bindparam("cursor"), last_digest_at=bindparam("at")),
            moved,
        )
    await session.commit()
    return sorted({s for s, _ in inserted})


async def delivery_rows(
    session: AsyncSession, keys: Iterable[tuple[int, str]]
) -> dict[tuple[int, str], str]:
    """Status of the outbox rows for these (subscriber id, period key) pairs (tests, status)."""
    wanted = list(keys)
    if not wanted:
        return {}
    rows = await session.execute(
        select(Delivery.subscriber_id, Delivery.period_key, Delivery.status).where(
            tuple_(Delivery.subscriber_id, Delivery.period_key).in_(wanted)
        )
    )
    return {(int(s), str(p)): str(status) for s, p, status in rows.tuples()}
