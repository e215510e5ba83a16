"""Items an admin adds from Telegram: ingested through the one pipeline, held out of digests,
previewed exactly as readers will see them, then published, queued, retitled or discarded."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.ingest import IngestReport, ingest_drafts
from bot.render.callbacks import encode
from bot.render.items import render_article
from bot.replies import Button, Reply
from bot.usecases.admin.access import Actor, audited
from bot.usecases.admin.page import PageProblem, fetch_page, lone_link, text_draft
from digests.models import ArticleDraft
from digests.sources.files import ParseError, parse_document
from storage.admin_items import (
    discard_draft,
    draft_origin,
    is_draft,
    release_to_digests,
    set_title,
)
from storage.articles import get_article

MAX_PREVIEWS = 5
MAX_TITLE = 300


async def add_from_text(
    sessions: async_sessionmaker[AsyncSession], actor: Actor, text: str
) -> list[Reply]:
    """A link is fetched and its main text extracted; any other text is the article."""
    link = lone_link(text)
    await audited(sessions, actor, "item.add", f"link {link}" if link else f"text {text[:80]!r}")
    try:
        draft = await fetch_page(link, actor.zone) if link else text_draft(text, actor.zone)
    except PageProblem as problem:
        key = "admin.fetch_failed" if link else "admin.add_failed"
        return [Reply.text(actor.tr(key, reason=str(problem)))]
    return await _ingest(sessions, actor, [draft])


async def add_from_document(
    sessions: async_sessionmaker[AsyncSession], actor: Actor, name: str, data: bytes
) -> list[Reply]:
    await audited(sessions, actor, "item.add", f"document {name!r} ({len(data)} bytes)")
    try:
        parsed = parse_document(name, data, tz=actor.zone)
    except ParseError as problem:
        return [Reply.text(actor.tr("admin.add_failed", reason=str(problem)))]
    if not parsed.articles:
        reason = parsed.failures[0].reason if parsed.failures else "no articles"
        return [Reply.text(actor.tr("admin.add_failed", reason=reason))]
    return await _ingest(sessions, actor, parsed.articles)


async def _ingest(
    sessions: async_sessionmaker[AsyncSession], actor: Actor, drafts: list[ArticleDraft]
) -> list[Reply]:
    report = IngestReport()
    origin = draft_origin(actor.user_id)
    await ingest_drafts(sessions, [(draft, origin) for draft in drafts], report)
    replies = [await preview(sessions, actor, i) for i in report.article_ids[:MAX_PREVIEWS]]
    hidden = len(report.article_ids) - MAX_PREVIEWS
    if hidden > 0:
        replies.append(Reply.text(actor.tr("admin.more_items", count=hidden)))
    return replies


async def preview(
    sessions: async_sessionmaker[AsyncSession], actor: Actor, article_id: int
) -> Reply:
    """A line saying what this is, then the item as readers see it, with the buttons."""
    async with sessions() as session:
        article = await get_article(session, article_id)
        draft = await is_draft(session, article_id)
    if article is None:
        return Reply.text(actor.tr("admin.item_gone"))
    note = actor.tr("admin.preview_draft" if draft else "admin.preview_stored", id=article_id)
    buttons = [
        [
            Button(actor.tr("admin.button_publish"), encode("adm.pub", article_id)),
            Button(actor.tr("admin.button_queue"), encode("adm.next", article_id)),
        ],
        [
            Button(actor.tr("admin.button_title"), encode("adm.title", article_id)),
            Button(actor.tr("admin.button_discard"), encode("adm.drop", article_id)),
        ],
    ]
    return Reply([note, render_article(article, actor.zone)], buttons)


async def queue_item(
    sessions: async_sessionmaker[AsyncSession], actor: Actor, article_id: int
) -> Reply:
    await audited(sessions, actor, "item.queue", f"#{article_id}")
    async with sessions() as session:
        if await get_article(session, article_id) is None:
            return Reply.text(actor.tr("admin.item_gone"))
        await release_to_digests(session, article_id)
    return Reply.text(actor.tr("admin.item_queued", id=article_id))


async def discard_item(
    sessions: async_sessionmaker[AsyncSession], actor: Actor, article_id: int
) -> Reply:
    await audited(sessions, actor, "item.discard", f"#{article_id}")
    async with sessions() as session:
        gone = await discard_draft(session, article_id)
    key = "admin.item_discarded" if gone else "admin.not_a_draft"
    return Reply.text(actor.tr(key, id=article_id))


def ask_title(actor: Actor, article_id: int) -> Reply:
    return Reply.text(actor.tr("admin.send_title", id=article_id))


async def retitle_item(
    sessions: async_sessionmaker[AsyncSession], actor: Actor, article_id: int, title: str
) -> Reply:
    title = " ".join(title.split())[:MAX_TITLE]
    if not title:
        return Reply.text(actor.tr("admin.send_title", id=article_id))
    await audited(sessions, actor, "item.title", f"#{article_id} {title!r}")
    async with sessions() as session:
        found = await set_title(session, article_id, title)
    if not found:
        return Reply.text(actor.tr("admin.item_gone"))
    return await preview(sessions, actor, article_id)
