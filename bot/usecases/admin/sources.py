"""`/sources`: the feeds with their state; add, remove, pause and resume one."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.feeds.manage import checked_feed_url, export_opml, import_opml
from bot.feeds.policy import FeedPolicy
from bot.render.html import escape
from bot.render.items import local_time
from bot.replies import Reply, ReplyFile
from bot.usecases.admin.access import Actor, audited
from digests.sources.opml import OpmlError
from storage.sources import (
    FeedExistsError,
    FeedSource,
    add_feed,
    find_feed,
    list_feeds,
    remove_feed,
    set_paused,
)
from storage.types import utc_now

MAX_LISTED = 50


def _state(actor: Actor, feed: FeedSource) -> str:
    tr = actor.tr
    if feed.paused:
        state = tr("admin.state_paused")
    elif feed.broken:
        state = tr("admin.state_broken")
    else:
        state = tr("admin.state_active")
    fetched = local_time(feed.last_fetch_at, actor.zone) if feed.last_fetch_at else "—"
    line = tr(
        "admin.feed_line",
        id=feed.id,
        name=feed.title or feed.name,
        state=state,
        fetched=fetched,
        items=feed.items_seen,
        errors=feed.consecutive_failures,
    )
    if feed.last_error and feed.consecutive_failures:
        line += "\n    " + escape(feed.last_error[:150])
    return line


async def sources(sessions: async_sessionmaker[AsyncSession], actor: Actor, argument: str) -> Reply:
    words = argument.split()
    if not words:
        async with sessions() as session:
            feeds = await list_feeds(session)
        if not feeds:
            return Reply.text(actor.tr("admin.no_feeds"))
        lines = [actor.tr("admin.feeds_title", count=len(feeds))]
        lines += [_state(actor, feed) for feed in feeds[:MAX_LISTED]]
        return Reply.text("\n".join(lines))
    verb, target = words[0].lower(), " ".join(words[1:])
    if verb == "export":
        return await export_feeds(sessions, actor)
    if verb not in ("add", "remove", "pause", "resume") or not target:
        return Reply.text(actor.tr("admin.sources_usage"))
    await audited(sessions, actor, f"sources.{verb}", target[:200])
    if verb == "add":
        return await _add(sessions, actor, target)
    async with sessions() as session:
        feed = await find_feed(session, target)
        if feed is None:
            return Reply.text(actor.tr("admin.no_such_feed", id=target))
        if verb == "remove":
            await remove_feed(session, feed.id)
        else:
            await set_paused(session, feed.id, verb == "pause", now=utc_now())
    return Reply.text(actor.tr(f"admin.feed_{verb}d", id=feed.id, name=feed.title or feed.name))


async def _add(sessions: async_sessionmaker[AsyncSession], actor: Actor, url: str) -> Reply:
    try:
        checked = checked_feed_url(url)
    except ValueError:
        return Reply.text(actor.tr("admin.bad_feed_url", url=url))
    async with sessions() as session:
        try:
            feed = await add_feed(
                session, checked, now=utc_now(), interval_s=FeedPolicy().interval_s
            )
        except FeedExistsError:
            return Reply.text(actor.tr("admin.feed_exists", url=checked))
    return Reply.text(actor.tr("admin.feed_added", id=feed.id, name=feed.title or feed.name))


async def export_feeds(sessions: async_sessionmaker[AsyncSession], actor: Actor) -> Reply:
    """`/sources export`: every feed as an OPML file, the format other readers import."""
    await audited(sessions, actor, "sources.export")
    async with sessions() as session:
        count = len(await list_feeds(session))
    opml = await export_opml(sessions, now=utc_now())
    return Reply(
        [actor.tr("admin.opml_exported", count=count)],
        files=[ReplyFile("digestbot-feeds.opml", opml.encode("utf-8"))],
    )


async def import_feeds(
    sessions: async_sessionmaker[AsyncSession], actor: Actor, name: str, data: bytes
) -> Reply:
    """An .opml document from an admin: every feed in it added (known ones left alone)."""
    await audited(sessions, actor, "sources.import", name[:200])
    try:
        report = await import_opml(sessions, data, FeedPolicy(), now=utc_now())
    except OpmlError as exc:
        return Reply.text(actor.tr("admin.opml_bad", reason=str(exc)[:200]))
    return Reply.text(
        actor.tr("admin.opml_imported", added=len(report.added), existing=len(report.existing))
    )
