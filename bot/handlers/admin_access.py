"""The gate in front of every admin handler: an admin gets an `Actor`; anyone else is told,
in their language, that this is for admins, and nothing else happens."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ContextTypes

from bot.handlers.common import reader_for, send_reply, shared
from bot.i18n import interface_language, translator
from bot.replies import Reply
from bot.usecases.admin.access import Actor, is_admin

log = logging.getLogger(__name__)


async def acting_admin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> Actor | None:
    """The admin behind this update, or None after refusing a non-admin."""
    user = update.effective_user
    parts = shared(context)
    if user is not None and await is_admin(parts.sessions, parts.settings, user.id):
        assert update.effective_chat is not None
        reader = await reader_for(update, context)
        return Actor(user.id, update.effective_chat.id, reader.tr, reader.zone)
    await refuse(update, context)
    return None


async def refuse(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user = update.effective_user
    log.warning(
        "refused an admin action to user %s in chat %s (update %s)",
        user.id if user else None,
        update.effective_chat.id if update.effective_chat else None,
        update.update_id,
    )
    chat = update.effective_chat
    if chat is None:
        return
    if user is not None and chat.id != user.id:
        # Someone else's chat (a group, or a forged press on another chat's message): the
        # person's own language from Telegram, not the chat's.
        tr = translator(interface_language(user.language_code))
    else:
        tr = (await reader_for(update, context)).tr
    if update.callback_query is not None:
        await update.callback_query.answer(tr("admin.only"), show_alert=True)
        return
    await send_reply(update, context, Reply.text(tr("admin.only")))


async def send_all(
    update: Update, context: ContextTypes.DEFAULT_TYPE, replies: list[Reply]
) -> None:
    for reply in replies:
        await send_reply(update, context, reply)
