"""Composition: filters (languages, keywords at word starts), near-duplicates folded into one
story with its sources, ranking by recency, sources and quotes, the cap and the rest."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from digests.compose import Candidate, Filters, compose, fold, rank
from digests.near_duplicates import group_near_duplicates, jaccard, normalize, shingles

NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)
STORY = (
    "Астанада жаңа мектеп ашылды. Мектеп 1200 оқушыға арналған, оның құрылысына 9 млрд "
    "теңге жұмсалды. Ашылу салтанатына қала әкімі қатысып, мұғалімдерге алғыс айтты."
)


def article(
    ident: int, title: str, text: str = "", *, lang: str = "kk", source: str | None = None,
    hours_ago: float = 1, quotes: int = 0,
) -> Candidate:
    return Candidate(
        ident, title, text or f"Мәтін {ident} туралы {title}", lang,
        source or f"Source {ident}", NOW - timedelta(hours=hours_ago), quotes,
    )


def test_normalize_folds_case_punctuation_and_yo() -> None:
    assert normalize("«Ёлка», — деді ЁЛКА!") == "елка деді елка"


def test_republished_and_lightly_edited_copies_are_grouped() -> None:
    edited = STORY.replace("алғыс айтты", "алғысын білдірді") + " Фото: ҚазАқпарат."
    other = "Алматыда жаңбыр жауып, көшелерді су басты. Құтқарушылар түні бойы жұмыс істеді."
    assert jaccard(shingles(STORY), shingles(edited)) >= 0.45
    assert group_near_duplicates([STORY, other, edited, STORY]) == [[0, 2, 3], [1]]


def test_fold_makes_one_story_with_every_source_the_lead_has_the_most_quotes() -> None:
    pool = [
        article(1, "Жаңа мектеп", STORY, source="Kazinform"),
        article(2, "Жаңа мектеп ашылды", STORY + " Толығырақ.", source="Tengri", quotes=2),
        article(3, "Жаңбыр", "Алматыда жаңбыр жауды, көшелерді су басты, жол жабылды."),
    ]
    stories = fold(pool)
    assert len(stories) == 2
    school = stories[0]
    assert school.lead.id == 2 and school.sources == ["Tengri", "Kazinform"]


def test_languages_and_keywords_filter_articles() -> None:
    pool = [
        article(1, "Мұнай бағасы өсті", lang="kk"),
        article(2, "Цены на нефть выросли", lang="ru"),
        article(3, "Мұнайдың экспорты", "Футбол және мұнай", lang="kk"),
        article(4, "Ауа райы", lang="kk"),
    ]
    stories = fold(pool)

    def ids(filters: Filters) -> list[int]:
        digest = compose(stories, filters, after_id=0, limit=10, now=NOW)
        return sorted(s.lead.id for s in digest.stories)

    assert ids(Filters()) == [1, 2, 3, 4]
    assert ids(Filters(languages=("ru",))) == [2]
    assert ids(Filters(include=("мұнай",))) == [1, 3]  # word start: мұнайдың matches
    assert ids(Filters(include=("МҰНАЙ",), exclude=("футбол",))) == [1]
    assert ids(Filters(include=("най",))) == []  # not inside a word


def test_only_articles_after_the_cursor_count() -> None:
    stories = fold([article(1, "Бір"), article(2, "Екі"), article(3, "Үш")])
    digest = compose(stories, Filters(), after_id=2, limit=10, now=NOW)
    assert [s.lead.id for s in digest.stories] == [3] and digest.newest_id == 3
    assert compose(stories, Filters(), after_id=3, limit=10, now=NOW).empty


def test_ranking_prefers_fresh_then_more_sources_then_quotes() -> None:
    fresh = article(1, "Жаңа", hours_ago=0.5)
    old = article(2, "Ескі", hours_ago=72)
    quoted = article(3, "Дәйексөз", hours_ago=0.5, quotes=2)
    twin_a = article(4, "Мектеп", STORY, hours_ago=0.5, source="A")
    twin_b = article(5, "Мектеп", STORY, hours_ago=0.5, source="B")
    ranked = rank(fold([fresh, old, quoted, twin_a, twin_b]), NOW)
    assert [s.lead.id for s in ranked] == [4, 3, 1, 2]


def test_the_cap_counts_the_rest() -> None:
    stories = fold([article(i, f"Жаңалық {i} туралы хабар") for i in range(1, 13)])
    digest = compose(stories, Filters(), after_id=0, limit=10, now=NOW)
    assert len(digest.stories) == 10 and digest.more == 2
