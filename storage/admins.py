"""Admins added from Telegram. Those in ADMIN_IDS are the caller's business (settings)."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.lookups import insert_ignoring_conflicts
from storage.tables import AdminRow, table_of
from storage.types import utc_now


async def is_stored_admin(session: AsyncSession, user_id: int) -> bool:
    found = await session.scalar(select(AdminRow.user_id).where(AdminRow.user_id == user_id))
    return found is not None


async def stored_admins(session: AsyncSession) -> list[int]:
    rows = await session.execute(select(AdminRow.user_id).order_by(AdminRow.added_at))
    return [int(user_id) for user_id in rows.scalars()]


async def add_admin(session: AsyncSession, user_id: int, added_by: int) -> bool:
    """Store an admin; commits; False when they already were one."""
    result = await session.execute(
        insert_ignoring_conflicts(session, table_of(AdminRow), "user_id").values(
            user_id=user_id, added_by=added_by, added_at=utc_now()
        )
    )
    await session.commit()
    return bool(getattr(result, "rowcount", 0))


async def remove_admin(session: AsyncSession, user_id: int) -> bool:
    """Forget a stored admin; commits; False when there was none."""
    result = await session.execute(delete(AdminRow).where(AdminRow.user_id == user_id))
    await session.commit()
    return bool(getattr(result, "rowcount", 0))
