"""`digestbot eval [DIR...]`: quote, speaker and summary scores on gold sets, per language."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from bot.gold_sets import default_eval_dir, score_directory
from digests.evaluation import RougeScores, SetScores, mean_rouge


def _rouge_cells(runs: list[RougeScores]) -> list[str]:
    if not runs:
        return ["—"] * 3
    r = mean_rouge(runs)
    return [f"{r.rouge1:.3f}", f"{r.rouge2:.3f}", f"{r.rouge_l:.3f}"]


def quotes_table(title: str, results: list[SetScores]) -> Table:
    table = Table(title=f"quotes — {title}", title_justify="left")
    table.add_column("set")
    for column in ("items", "quotes P", "R", "F1", "speakers", "false quotes"):
        table.add_column(column, justify="right")
    for s in results:
        table.add_row(
            s.name,
            str(s.items),
            f"{s.precision:.3f}",
            f"{s.recall:.3f}",
            f"{s.f1:.3f}",
            f"{s.speaker_accuracy:.3f} ({s.speaker_correct}/{s.speaker_scored})",
            f"{s.false_quote_rate:.3f} ({s.negatives_with_quote}/{s.negatives})",
        )
    return table


def summary_table(title: str, results: list[SetScores]) -> Table:
    table = Table(title=f"summaries (ROUGE F) — {title}", title_justify="left")
    table.add_column("set")
    for who in ("summary", "Lead-1", "Lead-3"):
        for metric in ("R-1", "R-2", "R-L"):
            table.add_column(f"{who} {metric}", justify="right")
    for s in results:
        if s.summaries:
            cells = [*_rouge_cells(s.summaries), *_rouge_cells(s.lead1), *_rouge_cells(s.lead3)]
            table.add_row(s.name, *cells)
    return table


def eval_command(
    directories: Annotated[
        list[Path] | None,
        typer.Argument(help="Gold-set folders (default: shared/eval beside the repository)."),
    ] = None,
) -> None:
    """Score quotes, speakers and summaries against gold sets and print a table per folder."""
    console = Console()
    for directory in directories or [default_eval_dir()]:
        if not directory.is_dir():
            console.print(f"[red]no gold-set folder at {directory}[/red]")
            raise typer.Exit(code=1)
        results = score_directory(directory)
        console.print(quotes_table(str(directory), results))
        console.print(summary_table(str(directory), results))
