"""Batches prepared ahead in workers are written in order, and a dying worker loses nothing."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.ingest import BATCH_SIZE, ingest_paths
from bot.ingest_pipeline import store_batches, worker_pool
from digests.models import ArticleDraft
from storage.articles import PreparedBatch, get_article, prepare_articles
from storage.engine import Database
from storage.records import SaveOutcome


def _batches(count: int, size: int) -> Iterator[list[ArticleDraft]]:
    for start in range(0, count, size):
        yield [
            ArticleDraft(title=f"Хабар {n}", body=f"Ауданда {n} жаңа үй салынды.")
            for n in range(start, min(count, start + size))
        ]


def prepare(batch: list[ArticleDraft]) -> PreparedBatch:
    return prepare_articles([(draft, None) for draft in batch])


def prepare_but_die_in_a_worker(batch: list[ArticleDraft]) -> PreparedBatch:
    if multiprocessing.parent_process() is not None:
        os._exit(3)  # a worker killed mid-batch (OOM, kill -9)
    return prepare(batch)


async def _titles_in_store(database: Database, outcomes: list[SaveOutcome]) -> list[str]:
    titles = []
    async with database.sessions() as session:
        for outcome in outcomes:
            article = await get_article(session, outcome.article_id)
            assert article is not None
            titles.append(article.title)
    return titles


async def test_batches_prepared_in_worker_processes_are_written_in_input_order(
    database: Database,
) -> None:
    outcomes: list[SaveOutcome] = []
    with worker_pool(2) as pool:
        await store_batches(
            database.sessions, _batches(230, 20), prepare, outcomes.extend, executor=pool, ahead=3
        )
    assert [o.status for o in outcomes] == ["ingested"] * 230
    assert await _titles_in_store(database, outcomes) == [f"Хабар {n}" for n in range(230)]


async def test_a_dying_worker_hands_its_batch_and_the_rest_to_a_thread(
    database: Database,
) -> None:
    outcomes: list[SaveOutcome] = []
    with worker_pool(2) as pool:
        await store_batches(
            database.sessions,
            _batches(90, 30),
            prepare_but_die_in_a_worker,
            outcomes.extend,
            executor=pool,
            ahead=3,
        )
    assert await _titles_in_store(database, outcomes) == [f"Хабар {n}" for n in range(90)]


async def test_without_workers_batches_are_prepared_in_a_thread(database: Database) -> None:
    outcomes: list[SaveOutcome] = []
    await store_batches(database.sessions, _batches(50, 20), prepare, outcomes.extend)
    assert len(outcomes) == 50 and {o.status for o in outcomes} == {"ingested"}


async def test_many_small_files_flow_into_full_batches_analysed_in_workers(
    database: Database, tmp_path: Path
) -> None:
    count = BATCH_SIZE * 2 + 15
    for n in range(count):
        (tmp_path / f"{n:04}.txt").write_text(
            f"Жаңалық {n}\n05.12.2025\nОблыста {n} жаңа жол ашылды. Құрылысқа {n * 3} млрд теңге "
            "бөлінді.\n\n«Жол уақытында бітті, тұрғындар риза», — деді облыс әкімі Серік Нұрланов.",
            encoding="utf-8",
        )
    report = await ingest_paths(database.sessions, [tmp_path], tz=ZoneInfo("Asia/Almaty"))
    assert (report.ingested, report.duplicates, report.failures) == (count, 0, [])
    async with database.sessions() as session:
        last = await get_article(session, report.article_ids[-1])
    assert last is not None and last.title == f"Жаңалық {count - 1}"
    assert [q.speaker_name for q in last.key_quotes] == ["Серік Нұрланов"]
