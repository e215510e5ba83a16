"""Inline mode: `@bot words` in any chat offers matching quotes to share, 50 per page."""

from __future__ import annotations

from telegram import InlineQueryResultArticle, InputTextMessageContent, Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from bot.handlers.common import NO_PREVIEW, shared
from bot.i18n import interface_language, translator
from bot.render.items import render_quote_hit
from bot.usecases.quotes import MAX_QUERY, quote_page

PAGE = 50
MAX_OFFSET = 1_000
DESCRIPTION_LENGTH = 120


async def inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.inline_query
    if query is None:
        return
    tr = translator(interface_language(query.from_user.language_code))
    offset = int(query.offset) if query.offset.isdecimal() else 0
    text = " ".join(query.query.split())[:MAX_QUERY]
    if offset > MAX_OFFSET:
        await query.answer([], cache_time=30, is_personal=False)
        return
    async with shared(context).read_sessions() as session:
        page = await quote_page(session, text, limit=PAGE, offset=offset)
    unnamed = tr("speaker.unknown")
    zone = shared(context).settings.timezone
    results = [
        InlineQueryResultArticle(
            id=str(hit.quote.id),
            title=hit.quote.speaker_name or unnamed,
            description=_shortened(hit.quote.text),
            input_message_content=InputTextMessageContent(
                render_quote_hit(hit, zone),
                parse_mode=ParseMode.HTML,
                link_preview_options=NO_PREVIEW,
            ),
            url=hit.article_url if hit.article_url and hit.article_url.startswith("http") else None,
        )
        for hit in page.hits
    ]
    await query.answer(
        results,
        cache_time=30,
        is_personal=False,
        next_offset=str(offset + PAGE) if page.has_more else "",
    )


def _shortened(text: str) -> str:
    if len(text) <= DESCRIPTION_LENGTH:
        return text
    return text[: DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0] + "…"
