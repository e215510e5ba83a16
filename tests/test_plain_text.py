"""Pasted articles: title, date line, paragraphs; the site's "related" tail is dropped."""

import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from digests.sources.plain_text import (
    EmptyArticleError,
    parse_date_line,
    parse_plain_text,
    split_paragraphs,
)

ALMATY = ZoneInfo("Asia/Almaty")
SHARED_ARTICLES = Path(__file__).resolve().parents[2] / "shared" / "eval" / "articles"


def test_seed_shape_gives_title_date_and_body() -> None:
    seed = next(Path("seeds").glob("000_*.txt")).read_text(encoding="utf-8")
    draft = parse_plain_text(seed, tz=ALMATY)
    assert draft.title.startswith("Тоқаев: Алматы БҰҰ")
    assert draft.published == datetime(2025, 12, 5, tzinfo=ALMATY)
    assert draft.body.startswith("Президент Тоқаев")
    assert draft.body.endswith("— деді ол.")
    assert "Latest to this topic" not in draft.body


def test_related_news_block_with_headlines_is_dropped() -> None:
    text = (
        "Заголовок\n\n01.02.2026\n\nПервый абзац.\n\nВторой абзац.\n\n"
        "Читайте также:\nДругая новость"
    )
    assert parse_plain_text(text, tz=ALMATY).body == "Первый абзац.\n\nВторой абзац."


def test_a_paragraph_that_only_mentions_related_news_stays() -> None:
    text = "Title\n\nBody says: see also the report.\n\nRelated news is rare here, he said."
    assert "Related news is rare" in parse_plain_text(text, tz=ALMATY).body


def test_date_line_with_time_is_local_time() -> None:
    assert parse_date_line("23.09.2025, 11:40", ALMATY) == datetime(
        2025, 9, 23, 11, 40, tzinfo=ALMATY
    )
    assert parse_date_line("2025-09-23", ALMATY) == datetime(2025, 9, 23, tzinfo=ALMATY)


@pytest.mark.parametrize("line", ["31.02.2025", "Сейсенбі", "12.2025", "99.99.9999, 25:61"])
def test_impossible_or_absent_dates_are_not_dates(line: str) -> None:
    assert parse_date_line(line, ALMATY) is None


def test_text_without_date_line_uses_first_line_as_title() -> None:
    draft = parse_plain_text("Ауа райы\nЕртең жаңбыр жауады.", tz=ALMATY)
    assert (draft.title, draft.body, draft.published) == ("Ауа райы", "Ертең жаңбыр жауады.", None)


def test_hard_wrapped_paragraphs_are_joined() -> None:
    lines = ["Бірінші жол", "жалғасы.", "", "Екінші абзац."]
    assert split_paragraphs(lines) == ["Бірінші жол жалғасы.", "Екінші абзац."]


def test_blank_text_is_refused() -> None:
    with pytest.raises(EmptyArticleError):
        parse_plain_text("\n \n", tz=ALMATY)


@pytest.mark.skipif(not SHARED_ARTICLES.is_dir(), reason="../shared/eval/articles not present")
def test_every_gold_article_raw_parses_to_its_gold_title_and_text() -> None:
    for path in sorted(SHARED_ARTICLES.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        draft = parse_plain_text(gold["raw"], tz=ALMATY)
        assert (draft.title, draft.body) == (gold["title"], gold["text"]), path.name
        assert draft.published is not None
        assert draft.published.date().isoformat() == gold["published"], path.name
