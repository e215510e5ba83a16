"""Filling a store for delivery tests: subscribers whose digest is due, fresh articles."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta
from typing import Any

from conftest import run_blocking
from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from digests.models import ArticleDraft
from storage.articles import save_articles
from storage.engine import open_database
from storage.tables import Delivery, Subscriber, table_of

FIRST_CHAT = 5_000_001


def due_time(now: datetime | None = None, minutes_ago: int = 2) -> time:
    """A UTC wall-clock digest time a little in the past (not across midnight)."""
    moment = (now or datetime.now(UTC)) - timedelta(minutes=minutes_ago)
    if moment.date() != (now or datetime.now(UTC)).date():
        return time(0, 0)
    return moment.time().replace(second=0, microsecond=0)


async def add_subscribers(
    session: AsyncSession,
    chat_ids: Sequence[int],
    *,
    digest_time: time | None = None,
    timezone: str = "UTC",
    mode: str = "daily",
    kind: str = "private",
    **extra: Any,
) -> None:
    now = datetime.now(UTC)
    rows = [
        {
            "chat_id": chat_id,
            "kind": kind,
            "language": "en",
            "timezone": timezone,
            "digest_time": digest_time or due_time(now),
            "mode": mode,
            "languages": [],
            "include_keywords": [],
            "exclude_keywords": [],
            "active": True,
            "created_at": now - timedelta(days=2),
            "updated_at": now,
            "digest_when_empty": False,
            **extra,
        }
        for chat_id in chat_ids
    ]
    await session.execute(insert(table_of(Subscriber)), rows)
    await session.commit()


def drafts(count: int, *, stamp: str = "", lang: str = "en") -> list[ArticleDraft]:
    now = datetime.now(UTC)
    return [
        ArticleDraft(
            title=f"Story {stamp}{n}: the council {n} votes on road {n * 7}",
            body=(
                f"The council number {n} met on {stamp} and voted {n * 3} to {n} on a new road "
                f"plan costing {n * 11} million. Residents of district {n} welcomed it."
            ),
            url=f"https://news.example.kz/{stamp}{n}",
            published=now - timedelta(minutes=n),
            source=f"Source {n % 3}",
            lang=lang,
        )
        for n in range(1, count + 1)
    ]


async def add_articles(session: AsyncSession, items: Sequence[ArticleDraft]) -> None:
    await save_articles(session, [(draft, None) for draft in items])


def fill_store(url: str, chat_ids: Sequence[int], *, articles: int = 3, **options: Any) -> None:
    """A store (migrated) holding `articles` fresh articles and these due subscribers."""
    async def fill() -> None:
        database = await open_database(url)
        try:
            async with database.sessions() as session:
                await add_articles(session, drafts(articles))
                await add_subscribers(session, chat_ids, **options)
        finally:
            await database.close()

    run_blocking(fill())


def outbox_status(url: str) -> dict[str, int]:
    async def read() -> dict[str, int]:
        database = await open_database(url, migrate=False)
        try:
            async with database.sessions() as session:
                rows = await session.execute(
                    select(Delivery.status, func.count()).group_by(Delivery.status)
                )
                return {str(s): int(n) for s, n in rows.tuples()}
        finally:
            await database.close()

    return run_blocking(read())


def claimers(url: str) -> dict[str, int]:
    """Sent rows by the sender that claimed them (who did the work)."""

    async def read() -> dict[str, int]:
        database = await open_database(url, migrate=False)
        try:
            async with database.sessions() as session:
                rows = await session.execute(
                    select(Delivery.claimed_by, func.count())
                    .where(Delivery.status == "sent")
                    .group_by(Delivery.claimed_by)
                )
                return {str(c): int(n) for c, n in rows.tuples()}
        finally:
            await database.close()

    return run_blocking(read())
