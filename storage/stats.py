"""The numbers behind `/stats`: subscribers, items, deliveries, the outbox, the last tick."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.tables import Article, BotState, Delivery, Subscriber

TICK_STATE = "tick"


@dataclass(frozen=True, slots=True)
class Numbers:
    active_by_language: dict[str, int]
    new_this_week: int
    lost_this_week: int
    items: int
    items_today: int
    digests_today: int
    messages_today: int
    failures_today: int
    backlog: int
    last_tick: datetime | None


async def _count(session: AsyncSession, model: type, *conditions: object) -> int:
    statement = select(func.count()).select_from(model).where(*conditions)  # type: ignore[arg-type]
    return int(await session.scalar(statement) or 0)


async def numbers(session: AsyncSession, *, week_start: datetime, day_start: datetime) -> Numbers:
    """Counts since `day_start` (the admin's midnight) and `week_start` (seven days ago)."""
    by_language = await session.execute(
        select(Subscriber.language, func.count())
        .where(Subscriber.active.is_(True))
        .group_by(Subscriber.language)
    )
    sent_today = await session.execute(
        select(Delivery.period_key.startswith("bc:"), func.count(), func.sum(Delivery.parts_sent))
        .where(Delivery.status == "sent", Delivery.sent_at >= day_start)
        .group_by(Delivery.period_key.startswith("bc:"))
    )
    digests = messages = 0
    for is_broadcast, rows, parts in sent_today.tuples():
        messages += int(parts or 0)
        digests += 0 if is_broadcast else int(rows)
    return Numbers(
        active_by_language={str(lang): int(n) for lang, n in by_language.tuples()},
        new_this_week=await _count(
            session, Subscriber, Subscriber.created_at >= week_start, Subscriber.active.is_(True)
        ),
        lost_this_week=await _count(session, Subscriber, Subscriber.deactivated_at >= week_start),
        items=await _count(session, Article),
        items_today=await _count(session, Article, Article.ingested_at >= day_start),
        digests_today=digests,
        messages_today=messages,
        failures_today=await _count(
            session, Delivery, Delivery.status == "failed", Delivery.updated_at >= day_start
        ),
        backlog=await _count(session, Delivery, Delivery.status.in_(("pending", "sending"))),
        last_tick=await session.scalar(
            select(BotState.updated_at).where(BotState.name == TICK_STATE)
        ),
    )
