"""`/language`: the interface language, kk / ru / en."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.i18n import LANGUAGE_LABELS, LANGUAGES, translator
from bot.render.callbacks import encode
from bot.replies import Button, Reply
from bot.usecases.reader import Reader
from storage.subscribers import update_chat


def language_menu(reader: Reader) -> Reply:
    buttons = [[Button(LANGUAGE_LABELS[code], encode("lg", code)) for code in LANGUAGES]]
    return Reply.text(reader.tr("language.choose"), buttons)


async def set_language(
    sessions: async_sessionmaker[AsyncSession], reader: Reader, code: str
) -> Reply | None:
    if code not in LANGUAGES:
        return None
    async with sessions() as session:
        await update_chat(session, reader.chat_id, language=code)
    return Reply([translator(code)("language.set")], edit=True)
