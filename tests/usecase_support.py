"""A reader and a filled store for use-case tests (imported by tests/test_usecases_*.py)."""

from __future__ import annotations

from datetime import UTC, datetime, time

from bot.i18n import translator
from bot.usecases.reader import Reader
from digests.analysis import analyze
from digests.models import ArticleDraft
from storage.articles import save_articles
from storage.engine import Database
from storage.subscribers import ensure_chat

CHAT_ID = 501


async def make_reader(database: Database, language: str = "en", chat_id: int = CHAT_ID) -> Reader:
    async with database.sessions() as session:
        prefs = await ensure_chat(
            session,
            chat_id,
            kind="private",
            language=language,
            timezone="Asia/Almaty",
            digest_time=time(9, 0),
        )
    return Reader(prefs=prefs, tr=translator(language))


async def fill_store(database: Database, count: int) -> None:
    """`count` Kazakh items, each with one quote by a named minister, newest last."""
    drafts = [
        ArticleDraft(
            title=f"Жаңа мектеп {n}",
            body=(
                f"Ауданда {n} жаңа мектеп ашылды. Оған {n * 2} млрд теңге жұмсалды.\n\n"
                f"«Мектептер уақытында салынды», — деді министр Әсет Бекмұхамбетов."
            ),
            url=f"https://news.example.kz/school/{n}",
            published=datetime(2026, 2, 1, 8, n % 60, tzinfo=UTC),
        )
        for n in range(1, count + 1)
    ]
    async with database.sessions() as session:
        await save_articles(session, [(draft, analyze(draft)) for draft in drafts])
