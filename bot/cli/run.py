"""`digestbot run`: the bot with a BOT_TOKEN; without one, the offline preview on seeds/."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from rich.console import Console

from bot.cli.ingest import print_report
from bot.cli.preview import article_panel, search_line
from bot.cli.wiring import opened_store, settings_and_logging
from bot.ingest import ingest_paths
from bot.settings import Settings
from storage.articles import get_article
from storage.records import StoredArticle
from storage.search import search_articles


def run_command() -> None:
    """Run the bot, or with no BOT_TOKEN preview the digest of the bundled seeds offline."""
    settings = settings_and_logging()
    console = Console()
    if settings.bot_token is not None:
        from bot.app import BotStartError, run_bot  # Telegram is imported only for the bot

        try:
            run_bot(settings)
        except BotStartError as exc:
            print(f"digestbot: {exc}", file=sys.stderr)
            sys.exit(1)
        return
    asyncio.run(offline_preview(settings, console))


async def offline_preview(settings: Settings, console: Console) -> None:
    seeds = Path(settings.seeds_dir)
    console.print(
        f"[bold]digestbot[/bold] offline preview (no BOT_TOKEN): store "
        f"{settings.database_url.split('///')[-1]}, seeds from {seeds}/",
        highlight=False,
    )
    async with opened_store(settings.database_url) as store:
        report = await ingest_paths(store.sessions, [seeds], tz=settings.timezone)
        print_report(report, console)
        async with store.sessions() as session:
            articles = [
                article
                for article_id in dict.fromkeys(report.article_ids)
                if (article := await get_article(session, article_id)) is not None
            ]
            for article in articles:
                console.print(article_panel(article, settings.timezone))
            word = demo_search_word(articles)
            if word:
                page = await search_articles(session, word, limit=3)
                console.print(f"search {word!r}: {len(page.hits)} match(es)", highlight=False)
                for hit in page.hits:
                    console.print(search_line(hit))
    console.print("next: digestbot search WORDS · digestbot ingest PATH · make eval", style="dim")


def demo_search_word(articles: list[StoredArticle]) -> str | None:
    """A word worth searching for: the surname of the first quoted speaker, or a title word."""
    for article in articles:
        for quote in article.key_quotes:
            if quote.speaker_name:
                return quote.speaker_name.split()[-1]
    for article in articles:
        words = [w for w in article.title.split() if len(w) > 4 and w.isalpha()]
        if words:
            return words[0]
    return None
