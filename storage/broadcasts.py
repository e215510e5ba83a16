"""Broadcasts: a draft waiting for the admin's confirmation, then outbox rows keyed
`bc:<id>` (one per subscriber, so a restart or a second confirmation never sends twice),
counted for the progress message and the final report.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import and_, case, func, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.deliveries import NewDelivery, enqueue
from storage.tables import BroadcastRow, Delivery, Subscriber, table_of
from storage.types import utc_now

CANCELLED = "cancelled"
UNFINISHED = ("pending", "sending")


def period_key(broadcast_id: int) -> str:
    return f"bc:{broadcast_id}"


@dataclass(frozen=True, slots=True)
class Audience:
    """Who a broadcast goes to: everyone active, or one interface language, one keyword
    among the subscribers' include keywords, or only instant subscribers."""

    language: str | None = None
    keyword: str | None = None
    instant_only: bool = False

    def as_json(self) -> dict[str, str]:
        data = {"language": self.language or "", "keyword": self.keyword or ""}
        return data | ({"instant_only": "1"} if self.instant_only else {})

    @classmethod
    def from_json(cls, data: dict[str, str]) -> Audience:
        return cls(
            data.get("language") or None, data.get("keyword") or None,
            bool(data.get("instant_only")),
        )


@dataclass(frozen=True, slots=True)
class Recipient:
    subscriber_id: int
    language: str
    timezone: str


@dataclass(frozen=True, slots=True)
class Broadcast:
    id: int
    admin_id: int
    admin_chat_id: int
    text: str | None
    article_id: int | None
    audience: Audience
    status: str
    total: int
    progress_message_id: int | None
    started_at: datetime | None
    finished_at: datetime | None


@dataclass(slots=True)
class BroadcastCounts:
    """Outbox rows of one broadcast by outcome; `reasons` counts failures by last error."""

    sent: int = 0
    deactivated: int = 0
    failed: int = 0
    cancelled: int = 0
    skipped: int = 0
    waiting: int = 0
    reasons: Counter[str] = field(default_factory=Counter)

    @property
    def done(self) -> int:
        return self.sent + self.deactivated + self.failed + self.cancelled + self.skipped

    @property
    def total(self) -> int:
        return self.done + self.waiting


def _broadcast(row: BroadcastRow) -> Broadcast:
    return Broadcast(
        id=row.id, admin_id=row.admin_id, admin_chat_id=row.admin_chat_id, text=row.text,
        article_id=row.article_id, audience=Audience.from_json(dict(row.audience or {})),
        status=row.status, total=row.total, progress_message_id=row.progress_message_id,
        started_at=row.started_at, finished_at=row.finished_at,
    )


def _matches(row: Subscriber, audience: Audience) -> bool:
    if audience.language and row.language != audience.language:
        return False
    if audience.instant_only and row.mode != "instant":
        return False
    if audience.keyword:
        wanted = audience.keyword.casefold()
        return any(wanted == word.casefold() for word in row.include_keywords or [])
    return True


async def recipients(session: AsyncSession, audience: Audience) -> list[Recipient]:
    """Active subscribers in the audience, oldest first."""
    rows = await session.execute(
        select(Subscriber).where(Subscriber.active.is_(True)).order_by(Subscriber.id)
    )
    return [
        Recipient(row.id, row.language, row.timezone)
        for row in rows.scalars()
        if _matches(row, audience)
    ]


async def create_broadcast(
    session: AsyncSession,
    *,
    admin_id: int,
    admin_chat_id: int,
    audience: Audience,
    text: str | None = None,
    article_id: int | None = None,
) -> int:
    """A draft waiting for confirmation; commits; returns its id."""
    result = await session.execute(
        insert(table_of(BroadcastRow))
        .values(
            admin_id=admin_id, admin_chat_id=admin_chat_id, text=text, article_id=article_id,
            audience=audience.as_json(), status="draft", total=0, created_at=utc_now(),
        )
        .returning(table_of(BroadcastRow).c.id)
    )
    broadcast_id = int(result.scalar_one())
    await session.commit()
    return broadcast_id


