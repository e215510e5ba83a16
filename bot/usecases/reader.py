"""Who is asking: the chat, its interface language, time zone and digest preferences."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.i18n import Translator, interface_language, translator
from bot.settings import Settings
from storage.subscribers import ChatPreferences, ensure_chat


@dataclass(frozen=True, slots=True)
class Reader:
    prefs: ChatPreferences
    tr: Translator

    @property
    def chat_id(self) -> int:
        return self.prefs.chat_id

    @property
    def zone(self) -> ZoneInfo:
        try:
            return ZoneInfo(self.prefs.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            return ZoneInfo("UTC")

    @property
    def news_languages(self) -> list[str] | None:
        return self.prefs.languages or None


async def load_reader(
    sessions: async_sessionmaker[AsyncSession],
    settings: Settings,
    *,
    chat_id: int,
    chat_kind: str,
    language_code: str | None,
) -> Reader:
    """The chat's stored preferences; a first contact is stored with Telegram's language."""
    async with sessions() as session:
        prefs = await ensure_chat(
            session,
            chat_id,
            kind=chat_kind,
            language=interface_language(language_code),
            timezone=settings.default_timezone,
            digest_time=settings.default_digest_time,
        )
    return Reader(prefs=prefs, tr=translator(prefs.language))
