"""The ingest use-case: files and folders in, analysed articles in the store, a report out.

Reading and parsing happen file by file and every problem becomes a line in the report, so
one bad file or record never stops the rest; articles are written in batches because a
transaction per article is the slow path on both SQLite and PostgreSQL.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import tzinfo
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.ingest_pipeline import store_batches, worker_count, worker_pool
from digests.analysis import analyze
from digests.models import Analysis, ArticleDraft
from digests.sources.files import ParseError, is_supported, parse_document, size_limit
from storage.articles import PreparedBatch, prepare_articles
from storage.records import SaveOutcome

log = logging.getLogger(__name__)
BATCH_SIZE = 200


@dataclass(frozen=True, slots=True)
class IngestFailure:
    where: str
    reason: str


@dataclass(slots=True)
class IngestReport:
    ingested: int = 0
    duplicates: int = 0
    failures: list[IngestFailure] = field(default_factory=list)
    skipped: int = 0
    # Every article the run touched, new or already stored, in input order.
    article_ids: list[int] = field(default_factory=list)

    @property
    def nothing_ingested(self) -> bool:
        return self.ingested == 0 and self.duplicates == 0

    def summary_line(self) -> str:
        line = (
            f"ingested {self.ingested} / duplicates {self.duplicates} / failed {len(self.failures)}"
        )
        return line + (f" (skipped {self.skipped} unsupported files)" if self.skipped else "")


def collect_files(paths: Iterable[Path], report: IngestReport) -> list[Path]:
    """Files to read, in a stable order; folders are walked recursively, hidden ones skipped."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                relative = child.relative_to(path).parts
                if any(part.startswith(".") for part in relative) or not child.is_file():
                    continue
                if is_supported(child.name):
                    found.append(child)
                else:
                    report.skipped += 1
        elif path.is_file():
            found.append(path)
        else:
            report.failures.append(IngestFailure(str(path), "no such file or folder"))
    return found


def read_drafts(path: Path, report: IngestReport, tz: tzinfo) -> list[ArticleDraft]:
    try:
        size = path.stat().st_size
        if size > size_limit(path.name):
            raise ParseError(
                f"too large: {size / 2**20:.1f} MB, limit {size_limit(path.name) / 2**20:.0f} MB"
            )
        parsed = parse_document(path.name, path.read_bytes(), tz=tz)
    except (ParseError, OSError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        report.failures.append(IngestFailure(str(path), reason))
        return []
    for failure in parsed.failures:
        report.failures.append(IngestFailure(f"{path}: {failure.where}", failure.reason))
    return parsed.articles


def analyze_safely(draft: ArticleDraft, where: str) -> Analysis | None:
    """An analysis bug must not lose the article: it is stored unanalysed and logged."""
    try:
        return analyze(draft)
    except Exception:
        log.exception("analysis failed for %s; storing the article without it", where)
        return None


def analyze_batch(batch: Sequence[tuple[ArticleDraft, str]]) -> PreparedBatch:
    """Analysis and the store's row preparation: CPU work, run in a thread."""
    items = [(draft, analyze_safely(draft, origin)) for draft, origin in batch]
    return prepare_articles(items, origins=[origin for _, origin in batch])


def _record(report: IngestReport) -> Callable[[list[SaveOutcome]], None]:
    def record(outcomes: list[SaveOutcome]) -> None:
        for outcome in outcomes:
            report.article_ids.append(outcome.article_id)
            if outcome.status == "ingested":
                report.ingested += 1
            else:
                report.duplicates += 1

    return record


def _in_batches(
    drafts: Iterable[tuple[ArticleDraft, str]],
) -> Iterator[list[tuple[ArticleDraft, str]]]:
    batch: list[tuple[ArticleDraft, str]] = []
    for item in drafts:
        batch.append(item)
        if len(batch) >= BATCH_SIZE:
            yield batch
            batch = []
    if batch:
        yield batch


async def ingest_drafts(
    sessions: async_sessionmaker[AsyncSession],
    drafts: Sequence[tuple[ArticleDraft, str]],
    report: IngestReport,
) -> None:
    """Analyse and store (draft, origin) pairs in batched transactions.

    The next batch is analysed in a thread while this one is written, so the bot's loop stays
    free and the CPU work overlaps the database's.
    """
    await store_batches(sessions, _in_batches(drafts), analyze_batch, _record(report))


async def ingest_paths(
    sessions: async_sessionmaker[AsyncSession],
    paths: Sequence[Path],
    *,
    tz: tzinfo,
    on_file: Callable[[Path], None] | None = None,
    workers: int | None = None,
) -> IngestReport:
    """Every article of every file, analysed and stored; batches flow across files.

    More than BATCH_SIZE articles are analysed in `workers` processes (default: one per
    core), a batch ahead per worker, while the store writes (bot/ingest_pipeline.py).
    """
    report = IngestReport()

    def drafts() -> Iterator[tuple[ArticleDraft, str]]:
        for path in collect_files(paths, report):
            for index, draft in enumerate(read_drafts(path, report, tz)):
                yield draft, str(path) if index == 0 else f"{path}#{index + 1}"
            if on_file is not None:
                on_file(path)

    batches = _in_batches(drafts())
    opening = list(itertools.islice(batches, 2))
    everything = itertools.chain(opening, batches)
    if len(opening) < 2 or workers == 0:
        await store_batches(sessions, everything, analyze_batch, _record(report))
        return report
    with worker_pool(workers) as pool:
        ahead = (workers or worker_count()) + 1
        await store_batches(
            sessions, everything, analyze_batch, _record(report), executor=pool, ahead=ahead
        )
    return report
