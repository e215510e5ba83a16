"""Feed sources: adding and listing them, claiming the due ones, recording how a fetch went,
and the identities of items already seen.

Policy (intervals, backoff, when a feed counts as broken) is the caller's; this module only
reads and writes the state it is given, so every process sharing the store sees the same.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.lookups import chunks, insert_ignoring_conflicts
from storage.tables import FeedItemSeen, Source, table_of

FEED = "feed"


class FeedExistsError(ValueError):
    """A feed with this URL is already in the store."""


@dataclass(frozen=True, slots=True)
class FeedSource:
    """A feed and its polling state, as stored."""

    id: int
    name: str
    url: str
    title: str | None
    site_url: str | None
    category: str | None
    etag: str | None
    last_modified: str | None
    poll_interval_s: int
    ttl_s: int | None
    next_poll_at: datetime | None
    last_fetch_at: datetime | None
    last_success_at: datetime | None
    last_status: str | None
    last_error: str | None
    consecutive_failures: int
    broken: bool
    paused: bool
    items_seen: int


@dataclass(frozen=True, slots=True)
class SeenIdentity:
    key: str
    kind: str
    article_id: int | None


def _feed(row: Source) -> FeedSource:
    return FeedSource(
        id=row.id, name=row.name, url=row.url or "", title=row.title, site_url=row.site_url,
        category=row.category, etag=row.etag, last_modified=row.last_modified,
        poll_interval_s=row.poll_interval_s, ttl_s=row.ttl_s, next_poll_at=row.next_poll_at,
        last_fetch_at=row.last_fetch_at, last_success_at=row.last_success_at,
        last_status=row.last_status, last_error=row.last_error,
        consecutive_failures=row.consecutive_failures, broken=row.broken, paused=row.paused,
        items_seen=row.items_seen,
    )


async def add_feed(
    session: AsyncSession,
    url: str,
    *,
    now: datetime,
    interval_s: int,
    name: str | None = None,
    title: str | None = None,
    site_url: str | None = None,
    category: str | None = None,
    first_poll_at: datetime | None = None,
) -> FeedSource:
    """Store a new feed (committed); raises FeedExistsError for a URL already stored."""
    url = url.strip()
    if (await session.execute(select(Source.id).where(Source.url == url))).first():
        raise FeedExistsError(f"feed already added: {url}")
    row = Source(
        name=await _free_name(session, name or title or _name_from_url(url)),
        kind=FEED, url=url, created_at=now, title=title, site_url=site_url, category=category,
        poll_interval_s=interval_s, next_poll_at=first_poll_at or now,
        consecutive_failures=0, broken=False, paused=False, items_seen=0,
    )
    session.add(row)
    await session.commit()
    stored = await find_feed(session, str(row.id))
    assert stored is not None
    return stored


def _name_from_url(url: str) -> str:
    parts = urlsplit(url)
    host = (parts.hostname or url).removeprefix("www.")
    return host[:300]


async def _free_name(session: AsyncSession, wanted: str) -> str:
    """`wanted`, or `wanted (2)`, `wanted (3)`... whichever no source has yet."""
    wanted = " ".join(wanted.split())[:280] or "feed"
    taken = set(
        (
            await session.execute(
                select(Source.name).where(
                    or_(Source.name == wanted, Source.name.like(f"{wanted} (%)"))
                )
            )
        ).scalars()
    )
    candidate, number = wanted, 1
    while candidate in taken:
        number += 1
        candidate = f"{wanted} ({number})"
    return candidate


async def list_feeds(session: AsyncSession) -> list[FeedSource]:
    rows = await session.execute(select(Source).where(Source.kind == FEED).order_by(Source.id))
    return [_feed(row) for row in rows.scalars()]


async def find_feed(session: AsyncSession, url_or_id: str) -> FeedSource | None:
    """A feed by its URL, its id (digits) or its name."""
    condition = or_(Source.url == url_or_id.strip(), Source.name == url_or_id.strip())
    if url_or_id.strip().isdigit():
        condition = or_(condition, Source.id == int(url_or_id.strip()))
    row = (
        await session.execute(select(Source).where(Source.kind == FEED, condition).limit(1))
    ).scalar_one_or_none()
    return _feed(row) if row else None


async def remove_feed(session: AsyncSession, source_id: int) -> None:
    """Delete the feed and its seen items; its articles stay, without a source."""
    await session.execute(delete(Source).where(Source.id == source_id, Source.kind == FEED))
    await session.commit()


async def set_paused(
    session: AsyncSession, source_id: int, paused: bool, *, now: datetime
) -> None:
    """Pause, or resume (which also clears `broken` and polls at once)."""
    values: dict[str, Any] = {"paused": paused}
    if not paused:
        values.update(broken=False, consecutive_failures=0, next_poll_at=now)
    await session.execute(update(Source).where(Source.id == source_id).values(**values))
    await session.commit()


async def claim_feeds(
    session: AsyncSession,
    *,
    now: datetime,
    lease: timedelta,
    limit: int,
    due_only: bool = True,
) -> list[FeedSource]:
    """Feeds to poll now, pushed `lease` ahead so other processes skip them (committed).

    Due means not paused, not broken, and `next_poll_at` reached; with `due_only=False`
    every unpaused feed, broken ones included, is taken.
    """
    statement = select(Source).where(Source.kind == FEED, Source.paused.is_(False))
    if due_only:
        statement = statement.where(
            Source.broken.is_(False),
            or_(Source.next_poll_at.is_(None), Source.next_poll_at <= now),
        )
    statement = statement.order_by(Source.next_poll_at.nulls_first(), Source.id).limit(limit)
    if session.get_bind().dialect.name == "postgresql":
        statement = statement.with_for_update(skip_locked=True)
    rows = list((await session.execute(statement)).scalars())
    claimed = [_feed(row) for row in rows]
    if rows:
        await session.execute(
            update(Source)
            .where(Source.id.in_([row.id for row in rows]))
            .values(next_poll_at=now + lease)
        )
    await session.commit()
    return claimed


async def record_success(
    session: AsyncSession,
    source_id: int,
    *,
    now: datetime,
    status: str,
    next_poll_at: datetime,
    etag: str | None,
    last_modified: str | None,
    ttl_s: int | None = None,
    title: str | None = None,
    site_url: str | None = None,
    warning: str | None = None,
    new_items: int = 0,
) -> None:
    """A fetch that worked (200 or 304): failures reset, validators kept for the next GET."""
    values: dict[str, Any] = {
        "last_fetch_at": now, "last_success_at": now, "last_status": status,
        "last_error": warning, "consecutive_failures": 0, "broken": False,
        "next_poll_at": next_poll_at, "etag": etag, "last_modified": last_modified,
        "items_seen": Source.items_seen + new_items,
    }
    if ttl_s is not None:
        values["ttl_s"] = ttl_s
    if title:
        values["title"] = title
    if site_url:
        values["site_url"] = site_url
    await session.execute(update(Source).where(Source.id == source_id).values(**values))
    await session.commit()


async def record_failure(
    session: AsyncSession,
    source_id: int,
    *,
    now: datetime,
    status: str,
    reason: str,
    next_poll_at: datetime,
    failures: int,
    broken: bool,
) -> None:
    """A fetch or parse that failed: the reason a person reads in `feeds list` and /sources."""
    await session.execute(
        update(Source)
        .where(Source.id == source_id)
        .values(
            last_fetch_at=now, last_status=status, last_error=reason[:2000],
            consecutive_failures=failures, broken=broken, next_poll_at=next_poll_at,
        )
    )
    await session.commit()


async def move_feed(session: AsyncSession, source_id: int, new_url: str) -> bool:
    """Follow a permanent redirect; False (nothing changed) when another feed has that URL."""
    taken = await session.execute(
        select(Source.id).where(Source.url == new_url, Source.id != source_id)
    )
    if taken.first():
        return False
    await session.execute(update(Source).where(Source.id == source_id).values(url=new_url))
    await session.commit()
    return True


async def seen_keys(session: AsyncSession, source_id: int, keys: Collection[str]) -> set[str]:
    """Which of `keys` this feed has sent before."""
    found: set[str] = set()
    for part in chunks(sorted(set(keys))):
        rows = await session.execute(
            select(FeedItemSeen.key).where(
                FeedItemSeen.source_id == source_id, FeedItemSeen.key.in_(part)
            )
        )
        found.update(rows.scalars())
    return found


async def mark_seen(
    session: AsyncSession, source_id: int, identities: Sequence[SeenIdentity], *, now: datetime
) -> None:
    """Remember identities (committed); ones already stored are left as they are."""
    rows = [
        {"source_id": source_id, "key": i.key, "kind": i.kind, "article_id": i.article_id,
         "seen_at": now}
        for i in {identity.key: identity for identity in identities}.values()
    ]
    if rows:
        statement = insert_ignoring_conflicts(
            session, table_of(FeedItemSeen), "source_id", "key"
        )
        for part in chunks(rows):
            await session.execute(statement, list(part))
    await session.commit()


async def count_seen(session: AsyncSession, source_id: int) -> int:
    statement = select(func.count()).where(FeedItemSeen.source_id == source_id)
    return int((await session.execute(statement)).scalar_one())
