"""The Telegram application: handlers wired to use-cases, the store opened at start-up."""

from __future__ import annotations

import logging
import secrets
from pathlib import Path

from telegram import BotCommand, Update
from telegram.error import InvalidToken, NetworkError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.cleanup import schedule_cleanup
from bot.delivery.jobs import schedule_delivery_jobs
from bot.feeds.job import schedule_feed_polling
from bot.flood import FloodGuard
from bot.handlers import reader_commands as commands
from bot.handlers.admin import add_admin_handlers
from bot.handlers.buttons import button_pressed
from bot.handlers.common import SHARED_KEY, Shared
from bot.handlers.guards import flood_guard, on_error
from bot.handlers.inline import inline_query
from bot.handlers.membership import membership_changed
from bot.i18n import LANGUAGES, translator
from bot.ingest import ingest_paths
from bot.logs import redact
from bot.query_tokens import QueryTokens
from bot.reply_cache import TtlCache
from bot.settings import Settings
from bot.update_order import PerChatOrder
from storage.articles import count_articles
from storage.engine import Database, open_database

log = logging.getLogger(__name__)

# Updates handled at once (across chats; one chat's are kept in order), each with its own
# connection to the Bot API. Measured with bench/commands.py: 8 drained 2x more commands/s
# than 32, whose httpx pool spent its time re-checking idle connections.
CONCURRENT_UPDATES = 8
MENU = ("latest", "quote", "search", "subscribe", "unsubscribe", "settings", "language", "help")
COMMANDS = {
    "start": commands.start,
    "help": commands.help_command,
    "latest": commands.latest_command,
    "quote": commands.quote_command,
    "search": commands.search_command,
    "subscribe": commands.subscribe_command,
    "unsubscribe": commands.unsubscribe_command,
    "settings": commands.settings_command,
    "language": commands.language_command,
    "include": commands.include_command,
    "exclude": commands.exclude_command,
}
# Commands arrive as messages and as channel posts; an edited command is not run again.
COMMAND_UPDATES = filters.UpdateType.MESSAGE | filters.UpdateType.CHANNEL_POST


def file_base_url(base_url: str) -> str:
    """`https://host/bot` → `https://host/file/bot`, the Bot API's file download prefix."""
    head, _, _ = base_url.rstrip("/").rpartition("/bot")
    return f"{head}/file/bot" if head else base_url


def build_application(settings: Settings) -> Application:  # type: ignore[type-arg]
    assert settings.bot_token is not None
    base_url = settings.bot_api_base_url
    application = (
        ApplicationBuilder()
        .token(settings.bot_token.get_secret_value())
        .base_url(base_url)
        .base_file_url(file_base_url(base_url))
        .post_init(_open_store(settings))
        .post_shutdown(_close_store)
        .concurrent_updates(PerChatOrder(CONCURRENT_UPDATES))
        # PTB's default is one connection: concurrent handlers would queue on it.
        .connection_pool_size(CONCURRENT_UPDATES)
        .build()
    )
    add_handlers(application)
    return application


def add_handlers(application: Application) -> None:  # type: ignore[type-arg]
    application.add_handler(TypeHandler(Update, flood_guard), group=-1)
    add_admin_handlers(application)  # before the reader handlers they must win over
    for name, callback in COMMANDS.items():
        application.add_handler(CommandHandler(name, callback, filters=COMMAND_UPDATES))
    application.add_handler(CallbackQueryHandler(button_pressed))
    application.add_handler(InlineQueryHandler(inline_query))
    application.add_handler(ChatMemberHandler(membership_changed, ChatMemberHandler.MY_CHAT_MEMBER))
    application.add_handler(
        MessageHandler(filters.COMMAND & COMMAND_UPDATES, commands.unknown_command)
    )
    application.add_error_handler(on_error)


def _open_store(settings: Settings):  # type: ignore[no-untyped-def]
    async def post_init(application: Application) -> None:  # type: ignore[type-arg]
        database = await open_database(settings.database_url)
        application.bot_data["database"] = database
        await seed_empty_store(database, settings)
        application.bot_data[SHARED_KEY] = Shared(
            sessions=database.sessions,
            read_sessions=database.read_sessions,
            settings=settings,
            tokens=QueryTokens(),
            flood=FloodGuard(limit=settings.flood_limit),
            replies=TtlCache(settings.reply_cache_seconds),
            prefs=TtlCache(settings.prefs_cache_seconds, capacity=100_000),
        )
        await set_command_menus(application)
        schedule_delivery_jobs(application, settings, database.sessions)
        schedule_feed_polling(application, settings, database.sessions)
        schedule_cleanup(application, settings, database.sessions)

    return post_init


async def seed_empty_store(database: Database, settings: Settings) -> None:
    """A brand-new store gets the bundled seed articles, so /latest has something to show."""
    async with database.sessions() as session:
        if await count_articles(session) > 0:
            return
    seeds = Path(settings.seeds_dir)
    if seeds.is_dir():
        report = await ingest_paths(database.sessions, [seeds], tz=settings.timezone)
        log.info("empty store seeded from %s: %s", seeds, report.summary_line())


async def _close_store(application: Application) -> None:  # type: ignore[type-arg]
    database = application.bot_data.get("database")
    if isinstance(database, Database):
        await database.close()


async def set_command_menus(application: Application) -> None:  # type: ignore[type-arg]
    """The command menu in each interface language, English for everyone else."""
    for language in LANGUAGES:
        tr = translator(language)
        menu = [BotCommand(name, tr(f"command.{name}")) for name in MENU]
        await application.bot.set_my_commands(menu, language_code=language)
        if language == "en":
            await application.bot.set_my_commands(menu)


class BotStartError(Exception):
    """The bot could not start; the message is one line for the operator, token-free."""


def run_bot(settings: Settings) -> None:
    try:
        _run(settings)
    except InvalidToken:
        raise BotStartError("the Bot API rejected BOT_TOKEN (check it with @BotFather)") from None
    except NetworkError as exc:
        raise BotStartError(
            f"cannot reach the Bot API at {settings.bot_api_base_url}: {redact(str(exc))}"
        ) from None


def _run(settings: Settings) -> None:
    """Long polling, or a webhook with a secret token when WEBHOOK_URL is set."""
    application = build_application(settings)
    if settings.webhook_url:
        secret = (
            settings.webhook_secret.get_secret_value()
            if settings.webhook_secret
            else secrets.token_urlsafe(32)
        )
        log.info("starting webhook on %s:%s", settings.webhook_listen, settings.webhook_port)
        application.run_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path="telegram",
            webhook_url=settings.webhook_url,
            secret_token=secret,
            allowed_updates=Update.ALL_TYPES,
        )
        return
    log.info("starting long polling against %s", settings.bot_api_base_url)
    application.run_polling(allowed_updates=Update.ALL_TYPES)
