"""Commands a reader sends: each parses its argument and calls one use-case."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import Update
from telegram.ext import ContextTypes

from bot.handlers.common import (
    Shared,
    argument_of,
    cached_reply,
    may_change_subscription,
    preferences_changed,
    reader_for,
    send_reply,
    shared,
)
from bot.render.callbacks import encode
from bot.replies import Button, Reply
from bot.usecases.language import language_menu
from bot.usecases.latest import latest
from bot.usecases.quotes import quotes
from bot.usecases.reader import Reader
from bot.usecases.search import search
from bot.usecases.settings_menu import show_settings
from bot.usecases.subscription import set_keywords, subscribe, unsubscribe


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    reader = await reader_for(update, context)
    button = Button(reader.tr("button.subscribe"), encode("sb"))
    await send_reply(update, context, Reply.text(reader.tr("start.greeting"), [[button]]))


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    reader = await reader_for(update, context)
    await send_reply(update, context, Reply.text(reader.tr("help.text", bot=context.bot.username)))


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    reader = await reader_for(update, context)
    text = reader.tr("unknown.command") + "\n\n" + reader.tr("help.text", bot=context.bot.username)
    await send_reply(update, context, Reply.text(text))


async def latest_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await _answer_question(
        update,
        context,
        "latest",
        lambda parts, reader, arg: latest(parts.read_sessions, reader, arg),
    )


async def quote_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await _answer_question(
        update,
        context,
        "quote",
        lambda parts, reader, arg: quotes(parts.read_sessions, reader, parts.tokens, arg),
    )


async def search_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await _answer_question(
        update,
        context,
        "search",
        lambda parts, reader, arg: search(parts.read_sessions, reader, parts.tokens, arg),
    )


async def _answer_question(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    name: str,
    use_case: Callable[[Shared, Reader, str], Awaitable[Reply]],
) -> None:
    """A read-only question: the same one from readers who see news alike shares an answer."""
    reader = await reader_for(update, context)
    parts = shared(context)
    argument = argument_of(update)
    reply = await cached_reply(
        context, reader, (name, argument), lambda: use_case(parts, reader, argument)
    )
    await send_reply(update, context, reply)


async def language_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    reader = await reader_for(update, context)
    await send_reply(update, context, language_menu(reader))


async def subscribe_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    reader = await reader_for(update, context)
    if not await may_change_subscription(update, context):
        await send_reply(update, context, Reply.text(reader.tr("group.admins_only")))
        return
    reply = await subscribe(shared(context).sessions, reader, argument_of(update))
    preferences_changed(update, context)
    await send_reply(update, context, reply)


async def unsubscribe_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    reader = await reader_for(update, context)
    if not await may_change_subscription(update, context):
        await send_reply(update, context, Reply.text(reader.tr("group.admins_only")))
        return
    reply = await unsubscribe(shared(context).sessions, reader)
    preferences_changed(update, context)
    await send_reply(update, context, reply)


async def settings_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    reader = await reader_for(update, context)
    await send_reply(update, context, await show_settings(shared(context).sessions, reader))


async def include_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await _keywords(update, context, "include")


async def exclude_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await _keywords(update, context, "exclude")


async def _keywords(update: Update, context: ContextTypes.DEFAULT_TYPE, which: str) -> None:
    reader = await reader_for(update, context)
    if not await may_change_subscription(update, context):
        await send_reply(update, context, Reply.text(reader.tr("group.admins_only")))
        return
    reply = await set_keywords(shared(context).sessions, reader, which, argument_of(update))
    preferences_changed(update, context)
    await send_reply(update, context, reply)
