"""`digestbot ingest PATH...`: files and folders into the store, with a progress bar."""

from __future__ import annotations

import asyncio
from datetime import tzinfo
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from bot.cli.wiring import opened_store, settings_and_logging
from bot.ingest import IngestReport, collect_files, ingest_paths

PROGRESS_FROM_FILES = 5


def ingest_command(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (walked recursively).")],
) -> None:
    """Ingest articles from .txt, .md, .html, .json and .jsonl files."""
    settings = settings_and_logging()
    console = Console(stderr=True)
    report = asyncio.run(_ingest(settings.database_url, paths, settings.timezone, console))
    print_report(report, console)
    if report.nothing_ingested:
        raise typer.Exit(code=1)


async def _ingest(url: str, paths: list[Path], tz: tzinfo, console: Console) -> IngestReport:
    total = len(collect_files(paths, IngestReport()))
    async with opened_store(url) as store:
        if total <= PROGRESS_FROM_FILES:
            return await ingest_paths(store.sessions, paths, tz=tz)
        columns = (
            TextColumn("ingesting"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            TextColumn("{task.fields[name]}"),
        )
        with Progress(*columns, console=console, transient=True) as progress:
            task = progress.add_task("files", total=total, name="")

            def advance(path: Path) -> None:
                progress.update(task, advance=1, name=path.name[-40:])

            return await ingest_paths(store.sessions, paths, tz=tz, on_file=advance)


def print_report(report: IngestReport, console: Console) -> None:
    for failure in report.failures:
        console.print(f"[red]failed[/red] {failure.where}: {failure.reason}", highlight=False)
    console.print(report.summary_line(), highlight=False)
