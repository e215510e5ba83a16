"""The sender: claims due digests from the outbox and sends them under Telegram's limits.

A main loop keeps about two seconds of work claimed (leased to this worker, the lease renewed
while held); `concurrency` workers take digests one at a time and send their parts in order
through the pacer; outcomes are written back in batches by the recorder. A clean stop gives
unstarted digests back; a crash leaves them leased until the lease runs out, and then any
sender takes them again — so only the digests in flight at a crash can go out twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import socket
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.delivery.pacing import Limits, Pacer
from bot.delivery.policy import Verdict, backoff, decide, gives_up
from bot.delivery.recorder import Recorder
from bot.delivery.transport import BotApiClient, TransportError
from bot.settings import Settings
from storage.bot_state import put_state
from storage.outbox import Claimed, Outcome, claim, move_subscriber, release, renew
from storage.types import utc_now

log = logging.getLogger(__name__)

SENDER_STATE = "sender"
HEARTBEAT_SECONDS = 5.0
STOP_GRACE_SECONDS = 5.0
CLAIM_SECONDS = 2.0
MAX_CLAIM = 500


@dataclass(frozen=True, slots=True)
class SenderConfig:
    limits: Limits
    concurrency: int = 16
    lease: float = 60.0
    retry_base: float = 2.0
    paid_broadcast: bool = False
    idle_poll: float = 0.5

    @property
    def claim_size(self) -> int:
        """About CLAIM_SECONDS of sending: enough to keep the pacer busy, few in flight."""
        wanted = int(self.limits.per_second * CLAIM_SECONDS)
        return max(self.concurrency * 2, min(MAX_CLAIM, wanted))

    @classmethod
    def from_settings(cls, settings: Settings) -> SenderConfig:
        paid = settings.allow_paid_broadcast
        rate = settings.paid_broadcast_per_second if paid else settings.delivery_max_per_second
        return cls(
            limits=Limits(
                per_second=rate,
                private_interval=settings.delivery_private_interval_seconds,
                group_per_minute=settings.delivery_group_per_minute,
            ),
            concurrency=settings.delivery_concurrency,
            lease=settings.delivery_lease_seconds,
            retry_base=settings.delivery_retry_base_seconds,
            paid_broadcast=paid,
        )


def worker_name() -> str:
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class Sender:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        client: BotApiClient,
        config: SenderConfig,
        *,
        worker: str | None = None,
        pacer: Pacer | None = None,
    ) -> None:
        self.sessions = sessions
        self.client = client
        self.config = config
        self.worker = worker or worker_name()
        self.pacer = pacer or Pacer(config.limits)
        self.recorder = Recorder(sessions, self.worker, on_flush=self._flushed)
        self.progress_at = time.monotonic()
        self.sent = 0
        self.outcomes = 0
        self._held: dict[int, Claimed] = {}
        self._queue: asyncio.Queue[Claimed] = asyncio.Queue()
        self._wake = asyncio.Event()
        self._stopping = False
        self._recording = True
        self._working: set[asyncio.Task[Any]] = set()

    def wake(self) -> None:
        """New work was just written (the tick in this process): look at once."""
        self._wake.set()

    @property
    def in_flight(self) -> int:
        return len(self._held)

    async def run(self, running: Callable[[], bool]) -> None:
        # One worker per claimable digest: a worker waiting out a chat's interval must not
        # hold up other chats; the client's connection pool bounds requests in flight.
        tasks = [asyncio.create_task(self._work()) for _ in range(self.config.claim_size)]
        recorder = asyncio.create_task(self.recorder.run(lambda: self._recording))
        keeper = asyncio.create_task(self._keep_leases())
        try:
            await self._main(running)
        finally:
            await self._shut_down(tasks, recorder, keeper)

    async def _main(self, running: Callable[[], bool]) -> None:
        beat_at = 0.0
        while running():
            if len(self._held) < self.config.claim_size // 2 + 1:
                got = await self._claim(self.config.claim_size - len(self._held))
                if not got and not self._held:
                    self.progress_at = time.monotonic()  # idle and healthy
            if self.pacer.paused_until > time.monotonic():
                self.progress_at = time.monotonic()  # waiting as Telegram asked
            if time.monotonic() - beat_at > HEARTBEAT_SECONDS:
                beat_at = time.monotonic()
                await self._heartbeat()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.config.idle_poll)
            self._wake.clear()

    async def _claim(self, limit: int) -> int:
        if limit <= 0:
            return 0
        lease = timedelta(seconds=self.config.lease)
        async with self.sessions() as session:
            claimed = await claim(session, self.worker, limit, lease)
        for item in claimed:
            self._held[item.id] = item
            self._queue.put_nowait(item)
        return len(claimed)

    async def _work(self) -> None:
        while not self._stopping:
            item = await self._queue.get()
            me = asyncio.current_task()
            assert me is not None
            self._working.add(me)
            try:
                outcome = await self._deliver(item)
            except Exception as exc:  # a bug here must not kill the worker or lose the row
                log.exception("delivery %s crashed; backing off", item.id)
                outcome = self._back_off(item, item.parts_sent, item.message_ids, repr(exc))
            finally:
                self._working.discard(me)
            self.recorder.add(outcome)
            self._held.pop(item.id, None)
            if len(self._held) <= self.config.claim_size // 2:
                self._wake.set()

    async def _deliver(self, item: Claimed) -> Outcome:
        if not item.active:
            return Outcome(
                item.id, "skipped", item.parts_sent, item.message_ids, last_error="unsubscribed"
            )
        chat_id, parts, ids = item.chat_id, item.parts_sent, list(item.message_ids)
        private = item.chat_kind == "private" and chat_id > 0
        followed = 0
        while parts < len(item.messages):
            await self.pacer.turn(chat_id, private)
            try:
                answer = await self.client.call(
                    "sendMessage", self._params(chat_id, item.messages[parts])
                )
            except TransportError as exc:
                self.pacer.answered(chat_id, private)
                return self._back_off(item, parts, ids, str(exc))
            self.pacer.answered(chat_id, private)
            decision = decide(answer)
            if decision.verdict is Verdict.SENT:
                ids.append(answer.message_id or 0)
                parts += 1
                self.sent += 1
                continue
            if decision.verdict is Verdict.RETRY_AFTER:
                self.pacer.pause(decision.wait)
                log.warning("429 from Telegram: pausing all sends for %.0f s", decision.wait)
                retry_at = utc_now() + timedelta(seconds=decision.wait)
                return Outcome(item.id, "pending", parts, ids, retry_at, decision.reason)
            if decision.verdict is Verdict.MIGRATED and decision.new_chat_id and followed < 2:
                followed += 1
                await self._follow(item, chat_id, decision.new_chat_id)
                chat_id, private = decision.new_chat_id, False
                continue
            if decision.verdict is Verdict.GONE:
                log.info("chat %s is gone (%s): deactivated", chat_id, decision.reason)
                return Outcome(
                    item.id, "deactivated", parts, ids, last_error=decision.reason,
                    subscriber_id=item.subscriber_id, deactivate=decision.reason,
                )
            if decision.verdict is Verdict.OUR_BUG:
                log.error(
                    "Telegram refused digest %s (%s) for chat %s: %s\nmessage: %s",
                    item.id, item.period_key, chat_id, decision.reason, item.messages[parts],
                )
                return Outcome(item.id, "failed", parts, ids, last_error=decision.reason)
            return self._back_off(item, parts, ids, decision.reason)
        return Outcome(item.id, "sent", parts, ids)

    def _params(self, chat_id: int, text: str) -> dict[str, Any]:
        params: dict[str, Any] = {
            "chat_id": chat_id,
            "text": text,
            "parse_mode": "HTML",
            "link_preview_options": {"is_disabled": True},
        }
        if self.config.paid_broadcast:
            params["allow_paid_broadcast"] = True
        return params

    def _back_off(self, item: Claimed, parts: int, ids: list[int], reason: str) -> Outcome:
        if gives_up(item.attempts):
            log.error("delivery %s failed after %s attempts: %s", item.id, item.attempts, reason)
            return Outcome(item.id, "failed", parts, ids, last_error=reason)
        wait = backoff(item.attempts, self.config.retry_base)
        log.warning("delivery %s: %s; retrying in %.1f s", item.id, reason, wait)
        retry_at = utc_now() + timedelta(seconds=wait)
        return Outcome(item.id, "pending", parts, ids, retry_at, reason)

    async def _follow(self, item: Claimed, old_chat_id: int, new_chat_id: int) -> None:
        log.info("chat %s became supergroup %s: subscription follows", old_chat_id, new_chat_id)
        async with self.sessions() as session:
            await move_subscriber(session, item.subscriber_id, new_chat_id)

    def _flushed(self, outcomes: list[Outcome]) -> None:
        self.outcomes += len(outcomes)
        self.progress_at = time.monotonic()

    async def _keep_leases(self) -> None:
        """Renew the lease on every row still held, a third of the lease before it ends."""
        lease = timedelta(seconds=self.config.lease)
        while True:
            await asyncio.sleep(self.config.lease / 3)
            ids = list(self._held)
            if ids:
                try:
                    async with self.sessions() as session:
                        await renew(session, self.worker, ids, lease)
                except Exception:
                    log.exception("could not renew delivery leases")

    async def _heartbeat(self) -> None:
        value = json.dumps({"worker": self.worker, "sent": self.sent, "held": len(self._held)})
        try:
            async with self.sessions() as session:
                await put_state(session, SENDER_STATE, value)
        except Exception:
            log.exception("could not write the sender heartbeat")

    async def _shut_down(
        self, tasks: list[asyncio.Task[None]], recorder: asyncio.Task[None],
        keeper: asyncio.Task[None],
    ) -> None:
        """Let started digests finish (briefly), give the rest back, write every outcome."""
        self._stopping = True
        while not self._queue.empty():
            self._queue.get_nowait()  # still held: given back below
        for task in tasks:
            if task not in self._working:
                task.cancel()  # idle, waiting for the queue
        await asyncio.wait(tasks, timeout=STOP_GRACE_SECONDS)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        keeper.cancel()
        self._recording = False
        with contextlib.suppress(Exception):
            await recorder
        with contextlib.suppress(Exception):
            await self.recorder.flush()
            async with self.sessions() as session:
                await release(session, self.worker, list(self._held))
        await self.client.close()
