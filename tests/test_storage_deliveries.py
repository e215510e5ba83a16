"""The outbox in the store, on SQLite and PostgreSQL: idempotent enqueue, claims under a
lease (never the same row to two claimers), batched outcomes, gone and migrated chats."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from delivery_support import add_subscribers
from sqlalchemy import select, update

from storage.bot_state import put_state, read_states
from storage.deliveries import NewDelivery, active_schedules, enqueue, existing_periods
from storage.engine import Database
from storage.outbox import (
    Outcome,
    claim,
    due_count,
    move_subscriber,
    outbox_counts,
    record,
    release,
    renew,
)
from storage.tables import Delivery, Subscriber
from storage.types import utc_now

LEASE = timedelta(seconds=60)


async def _subscribers(database: Database, count: int, first: int = 100) -> list[int]:
    async with database.sessions() as session:
        await add_subscribers(session, range(first, first + count))
        return [s.id for s in await active_schedules(session)]


async def _enqueue(database: Database, ids: list[int], period: str = "daily:2026-03-29") -> None:
    async with database.sessions() as session:
        await enqueue(session, [NewDelivery(i, period, ["<b>hi</b>"], 7) for i in ids])


async def test_enqueue_is_idempotent_and_moves_the_cursor_once(database: Database) -> None:
    ids = await _subscribers(database, 3)
    async with database.sessions() as session:
        first = await enqueue(session, [NewDelivery(i, "daily:2026-03-29", ["a"], 7) for i in ids])
        again = await enqueue(session, [NewDelivery(i, "daily:2026-03-29", ["b"], 9) for i in ids])
        assert first == sorted(ids) and again == []
        cursors = (await session.execute(select(Subscriber.digest_cursor))).scalars().all()
        assert set(cursors) == {7}
        messages = (await session.execute(select(Delivery.messages))).scalars().all()
        assert messages == [["a"]] * 3
        found = await existing_periods(session, [(ids[0], "daily:2026-03-29"), (ids[0], "x")])
        assert found == {(ids[0], "daily:2026-03-29")}


async def test_concurrent_enqueues_write_one_row(database: Database) -> None:
    ids = await _subscribers(database, 20)

    async def writer() -> list[int]:
        async with database.sessions() as session:
            return await enqueue(session, [NewDelivery(i, "instant:5", ["m"], 8) for i in ids])

    results = await asyncio.gather(writer(), writer())
    assert sorted(results[0] + results[1]) == sorted(ids)
    async with database.sessions() as session:
        assert (await outbox_counts(session))["pending"] == 20


async def test_a_claim_is_exclusive_until_its_lease_runs_out(database: Database) -> None:
    ids = await _subscribers(database, 5)
    await _enqueue(database, ids)
    async with database.sessions() as session:
        mine = await claim(session, "a", 3, LEASE)
        theirs = await claim(session, "b", 10, LEASE)
        assert len(mine) == 3 and len(theirs) == 2
        assert not {c.id for c in mine} & {c.id for c in theirs}
        assert await claim(session, "c", 10, LEASE) == []
        assert mine[0].messages == ["<b>hi</b>"] and mine[0].chat_id >= 100
        # "a" crashed: its lease runs out, and "c" takes its rows (a second attempt).
        await session.execute(
            update(Delivery)
            .where(Delivery.claimed_by == "a")
            .values(lease_until=utc_now() - timedelta(seconds=1))
        )
        await session.commit()
        assert await due_count(session) == 3
        taken = await claim(session, "c", 10, LEASE)
        assert {c.id for c in taken} == {c.id for c in mine}
        assert {c.attempts for c in taken} == {2}
        # "a" comes back to life: neither its renewal nor its outcome touch "c"'s rows.
        assert await renew(session, "a", [c.id for c in mine], LEASE) == 0
        await record(session, "a", [Outcome(mine[0].id, "sent", 1, [1])])
        counts = await outbox_counts(session)
        assert counts["sending"] == 5 and counts["sent"] == 0


async def test_outcomes_are_written_in_one_batch(database: Database) -> None:
    ids = await _subscribers(database, 4)
    await _enqueue(database, ids)
    async with database.sessions() as session:
        rows = await claim(session, "w", 10, LEASE)
        later = utc_now() + timedelta(seconds=30)
        await record(
            session,
            "w",
            [
                Outcome(rows[0].id, "sent", 1, [11]),
                Outcome(rows[1].id, "pending", 0, [], later, "429: retry after 30"),
                Outcome(rows[2].id, "failed", 0, [], last_error="400: can't parse entities"),
                Outcome(
                    rows[3].id, "deactivated", 0, [], last_error="403: blocked",
                    subscriber_id=rows[3].subscriber_id, deactivate="403: blocked",
                ),
            ],
        )
        counts = await outbox_counts(session)
        assert (counts["sent"], counts["pending"], counts["failed"], counts["deactivated"]) == (
            1, 1, 1, 1,
        )
        sent = await session.get(Delivery, rows[0].id)
        assert sent is not None and sent.message_ids == [11] and sent.sent_at is not None
        assert await claim(session, "w", 10, LEASE) == []  # the 429 row waits 30 s
        gone = await session.get(Subscriber, rows[3].subscriber_id)
        assert gone is not None and not gone.active and gone.deactivated_reason == "403: blocked"


async def test_release_gives_unstarted_rows_back(database: Database) -> None:
    ids = await _subscribers(database, 2)
    await _enqueue(database, ids)
    async with database.sessions() as session:
        rows = await claim(session, "w", 10, LEASE)
        await release(session, "w", [r.id for r in rows])
        again = await claim(session, "v", 10, LEASE)
        assert {r.id for r in again} == {r.id for r in rows}
        assert {r.attempts for r in again} == {1}


async def test_a_migrated_group_takes_its_subscription_along(database: Database) -> None:
    ids = await _subscribers(database, 2, first=-500)
    async with database.sessions() as session:
        await move_subscriber(session, ids[0], -100_500)
        moved = await session.get(Subscriber, ids[0])
        assert moved is not None and moved.chat_id == -100_500
        # The supergroup already had an active row of its own: it wins, the old one stops.
        await move_subscriber(session, ids[1], -100_500)
        await session.refresh(moved)
        old = await session.get(Subscriber, ids[1])
        assert old is not None and not old.active and moved.active


async def test_heartbeats_are_upserted(database: Database) -> None:
    async with database.sessions() as session:
        await put_state(session, "tick", "one")
        await put_state(session, "tick", "two")
        states = await read_states(session)
    assert states["tick"][0] == "two"


async def test_parallel_claimers_never_share_a_row(database: Database) -> None:
    """Four claimers at once (SKIP LOCKED on PostgreSQL; one writer at a time on SQLite)."""
    ids = await _subscribers(database, 60)
    await _enqueue(database, ids)

    async def claimer(name: str) -> list[int]:
        got: list[int] = []
        while True:
            async with database.sessions() as session:
                rows = await claim(session, name, 7, LEASE)
            if not rows:
                return got
            got.extend(r.id for r in rows)

    results = await asyncio.gather(*(claimer(f"w{n}") for n in range(4)))
    everything = [i for result in results for i in result]
    assert len(everything) == len(set(everything)) == 60
