"""Messages (not commands) in a private chat: an admin's text, link, forward or document
becomes an item (or the new title they were asked for). A non-admin's document or forward
is refused; a non-admin's plain text is left to the reader handlers."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.handlers.admin_access import acting_admin, refuse, send_all
from bot.handlers.admin_buttons import TITLE_KEY
from bot.handlers.admin_files import document_replies
from bot.handlers.common import shared
from bot.usecases.admin import items
from bot.usecases.admin.access import is_admin


async def admin_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    user = update.effective_user
    if message is None:
        return
    parts = shared(context)
    if not await is_admin(parts.sessions, parts.settings, user.id if user else None):
        if message.document is not None or message.forward_origin is not None:
            await refuse(update, context)
        return
    actor = await acting_admin(update, context)
    if actor is None:
        return
    if message.document is not None:
        await send_all(update, context, await document_replies(context, actor, message))
        return
    text = message.text or message.caption or ""
    awaiting = context.user_data.pop(TITLE_KEY, None) if context.user_data is not None else None
    if isinstance(awaiting, int):
        reply = await items.retitle_item(parts.sessions, actor, awaiting, text)
        await send_all(update, context, [reply])
        return
    if text.strip():
        await send_all(update, context, await items.add_from_text(parts.sessions, actor, text))
