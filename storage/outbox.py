"""Draining the outbox: claim due rows under a lease, record what happened, in batches.

A claim moves rows from `pending` (due) — or from `sending` whose lease ran out, i.e. a sender
that died mid-send — to `sending`, stamped with the claimer and a lease, in one statement:
on PostgreSQL the candidate rows are picked `FOR UPDATE SKIP LOCKED`, so two processes never
claim the same row; SQLite runs one writer at a time, so the same UPDATE is atomic there.
Results are written with one executemany per batch, only where the claimer still holds the
row (a sender whose lease was taken over never overwrites the new holder).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import and_, bindparam, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.tables import Delivery, Subscriber, table_of
from storage.types import utc_now

STATUSES = ("pending", "sending", "sent", "failed", "deactivated", "skipped")


@dataclass(frozen=True, slots=True)
class Claimed:
    """One outbox row a sender now holds, with where it goes."""

    id: int
    subscriber_id: int
    period_key: str
    chat_id: int
    chat_kind: str
    active: bool
    messages: list[str]
    parts_sent: int
    message_ids: list[int]
    attempts: int


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of a claimed row; `deactivate` carries the reason the chat is gone."""

    id: int
    status: str
    parts_sent: int
    message_ids: list[int]
    next_attempt_at: datetime | None = None
    last_error: str | None = None
    subscriber_id: int | None = None
    deactivate: str | None = None
    sent_at: datetime | None = field(default=None)


