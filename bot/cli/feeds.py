"""`digestbot feeds ...`: add, list, pause, remove and poll RSS/Atom feeds; OPML in and out."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.table import Table

from bot.cli.wiring import opened_store, settings_and_logging
from bot.feeds import FeedPolicy, PollReport, checked_feed_url, export_opml, import_opml
from bot.feeds import poll_due_feeds as poll_feeds
from bot.feeds.manage import MIN_INTERVAL_S
from digests.sources.opml import OpmlError
from storage.sources import (
    FeedExistsError,
    FeedSource,
    add_feed,
    find_feed,
    list_feeds,
    remove_feed,
    set_paused,
)

feeds_app = typer.Typer(help="RSS/Atom feeds: add, list, poll, import/export OPML.")
_err = Console(stderr=True)

FeedArgument = Annotated[str, typer.Argument(help="The feed's URL, id or name.")]


@feeds_app.command("add")
def add_command(
    url: Annotated[str, typer.Argument(help="The feed's http(s) URL.")],
    name: Annotated[str | None, typer.Option(help="Name shown with its articles.")] = None,
    interval: Annotated[int, typer.Option(help="Minutes between polls.", min=1)] = 10,
) -> None:
    """Add a feed; it is polled at the next `feeds poll`."""
    settings = settings_and_logging()
    try:
        url = checked_feed_url(url)
    except ValueError as exc:
        _fail(str(exc))

    async def run() -> FeedSource:
        async with opened_store(settings.database_url) as store, store.sessions() as session:
            return await add_feed(
                session, url, now=datetime.now(UTC), name=name,
                interval_s=max(MIN_INTERVAL_S, interval * 60),
            )

    try:
        feed = asyncio.run(run())
    except FeedExistsError as exc:
        _fail(str(exc))
    typer.echo(f"added feed {feed.id} {feed.name}: {feed.url}")


@feeds_app.command("list")
def list_command() -> None:
    """Every feed with its state: last status, failures, next poll, items seen."""
    settings = settings_and_logging()

    async def run() -> list[FeedSource]:
        async with opened_store(settings.database_url) as store, store.sessions() as session:
            return await list_feeds(session)

    feeds = asyncio.run(run())
    if not feeds:
        typer.echo("no feeds; add one with `digestbot feeds add URL`")
        return
    table = Table("id", "name", "url", "state", "last", "failures", "next poll", "items")
    for feed in feeds:
        table.add_row(
            str(feed.id), feed.name, feed.url, _state(feed), _last(feed),
            str(feed.consecutive_failures), _when(feed.next_poll_at), str(feed.items_seen),
        )
    Console(width=200).print(table)


@feeds_app.command("remove")
def remove_command(feed: FeedArgument) -> None:
    """Remove a feed; its articles stay in the store."""
    _change(feed, "removed", remove=True)


@feeds_app.command("pause")
def pause_command(
    feed: FeedArgument,
    resume: Annotated[bool, typer.Option("--resume", help="Poll it again.")] = False,
) -> None:
    """Stop polling a feed, or with --resume start again."""
    _change(feed, "resumed" if resume else "paused", paused=not resume)


@feeds_app.command("resume")
def resume_command(feed: FeedArgument) -> None:
    """Poll a paused or broken feed again, from now."""
    _change(feed, "resumed", paused=False)


@feeds_app.command("poll")
def poll_command(
    every: Annotated[bool, typer.Option("--all", help="Every unpaused feed, due or not.")] = False,
    concurrency: Annotated[int, typer.Option(help="Fetches at a time.", min=1, max=64)] = 8,
) -> None:
    """One pass over the due feeds: new items analysed and stored."""
    settings = settings_and_logging()
    policy = FeedPolicy(concurrency=concurrency)

    async def run() -> PollReport:
        async with opened_store(settings.database_url) as store:
            return await poll_feeds(store.sessions, policy, due_only=not every)

    report = asyncio.run(run())
    for outcome in report.feeds:
        if outcome.error:
            _err.print(f"[red]failed[/red] {outcome.url}: {outcome.error}", highlight=False)
        elif outcome.warning:
            _err.print(f"[yellow]warning[/yellow] {outcome.url}: {outcome.warning}",
                       highlight=False)
        if outcome.moved_to:
            _err.print(f"moved {outcome.url} -> {outcome.moved_to}", highlight=False)
    typer.echo(report.summary_line())


@feeds_app.command("import")
def import_command(
    path: Annotated[Path, typer.Argument(help="An OPML file from a feed reader.")],
) -> None:
    """Add every feed listed in an OPML file."""
    settings = settings_and_logging()
    try:
        data = path.read_bytes()
    except OSError as exc:
        _fail(f"cannot read {path}: {exc.strerror or exc}")

    async def run() -> str:
        async with opened_store(settings.database_url) as store:
            return (await import_opml(store.sessions, data, FeedPolicy())).summary_line()

    try:
        typer.echo(asyncio.run(run()))
    except OpmlError as exc:
        _fail(f"{path}: {exc}")


@feeds_app.command("export")
def export_command(
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File (default: stdout).")]
    = None,
) -> None:
    """Every feed as OPML, for another reader or a backup."""
    settings = settings_and_logging()

    async def run() -> str:
        async with opened_store(settings.database_url) as store:
            return await export_opml(store.sessions)

    document = asyncio.run(run())
    if output is None:
        typer.echo(document, nl=False)
    else:
        output.write_text(document, encoding="utf-8")


def _change(feed_ref: str, done: str, *, paused: bool | None = None, remove: bool = False) -> None:
    settings = settings_and_logging()

    async def run() -> FeedSource | None:
        async with opened_store(settings.database_url) as store, store.sessions() as session:
            feed = await find_feed(session, feed_ref)
            if feed is None:
                return None
            if remove:
                await remove_feed(session, feed.id)
            elif paused is not None:
                await set_paused(session, feed.id, paused, now=datetime.now(UTC))
            return feed

    feed = asyncio.run(run())
    if feed is None:
        _fail(f"no feed {feed_ref!r}; see `digestbot feeds list`")
    typer.echo(f"{done} feed {feed.id} {feed.name}")


def _state(feed: FeedSource) -> str:
    if feed.paused:
        return "paused"
    return "BROKEN" if feed.broken else "ok"


def _last(feed: FeedSource) -> str:
    if feed.last_status is None:
        return "never polled"
    return f"{feed.last_status} {feed.last_error or ''}".strip()[:80]


def _when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "-"


def _fail(message: str) -> NoReturn:
    _err.print(f"digestbot: {message}", highlight=False)
    raise typer.Exit(code=1)
