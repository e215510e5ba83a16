"""`/latest [N]`: the newest items as a digest, paged by a "more" button."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.render.items import render_article
from bot.render.messages import pack_messages
from bot.replies import Reply
from bot.usecases.paging import more_buttons
from bot.usecases.reader import Reader
from storage.articles import latest_articles

DEFAULT_COUNT = 5
MAX_COUNT = 20


def parse_count(argument: str) -> int | None:
    """`""` → the default; a number 1..MAX_COUNT; anything else → None (explain, don't guess)."""
    argument = argument.strip()
    if not argument:
        return DEFAULT_COUNT
    if not argument.isdecimal() or len(argument) > 3:
        return None
    count = int(argument)
    return count if 1 <= count <= MAX_COUNT else None


async def latest(
    sessions: async_sessionmaker[AsyncSession], reader: Reader, argument: str = ""
) -> Reply:
    count = parse_count(argument)
    if count is None:
        return Reply.text(reader.tr("latest.bad_count", max=MAX_COUNT))
    return await latest_page(sessions, reader, offset=0, count=count)


async def latest_page(
    sessions: async_sessionmaker[AsyncSession], reader: Reader, *, offset: int, count: int
) -> Reply:
    async with sessions() as session:
        articles = await latest_articles(
            session, limit=count + 1, offset=offset, langs=reader.news_languages
        )
    if not articles:
        key = "latest.empty" if offset == 0 else "latest.no_more"
        return Reply.text(reader.tr(key))
    items = [render_article(article, reader.zone) for article in articles[:count]]
    header = reader.tr("latest.header") if offset == 0 else None
    buttons = more_buttons(reader, len(articles) > count, "ml", offset + count, count)
    return Reply(pack_messages(items, header=header), buttons)
