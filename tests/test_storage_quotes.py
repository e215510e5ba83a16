"""Finding quotes by speaker key and by words."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from digests.models import Analysis, ArticleDraft, Quote
from storage.articles import save_articles
from storage.quotes import find_quotes

Draft = Callable[..., ArticleDraft]
DAY = datetime(2025, 9, 1, tzinfo=UTC)


def _quote(text: str, speaker: str | None, key: str | None, start: int = 0) -> Quote:
    return Quote(text=text, speaker=speaker, speaker_key=key, start=start)


async def _seed(session: AsyncSession, make_draft: Draft) -> None:
    older = Analysis(
        "kk",
        quotes=[
            _quote("Біз экономиканы әртараптандырамыз", "Тоқаев", "tokaev", 10),
            _quote("Мұнай бағасы тұрақты", "Смаилов", "smailov", 50),
        ],
    )
    newer = Analysis(
        "ru",
        quotes=[_quote("Экономика растёт", "Токаев", "tokaev", 5)],
        key_quotes=[_quote("Экономика растёт", "Токаев", "tokaev", 5)],
    )
    await save_articles(
        session,
        [
            (make_draft(title="Ескі", published=DAY), older),
            (make_draft(title="Жаңа", published=DAY + timedelta(days=1)), newer),
        ],
    )


async def test_quotes_by_speaker_key_newest_article_first(
    session: AsyncSession, make_draft: Draft
) -> None:
    await _seed(session, make_draft)
    page = await find_quotes(session, speaker_key="tokaev")
    assert [(h.quote.text, h.article_title) for h in page.hits] == [
        ("Экономика растёт", "Жаңа"),
        ("Біз экономиканы әртараптандырамыз", "Ескі"),
    ]
    assert page.hits[0].published_at == DAY + timedelta(days=1)
    assert not page.has_more


async def test_quotes_by_words_are_folded_and_match_word_forms(
    session: AsyncSession, make_draft: Draft
) -> None:
    await _seed(session, make_draft)
    assert [h.quote.speaker_key for h in (await find_quotes(session, words="МҰНАЙ")).hits] == [
        "smailov"
    ]
    # A long word matches its forms (экономика, экономики); a short one only itself.
    assert len((await find_quotes(session, words="экономик")).hits) == 2
    assert len((await find_quotes(session, words="экономики")).hits) == 2
    assert (await find_quotes(session, words="эко")).hits == []
    starred = await find_quotes(session, words="эко*")
    assert len(starred.hits) == 2
    assert (await find_quotes(session, words="растет", speaker_key="smailov")).hits == []


async def test_key_only_and_paging(session: AsyncSession, make_draft: Draft) -> None:
    await _seed(session, make_draft)
    assert [h.quote.text for h in (await find_quotes(session, key_only=True)).hits] == [
        "Экономика растёт"
    ]
    first = await find_quotes(session, limit=2)
    second = await find_quotes(session, limit=2, offset=2)
    assert first.has_more and not second.has_more
    assert len(first.hits) + len(second.hits) == 3


async def test_junk_words_find_nothing_and_never_raise(
    session: AsyncSession, make_draft: Draft
) -> None:
    await _seed(session, make_draft)
    for junk in ["%", "_", "'; --", "\x00", "*", ""]:
        assert (await find_quotes(session, words=junk)).hits == []
