"""`/quote [who or what]`: quotes by a speaker in any form or script, or containing words.

The argument is first read as a name (`Токаев` finds Тоқаев's Kazakh quotes through the
speaker key), and only when nobody by that name was quoted, as words of the quote.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.query_tokens import QueryTokens
from bot.render.items import render_quote_hit
from bot.render.messages import pack_messages
from bot.replies import Reply
from bot.usecases.paging import more_buttons
from bot.usecases.reader import Reader
from digests.speakers import speaker_key
from storage.quotes import find_quotes
from storage.records import QuotePage

PAGE = 5
MAX_QUERY = 200


async def quote_page(session: AsyncSession, query: str, *, limit: int, offset: int) -> QuotePage:
    """Quotes for a query, shared by /quote and inline mode."""
    if not query:
        return await find_quotes(session, key_only=True, limit=limit, offset=offset)
    key = speaker_key(query)
    if key:
        by_speaker = await find_quotes(session, speaker_key=key, limit=limit, offset=offset)
        if by_speaker.hits or offset > 0:
            return by_speaker
    return await find_quotes(session, words=query, limit=limit, offset=offset)


async def quotes(
    sessions: async_sessionmaker[AsyncSession],
    reader: Reader,
    tokens: QueryTokens,
    argument: str = "",
    *,
    offset: int = 0,
) -> Reply:
    query = " ".join(argument.split())[:MAX_QUERY]
    async with sessions() as session:
        page = await quote_page(session, query, limit=PAGE, offset=offset)
    if not page.hits:
        if offset:
            return Reply.text(reader.tr("latest.no_more"))
        if not query:
            return Reply.text(reader.tr("quote.none_yet"))
        return Reply.text(reader.tr("quote.empty", query=query))
    items = [render_quote_hit(hit, reader.zone) for hit in page.hits]
    if offset:
        header = None
    elif query:
        header = reader.tr("quote.header_query", query=query)
    else:
        header = reader.tr("quote.header_latest")
    buttons = more_buttons(reader, page.has_more, "mq", offset + PAGE, tokens.token_for(query))
    return Reply(pack_messages(items, header=header), buttons)
