"""The watchdog: a sender that died or stopped advancing with work due, or a tick that has
not completed for too long, is logged loudly and restarted."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Coroutine
from typing import Any

import pytest
from delivery_support import add_subscribers

from bot.delivery.jobs import TICK_JOB, DeliveryService
from bot.settings import Settings
from storage.deliveries import NewDelivery, active_schedules, enqueue
from storage.engine import Database

TOKEN = "123456789:AAH-test-token-for-the-local-emulator"


class Jobs:
    def __init__(self) -> None:
        self.scheduled: list[str] = []

    def get_jobs_by_name(self, name: str) -> list[Any]:
        return []

    def run_repeating(self, callback: Any, *, name: str, **options: Any) -> None:
        self.scheduled.append(name)


class App:
    """What DeliveryService uses of a PTB Application."""

    def __init__(self) -> None:
        self.running = True
        self.job_queue = Jobs()
        self.bot_data: dict[str, Any] = {}
        self.tasks: list[asyncio.Task[Any]] = []

    def create_task(self, coroutine: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        task = asyncio.create_task(coroutine)
        self.tasks.append(task)
        return task


def service(database: Database, app: App) -> DeliveryService:
    settings = Settings(
        bot_token=TOKEN, bot_api_base_url="http://127.0.0.1:9/bot", delivery_stall_seconds=60
    )
    return DeliveryService(app, database.sessions, settings)  # type: ignore[arg-type]


async def test_a_dead_sender_is_restarted(
    database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    app = App()
    delivery = service(database, app)
    delivery.start_sender()
    first = delivery.sender
    assert delivery.sender_task is not None
    delivery.sender_task.cancel()
    await asyncio.sleep(0.05)
    with caplog.at_level(logging.ERROR):
        await delivery.watchdog_job(None)  # type: ignore[arg-type]
    assert delivery.sender is not first and delivery.restarts == 1
    assert "WATCHDOG: the delivery sender stopped" in caplog.text
    app.running = False
    await asyncio.gather(*app.tasks, return_exceptions=True)


async def test_a_stalled_sender_with_work_due_is_restarted(
    database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    async with database.sessions() as session:
        await add_subscribers(session, [1, 2])
        ids = [s.id for s in await active_schedules(session)]
        await enqueue(session, [NewDelivery(i, "daily:x", ["hi"], 1) for i in ids])
    app = App()
    delivery = service(database, app)
    delivery.start_sender()
    first = delivery.sender
    assert first is not None
    await delivery.watchdog_job(None)  # type: ignore[arg-type]
    assert delivery.sender is first  # fresh progress: left alone
    first.progress_at = time.monotonic() - 1000
    with caplog.at_level(logging.ERROR):
        await delivery.watchdog_job(None)  # type: ignore[arg-type]
    assert delivery.sender is not first
    assert "made no progress" in caplog.text
    app.running = False
    await asyncio.gather(*app.tasks, return_exceptions=True)


async def test_an_idle_sender_is_not_a_stall(database: Database) -> None:
    app = App()
    delivery = service(database, app)
    delivery.start_sender()
    first = delivery.sender
    assert first is not None
    first.progress_at = time.monotonic() - 1000
    await delivery.watchdog_job(None)  # type: ignore[arg-type]
    assert delivery.sender is first  # nothing due: nothing to restart for
    app.running = False
    await asyncio.gather(*app.tasks, return_exceptions=True)


async def test_a_stuck_tick_is_cancelled_and_rescheduled(
    database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    app = App()
    delivery = service(database, app)
    delivery.tick_task = asyncio.create_task(asyncio.sleep(3600))
    delivery.tick_done = time.monotonic() - 1000
    with caplog.at_level(logging.ERROR):
        await delivery.watchdog_job(None)  # type: ignore[arg-type]
    await asyncio.sleep(0)
    assert delivery.tick_task.cancelled()
    assert app.job_queue.scheduled == [TICK_JOB]
    assert "WATCHDOG: the delivery tick has not completed" in caplog.text
