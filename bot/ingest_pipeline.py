"""Batches prepared ahead of the store: CPU work in workers, writes in order.

Analysis (~4 ms an article) and row preparation are pure Python and hold the GIL, so in a
thread they also slow the writer they are meant to overlap: aiosqlite gives up the GIL on
every row it steps and then waits for it behind the CPU-bound thread. A big ingest therefore
prepares its batches in worker processes (spawned, so no lock or thread of the bot's is
copied into them) while this process only writes; small ones — a seed folder, an admin's
item, one feed — stay in a thread, where starting processes would cost more than it saves.
If a worker dies, its batch and every later one are prepared in a thread instead: nothing is
lost.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.articles import PreparedBatch, save_articles
from storage.records import SaveOutcome

log = logging.getLogger(__name__)
Batch = TypeVar("Batch")
MAX_WORKERS = 8


def worker_count() -> int:
    """One worker per core: the writer spends most of its time inside SQLite, off the GIL."""
    return max(1, min(MAX_WORKERS, os.cpu_count() or 1))


@contextmanager
def worker_pool(workers: int | None = None) -> Iterator[ProcessPoolExecutor]:
    pool = ProcessPoolExecutor(
        max_workers=workers or worker_count(), mp_context=multiprocessing.get_context("spawn")
    )
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


async def store_batches(
    sessions: async_sessionmaker[AsyncSession],
    batches: Iterator[Batch],
    prepare: Callable[[Batch], PreparedBatch],
    on_saved: Callable[[list[SaveOutcome]], None],
    *,
    executor: Executor | None = None,
    ahead: int = 1,
) -> None:
    """Prepare up to `ahead` batches while the oldest prepared one is written; batches are
    written in input order. `executor` None means the loop's default thread pool."""
    loop = asyncio.get_running_loop()
    in_flight: deque[tuple[Batch, asyncio.Future[PreparedBatch]]] = deque()

    def top_up() -> None:
        while len(in_flight) < max(1, ahead):
            batch = next(batches, None)
            if batch is None:
                return
            in_flight.append((batch, loop.run_in_executor(executor, prepare, batch)))

    top_up()
    while in_flight:
        batch, future = in_flight.popleft()
        try:
            prepared = await future
        except BrokenProcessPool:
            if executor is not None:
                log.warning("an ingest worker process died; preparing the rest in a thread")
                executor = None  # top_up() reads it when called: later batches go to a thread
            prepared = await asyncio.to_thread(prepare, batch)
        top_up()
        async with sessions() as session:
            on_saved(await save_articles(session, prepared))
