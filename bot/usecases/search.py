"""`/search words`: full-text search of stored articles, newest matches first, paged."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.query_tokens import QueryTokens
from bot.render.items import render_search_hit
from bot.render.messages import pack_messages
from bot.replies import Reply
from bot.usecases.paging import more_buttons
from bot.usecases.reader import Reader
from storage.search import search_articles

PAGE = 5
MAX_QUERY = 256


async def search(
    sessions: async_sessionmaker[AsyncSession],
    reader: Reader,
    tokens: QueryTokens,
    argument: str,
    *,
    offset: int = 0,
) -> Reply:
    query = " ".join(argument.split())
    if not query:
        return Reply.text(reader.tr("search.usage"))
    if len(query) > MAX_QUERY:
        return Reply.text(reader.tr("search.too_long", max=MAX_QUERY))
    async with sessions() as session:
        page = await search_articles(session, query, limit=PAGE, offset=offset)
    if not page.hits:
        key = "search.empty" if offset == 0 else "latest.no_more"
        return Reply.text(reader.tr(key, query=query))
    items = [render_search_hit(hit, reader.zone) for hit in page.hits]
    header = reader.tr("search.header", query=query) if offset == 0 else None
    buttons = more_buttons(reader, page.has_more, "ms", offset + PAGE, tokens.token_for(query))
    return Reply(pack_messages(items, header=header), buttons)
