"""Button presses. Callback data is decoded and checked here: it comes from the client and
is never trusted (a forged or stale press gets "out of date", nothing else happens)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.handlers.common import (
    may_change_subscription,
    preferences_changed,
    reader_for,
    send_reply,
    shared,
)
from bot.render.callbacks import decode
from bot.replies import Reply
from bot.usecases.language import set_language
from bot.usecases.latest import MAX_COUNT, latest_page
from bot.usecases.quotes import quotes
from bot.usecases.search import search
from bot.usecases.settings_menu import apply_setting
from bot.usecases.subscription import subscribe

MAX_OFFSET = 10_000
CHANGES_SUBSCRIPTION = frozenset({"st", "sb"})
CHANGES_PREFERENCES = CHANGES_SUBSCRIPTION | {"lg"}


def _offset(value: str) -> int | None:
    return int(value) if value.isdecimal() and int(value) <= MAX_OFFSET else None


async def button_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    if query is None:
        return
    reader = await reader_for(update, context)
    decoded = decode(query.data or "")
    reply: Reply | None = None
    if decoded is not None:
        action, args = decoded
        if action in CHANGES_SUBSCRIPTION and not await may_change_subscription(update, context):
            await query.answer(reader.tr("group.admins_only"), show_alert=True)
            return
        reply = await _dispatch(update, context, action, [str(a) for a in args])
        if action in CHANGES_PREFERENCES:
            preferences_changed(update, context)
    if reply is None:
        await query.answer(reader.tr("callback.expired"))
        return
    await query.answer()
    await send_reply(update, context, reply)


async def _dispatch(
    update: Update, context: ContextTypes.DEFAULT_TYPE, action: str, args: list[str]
) -> Reply | None:
    reader = await reader_for(update, context)
    parts = shared(context)
    match action, args:
        case "ml", [offset, count] if _offset(offset) is not None and count.isdecimal():
            size = min(max(int(count), 1), MAX_COUNT)
            return await latest_page(parts.sessions, reader, offset=int(offset), count=size)
        case "mq", [offset, token] if _offset(offset) is not None:
            query = parts.tokens.query_for(token)
            if query is None:
                return None
            return await quotes(parts.sessions, reader, parts.tokens, query, offset=int(offset))
        case "ms", [offset, token] if _offset(offset) is not None:
            query = parts.tokens.query_for(token)
            if query is None:
                return None
            return await search(parts.sessions, reader, parts.tokens, query, offset=int(offset))
        case "st", _:
            return await apply_setting(parts.sessions, reader, args)
        case "lg", [code]:
            return await set_language(parts.sessions, reader, code)
        case "sb", []:
            return await subscribe(parts.sessions, reader)
    return None
