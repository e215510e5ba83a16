"""What every handler needs: the store, settings, the reader, and sending a `Reply`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    LinkPreviewOptions,
    Update,
)
from telegram.constants import ChatMemberStatus, ChatType, ParseMode
from telegram.ext import ContextTypes

from bot.flood import FloodGuard
from bot.i18n import translator
from bot.query_tokens import QueryTokens
from bot.replies import Button, Reply
from bot.reply_cache import TtlCache
from bot.settings import Settings
from bot.usecases.reader import Reader, load_reader
from storage.subscribers import ChatPreferences

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
SHARED_KEY = "digestbot"


@dataclass(frozen=True, slots=True)
class Shared:
    """Objects the application holds for its handlers (in `bot_data`, set at start-up)."""

    sessions: async_sessionmaker[AsyncSession]
    read_sessions: async_sessionmaker[AsyncSession]
    settings: Settings
    tokens: QueryTokens
    flood: FloodGuard
    replies: TtlCache[Reply]
    prefs: TtlCache[ChatPreferences]


def shared(context: ContextTypes.DEFAULT_TYPE) -> Shared:
    value = context.bot_data[SHARED_KEY]
    assert isinstance(value, Shared)
    return value


async def reader_for(update: Update, context: ContextTypes.DEFAULT_TYPE) -> Reader:
    chat = update.effective_chat
    user = update.effective_user
    assert chat is not None
    parts = shared(context)
    prefs = parts.prefs.get(chat.id)
    if prefs is not None:
        return Reader(prefs=prefs, tr=translator(prefs.language))
    reader = await load_reader(
        parts.read_sessions,
        parts.settings,
        chat_id=chat.id,
        chat_kind=chat.type,
        language_code=user.language_code if user else None,
    )
    parts.prefs.put(chat.id, reader.prefs)
    return reader


def preferences_changed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Call after a use-case that may change the chat's preferences."""
    if update.effective_chat is not None:
        shared(context).prefs.forget(update.effective_chat.id)


async def cached_reply(
    context: ContextTypes.DEFAULT_TYPE,
    reader: Reader,
    question: tuple[object, ...],
    produce: Callable[[], Awaitable[Reply]],
) -> Reply:
    """The same question from readers who see news alike gets one answer for a few seconds."""
    prefs = reader.prefs
    key = (*question, prefs.language, prefs.timezone, tuple(prefs.languages))
    cache = shared(context).replies
    reply = cache.get(key)
    if reply is None:
        reply = cache.put(key, await produce())
    return reply


def argument_of(update: Update) -> str:
    """Everything after the command word (`/search@digestbot a b` → `a b`)."""
    message = update.effective_message
    text = (message.text or message.caption or "") if message else ""
    parts = text.split(maxsplit=1)
    return parts[1].strip() if len(parts) > 1 else ""


def keyboard(rows: list[list[Button]]) -> InlineKeyboardMarkup | None:
    if not rows:
        return None
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(b.label, url=b.url)
                if b.url
                else InlineKeyboardButton(b.label, callback_data=b.callback_data)
                for b in row
            ]
            for row in rows
        ]
    )


async def send_reply(update: Update, context: ContextTypes.DEFAULT_TYPE, reply: Reply) -> None:
    """New messages in order, buttons under the last; an `edit` reply rewrites the pressed one."""
    chat = update.effective_chat
    assert chat is not None
    markup = keyboard(reply.buttons)
    query = update.callback_query
    if reply.edit and query is not None and query.message is not None:
        await context.bot.edit_message_text(
            reply.messages[0],
            chat_id=chat.id,
            message_id=query.message.message_id,
            parse_mode=ParseMode.HTML,
            link_preview_options=NO_PREVIEW,
            reply_markup=markup,
        )
        return
    options: dict[str, Any] = {}
    thread = update.effective_message.message_thread_id if update.effective_message else None
    if thread is not None and chat.is_forum:
        options["message_thread_id"] = thread
    last = len(reply.messages) - 1
    for index, text in enumerate(reply.messages):
        await context.bot.send_message(
            chat.id,
            text,
            parse_mode=ParseMode.HTML,
            link_preview_options=NO_PREVIEW,
            reply_markup=markup if index == last else None,
            **options,
        )
    for file in reply.files:
        await context.bot.send_document(
            chat.id, InputFile(file.data, filename=file.name), **options
        )


async def may_change_subscription(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Private chats and channels: yes. Groups: only the chat's administrators."""
    chat = update.effective_chat
    if chat is None or chat.type in (ChatType.PRIVATE, ChatType.CHANNEL):
        return True
    message = update.effective_message
    if message is not None and message.sender_chat is not None:
        return message.sender_chat.id == chat.id  # an anonymous admin posts as the group
    user = update.effective_user
    if user is None:
        return False
    member = await context.bot.get_chat_member(chat.id, user.id)
    return member.status in (ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR)
