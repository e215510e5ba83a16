"""Feed use-cases shared by the CLI and the bot's admin commands: add, import, export."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.feeds.policy import FeedPolicy, staggered_start
from digests.sources.opml import OpmlFeed, parse_opml, render_opml
from storage.sources import FeedExistsError, add_feed, list_feeds

MIN_INTERVAL_S = 60


@dataclass(slots=True)
class ImportReport:
    added: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)

    def summary_line(self) -> str:
        return f"added {len(self.added)} feeds, {len(self.existing)} already present"


def checked_feed_url(url: str) -> str:
    """The URL stripped; ValueError unless it is absolute http(s)."""
    url = url.strip()
    if not url.lower().startswith(("http://", "https://")) or len(url) < 12:
        raise ValueError(f"not an http(s) URL: {url!r}")
    return url


async def import_opml(
    sessions: async_sessionmaker[AsyncSession],
    data: bytes,
    policy: FeedPolicy,
    *,
    now: datetime | None = None,
) -> ImportReport:
    """Add every feed of an OPML file (first polls staggered over one interval); raises
    OpmlError for a file that is not OPML."""
    now = now or datetime.now(UTC)
    feeds = parse_opml(data)
    report = ImportReport()
    async with sessions() as session:
        for index, feed in enumerate(feeds):
            try:
                await add_feed(
                    session,
                    checked_feed_url(feed.url),
                    now=now,
                    interval_s=policy.interval_s,
                    title=feed.title,
                    site_url=feed.site_url,
                    category=feed.category,
                    first_poll_at=staggered_start(now, index, len(feeds), policy.interval_s),
                )
                report.added.append(feed.url)
            except (FeedExistsError, ValueError):
                await session.rollback()
                report.existing.append(feed.url)
    return report


async def export_opml(
    sessions: async_sessionmaker[AsyncSession], *, now: datetime | None = None
) -> str:
    async with sessions() as session:
        feeds = await list_feeds(session)
    return render_opml(
        (OpmlFeed(f.url, f.title or f.name, f.site_url, f.category) for f in feeds),
        title="digestbot feeds",
        created=now or datetime.now(UTC),
    )
