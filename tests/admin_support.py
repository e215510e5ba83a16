"""Helpers for the admin end-to-end tests: forged button presses, forwarded messages, a
snapshot of everything an admin action could change, the admin's messages by text."""

from __future__ import annotations

import time
from typing import Any

from conftest import run_blocking
from harness import Reader, Telegram
from harness.state import QueryRecord, StoredMessage
from sqlalchemy import func, select

from storage.engine import open_database
from storage.tables import (
    AdminRow,
    Article,
    AuditEntry,
    BroadcastRow,
    Delivery,
    Source,
    Subscriber,
)


def forge_press(
    telegram: Telegram, reader: Reader, message: StoredMessage, data: str
) -> QueryRecord:
    """A callback query with any data a modified client could send, on any bot message."""
    state = telegram.state
    with state.lock:
        query = QueryRecord(str(state.next_id() + 10**15), reader.id, {})
        query.payload = {
            "id": query.id,
            "from": reader.user,
            "message": state.message_json(message),
            "chat_instance": "1",
            "data": data,
        }
        state.callbacks[query.id] = query
    state.push_update("callback_query", query.payload)
    return query


def forward(reader: Reader, text: str) -> StoredMessage:
    """A message forwarded from another user into the reader's chat with the bot."""
    origin = {
        "type": "user",
        "date": int(time.time()) - 60,
        "sender_user": {"id": 42, "is_bot": False, "first_name": "Someone"},
    }
    return reader._message(None, text=text, media={"forward_origin": origin})


def snapshot(url: str) -> dict[str, Any]:
    """Everything an admin action could change, as comparable values."""

    async def read() -> dict[str, Any]:
        database = await open_database(url, migrate=False)
        try:
            async with database.sessions() as session:
                counts = {}
                for model in (AdminRow, Article, AuditEntry, BroadcastRow, Delivery, Source):
                    counts[model.__tablename__] = int(
                        await session.scalar(select(func.count()).select_from(model)) or 0
                    )
                articles = (
                    await session.execute(select(Article.id, Article.title, Article.origin))
                ).all()
                broadcasts = (
                    await session.execute(select(BroadcastRow.id, BroadcastRow.status))
                ).all()
                subscribers = (
                    await session.execute(
                        select(Subscriber.chat_id, Subscriber.active, Subscriber.mode)
                    )
                ).all()
                sources = (await session.execute(select(Source.id, Source.paused))).all()
                return {
                    "counts": counts,
                    "articles": sorted(map(tuple, articles)),
                    "broadcasts": sorted(map(tuple, broadcasts)),
                    "subscribers": sorted(map(tuple, subscribers)),
                    "sources": sorted(map(tuple, sources)),
                }
        finally:
            await database.close()

    return run_blocking(read())


def with_text(messages: list[StoredMessage], needle: str) -> list[StoredMessage]:
    return [m for m in messages if needle in (m.html or m.text or "")]


async def wait_text(
    telegram: Telegram, chat_id: int, needle: str, timeout: float = 15.0
) -> StoredMessage:
    def found() -> StoredMessage | None:
        hits = with_text(telegram.sent(chat_id), needle)
        return hits[-1] if hits else None

    return await telegram.wait_for(found, timeout, interval=0.05)
