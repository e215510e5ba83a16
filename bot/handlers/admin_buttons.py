"""Admin buttons (`adm.*`). The gate runs before the data is even decoded, and the data is
checked like any client input: a forged or stale press does nothing."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.handlers.admin_access import acting_admin, send_all
from bot.handlers.common import shared
from bot.render.callbacks import decode
from bot.replies import Reply
from bot.usecases.admin import broadcast, items
from bot.usecases.admin.access import Actor
from storage.broadcasts import Audience

PATTERN = r"^adm\."
TITLE_KEY = "admin_title_for"


async def admin_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    if query is None:
        return
    actor = await acting_admin(update, context)
    if actor is None:
        return
    decoded = decode(query.data or "")
    if decoded is None or len(decoded[1]) != 1 or not isinstance(decoded[1][0], int):
        await query.answer(actor.tr("callback.expired"))
        return
    action, (target,) = decoded[0], decoded[1]
    assert isinstance(target, int)
    replies = await _dispatch(update, context, actor, action, target)
    if replies is None:
        await query.answer(actor.tr("callback.expired"))
        return
    await query.answer()
    await send_all(update, context, replies)


async def _dispatch(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    actor: Actor,
    action: str,
    target: int,
) -> list[Reply] | None:
    sessions = shared(context).sessions
    query = update.callback_query
    pressed = query.message.message_id if query and query.message else None
    match action:
        case "adm.pub":
            return await broadcast.prepare_push(sessions, actor, target, Audience())
        case "adm.next":
            return [await items.queue_item(sessions, actor, target)]
        case "adm.title":
            if context.user_data is not None:
                context.user_data[TITLE_KEY] = target
            return [items.ask_title(actor, target)]
        case "adm.drop":
            return [await items.discard_item(sessions, actor, target)]
        case "adm.go":
            return [await broadcast.confirm(sessions, actor, target, pressed)]
        case "adm.no":
            return [await broadcast.drop(sessions, actor, target)]
    return None
