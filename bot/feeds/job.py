"""The feed poller as a JobQueue job in the bot process: fill the store, never crash the bot.

The job runs every FEED_POLL_SECONDS; `poll_due_feeds` picks only the feeds that are due
(each has its own interval and backoff) and claims them, so two bot processes on one
PostgreSQL share the work.
"""

from __future__ import annotations

import logging

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram.ext import Application, ContextTypes

from bot.feeds.policy import FeedPolicy
from bot.feeds.poll import poll_due_feeds
from bot.settings import Settings

log = logging.getLogger(__name__)


def schedule_feed_polling(
    application: Application,  # type: ignore[type-arg]
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    if settings.feed_poll_seconds == 0:
        return
    policy = FeedPolicy(concurrency=settings.feed_concurrency)

    async def poll(context: ContextTypes.DEFAULT_TYPE) -> None:
        try:
            report = await poll_due_feeds(sessions, policy)
        except Exception:  # the next run tries again; the bot keeps serving readers
            log.exception("feed polling pass failed")
            return
        log.debug("feed poll: %s", report)

    queue = application.job_queue
    assert queue is not None
    queue.run_repeating(
        poll,
        interval=settings.feed_poll_seconds,
        first=5,
        name="feed-poller",
        job_kwargs={"max_instances": 1, "coalesce": True},
    )
