"""The tick: find the subscribers whose digest is due, compose it, write it to the outbox.

Runs every DELIVERY_TICK_SECONDS. The article pool is read and folded into stories once per
tick, then each due subscriber's digest is picked from it. Writing is idempotent (see
storage/deliveries.py), so ticks may overlap, repeat after a restart, or run in two
processes at once.
"""

from __future__ import annotations

import json
import logging
import time as clock
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.delivery.periods import daily_period, instant_period, zone
from bot.delivery.render import candidate, render_digest
from bot.i18n import translator
from bot.settings import Settings
from digests.compose import Filters, Story, compose, fold
from storage.bot_state import put_state
from storage.deliveries import (
    NewDelivery,
    SubscriberSchedule,
    active_schedules,
    enqueue,
    existing_periods,
    pool_articles,
)
from storage.records import StoredArticle
from storage.types import utc_now

log = logging.getLogger(__name__)

LOOKBACK = timedelta(hours=24)
TICK_STATE = "tick"


@dataclass(frozen=True, slots=True)
class TickReport:
    due: int
    enqueued: int
    empty: int
    seconds: float

    def as_json(self) -> str:
        return json.dumps(
            {"due": self.due, "enqueued": self.enqueued, "empty": self.empty,
             "seconds": round(self.seconds, 3)}
        )


def due_periods(
    schedules: list[SubscriberSchedule], now: datetime, catchup: timedelta
) -> list[tuple[SubscriberSchedule, str]]:
    """Each subscriber whose digest is due now, with the period key of that digest."""
    due = []
    for schedule in schedules:
        if schedule.mode == "instant":
            due.append((schedule, instant_period(schedule.cursor)))
            continue
        period = daily_period(
            now, schedule.digest_time, schedule.timezone,
            catchup=catchup, not_before=schedule.created_at,
        )
        if period is not None:
            due.append((schedule, period))
    return due


async def run_tick(
    sessions: async_sessionmaker[AsyncSession], settings: Settings, now: datetime | None = None
) -> TickReport:
    started = clock.monotonic()
    now = now or utc_now()
    async with sessions() as session:
        schedules = await active_schedules(session)
        due = due_periods(schedules, now, timedelta(hours=settings.delivery_catchup_hours))
        done = await existing_periods(session, [(s.id, p) for s, p in due])
        due = [(s, p) for s, p in due if (s.id, p) not in done]
        deliveries: list[NewDelivery] = []
        if due:
            after = min(s.cursor or 0 for s, _ in due)
            articles = await pool_articles(session, after_id=after, since=now - LOOKBACK)
            deliveries = _compose_all(due, articles, settings, now)
        inserted = await enqueue(session, deliveries)
        empty = sum(1 for d in deliveries if d.status != "pending")
        report = TickReport(len(due), len(inserted), empty, clock.monotonic() - started)
        await put_state(session, TICK_STATE, report.as_json())
    if report.enqueued:
        log.info("tick: %s digest(s) written to the outbox (%s due)", report.enqueued, report.due)
    return report


def _compose_all(
    due: list[tuple[SubscriberSchedule, str]],
    articles: list[StoredArticle],
    settings: Settings,
    now: datetime,
) -> list[NewDelivery]:
    by_id = {article.id: article for article in articles}
    stories: list[Story] = fold([candidate(article) for article in articles])
    pool_top = max(by_id, default=0)
    deliveries = []
    for schedule, period in due:
        filters = Filters(
            tuple(schedule.languages),
            tuple(schedule.include_keywords),
            tuple(schedule.exclude_keywords),
        )
        digest = compose(
            stories, filters, after_id=schedule.cursor or 0,
            limit=settings.digest_max_items, now=now,
        )
        cursor = max(pool_top, schedule.cursor or 0)
        instant = schedule.mode == "instant"
        if digest.empty and (instant or not schedule.digest_when_empty):
            if instant and cursor == (schedule.cursor or 0):
                continue  # nothing new at all: no row, the cursor stays
            deliveries.append(NewDelivery(schedule.id, period, [], cursor, status="skipped"))
            continue
        messages = render_digest(
            digest, by_id, translator(schedule.language), zone(schedule.timezone),
            instant=instant,
        )
        deliveries.append(NewDelivery(schedule.id, period, messages, cursor))
    return deliveries
