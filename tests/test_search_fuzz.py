"""Whatever a reader types, search returns hits or none and never raises, on both backends."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.ext.asyncio import AsyncSession

from digests.models import ArticleDraft
from storage.articles import save_articles
from storage.search import search_articles
from storage.search_text import HIGHLIGHT_END, HIGHLIGHT_START

SYNTAX = [
    '"', "'", "*", "(", ")", "-", "+", ":", "^", "{", "}", "[", "]", "AND", "OR", "NOT",
    "NEAR", "NEAR(", "&", "|", "!", "<->", ":*", "\\", "%", "_", ";", "--", "/*", "*/",
    "DROP TABLE articles", "' OR 1=1 --", "\x00", "\ud800", "\udfff", "😀", "🇰🇿",
    "Қазақстан", "ҚАЗАҚ", "тоқаев", "ёлка", "әлем", "і", "i", "Ə", "e\u0301", "ß",
]
queries = st.one_of(
    st.text(alphabet=st.characters(exclude_categories=[]), max_size=60),
    st.lists(st.sampled_from(SYNTAX), max_size=12).map(" ".join),
    st.lists(st.sampled_from(SYNTAX), max_size=12).map("".join),
    st.text(alphabet="қазақстан*\"() -", min_size=5_000, max_size=10_500),
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    query=queries,
    order=st.sampled_from(["newest", "rank"]),
    limit=st.integers(-5, 200),
    offset=st.integers(-5, 20_000),
)
async def test_any_query_returns_a_page_and_never_raises(
    session: AsyncSession,
    make_draft: Callable[..., ArticleDraft],
    query: str,
    order: str,
    limit: int,
    offset: int,
) -> None:
    if not await _has_articles(session):
        await save_articles(
            session,
            [
                (make_draft(title="Қазақстан NEAR AND", body="Тоқаев: «Ёлка мен әлем» OR NOT."),
                 None),
                (make_draft(title="Ελλάδα", body="Café naïve 😀 ß straße 2024 x_y."), None),
            ],
        )
    page = await search_articles(session, query, order=order, limit=limit, offset=offset)  # type: ignore[arg-type]
    assert len(page.hits) <= max(0, limit)
    for hit in page.hits:
        assert hit.snippet.count(HIGHLIGHT_START) == hit.snippet.count(HIGHLIGHT_END)


async def _has_articles(session: AsyncSession) -> bool:
    from storage.articles import count_articles

    return await count_articles(session) > 0
