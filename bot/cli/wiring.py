"""What every sub-command starts with: settings, logging, an opened and migrated store."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from bot.logs import configure_logging
from bot.settings import Settings, load_settings
from storage.engine import Database, open_database


def settings_and_logging() -> Settings:
    settings = load_settings()
    token = settings.bot_token.get_secret_value() if settings.bot_token else None
    configure_logging(settings.log_level_number, token)
    return settings


@asynccontextmanager
async def opened_store(url: str) -> AsyncIterator[Database]:
    database = await open_database(url)
    try:
        yield database
    finally:
        await database.close()
