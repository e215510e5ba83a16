"""Outcomes written back in batches: one transaction per ~100 ms or per 200 outcomes.

Per-row transactions through SQLAlchemy async top out near 500/s; a batch keeps the store
out of the way at 1000 messages/s. The price, after a crash, is that the outcomes of the last
batch are lost and those digests (the ones in flight) are sent again — never more.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.outbox import Outcome, record

log = logging.getLogger(__name__)

FLUSH_SECONDS = 0.1
FLUSH_SIZE = 200


class Recorder:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        worker: str,
        *,
        on_flush: Callable[[list[Outcome]], None] = lambda outcomes: None,
    ) -> None:
        self._sessions = sessions
        self._worker = worker
        self._pending: list[Outcome] = []
        self._full = asyncio.Event()
        self._on_flush = on_flush
        self._lock = asyncio.Lock()

    def add(self, outcome: Outcome) -> None:
        self._pending.append(outcome)
        if len(self._pending) >= FLUSH_SIZE:
            self._full.set()

    @property
    def backlog(self) -> int:
        return len(self._pending)

    async def run(self, running: Callable[[], bool]) -> None:
        """Flush until `running()` turns false, then once more."""
        while running():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._full.wait(), FLUSH_SECONDS)
            self._full.clear()
            await self.flush()
        await self.flush()

    async def flush(self) -> None:
        async with self._lock:
            batch, self._pending = self._pending, []
            if not batch:
                return
            try:
                async with self._sessions() as session:
                    await record(session, self._worker, batch)
            except Exception:
                # Kept for the next flush: the rows stay leased to us meanwhile.
                log.exception("could not record %s delivery outcome(s); will retry", len(batch))
                self._pending = batch + self._pending
                await asyncio.sleep(1.0)
                return
            self._on_flush(batch)
