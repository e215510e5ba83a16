"""The `digestbot` command: one sub-command per module in this package."""

from __future__ import annotations

import sys

import typer

from bot.settings import SettingsError

app = typer.Typer(
    name="digestbot",
    help="News digests with the key direct quotes, Kazakh first.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _register() -> None:
    # Imported here so each sub-command module stays importable on its own.
    from bot.cli import (
        analyze,
        cleanup,
        database,
        evaluate,
        feeds,
        ingest,
        run,
        search,
        status,
    )

    app.command("run")(run.run_command)
    app.command("ingest")(ingest.ingest_command)
    app.command("search")(search.search_command)
    app.add_typer(database.db_app, name="db")
    app.command("analyze")(analyze.analyze_command)
    app.command("eval")(evaluate.eval_command)
    app.add_typer(feeds.feeds_app, name="feeds")
    app.command("status")(status.status_command)
    app.command("cleanup")(cleanup.cleanup_command)


def main() -> None:
    _register()
    try:
        app()
    except SettingsError as exc:
        print(f"digestbot: bad setting: {exc}", file=sys.stderr)
        sys.exit(2)
