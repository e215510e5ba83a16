"""Chats the bot knows: their interface language, and whether and how they get digests.

Every chat that talks to the bot gets a row (its language must survive restarts); `active`
says whether it is subscribed. Preferences are plain dataclasses out, keyword arguments in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.lookups import insert_ignoring_conflicts
from storage.tables import Subscriber, table_of
from storage.types import utc_now

MODES = ("daily", "instant")


@dataclass(frozen=True, slots=True)
class ChatPreferences:
    id: int
    chat_id: int
    kind: str
    language: str
    timezone: str
    digest_time: time
    mode: str
    languages: list[str]
    include_keywords: list[str]
    exclude_keywords: list[str]
    active: bool
    created_at: datetime


def _preferences(row: Subscriber) -> ChatPreferences:
    return ChatPreferences(
        id=row.id,
        chat_id=row.chat_id,
        kind=row.kind,
        language=row.language,
        timezone=row.timezone,
        digest_time=row.digest_time,
        mode=row.mode,
        languages=list(row.languages or []),
        include_keywords=list(row.include_keywords or []),
        exclude_keywords=list(row.exclude_keywords or []),
        active=row.active,
        created_at=row.created_at,
    )


async def get_chat(session: AsyncSession, chat_id: int) -> ChatPreferences | None:
    row = await session.scalar(select(Subscriber).where(Subscriber.chat_id == chat_id))
    return _preferences(row) if row is not None else None


async def ensure_chat(
    session: AsyncSession,
    chat_id: int,
    *,
    kind: str,
    language: str,
    timezone: str,
    digest_time: time,
) -> ChatPreferences:
    """The chat's row, created with these defaults the first time it is seen."""
    existing = await get_chat(session, chat_id)
    if existing is not None:
        return existing
    # End the read before writing: on SQLite a read transaction that turns into a write while
    # another connection writes fails at once ("database is locked") instead of waiting.
    await session.rollback()
    await session.execute(
        insert_ignoring_conflicts(session, table_of(Subscriber), "chat_id").values(
            chat_id=chat_id,
            kind=kind,
            language=language,
            timezone=timezone,
            digest_time=digest_time,
            mode="daily",
            languages=[],
            include_keywords=[],
            exclude_keywords=[],
            active=False,
            created_at=utc_now(),
            updated_at=utc_now(),
        )
    )
    await session.commit()  # a concurrent first contact for the same chat is simply ignored
    created = await get_chat(session, chat_id)
    assert created is not None
    return created


async def update_chat(session: AsyncSession, chat_id: int, **changes: Any) -> ChatPreferences:
    """Set some preferences of a known chat and return them all."""
    allowed = {
        "language",
        "timezone",
        "digest_time",
        "mode",
        "languages",
        "include_keywords",
        "exclude_keywords",
        "active",
        "kind",
    }
    unknown = set(changes) - allowed
    if unknown:
        raise ValueError(f"unknown preferences: {sorted(unknown)}")
    if "mode" in changes and changes["mode"] not in MODES:
        raise ValueError(f"mode must be one of {MODES}")
    await session.execute(
        update(Subscriber)
        .where(Subscriber.chat_id == chat_id)
        .values(**changes, updated_at=utc_now())
    )
    await session.commit()
    updated = await get_chat(session, chat_id)
    if updated is None:
        raise LookupError(f"chat {chat_id} is not known")
    return updated


async def move_chat(session: AsyncSession, old_chat_id: int, new_chat_id: int) -> None:
    """A group became a supergroup: the subscription follows it to the new id."""
    await session.execute(
        update(Subscriber).where(Subscriber.chat_id == old_chat_id).values(chat_id=new_chat_id)
    )
    await session.commit()


async def count_subscribers(session: AsyncSession) -> dict[str, int]:
    """Active subscribers by interface language."""
    rows = await session.execute(
        select(Subscriber.language, func.count())
        .where(Subscriber.active.is_(True))
        .group_by(Subscriber.language)
    )
    return {language: int(count) for language, count in rows.tuples()}
