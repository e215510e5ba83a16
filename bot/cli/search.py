"""`digestbot search QUERY`: the store's search from a terminal, matched words in bold."""

from __future__ import annotations

import asyncio
from typing import Annotated, Literal

import typer
from rich.console import Console
from rich.markup import escape

from bot.settings import load_settings
from storage.engine import open_database
from storage.records import SearchPage
from storage.search import search_articles
from storage.search_text import HIGHLIGHT_END, HIGHLIGHT_START


def search_command(
    query: Annotated[list[str], typer.Argument(help="Words to find (all must match).")],
    rank: Annotated[bool, typer.Option(help="Most relevant first instead of newest.")] = False,
    limit: Annotated[int, typer.Option(min=1, max=100)] = 10,
    offset: Annotated[int, typer.Option(min=0)] = 0,
) -> None:
    """Search titles and bodies of the stored articles."""
    url = load_settings().database_url
    order: Literal["newest", "rank"] = "rank" if rank else "newest"

    async def search() -> SearchPage:
        database = await open_database(url)
        try:
            async with database.sessions() as session:
                return await search_articles(
                    session, " ".join(query), order=order, limit=limit, offset=offset
                )
        finally:
            await database.close()

    page = asyncio.run(search())
    console = Console()
    if not page.hits:
        console.print("nothing found")
        return
    for number, hit in enumerate(page.hits, start=offset + 1):
        date = hit.published_at.date().isoformat() if hit.published_at else "undated"
        console.print(f"[bold]{number}. {escape(hit.title)}[/bold]  {date} {hit.lang or ''}")
        snippet = escape(hit.snippet).replace(HIGHLIGHT_START, "[bold yellow]")
        console.print("   " + snippet.replace(HIGHLIGHT_END, "[/bold yellow]"))
        if hit.url:
            console.print(f"   {escape(hit.url)}", style="dim")
    if page.hits and page.has_more:
        console.print(f"more: --offset {offset + len(page.hits)}", style="dim")
