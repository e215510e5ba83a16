"""Finding quotes by speaker and by words, newest articles first."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.articles import stored_quote, visible_to_readers
from storage.records import QuoteHit, QuotePage
from storage.search_text import parse_query
from storage.tables import Article, QuoteRow

WINDOW = 300


async def find_quotes(
    session: AsyncSession,
    *,
    speaker_key: str | None = None,
    words: str | None = None,
    key_only: bool = False,
    limit: int = 10,
    offset: int = 0,
) -> QuotePage:
    """Quotes by one speaker (the key from digests.speakers) and/or containing every word
    of `words` (folded like search; `word*` matches a prefix), newest articles first.

    With neither filter, the newest quotes. User text only ever becomes bound LIKE patterns
    of letters and digits.
    """
    limit, offset = max(0, limit), max(0, offset)
    # The newest WINDOW matches by arrival (an index walk, even for a speaker quoted
    # thousands of times), then ordered by publication date within them, as search does.
    window = max(WINDOW, offset + limit + 1)
    candidates = select(QuoteRow.id).order_by(QuoteRow.article_id.desc(), QuoteRow.id.desc())
    if speaker_key is not None:
        candidates = candidates.where(QuoteRow.speaker_key == speaker_key)
    if key_only:
        candidates = candidates.where(QuoteRow.is_key.is_(True))
    if words is not None:
        terms = parse_query(words)
        if not terms:
            return QuotePage([], False)
        for term in terms:
            patterns = [f"% {stem}%" if term.prefix else f"% {stem} %" for stem in term.stems]
            candidates = candidates.where(
                or_(*(QuoteRow.search_text.like(pattern) for pattern in patterns))
            )
    statement = (
        select(QuoteRow, Article.title, Article.url, Article.published_at)
        .join(Article, Article.id == QuoteRow.article_id)
        .where(QuoteRow.id.in_(candidates.limit(window).scalar_subquery()))
        .where(visible_to_readers())
        .order_by(Article.published_at.desc().nulls_last(), Article.id.desc(), QuoteRow.position)
        .limit(limit + 1)
        .offset(offset)
    )
    rows = (await session.execute(statement)).tuples().all()
    hits = [
        QuoteHit(stored_quote(quote), title, url, published)
        for quote, title, url, published in rows[:limit]
    ]
    return QuotePage(hits, has_more=len(rows) > limit)
