"""Items an admin added from Telegram: held out of digests (origin `held:draft:...`) until
the admin publishes, queues or discards them; a published item stays held (`held:pushed:`)
so nobody gets it again in a digest."""

from __future__ import annotations

from sqlalchemy import delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from digests.canonical import canonical_url
from storage.articles import DRAFT_ORIGIN_PREFIX
from storage.deliveries import HELD_PREFIX
from storage.search_text import clean_text, shadow_text
from storage.tables import Article

DRAFT = DRAFT_ORIGIN_PREFIX  # readers' queries hide exactly these (storage.articles)
assert DRAFT.startswith(HELD_PREFIX)
PUSHED = HELD_PREFIX + "pushed:"


def draft_origin(admin_id: int) -> str:
    return f"{DRAFT}admin:{admin_id}"


def plain_origin(origin: str | None) -> str | None:
    """The origin with any hold taken off (`held:draft:admin:7` → `admin:7`)."""
    if origin is None:
        return None
    for prefix in (DRAFT, PUSHED):
        if origin.startswith(prefix):
            return origin[len(prefix) :] or None
    return origin


async def is_draft(session: AsyncSession, article_id: int) -> bool:
    origin = await session.scalar(select(Article.origin).where(Article.id == article_id))
    return bool(origin and origin.startswith(DRAFT))


async def _set_origin(session: AsyncSession, article_id: int, origin: str | None) -> None:
    await session.execute(
        update(Article)
        .where(Article.id == article_id)
        .values(origin=origin)
        .execution_options(synchronize_session=False)
    )
    await session.commit()


async def release_to_digests(session: AsyncSession, article_id: int) -> None:
    """ "Add to next digest": the tick may pick it up like any other article."""
    origin = await session.scalar(select(Article.origin).where(Article.id == article_id))
    await _set_origin(session, article_id, plain_origin(origin))


async def mark_pushed(session: AsyncSession, article_id: int) -> None:
    """Sent to readers as breaking news: no digest repeats it."""
    origin = await session.scalar(select(Article.origin).where(Article.id == article_id))
    await _set_origin(session, article_id, PUSHED + (plain_origin(origin) or ""))


async def set_title(session: AsyncSession, article_id: int, title: str) -> bool:
    """A new title (and its search shadow); commits; False when the article is gone."""
    row = await session.get(Article, article_id)
    if row is None:
        return False
    row.title = clean_text(title)
    row.search_text = shadow_text(row.title, row.body)
    await session.commit()
    return True


async def discard_draft(session: AsyncSession, article_id: int) -> bool:
    """Delete a draft (its quotes go with it); commits; stored news is never deleted here."""
    result = await session.execute(
        delete(Article).where(Article.id == article_id, Article.origin.startswith(DRAFT))
    )
    await session.commit()
    return bool(getattr(result, "rowcount", 0))


async def find_article_id(session: AsyncSession, id_or_url: str) -> int | None:
    """A stored article by its id (`42`, `#42`) or its URL (as given or canonical)."""
    wanted = id_or_url.strip()
    if wanted.lstrip("#").isdecimal():
        number = int(wanted.lstrip("#"))
        found = await session.scalar(select(Article.id).where(Article.id == number))
        return int(found) if found is not None else None
    urls = {wanted, canonical_url(wanted) or wanted}
    found = await session.scalar(
        select(Article.id)
        .where(or_(Article.url.in_(urls), Article.canonical_url.in_(urls)))
        .order_by(Article.id)
        .limit(1)
    )
    return int(found) if found is not None else None
