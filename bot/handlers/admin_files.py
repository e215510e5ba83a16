"""Documents an admin sends: downloaded from Telegram (size-checked first), then added."""

from __future__ import annotations

from telegram import Message
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.handlers.common import shared
from bot.replies import Reply
from bot.usecases.admin import items, sources
from bot.usecases.admin.access import Actor
from digests.sources.files import is_supported, size_limit

# The Bot API lets bots download files up to 20 MB.
DOWNLOAD_LIMIT = 20 * 1024 * 1024
# A subscription list, not an article: a few thousand feeds fit in well under this.
OPML_LIMIT = 2 * 1024 * 1024


async def document_replies(
    context: ContextTypes.DEFAULT_TYPE, actor: Actor, message: Message
) -> list[Reply]:
    document = message.document
    assert document is not None
    name = document.file_name or "document.txt"
    is_opml = name.lower().endswith(".opml")
    if not is_supported(name) and not is_opml:
        return [Reply.text(actor.tr("admin.add_failed", reason=f"unsupported file {name}"))]
    limit = OPML_LIMIT if is_opml else min(DOWNLOAD_LIMIT, size_limit(name))
    if (document.file_size or 0) > limit:
        reason = f"{name} is over {limit // 2**20} MB"
        return [Reply.text(actor.tr("admin.add_failed", reason=reason))]
    try:
        file = await context.bot.get_file(document.file_id)
        data = bytes(await file.download_as_bytearray())
    except TelegramError as exc:
        return [Reply.text(actor.tr("admin.add_failed", reason=str(exc)))]
    if is_opml:
        return [await sources.import_feeds(shared(context).sessions, actor, name, data)]
    return await items.add_from_document(shared(context).sessions, actor, name, data)
