"""The third job's store side: forget what nothing will ask about again.

Finished outbox rows are only history once their period is past (the tick never queues an
old period again), and a feed's seen-item keys only save a page fetch for items the feed
still lists; an article that comes back anyway is caught by its URL or content hash. Both
are deleted in small batches so a prune never holds the store's write lock for long.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Select, delete, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.tables import Delivery, FeedItemSeen

FINISHED = ("sent", "skipped", "failed", "deactivated")
BATCH = 5_000


@dataclass(frozen=True, slots=True)
class PruneReport:
    deliveries: int
    seen_items: int

    def summary_line(self) -> str:
        return f"pruned {self.deliveries} finished deliveries, {self.seen_items} seen feed items"


async def prune(
    sessions: async_sessionmaker[AsyncSession],
    *,
    now: datetime,
    outbox_days: float,
    seen_days: float,
) -> PruneReport:
    deliveries = await _delete_in_batches(
        sessions,
        select(Delivery.id).where(
            Delivery.status.in_(FINISHED), Delivery.updated_at < now - timedelta(days=outbox_days)
        ),
        Delivery,
    )
    seen = await _delete_in_batches(
        sessions,
        select(FeedItemSeen.id).where(FeedItemSeen.seen_at < now - timedelta(days=seen_days)),
        FeedItemSeen,
    )
    return PruneReport(deliveries, seen)


async def _delete_in_batches(
    sessions: async_sessionmaker[AsyncSession],
    candidates: Select[tuple[int]],
    model: type[Delivery] | type[FeedItemSeen],
) -> int:
    total = 0
    while True:
        async with sessions() as session:
            ids = list((await session.scalars(candidates.limit(BATCH))).all())
            if not ids:
                return total
            await session.execute(delete(model).where(model.id.in_(ids)))
            await session.commit()
        total += len(ids)
        if len(ids) < BATCH:
            return total
