"""Subscribing: `/subscribe [HH:MM | instant]`, `/unsubscribe`, `/include`, `/exclude`."""

from __future__ import annotations

import re
from datetime import time

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.replies import Reply
from bot.usecases.reader import Reader
from storage.subscribers import ChatPreferences, update_chat

_TIME = re.compile(r"^(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?$")
INSTANT_WORDS = frozenset({"instant", "now", "мгновенно", "сразу", "жедел", "бірден"})
CLEAR_WORDS = frozenset({"off", "clear", "none", "-", "сброс", "нет", "тазалау", "жоқ"})
MAX_KEYWORDS = 20
MAX_KEYWORD_LENGTH = 64


def parse_schedule(argument: str) -> time | str | None:
    """A digest time, "instant", or None when the argument makes no sense."""
    value = argument.strip().lower()
    if value in INSTANT_WORDS:
        return "instant"
    match = _TIME.match(value)
    if match is None:
        return None
    hour, minute = int(match["h"]), int(match["m"] or 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


async def subscribe(
    sessions: async_sessionmaker[AsyncSession], reader: Reader, argument: str = ""
) -> Reply:
    schedule: time | str | None = reader.prefs.digest_time
    if argument.strip():
        schedule = parse_schedule(argument)
        if schedule is None:
            return Reply.text(reader.tr("subscribe.bad_time", value=argument.strip()[:40]))
    async with sessions() as session:
        if schedule == "instant":
            prefs = await update_chat(session, reader.chat_id, active=True, mode="instant")
        else:
            prefs = await update_chat(
                session, reader.chat_id, active=True, mode="daily", digest_time=schedule
            )
    return Reply.text(confirmation(reader, prefs))


def confirmation(reader: Reader, prefs: ChatPreferences) -> str:
    if prefs.mode == "instant":
        return reader.tr("subscribe.instant")
    return reader.tr(
        "subscribe.daily", time=prefs.digest_time.strftime("%H:%M"), zone=prefs.timezone
    )


async def unsubscribe(sessions: async_sessionmaker[AsyncSession], reader: Reader) -> Reply:
    if not reader.prefs.active:
        return Reply.text(reader.tr("unsubscribe.not_subscribed"))
    async with sessions() as session:
        await update_chat(session, reader.chat_id, active=False)
    return Reply.text(reader.tr("unsubscribe.done"))


def parse_keywords(argument: str) -> list[str]:
    """Words or phrases separated by commas (or spaces when there is no comma)."""
    parts = argument.split(",") if "," in argument else argument.split()
    cleaned = [" ".join(part.split())[:MAX_KEYWORD_LENGTH] for part in parts]
    return list(dict.fromkeys(word for word in cleaned if word))[:MAX_KEYWORDS]


async def set_keywords(
    sessions: async_sessionmaker[AsyncSession], reader: Reader, which: str, argument: str
) -> Reply:
    """`which` is "include" or "exclude"; `off` clears both lists."""
    if argument.strip().lower() in CLEAR_WORDS:
        async with sessions() as session:
            await update_chat(session, reader.chat_id, include_keywords=[], exclude_keywords=[])
        return Reply.text(reader.tr("filters.cleared"))
    words = parse_keywords(argument)
    if not words:
        return Reply.text(reader.tr("filters.usage"))
    column = "include_keywords" if which == "include" else "exclude_keywords"
    async with sessions() as session:
        await update_chat(session, reader.chat_id, **{column: words})
    key = "filters.include_set" if which == "include" else "filters.exclude_set"
    return Reply.text(reader.tr(key, words=", ".join(words)))
