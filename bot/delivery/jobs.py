"""Delivery inside the running bot: the tick as a JobQueue job, the sender as a long-lived
task, and a watchdog job that restarts either one when it stalls with work due.

Schedules live in our tables (subscribers' digest times, the outbox); APScheduler only
drives the clock, so nothing is lost when its in-memory job store goes with the process.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram.ext import Application, ContextTypes

from bot.delivery.sender import Sender, SenderConfig
from bot.delivery.tick import run_tick
from bot.delivery.transport import BotApiClient
from bot.settings import Settings
from storage.outbox import due_count

log = logging.getLogger(__name__)

DELIVERY_KEY = "delivery"
TICK_JOB = "delivery-tick"


class DeliveryService:
    """Owns the tick and the sender of one bot process, and restarts them when stuck."""

    def __init__(
        self,
        application: Application,  # type: ignore[type-arg]
        sessions: async_sessionmaker[AsyncSession],
        settings: Settings,
    ) -> None:
        self.application = application
        self.sessions = sessions
        self.settings = settings
        self.sender: Sender | None = None
        self.sender_task: asyncio.Task[None] | None = None
        self.tick_task: asyncio.Task[Any] | None = None
        self.tick_started = 0.0
        self.tick_done = time.monotonic()
        self.restarts = 0

    # -- the tick ------------------------------------------------------------------------

    async def tick_job(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        if self.tick_task is not None and not self.tick_task.done():
            return  # the previous tick is still writing; the watchdog watches it
        self.tick_started = time.monotonic()
        self.tick_task = asyncio.create_task(run_tick(self.sessions, self.settings))
        await asyncio.wait({self.tick_task})  # never raises, even when cancelled
        if self.tick_task.cancelled():
            return
        error = self.tick_task.exception()
        if error is not None:
            log.error("delivery tick failed", exc_info=error)
            return
        self.tick_done = time.monotonic()
        if self.tick_task.result().enqueued and self.sender is not None:
            self.sender.wake()

    def schedule_tick(self) -> None:
        queue = self.application.job_queue
        assert queue is not None, "python-telegram-bot[job-queue] is required"
        for job in queue.get_jobs_by_name(TICK_JOB):
            job.schedule_removal()
        queue.run_repeating(
            self.tick_job,
            interval=self.settings.delivery_tick_seconds,
            first=0.2,
            name=TICK_JOB,
            job_kwargs={"max_instances": 1, "coalesce": True, "misfire_grace_time": None},
        )

    # -- the sender ----------------------------------------------------------------------

    async def start_sender_job(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        self.start_sender()

    def start_sender(self) -> None:
        token = self.settings.bot_token
        assert token is not None
        config = SenderConfig.from_settings(self.settings)
        client = BotApiClient(
            self.settings.bot_api_base_url,
            token.get_secret_value(),
            connections=min(64, config.concurrency),
        )
        sender = Sender(self.sessions, client, config)
        self.sender = sender

        def running() -> bool:
            return bool(self.application.running) and self.sender is sender

        self.sender_task = self.application.create_task(sender.run(running))
        log.info("delivery sender %s started", sender.worker)

    # -- the watchdog --------------------------------------------------------------------

    async def watchdog_job(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        stall = self.settings.delivery_stall_seconds
        now = time.monotonic()
        tick_age = now - self.tick_done
        ticking = self.tick_task is not None and not self.tick_task.done()
        if tick_age > max(stall, 3 * self.settings.delivery_tick_seconds):
            log.error(
                "WATCHDOG: the delivery tick has not completed for %.0f s (%s); restarting it",
                tick_age, "stuck" if ticking else "not running",
            )
            if ticking and self.tick_task is not None:
                self.tick_task.cancel()
            self.tick_done = now
            self.schedule_tick()
            self.restarts += 1
        await self._watch_sender(now, stall)

    async def _watch_sender(self, now: float, stall: float) -> None:
        sender, task = self.sender, self.sender_task
        if sender is None or task is None:
            return
        if task.done():
            error = None if task.cancelled() else task.exception()
            log.error("WATCHDOG: the delivery sender stopped (%r); restarting it", error)
        elif now - sender.progress_at > stall:
            async with self.sessions() as session:
                waiting = await due_count(session)
            if not waiting and not sender.in_flight:
                return
            log.error(
                "WATCHDOG: the delivery sender made no progress for %.0f s with %s digest(s) "
                "due and %s in flight; restarting it",
                now - sender.progress_at, waiting, sender.in_flight,
            )
            task.cancel()
        else:
            return
        self.restarts += 1
        self.start_sender()


def schedule_delivery_jobs(
    application: Application,  # type: ignore[type-arg]
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
) -> DeliveryService:
    """Call from post_init: the tick, the sender (once the application runs), the watchdog."""
    # APScheduler logs every run of every job at INFO: once a second in tests, noise.
    logging.getLogger("apscheduler").setLevel(max(logging.WARNING, settings.log_level_number))
    service = DeliveryService(application, sessions, settings)
    application.bot_data[DELIVERY_KEY] = service
    service.schedule_tick()
    queue = application.job_queue
    assert queue is not None
    queue.run_once(service.start_sender_job, when=0.1, name="delivery-sender")
    check_every = max(1.0, min(30.0, settings.delivery_stall_seconds / 4))
    queue.run_repeating(
        service.watchdog_job, interval=check_every, first=check_every, name="delivery-watchdog"
    )
    return service
