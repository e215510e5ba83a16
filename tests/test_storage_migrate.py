"""Schema revisions applied from code: a store made by older code keeps its articles findable."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import delete

from digests.models import ArticleDraft
from storage.articles import save_articles
from storage.engine import open_database, schema_revisions
from storage.migrate import head_revision, upgrade_to
from storage.search import search_articles
from storage.tables import Article


def _draft(title: str, body: str) -> ArticleDraft:
    return ArticleDraft(title=title, body=body)


async def test_articles_stored_before_the_lean_index_are_found_after_it(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/old.db"
    old = await open_database(url, migrate=False)
    async with old.engine.begin() as connection:
        await connection.run_sync(upgrade_to, "0005")
    async with old.sessions() as session:
        await save_articles(
            session,
            [
                (_draft("Мектептер жөнделеді", "Облыста үш мектебі жөндеуден өтеді."), None),
                (_draft("Бюджет", "Министр бюджет туралы айтты."), None),
            ],
        )
    await old.close()

    database = await open_database(url)
    try:
        assert (await schema_revisions(database.engine))[0] == head_revision()
        async with database.sessions() as session:
            page = await search_articles(session, "мектеп")
            assert [hit.title for hit in page.hits] == ["Мектептер жөнделеді"]
            await session.execute(delete(Article).where(Article.title == "Мектептер жөнделеді"))
            await session.commit()
            assert (await search_articles(session, "мектеп")).hits == []
            assert [h.title for h in (await search_articles(session, "БЮДЖЕТ")).hits] == ["Бюджет"]
    finally:
        await database.close()
