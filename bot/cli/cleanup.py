"""`digestbot cleanup`: prune finished deliveries and old seen feed items now."""

from __future__ import annotations

import asyncio

from rich.console import Console

from bot.cleanup import prune_store
from bot.cli.wiring import opened_store, settings_and_logging


def cleanup_command() -> None:
    """Prune the outbox and seen feed items older than their retention settings."""
    settings = settings_and_logging()

    async def run() -> str:
        async with opened_store(settings.database_url) as store:
            return (await prune_store(store.sessions, settings)).summary_line()

    Console().print(asyncio.run(run()), highlight=False)
