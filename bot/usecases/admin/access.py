"""Who is an admin (ADMIN_IDS or stored with /admins add) and the audit entry every admin
action writes before it runs."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.i18n import Translator
from bot.settings import Settings
from storage.admins import is_stored_admin
from storage.audit import write_audit

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Actor:
    """The admin acting, the chat they act from, and how to speak to them."""

    user_id: int
    chat_id: int
    tr: Translator
    zone: ZoneInfo


async def is_admin(
    sessions: async_sessionmaker[AsyncSession], settings: Settings, user_id: int | None
) -> bool:
    if user_id is None:
        return False
    if user_id in settings.admin_ids:
        return True
    async with sessions() as session:
        return await is_stored_admin(session, user_id)


async def audited(
    sessions: async_sessionmaker[AsyncSession], actor: Actor, action: str, detail: str = ""
) -> None:
    """Write the entry (committed) before the caller does anything else."""
    async with sessions() as session:
        await write_audit(session, actor.user_id, action, detail)
    log.info("admin %s: %s %s", actor.user_id, action, detail[:200])