async def claim(
    session: AsyncSession, worker: str, limit: int, lease: timedelta
) -> list[Claimed]:
    """Take up to `limit` due rows (oldest due first) for `worker`; commits."""
    now = utc_now()
    due = or_(
        and_(Delivery.status == "pending", Delivery.next_attempt_at <= now),
        and_(Delivery.status == "sending", Delivery.lease_until < now),
    )
    candidates = (
        select(Delivery.id)
        .where(due)
        .order_by(Delivery.next_attempt_at, Delivery.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    claimed = await session.execute(
        update(Delivery)
        .where(Delivery.id.in_(candidates.scalar_subquery()))
        .values(
            status="sending",
            lease_until=now + lease,
            claimed_by=worker,
            attempts=Delivery.attempts + 1,
            updated_at=now,
        )
        .returning(Delivery.id)
        .execution_options(synchronize_session=False)
    )
    ids = [int(i) for i in claimed.scalars()]
    if not ids:
        await session.commit()
        return []
    rows = await session.execute(
        select(Delivery, Subscriber)
        .join(Subscriber, Subscriber.id == Delivery.subscriber_id)
        .where(Delivery.id.in_(ids))
        .order_by(Delivery.next_attempt_at, Delivery.id)
    )
    result = [
        Claimed(
            id=d.id, subscriber_id=s.id, period_key=d.period_key, chat_id=s.chat_id,
            chat_kind=s.kind, active=s.active, messages=list(d.messages or []),
            parts_sent=d.parts_sent, message_ids=list(d.message_ids or []), attempts=d.attempts,
        )
        for d, s in rows.tuples()
    ]
    await session.commit()
    return result


async def renew(session: AsyncSession, worker: str, ids: Sequence[int], lease: timedelta) -> int:
    """Extend the lease of rows `worker` still holds; commits; returns how many."""
    if not ids:
        return 0
    now = utc_now()
    result = await session.execute(
        update(Delivery)
        .where(
            Delivery.id.in_(list(ids)),
            Delivery.claimed_by == worker,
            Delivery.status == "sending",
        )
        .values(lease_until=now + lease)
        .execution_options(synchronize_session=False)
    )
    await session.commit()
    return int(getattr(result, "rowcount", 0) or 0)


async def release(session: AsyncSession, worker: str, ids: Sequence[int]) -> None:
    """Give back rows claimed but not started (a clean stop): due again at once."""
    if not ids:
        return
    await session.execute(
        update(Delivery)
        .where(
            Delivery.id.in_(list(ids)),
            Delivery.claimed_by == worker,
            Delivery.status == "sending",
        )
        .values(
            status="pending",
            lease_until=None,
            claimed_by=None,
            attempts=Delivery.attempts - 1,
            next_attempt_at=utc_now(),
        )
        .execution_options(synchronize_session=False)
    )
    await session.commit()


async def record(session: AsyncSession, worker: str, outcomes: Sequence[Outcome]) -> None:
    """Write a batch of outcomes (and deactivate gone chats) in one transaction; commits."""
    if not outcomes:
        return
    now = utc_now()
    deliveries = table_of(Delivery)
    await session.execute(
        update(deliveries)
        .where(deliveries.c.id == bindparam("b_id"), deliveries.c.claimed_by == worker)
        .values(
            status=bindparam("b_status"),
            parts_sent=bindparam("b_parts"),
            message_ids=bindparam("b_message_ids"),
            next_attempt_at=bindparam("b_next"),
            last_error=bindparam("b_error"),
            sent_at=bindparam("b_sent_at"),
            lease_until=None,
            updated_at=now,
        ),
        [
            {
                "b_id": o.id,
                "b_status": o.status,
                "b_parts": o.parts_sent,
                "b_message_ids": o.message_ids,
                "b_next": o.next_attempt_at,
                "b_error": o.last_error,
                "b_sent_at": o.sent_at or (now if o.status == "sent" else None),
            }
            for o in outcomes
        ],
    )
    gone = [
        {"b_sid": o.subscriber_id, "b_reason": o.deactivate}
        for o in outcomes
        if o.deactivate and o.subscriber_id is not None
    ]
    if gone:
        subscribers = table_of(Subscriber)
        await session.execute(
            update(subscribers)
            .where(subscribers.c.id == bindparam("b_sid"))
            .values(
                active=False,
                deactivated_at=now,
                deactivated_reason=bindparam("b_reason"),
                updated_at=now,
            ),
            gone,
        )
    await session.commit()


async def move_subscriber(session: AsyncSession, subscriber_id: int, new_chat_id: int) -> None:
    """A group became a supergroup: its subscription follows it to `new_chat_id`.

    The supergroup may already have a row of its own (it talked to the bot): an inactive one
    gives way; an active one keeps its preferences and this old row is switched off.
    """
    other = await session.scalar(select(Subscriber).where(Subscriber.chat_id == new_chat_id))
    if other is not None and other.id != subscriber_id:
        if other.active:
            await session.execute(
                update(Subscriber)
                .where(Subscriber.id == subscriber_id)
                .values(active=False, deactivated_reason=f"migrated to {new_chat_id}")
            )
            await session.commit()
            return
        await session.execute(delete(Subscriber).where(Subscriber.id == other.id))
    await session.execute(
        update(Subscriber)
        .where(Subscriber.id == subscriber_id)
        .values(chat_id=new_chat_id, updated_at=utc_now())
    )
    await session.commit()


async def outbox_counts(session: AsyncSession) -> dict[str, int]:
    """Outbox rows by status (every status listed, zero when none)."""
    rows = await session.execute(select(Delivery.status, func.count()).group_by(Delivery.status))
    counts = dict.fromkeys(STATUSES, 0)
    counts.update({str(status): int(n) for status, n in rows.tuples()})
    return counts


async def due_count(session: AsyncSession) -> int:
    """Rows a sender could claim now: work that is waiting."""
    now = utc_now()
    return int(
        await session.scalar(
            select(func.count())
            .select_from(Delivery)
            .where(
                or_(
                    and_(Delivery.status == "pending", Delivery.next_attempt_at <= now),
                    and_(Delivery.status == "sending", Delivery.lease_until < now),
                )
            )
        )
        or 0
    )


async def deactivated_count(session: AsyncSession) -> int:
    return int(
        await session.scalar(
            select(func.count())
            .select_from(Subscriber)
            .where(Subscriber.deactivated_reason.is_not(None), Subscriber.active.is_(False))
        )
        or 0
    )
