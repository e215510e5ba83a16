"""Admin handlers wired into the application, ahead of the reader ones they must win over
(admin buttons before the generic button handler, admin commands before /help's fallback)."""

from __future__ import annotations

from telegram.ext import Application, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.handlers.admin_buttons import PATTERN, admin_button
from bot.handlers.admin_commands import ADMIN_COMMANDS
from bot.handlers.admin_messages import admin_message
from bot.handlers.admin_progress import schedule_progress

COMMAND_UPDATES = filters.UpdateType.MESSAGE | filters.UpdateType.CHANNEL_POST
# Private messages that are not commands: text, links, forwards, documents. In a group of
# their own, so reader handlers still see plain text.
ITEM_MESSAGES = (
    filters.ChatType.PRIVATE
    & filters.UpdateType.MESSAGE
    & ((filters.TEXT & ~filters.COMMAND) | filters.Document.ALL | filters.FORWARDED)
)
MESSAGE_GROUP = 1


def add_admin_handlers(application: Application) -> None:  # type: ignore[type-arg]
    for name, callback in ADMIN_COMMANDS.items():
        application.add_handler(CommandHandler(name, callback, filters=COMMAND_UPDATES))
    application.add_handler(CallbackQueryHandler(admin_button, pattern=PATTERN))
    application.add_handler(MessageHandler(ITEM_MESSAGES, admin_message), group=MESSAGE_GROUP)
    schedule_progress(application)