async def get_broadcast(session: AsyncSession, broadcast_id: int) -> Broadcast | None:
    row = await session.get(BroadcastRow, broadcast_id, populate_existing=True)
    return _broadcast(row) if row is not None else None


async def start_broadcast(
    session: AsyncSession,
    broadcast_id: int,
    progress_message_id: int | None,
    deliveries: Sequence[NewDelivery],
) -> bool:
    """Draft → running and its outbox rows, in one transaction; False when it was not a
    draft any more (confirmed twice, or cancelled)."""
    won = await session.execute(
        update(BroadcastRow)
        .where(BroadcastRow.id == broadcast_id, BroadcastRow.status == "draft")
        .values(
            status="running", total=len(deliveries), started_at=utc_now(),
            progress_message_id=progress_message_id,
        )
        .execution_options(synchronize_session=False)
    )
    if not getattr(won, "rowcount", 0):
        await session.rollback()
        return False
    await enqueue(session, deliveries)
    await session.commit()
    return True


async def drop_draft(session: AsyncSession, broadcast_id: int) -> bool:
    """The admin said Cancel before confirming; commits."""
    result = await session.execute(
        update(BroadcastRow)
        .where(BroadcastRow.id == broadcast_id, BroadcastRow.status == "draft")
        .values(status="dropped", finished_at=utc_now())
        .execution_options(synchronize_session=False)
    )
    await session.commit()
    return bool(getattr(result, "rowcount", 0))


async def cancel_broadcast(session: AsyncSession, broadcast_id: int) -> int:
    """Stop what has not been sent (rows in flight finish); commits; returns rows stopped."""
    now = utc_now()
    stopped = await session.execute(
        update(Delivery)
        .where(
            Delivery.period_key == period_key(broadcast_id),
            or_(
                Delivery.status == "pending",
                and_(Delivery.status == "sending", Delivery.lease_until < now),
            ),
        )
        .values(status="skipped", last_error=CANCELLED, lease_until=None, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    await session.execute(
        update(BroadcastRow)
        .where(BroadcastRow.id == broadcast_id, BroadcastRow.status == "running")
        .values(status=CANCELLED)
        .execution_options(synchronize_session=False)
    )
    await session.commit()
    return int(getattr(stopped, "rowcount", 0) or 0)


async def newest_running(session: AsyncSession) -> int | None:
    found = await session.scalar(
        select(func.max(BroadcastRow.id)).where(BroadcastRow.status == "running")
    )
    return int(found) if found is not None else None


async def unfinished_broadcasts(session: AsyncSession) -> list[Broadcast]:
    """Started and not yet reported: the progress job's work (also after a restart)."""
    rows = await session.execute(
        select(BroadcastRow)
        .where(BroadcastRow.status.in_(("running", CANCELLED)), BroadcastRow.finished_at.is_(None))
        .order_by(BroadcastRow.id)
    )
    return [_broadcast(row) for row in rows.scalars()]


async def broadcast_counts(session: AsyncSession, broadcast_id: int) -> BroadcastCounts:
    rows = await session.execute(
        select(Delivery.status, Delivery.last_error, func.count())
        .where(Delivery.period_key == period_key(broadcast_id))
        .group_by(Delivery.status, Delivery.last_error)
    )
    counts = BroadcastCounts()
    for status, error, number in rows.tuples():
        n = int(number)
        if status in UNFINISHED:
            counts.waiting += n
        elif status == "sent":
            counts.sent += n
        elif status == "deactivated":
            counts.deactivated += n
        elif status == "failed":
            counts.failed += n
            counts.reasons[str(error or "?")] += n
        elif error == CANCELLED:
            counts.cancelled += n
        else:
            counts.skipped += n
    return counts


async def finish_broadcast(session: AsyncSession, broadcast_id: int) -> bool:
    """Mark it reported; commits; True only for the one caller that did (one report)."""
    result = await session.execute(
        update(BroadcastRow)
        .where(BroadcastRow.id == broadcast_id, BroadcastRow.finished_at.is_(None))
        .values(
            finished_at=utc_now(),
            status=case((BroadcastRow.status == "running", "done"), else_=BroadcastRow.status),
        )
        .execution_options(synchronize_session=False)
    )
    await session.commit()
    return bool(getattr(result, "rowcount", 0))
