"""Ingest: every readable article stored once, every unreadable one reported, none blocking."""

from pathlib import Path
from zoneinfo import ZoneInfo

from bot.ingest import BATCH_SIZE, IngestReport, collect_files, ingest_paths
from storage.articles import count_articles, get_article
from storage.engine import Database

SAMPLES = Path(__file__).parent / "samples"
SEEDS = Path(__file__).resolve().parents[1] / "seeds"
ALMATY = ZoneInfo("Asia/Almaty")


async def test_folder_of_mixed_files_ingests_the_good_and_reports_the_bad(
    database: Database,
) -> None:
    report = await ingest_paths(database.sessions, [SAMPLES], tz=ALMATY)
    assert report.ingested == 11
    reasons = {failure.where.split("/")[-1]: failure.reason for failure in report.failures}
    assert reasons == {
        "binary.txt": "binary file (NUL bytes), not text",
        "empty.txt": "empty file",
        "feed_export.jsonl: line 2": "invalid JSON: Expecting value",
        "feed_export.jsonl: line 4": "not a JSON object",
    }
    async with database.sessions() as session:
        assert await count_articles(session) == 11


async def test_ingesting_the_same_files_again_stores_nothing_new(database: Database) -> None:
    first = await ingest_paths(database.sessions, [SEEDS], tz=ALMATY)
    second = await ingest_paths(database.sessions, [SEEDS], tz=ALMATY)
    assert (first.ingested, first.duplicates) == (1, 0)
    assert (second.ingested, second.duplicates) == (0, 1)
    assert second.article_ids == first.article_ids
    assert second.summary_line() == "ingested 0 / duplicates 1 / failed 0"


async def test_seed_article_is_stored_with_its_analysis(database: Database) -> None:
    report = await ingest_paths(database.sessions, [SEEDS], tz=ALMATY)
    async with database.sessions() as session:
        article = await get_article(session, report.article_ids[0])
    assert article is not None
    assert article.lang == "kk"
    assert article.published_at is not None
    assert article.published_at.astimezone(ALMATY).date().isoformat() == "2025-12-05"
    assert article.summary and article.key_quotes
    assert {q.speaker_name for q in article.key_quotes} == {"Қасым-Жомарт Тоқаев"}


async def test_more_articles_than_a_batch_are_all_stored(
    database: Database, tmp_path: Path
) -> None:
    lines = [
        f'{{"title": "Хабар {i}", "text": "Ауданда {i} жаңа үй салынды. Тұрғындар қуанышты."}}'
        for i in range(BATCH_SIZE + 37)
    ]
    (tmp_path / "many.jsonl").write_text("\n".join(lines), encoding="utf-8")
    report = await ingest_paths(database.sessions, [tmp_path], tz=ALMATY)
    assert (report.ingested, report.failures) == (BATCH_SIZE + 37, [])


async def test_missing_path_is_a_failure_not_an_exception(database: Database) -> None:
    report = await ingest_paths(database.sessions, [Path("/no/such/dir")], tz=ALMATY)
    assert report.nothing_ingested
    assert report.failures[0].reason == "no such file or folder"


def test_hidden_and_unsupported_files_in_folders_are_skipped(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "notes.txt").write_text("x", encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8")
    (tmp_path / "news.txt").write_text("Title\n\nBody.", encoding="utf-8")
    report = IngestReport()
    assert collect_files([tmp_path], report) == [tmp_path / "news.txt"]
    assert report.skipped == 1
