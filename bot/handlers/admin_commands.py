"""Admin commands: each passes the gate, parses its argument and calls one use-case."""

from __future__ import annotations

from telegram import Message, Update
from telegram.ext import ContextTypes

from bot.handlers.admin_access import acting_admin, send_all
from bot.handlers.admin_files import document_replies
from bot.handlers.common import argument_of, send_reply, shared
from bot.render.callbacks import decode
from bot.replies import Reply
from bot.usecases.admin import broadcast, items, numbers
from bot.usecases.admin.admins import admins
from bot.usecases.admin.sources import sources
from storage.admin_items import find_article_id
from storage.broadcasts import Audience


async def add_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`/add text or link`, or `/add` as a reply to a text or a document."""
    actor = await acting_admin(update, context)
    if actor is None:
        return
    sessions = shared(context).sessions
    argument = argument_of(update)
    replied = update.effective_message.reply_to_message if update.effective_message else None
    if not argument and replied is not None and replied.document is not None:
        await send_all(update, context, await document_replies(context, actor, replied))
        return
    text = argument or (replied.text or replied.caption or "" if replied else "")
    if not text.strip():
        await send_reply(update, context, Reply.text(actor.tr("admin.add_usage")))
        return
    await send_all(update, context, await items.add_from_text(sessions, actor, text))


def _item_behind(message: Message | None) -> int | None:
    """The item id of a bot preview (from its Publish button), when replying to one."""
    markup = message.reply_markup if message else None
    for row in markup.inline_keyboard if markup else ():
        for button in row:
            decoded = decode(button.callback_data)
            if decoded and decoded[0] == "adm.pub" and isinstance(decoded[1][0], int):
                return decoded[1][0]
    return None


async def broadcast_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`/broadcast [lang=kk] [kw=word] <html>`, or as a reply to a message or a preview."""
    actor = await acting_admin(update, context)
    if actor is None:
        return
    sessions = shared(context).sessions
    argument = argument_of(update)
    replied = update.effective_message.reply_to_message if update.effective_message else None
    audience, text = broadcast.parse_options(argument)
    if replied is not None and not text:
        article_id = _item_behind(replied)
        if article_id is not None:
            replies = await broadcast.prepare_push(sessions, actor, article_id, audience)
            await send_all(update, context, replies)
            return
        argument = f"{argument} {replied.text_html or replied.caption_html or ''}"
    await send_all(update, context, await broadcast.prepare_broadcast(sessions, actor, argument))


async def broadcast_cancel_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    actor = await acting_admin(update, context)
    if actor is None:
        return
    reply = await broadcast.cancel_running(shared(context).sessions, actor, argument_of(update))
    await send_reply(update, context, reply)


async def push_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`/push <item id or URL> [all]`: to instant subscribers, or with `all` to everyone."""
    actor = await acting_admin(update, context)
    if actor is None:
        return
    sessions = shared(context).sessions
    words = argument_of(update).split()
    everyone = len(words) == 2 and words[1].lower() in ("all", "everyone")
    if not words or len(words) > 2 or (len(words) == 2 and not everyone):
        await send_reply(update, context, Reply.text(actor.tr("admin.push_usage")))
        return
    async with sessions() as session:
        article_id = await find_article_id(session, words[0])
    if article_id is None:
        await send_reply(update, context, Reply.text(actor.tr("admin.item_gone")))
        return
    audience = Audience(instant_only=not everyone)
    await send_all(
        update, context, await broadcast.prepare_push(sessions, actor, article_id, audience)
    )


async def sources_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    actor = await acting_admin(update, context)
    if actor is None:
        return
    reply = await sources(shared(context).sessions, actor, argument_of(update))
    await send_reply(update, context, reply)


async def stats_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    actor = await acting_admin(update, context)
    if actor is None:
        return
    await send_reply(update, context, await numbers.stats(shared(context).sessions, actor))


async def audit_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    actor = await acting_admin(update, context)
    if actor is None:
        return
    await send_reply(update, context, await numbers.audit(shared(context).sessions, actor))


async def admins_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    actor = await acting_admin(update, context)
    if actor is None:
        return
    parts = shared(context)
    reply = await admins(parts.sessions, parts.settings, actor, argument_of(update))
    await send_reply(update, context, reply)


ADMIN_COMMANDS = {
    "add": add_command,
    "broadcast": broadcast_command,
    "broadcast_cancel": broadcast_cancel_command,
    "push": push_command,
    "sources": sources_command,
    "stats": stats_command,
    "audit": audit_command,
    "admins": admins_command,
}
