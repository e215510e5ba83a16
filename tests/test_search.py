"""Search over title and body: folding, order, paging, snippets, the same on both backends."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from digests.models import ArticleDraft
from storage.articles import save_articles
from storage.search import WINDOW, search_articles
from storage.search_text import HIGHLIGHT_END as END
from storage.search_text import HIGHLIGHT_START as START

Draft = Callable[..., ArticleDraft]
DAY = datetime(2025, 6, 1, 8, 0, tzinfo=UTC)


async def _store(session: AsyncSession, *drafts: ArticleDraft) -> list[int]:
    outcomes = await save_articles(session, [(d, None) for d in drafts])
    return [o.article_id for o in outcomes]


async def _titles(session: AsyncSession, query: str, **options: object) -> list[str]:
    page = await search_articles(session, query, **options)  # type: ignore[arg-type]
    return [hit.title for hit in page.hits]


async def test_kazakh_letters_match_in_any_case_and_from_a_russian_keyboard(
    session: AsyncSession, make_draft: Draft
) -> None:
    await _store(
        session,
        make_draft(title="Қазақстан жаңалықтары", body="ҚАЗАҚСТАН мен Әлем арасындағы келісім."),
        make_draft(title="Басқа", body="Бұл мақалада ештеңе жоқ."),
    )
    for query in ("қазақстан", "ҚАЗАҚСТАН", "Қазақстан", "казакстан", "КАЗАКСТАН", "әлем", "ӘЛЕМ"):
        assert await _titles(session, query) == ["Қазақстан жаңалықтары"], query


async def test_i_and_yo_variants_fold_together(session: AsyncSession, make_draft: Draft) -> None:
    await _store(
        session,
        make_draft(title="Білім", body="Іле өңірінде білім беру реформасы басталды."),
        make_draft(title="Ёлка", body="На площади поставили ёлку."),
    )
    assert await _titles(session, "іле") == ["Білім"]
    assert await _titles(session, "ИЛЕ") == ["Білім"]
    assert await _titles(session, "бiлiм") == ["Білім"]  # typed with Latin i
    assert await _titles(session, "елку") == ["Ёлка"]
    assert await _titles(session, "ЁЛКУ") == ["Ёлка"]


async def test_every_word_must_match_and_the_title_counts(
    session: AsyncSession, make_draft: Draft
) -> None:
    await _store(
        session,
        make_draft(title="Астана су тасқыны", body="Өзен арнасынан асты.", published=DAY),
        make_draft(title="Ауа райы", body="Астанада жаңбыр жауады.", published=DAY),
    )
    assert await _titles(session, "астана тасқыны") == ["Астана су тасқыны"]
    assert await _titles(session, "тасқыны жаңбыр") == []
    assert await _titles(session, "астанада жаңбыр") == ["Ауа райы"]


async def test_a_trailing_star_matches_word_forms(session: AsyncSession, make_draft: Draft) -> None:
    body = "Тоқаевтың сөзінше, мектептер жөнделеді."
    await _store(session, make_draft(title="Сабақ", body=body))
    assert await _titles(session, "Тоқаев*") == ["Сабақ"]
    assert await _titles(session, "мектеп* тоқаев*") == ["Сабақ"]


async def test_kazakh_and_russian_word_forms_match_without_a_star(
    session: AsyncSession, make_draft: Draft
) -> None:
    await _store(
        session,
        make_draft(title="Ауыл", body="Тоқаевтың сапары: ауыл мектебінің жаңа ғимараты ашылды."),
        make_draft(title="Город", body="В Астане открыли новую школу."),
        make_draft(title="Су", body="Сулы жерде жол жөнделді."),
    )
    assert await _titles(session, "Тоқаев мектеп") == ["Ауыл"]
    assert await _titles(session, "Астана") == ["Город"]
    assert await _titles(session, "су") == ["Су"]  # the title word; "сулы" is not "су"
    assert await _titles(session, "жол") == ["Су"]


async def test_newest_order_follows_publication_date(
    session: AsyncSession, make_draft: Draft
) -> None:
    # Stored out of date order: the oldest article arrives last.
    await _store(
        session,
        make_draft(title="Екінші", body="Сайлау науқаны.", published=DAY + timedelta(days=1)),
        make_draft(title="Үшінші", body="Сайлау нәтижесі.", published=DAY + timedelta(days=2)),
        make_draft(title="Бірінші", body="Сайлау жарияланды.", published=DAY),
    )
    assert await _titles(session, "сайлау") == ["Үшінші", "Екінші", "Бірінші"]


async def test_rank_order_puts_the_most_relevant_first(
    session: AsyncSession, make_draft: Draft
) -> None:
    await _store(
        session,
        make_draft(title="Спорт", body="Футбол. Хоккей, теннис, бокс және басқалар.",
                   published=DAY + timedelta(days=3)),
        make_draft(title="Футбол", body="Футбол футбол: футбол бойынша чемпионат.",
                   published=DAY),
        make_draft(title="Жарыс", body="Футбол және футбол жанкүйерлері.",
                   published=DAY + timedelta(days=1)),
    )
    assert await _titles(session, "футбол", order="rank") == ["Футбол", "Жарыс", "Спорт"]
    assert await _titles(session, "футбол") == ["Спорт", "Жарыс", "Футбол"]
    page = await search_articles(session, "футбол", order="rank")
    scores = [hit.score for hit in page.hits]
    assert all(s is not None for s in scores) and scores == sorted(scores, reverse=True)  # type: ignore[type-var]


async def test_pages_do_not_overlap_and_say_when_there_is_more(
    session: AsyncSession, make_draft: Draft
) -> None:
    await _store(
        session,
        *[
            make_draft(title=f"Жаңалық {i:02}", body=f"Экономика шолуы {i}.",
                       published=DAY + timedelta(hours=i))
            for i in range(25)
        ],
    )
    seen: list[str] = []
    offset = 0
    while True:
        page = await search_articles(session, "экономика", limit=10, offset=offset)
        seen += [hit.title for hit in page.hits]
        if not page.has_more:
            break
        offset += 10
    assert seen == [f"Жаңалық {i:02}" for i in reversed(range(25))]
    assert offset == 20
    assert (await search_articles(session, "экономика", limit=5, offset=25)).hits == []


async def test_deep_pages_beyond_the_window_still_page(
    session: AsyncSession, make_draft: Draft, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("storage.search.WINDOW", 3)
    await _store(session, *[make_draft(body=f"Мұнай бағасы {i}.") for i in range(7)])
    page = await search_articles(session, "мұнай", limit=2, offset=4)
    assert len(page.hits) == 2 and page.has_more
    last = await search_articles(session, "мұнай", limit=2, offset=6)
    assert len(last.hits) == 1 and not last.has_more
    assert WINDOW >= 100


async def test_snippet_highlights_matched_words_around_the_first_match(
    session: AsyncSession, make_draft: Draft
) -> None:
    filler = " ".join(f"сөз{i}" for i in range(40))
    body = f"{filler} Президент ҚАЗАҚСТАН халқына үндеді. Қазақстан болашағы жарқын. {filler}"
    await _store(session, make_draft(title="Үндеу", body=body))
    [hit] = (await search_articles(session, "казакстан")).hits
    assert f"{START}ҚАЗАҚСТАН{END}" in hit.snippet
    assert f"{START}Қазақстан{END}" in hit.snippet
    assert hit.snippet.startswith("… ") and hit.snippet.endswith(" …")
    assert hit.snippet.startswith("… сөз35 сөз36") and "сөз34" not in hit.snippet
    assert len(hit.snippet) < 400


async def test_snippet_when_only_the_title_matches_is_the_opening(
    session: AsyncSession, make_draft: Draft
) -> None:
    await _store(session, make_draft(title="Ақтөбе", body="Қала әкімі жаңа жоба туралы айтты."))
    [hit] = (await search_articles(session, "Ақтөбе")).hits
    assert hit.snippet == "Қала әкімі жаңа жоба туралы айтты."
    assert START not in hit.snippet


async def test_hit_carries_what_a_reply_needs(session: AsyncSession, make_draft: Draft) -> None:
    [ident] = await _store(
        session,
        make_draft(title="Тест", body="Бидай егісі.", url="https://agro.example.kz/1",
                   published=DAY, lang="kk"),
    )
    [hit] = (await search_articles(session, "бидай")).hits
    assert (hit.article_id, hit.title, hit.url, hit.published_at, hit.lang) == (
        ident, "Тест", "https://agro.example.kz/1", DAY, "kk",
    )
    assert hit.score is None


@pytest.mark.parametrize(
    "query",
    ['"', "*", "()", "AND", "NEAR(a b)", "- -x", "'; DROP TABLE articles; --", "", "   ",
     "a:b", "^x", "{x}", "\x00", "\ud800", "😀" * 50, "x" * 10_000, "NOT OR AND"],
)
async def test_operators_and_junk_are_just_text(
    session: AsyncSession, make_draft: Draft, query: str
) -> None:
    await _store(session, make_draft(title="Жаңалық", body="Қарапайым мәтін AND OR NOT near."))
    page = await search_articles(session, query)
    assert page.has_more is False
    assert all(hit.title == "Жаңалық" for hit in page.hits)
    assert len(await _titles(session, "and or")) == 1
