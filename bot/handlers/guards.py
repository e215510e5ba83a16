"""What runs around every handler: the flood guard before, the error handler after."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Forbidden, TelegramError
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot.flood import Verdict
from bot.handlers.common import reader_for, send_reply, shared
from bot.i18n import interface_language, translator
from bot.replies import Reply

log = logging.getLogger(__name__)


async def flood_guard(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Runs first (group -1): a reader over the limit is warned once, then ignored a while."""
    user = update.effective_user
    if user is None or (update.message is None and update.callback_query is None):
        return  # membership changes, channel posts and inline queries are not floods
    verdict = shared(context).flood.check(user.id)
    if verdict is Verdict.SERVE:
        return
    if verdict is Verdict.WARN:
        tr = translator(interface_language(user.language_code))
        if update.callback_query is not None:
            await update.callback_query.answer(tr("flood.slow_down"))
        elif update.effective_chat is not None:
            await context.bot.send_message(update.effective_chat.id, tr("flood.slow_down"))
    raise ApplicationHandlerStop


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log with the update id; tell the reader we are sorry; keep the bot running."""
    update_id = update.update_id if isinstance(update, Update) else None
    log.error("handler failed on update %s", update_id, exc_info=context.error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if isinstance(context.error, Forbidden):
        return  # the reader blocked us: nobody to apologise to
    try:
        reader = await reader_for(update, context)
        await send_reply(update, context, Reply.text(reader.tr("error.apology")))
    except (TelegramError, Exception):  # the apology itself must never raise
        log.warning("could not send the apology for update %s", update_id, exc_info=True)
