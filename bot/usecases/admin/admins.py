"""`/admins`: list admins; `/admins add ID` and `/admins remove ID` for stored ones
(those in ADMIN_IDS are changed in the settings, not from Telegram)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.replies import Reply
from bot.settings import Settings
from bot.usecases.admin.access import Actor, audited
from storage.admins import add_admin, remove_admin, stored_admins


async def admins(
    sessions: async_sessionmaker[AsyncSession], settings: Settings, actor: Actor, argument: str
) -> Reply:
    words = argument.split()
    if not words:
        async with sessions() as session:
            stored = await stored_admins(session)
        configured = ", ".join(str(i) for i in settings.admin_ids) or "—"
        added = ", ".join(str(i) for i in stored) or "—"
        return Reply.text(actor.tr("admin.admins_list", configured=configured, added=added))
    verb = words[0].lower()
    target = words[1] if len(words) == 2 else ""
    if verb not in ("add", "remove") or not target.lstrip("-").isdecimal():
        return Reply.text(actor.tr("admin.admins_usage"))
    user_id = int(target)
    await audited(sessions, actor, f"admins.{verb}", str(user_id))
    if verb == "remove" and user_id in settings.admin_ids:
        return Reply.text(actor.tr("admin.admin_configured", id=user_id))
    async with sessions() as session:
        if verb == "add":
            changed = await add_admin(session, user_id, actor.user_id)
        else:
            changed = await remove_admin(session, user_id)
    key = f"admin.admin_{verb}ed" if changed else "admin.admin_unchanged"
    return Reply.text(actor.tr(key, id=user_id))
