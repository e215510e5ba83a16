"""The bot's own membership: a reader who blocks it, or a group that removes it, stops
getting digests at once (Telegram would answer 403 to every send from then on)."""

from __future__ import annotations

import logging

from telegram import ChatMemberUpdated, Update
from telegram.constants import ChatMemberStatus
from telegram.ext import ContextTypes

from bot.handlers.common import shared
from storage.subscribers import get_chat, update_chat

log = logging.getLogger(__name__)
GONE = frozenset({ChatMemberStatus.BANNED, ChatMemberStatus.LEFT})


async def membership_changed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    change: ChatMemberUpdated | None = update.my_chat_member
    if change is None or change.new_chat_member.status not in GONE:
        return
    async with shared(context).sessions() as session:
        chat = await get_chat(session, change.chat.id)
        if chat is None or not chat.active:
            return
        await update_chat(session, change.chat.id, active=False)
    shared(context).prefs.forget(change.chat.id)
    log.info("chat %s removed or blocked the bot: subscription deactivated", change.chat.id)
