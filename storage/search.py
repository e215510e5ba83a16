"""Full-text search over title and body: one function, SQLite FTS5 or PostgreSQL tsvector.

Ranking every match does not scale (bm25 over all matches of a common word: p95 409 ms at 1M
articles), and readers of news want recent items. So the backend only finds the newest
WINDOW matches, cheaply, in index order (article id, i.e. arrival order), and the page is
ordered within that window: by publication date ("newest") or by relevance ("rank").
Deeper pages widen the window to offset + limit + 1.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from sqlalchemy import Integer, Select, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from storage.articles import visible_to_readers
from storage.records import SearchHit, SearchPage
from storage.search_text import Term, fts5_match, parse_query, tsquery
from storage.snippets import make_snippet, relevance, shadow_length
from storage.tables import Article

Order = Literal["newest", "rank"]
WINDOW = 300
MAX_LIMIT = 100
MAX_OFFSET = 10_000


async def search_articles(
    session: AsyncSession,
    query: str,
    *,
    order: Order = "newest",
    limit: int = 10,
    offset: int = 0,
) -> SearchPage:
    """Articles containing every word of `query` (folded; `word*` for a prefix).

    Any string is accepted: words are letters and digits only, everything else is dropped,
    so a query with nothing left returns an empty page.
    """
    limit = min(max(0, limit), MAX_LIMIT)
    offset = min(max(0, offset), MAX_OFFSET)
    terms = parse_query(query)
    if not terms or limit == 0:
        return SearchPage([], False)
    window = max(WINDOW, offset + limit + 1)
    candidates = (await session.execute(_candidates(session, terms, window, order))).all()
    scores: dict[int, float] = {}
    if order == "rank":
        average = sum(shadow_length(row[3]) for row in candidates) / max(1, len(candidates))
        scores = {row[0]: relevance(terms, row[3], average) for row in candidates}
    ordered = sorted(candidates, key=lambda row: _sort_key(row, scores), reverse=True)
    page_ids = [row[0] for row in ordered[offset : offset + limit]]
    hits = await _hits(session, page_ids, terms, scores)
    return SearchPage(hits, has_more=len(ordered) > offset + limit)


def _sort_key(row: Any, scores: dict[int, float]) -> tuple[float, datetime, int]:
    ident, published, ingested = row[0], row[1], row[2]
    return (scores.get(ident, 0.0), published or ingested, ident)


def _candidates(session: AsyncSession, terms: list[Term], window: int, order: Order) -> Select[Any]:
    columns: list[Any] = [Article.id, Article.published_at, Article.ingested_at]
    if order == "rank":
        columns.append(Article.search_text)
    if session.get_bind().dialect.name == "sqlite":
        newest = (
            text(
                "SELECT rowid AS id FROM articles_fts WHERE articles_fts MATCH :match "
                "ORDER BY rowid DESC LIMIT :window"
            )
            .bindparams(match=fts5_match(terms), window=window)
            .columns(id=Integer)
            .subquery("matches")
        )
        return select(*columns).join(newest, newest.c.id == Article.id).where(visible_to_readers())
    return (
        select(*columns)
        .where(text("articles.search_vector @@ to_tsquery('simple', :tsquery)"))
        .where(visible_to_readers())
        .params(tsquery=tsquery(terms))
        .order_by(Article.id.desc())
        .limit(window)
    )


async def _hits(
    session: AsyncSession, ids: list[int], terms: list[Term], scores: dict[int, float]
) -> list[SearchHit]:
    if not ids:
        return []
    rows = await session.execute(
        select(
            Article.id,
            Article.title,
            Article.url,
            Article.published_at,
            Article.lang,
            Article.body,
        ).where(Article.id.in_(ids))
    )
    by_id = {row[0]: row for row in rows}
    return [
        SearchHit(
            article_id=ident,
            title=by_id[ident][1],
            url=by_id[ident][2],
            published_at=by_id[ident][3],
            lang=by_id[ident][4],
            snippet=make_snippet(by_id[ident][5], terms),
            score=scores.get(ident),
        )
        for ident in ids
        if ident in by_id
    ]
