"""The cleanup job: once an hour, prune what the store no longer needs (storage/cleanup.py).

The first job fills the store (feeds), the second delivers from it (the outbox sender), this
third one keeps it from growing without bound.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram.ext import Application, ContextTypes

from bot.settings import Settings
from storage.cleanup import PruneReport, prune

log = logging.getLogger(__name__)
EVERY_SECONDS = 3600


async def prune_store(
    sessions: async_sessionmaker[AsyncSession], settings: Settings, *, now: datetime | None = None
) -> PruneReport:
    return await prune(
        sessions,
        now=now or datetime.now(UTC),
        outbox_days=settings.outbox_retention_days,
        seen_days=settings.feed_seen_retention_days,
    )


def schedule_cleanup(
    application: Application,  # type: ignore[type-arg]
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async def cleanup(context: ContextTypes.DEFAULT_TYPE) -> None:
        try:
            report = await prune_store(sessions, settings)
        except Exception:  # the next hour tries again; readers are unaffected
            log.exception("cleanup pass failed")
            return
        if report.deliveries or report.seen_items:
            log.info("cleanup: %s", report.summary_line())

    queue = application.job_queue
    assert queue is not None
    queue.run_repeating(
        cleanup,
        interval=EVERY_SECONDS,
        first=60,
        name="cleanup",
        job_kwargs={"max_instances": 1, "coalesce": True},
    )
