"""The audit log: who did what, when. Written (and committed) before the action runs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.tables import AuditEntry, table_of
from storage.types import utc_now

DETAIL_LIMIT = 500


@dataclass(frozen=True, slots=True)
class AuditRecord:
    id: int
    admin_id: int
    action: str
    detail: str
    at: datetime


async def write_audit(session: AsyncSession, admin_id: int, action: str, detail: str) -> None:
    """Append one entry and commit it at once, whatever the action does next."""
    await session.execute(
        insert(table_of(AuditEntry)).values(
            admin_id=admin_id, action=action[:40], detail=detail[:DETAIL_LIMIT], at=utc_now()
        )
    )
    await session.commit()


async def recent_audit(session: AsyncSession, limit: int = 20) -> list[AuditRecord]:
    """The newest entries first."""
    rows = await session.execute(
        select(AuditEntry).order_by(AuditEntry.id.desc()).limit(max(1, limit))
    )
    return [
        AuditRecord(id=r.id, admin_id=r.admin_id, action=r.action, detail=r.detail, at=r.at)
        for r in rows.scalars()
    ]


async def audit_count(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.count()).select_from(AuditEntry)) or 0)
