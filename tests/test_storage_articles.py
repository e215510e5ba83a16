"""Saving articles: batched, deduplicated by canonical URL and by content hash, with quotes
and speakers; reading the latest back as plain data."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from digests.models import Analysis, ArticleDraft, Quote
from storage.articles import count_articles, get_article, latest_articles, save_articles
from storage.records import SaveOutcome
from storage.tables import QuoteRow, Speaker

Draft = Callable[..., ArticleDraft]

TOKAYEV = "tokaev kasym-zhomart"
QUOTE_ONE = Quote(
    text="Біз жастарды қолдауды жалғастырамыз",
    speaker="Қасым-Жомарт Тоқаев",
    speaker_key=TOKAYEV,
    start=120,
    paragraph=2,
    salience=0.9,
)
QUOTE_TWO = Quote(
    text="Экология бәріміздің ортақ ісіміз",
    speaker="Тоқаев",
    speaker_key=TOKAYEV,
    start=300,
    paragraph=4,
    salience=0.4,
)
QUOTE_ANON = Quote(text="Бәрі дайын", speaker=None, speaker_key=None, start=500, paragraph=5)


async def test_new_articles_are_ingested_with_ids(session: AsyncSession, make_draft: Draft) -> None:
    outcomes = await save_articles(session, [(make_draft(), None), (make_draft(), None)])
    assert [o.status for o in outcomes] == ["ingested", "ingested"]
    assert len({o.article_id for o in outcomes}) == 2
    assert await count_articles(session) == 2


async def test_same_link_with_tracking_parameters_is_a_duplicate(
    session: AsyncSession, make_draft: Draft
) -> None:
    [first] = await save_articles(
        session, [(make_draft(url="https://news.example.kz/a/1?id=7"), None)]
    )
    [again] = await save_articles(
        session,
        [(make_draft(url="http://www.news.example.kz/a/1/?utm_source=tg&id=7#top"), None)],
    )
    assert again == SaveOutcome("duplicate", first.article_id, "canonical_url")


async def test_same_text_reposted_with_other_spacing_and_case_is_a_duplicate(
    session: AsyncSession, make_draft: Draft
) -> None:
    body = "Алматыда жаңа саябақ ашылды.\n\nТұрғындар қуанышты."
    [first] = await save_articles(session, [(make_draft(body=body, url="https://a.kz/1"), None)])
    [again] = await save_articles(
        session,
        [(make_draft(body="  АЛМАТЫДА жаңа саябақ   ашылды!\nТұрғындар «қуанышты».",
                     url="https://b.kz/2"), None)],
    )
    assert again == SaveOutcome("duplicate", first.article_id, "content_hash")


async def test_reingesting_the_same_batch_reports_every_item_as_duplicate(
    session: AsyncSession, make_draft: Draft
) -> None:
    batch = [(make_draft(url=f"https://kz.example/{i}"), None) for i in range(5)]
    first = await save_articles(session, batch, origin="seeds/x.txt")
    again = await save_articles(session, batch, origin="seeds/x.txt")
    assert [o.status for o in again] == ["duplicate"] * 5
    assert [o.article_id for o in again] == [o.article_id for o in first]
    assert await count_articles(session) == 5


async def test_duplicates_inside_one_batch_point_at_the_first_copy(
    session: AsyncSession, make_draft: Draft
) -> None:
    original = make_draft(body="Бірінші мәтін.", url="https://kz.example/a")
    same_link = make_draft(body="Басқа мәтін.", url="https://kz.example/a?utm_medium=x")
    same_text = make_draft(body="БІРІНШІ   мәтін", url="https://kz.example/other")
    other = make_draft(body="Үшінші мәтін.")
    outcomes = await save_articles(
        session, [(original, None), (same_link, None), (same_text, None), (other, None)]
    )
    first_id = outcomes[0].article_id
    assert outcomes[0] == SaveOutcome("ingested", first_id)
    assert outcomes[1] == SaveOutcome("duplicate", first_id, "canonical_url")
    assert outcomes[2] == SaveOutcome("duplicate", first_id, "content_hash")
    assert outcomes[3].status == "ingested" and outcomes[3].article_id != first_id
    assert await count_articles(session) == 2


async def test_quotes_are_stored_with_key_quotes_flagged_and_speakers_joined(
    session: AsyncSession, make_draft: Draft
) -> None:
    analysis = Analysis(
        lang="kk",
        summary=["Президент жастарды қолдады.", "Экология туралы айтты."],
        quotes=[QUOTE_ONE, QUOTE_TWO, QUOTE_ANON],
        key_quotes=[QUOTE_TWO, QUOTE_ONE],
    )
    [outcome] = await save_articles(session, [(make_draft(lang=None), analysis)])

    article = await get_article(session, outcome.article_id)
    assert article is not None
    assert article.lang == "kk"
    assert article.summary == analysis.summary
    assert [q.text for q in article.key_quotes] == [QUOTE_TWO.text, QUOTE_ONE.text]
    assert [q.key_rank for q in article.key_quotes] == [0, 1]

    rows = (await session.execute(select(QuoteRow).order_by(QuoteRow.position))).scalars().all()
    assert [(r.text, r.is_key, r.position, r.paragraph) for r in rows] == [
        (QUOTE_ONE.text, True, 120, 2),
        (QUOTE_TWO.text, True, 300, 4),
        (QUOTE_ANON.text, False, 500, 5),
    ]
    speakers = (await session.execute(select(Speaker))).scalars().all()
    assert [(s.key, s.name, s.aliases) for s in speakers] == [
        (TOKAYEV, "Қасым-Жомарт Тоқаев", ["Қасым-Жомарт Тоқаев", "Тоқаев"])
    ]
    assert rows[0].speaker_id == rows[1].speaker_id == speakers[0].id
    assert rows[2].speaker_id is None


async def test_ranked_key_quotes_are_not_stored_twice(
    session: AsyncSession, make_draft: Draft
) -> None:
    """Ranking gives key quotes a salience, so they differ as values from `quotes`."""
    ranked = [replace(QUOTE_TWO, salience=0.9), replace(QUOTE_ONE, salience=0.4)]
    analysis = Analysis(lang="kk", quotes=[QUOTE_ONE, QUOTE_TWO], key_quotes=ranked)
    await save_articles(session, [(make_draft(), analysis)])
    rows = (await session.execute(select(QuoteRow).order_by(QuoteRow.position))).scalars().all()
    assert [(r.text, r.key_rank, r.salience) for r in rows] == [
        (QUOTE_ONE.text, 1, 0.4),
        (QUOTE_TWO.text, 0, 0.9),
    ]


async def test_a_known_speaker_gains_new_spellings_as_aliases(
    session: AsyncSession, make_draft: Draft
) -> None:
    latin = Quote(text="We will continue", speaker="Tokayev", speaker_key=TOKAYEV)
    await save_articles(session, [(make_draft(), Analysis("kk", quotes=[QUOTE_ONE]))])
    await save_articles(session, [(make_draft(), Analysis("en", quotes=[latin]))])
    speakers = (await session.execute(select(Speaker))).scalars().all()
    assert [(s.name, s.aliases) for s in speakers] == [
        ("Қасым-Жомарт Тоқаев", ["Қасым-Жомарт Тоқаев", "Tokayev"])
    ]
    assert (await session.execute(select(func.count()).select_from(QuoteRow))).scalar_one() == 2


async def test_datetimes_come_back_aware_and_in_utc(
    session: AsyncSession, make_draft: Draft
) -> None:
    almaty = timezone(timedelta(hours=5))
    published = datetime(2025, 12, 5, 9, 30, 15, 123456, tzinfo=almaty)
    before = datetime.now(UTC)
    [outcome] = await save_articles(session, [(make_draft(published=published), None)])
    session.expire_all()
    article = await get_article(session, outcome.article_id)
    assert article is not None and article.published_at is not None
    assert article.published_at == published
    assert article.published_at.tzinfo == UTC
    assert article.published_at.hour == 4
    assert article.ingested_at.tzinfo == UTC
    assert before - timedelta(seconds=1) <= article.ingested_at <= datetime.now(UTC)


async def test_naive_datetimes_are_refused(session: AsyncSession, make_draft: Draft) -> None:
    naive = make_draft(published=datetime(2025, 1, 1, 12, 0))
    with pytest.raises(Exception, match="naive datetime"):
        await save_articles(session, [(naive, None)])


async def test_latest_articles_are_newest_first_with_undated_last_and_paged(
    session: AsyncSession, make_draft: Draft
) -> None:
    day = datetime(2025, 3, 1, tzinfo=UTC)
    drafts = [make_draft(title=f"Күн {i}", published=day + timedelta(days=i)) for i in range(5)]
    undated = ArticleDraft(title="Күнсіз", body="Күні белгісіз мақала.", lang="kk")
    await save_articles(session, [(d, None) for d in [*drafts, undated]])

    first = await latest_articles(session, limit=4)
    rest = await latest_articles(session, limit=4, offset=4)
    assert [a.title for a in first] == ["Күн 4", "Күн 3", "Күн 2", "Күн 1"]
    assert [a.title for a in rest] == ["Күн 0", "Күнсіз"]


async def test_latest_articles_filter_by_language_and_carry_source_and_origin(
    session: AsyncSession, make_draft: Draft
) -> None:
    await save_articles(
        session,
        [
            (make_draft(title="Қазақша", lang="kk", source="Zakon.kz"), None),
            (make_draft(title="По-русски", lang="ru", source="Zakon.kz"), None),
            (make_draft(title="English", lang="en"), None),
        ],
        origins=["a.txt", "b.txt", "c.txt"],
    )
    russian = await latest_articles(session, langs=["ru"])
    assert [(a.title, a.source, a.origin) for a in russian] == [("По-русски", "Zakon.kz", "b.txt")]
    assert await count_articles(session, langs=["kk", "en"]) == 2


async def test_text_that_a_database_cannot_hold_is_cleaned(
    session: AsyncSession, make_draft: Draft
) -> None:
    dirty = make_draft(title="Нөл\x00 байт", body="Жалғыз \ud800 суррогат \x02белгі\x03.")
    [outcome] = await save_articles(session, [(dirty, None)])
    article = await get_article(session, outcome.article_id)
    assert article is not None
    assert article.title == "Нөл байт"
    assert article.body == "Жалғыз \ufffd суррогат белгі."


async def test_an_admins_draft_is_hidden_from_readers_until_released(
    session: AsyncSession, make_draft: Draft
) -> None:
    from storage.admin_items import draft_origin, release_to_digests
    from storage.quotes import find_quotes
    from storage.search import search_articles

    analysis = Analysis(lang="kk", quotes=[QUOTE_ONE], key_quotes=[QUOTE_ONE])
    body = "Жасырын жоба туралы жаңалық әзірге жарияланбаған."
    [draft] = await save_articles(
        session, [(make_draft(body=body), analysis)], origin=draft_origin(7)
    )

    async def seen() -> tuple[int, int, int]:
        latest = await latest_articles(session)
        found = await search_articles(session, "жасырын")
        quoted = await find_quotes(session, speaker_key=TOKAYEV)
        return len(latest), len(found.hits), len(quoted.hits)

    assert await seen() == (0, 0, 0)
    await release_to_digests(session, draft.article_id)
    assert await seen() == (1, 1, 1)
