"""Named facts kept across restarts (`bot_state`): the tick's and the sender's heartbeats,
read by `digestbot status` and by a watchdog in another process."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from storage.tables import BotState
from storage.types import utc_now


async def put_state(session: AsyncSession, name: str, value: str) -> None:
    """Set `name` to `value` with the time; commits (an upsert that works on both backends)."""
    now = utc_now()
    result = await session.execute(
        update(BotState).where(BotState.name == name).values(value=value, updated_at=now)
    )
    if not getattr(result, "rowcount", 0):
        session.add(BotState(name=name, value=value, updated_at=now))
        try:
            await session.commit()
            return
        except IntegrityError:  # another process inserted it first: update theirs
            await session.rollback()
            await session.execute(
                update(BotState).where(BotState.name == name).values(value=value, updated_at=now)
            )
    await session.commit()


async def read_states(session: AsyncSession) -> dict[str, tuple[str, datetime]]:
    rows = await session.execute(select(BotState.name, BotState.value, BotState.updated_at))
    return {str(n): (str(v), t) for n, v, t in rows.tuples()}
