"""One pass over the feeds that are due: fetch, parse, skip what was seen, ingest the rest.

Each feed is handled inside its own guard, so a timeout, a 50 MB body or broken XML in one
feed is written on that feed's row and the others go on. New items go through the same
analysis and store path as files (bot.ingest.ingest_drafts); writes take turns through one
lock: SQLite has one writer, and a transaction that read before another one wrote cannot
upgrade to writing at all (SQLITE_BUSY without waiting), so every write here takes turns.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.feeds.fetch import Fetched, FetchError, fetch, make_client
from bot.feeds.full_text import page_draft
from bot.feeds.policy import FeedPolicy, backoff_s, effective_interval_s, jittered
from bot.ingest import IngestReport, ingest_drafts
from digests.models import ArticleDraft
from digests.sources.feed_items import ItemIdentity, item_draft, item_identities, shared_links
from digests.sources.feeds import FeedError, FeedItem, parse_feed
from storage.sources import (
    FeedSource,
    SeenIdentity,
    claim_feeds,
    mark_seen,
    move_feed,
    record_failure,
    record_success,
    seen_keys,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class FeedOutcome:
    """What one feed's poll did; `error` is set when it failed."""

    source_id: int
    url: str
    status: str
    new_items: int = 0
    duplicates: int = 0
    error: str | None = None
    warning: str | None = None
    moved_to: str | None = None


@dataclass(slots=True)
class PollReport:
    feeds: list[FeedOutcome] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def new_items(self) -> int:
        return sum(outcome.new_items for outcome in self.feeds)

    @property
    def failed(self) -> list[FeedOutcome]:
        return [outcome for outcome in self.feeds if outcome.error]

    @property
    def not_modified(self) -> int:
        return sum(1 for outcome in self.feeds if outcome.status == "304")

    def summary_line(self) -> str:
        return (
            f"polled {len(self.feeds)} feeds in {self.seconds:.1f} s: {self.new_items} new items,"
            f" {self.not_modified} unchanged, {len(self.failed)} failed"
        )


@dataclass(frozen=True, slots=True)
class _Pass:
    sessions: async_sessionmaker[AsyncSession]
    client: httpx.AsyncClient
    policy: FeedPolicy
    now: datetime
    slots: asyncio.Semaphore
    write_lock: asyncio.Lock


async def poll_due_feeds(
    sessions: async_sessionmaker[AsyncSession],
    policy: FeedPolicy | None = None,
    *,
    now: datetime | None = None,
    due_only: bool = True,
    client: httpx.AsyncClient | None = None,
) -> PollReport:
    """Poll the feeds that are due (every unpaused one with `due_only=False`), at most
    `policy.concurrency` fetches at a time; never raises for a feed's failure."""
    policy = policy or FeedPolicy()
    now = now or datetime.now(UTC)
    started = time.perf_counter()
    async with sessions() as session:
        feeds = await claim_feeds(
            session,
            now=now,
            lease=timedelta(seconds=policy.lease_s),
            limit=policy.feeds_per_pass,
            due_only=due_only,
        )
    report = PollReport()
    if feeds:
        own_client = client is None
        http = client or make_client(policy)
        try:
            context = _Pass(
                sessions, http, policy, now, asyncio.Semaphore(policy.concurrency), asyncio.Lock()
            )
            report.feeds = list(await asyncio.gather(*(_guarded(context, f) for f in feeds)))
        finally:
            if own_client:
                await http.aclose()
    report.seconds = time.perf_counter() - started
    return report


async def _guarded(context: _Pass, feed: FeedSource) -> FeedOutcome:
    try:
        return await _poll_feed(context, feed)
    except Exception as exc:  # a bug or a store error must not stop the other feeds
        log.exception("feed %s failed unexpectedly", feed.url)
        reason = f"internal error: {type(exc).__name__}: {exc}"
        try:
            return await _failed(context, feed, "error", reason)
        except Exception:
            log.exception("could not record the failure of feed %s", feed.url)
            return FeedOutcome(feed.id, feed.url, "error", error=reason)


async def _poll_feed(context: _Pass, feed: FeedSource) -> FeedOutcome:
    try:
        async with context.slots:
            fetched = await fetch(
                context.client,
                feed.url,
                context.policy,
                etag=feed.etag,
                last_modified=feed.last_modified,
            )
    except FetchError as exc:
        return await _failed(context, feed, exc.status, exc.reason)
    moved_to = await _follow_move(context, feed, fetched)
    if fetched.status == 304:
        async with context.write_lock:
            await _succeeded(context, feed, fetched, "304", None, 0, None)
        return FeedOutcome(feed.id, feed.url, "304", moved_to=moved_to)
    try:
        parsed = parse_feed(fetched.body, content_type=fetched.content_type)
    except FeedError as exc:
        return await _failed(context, feed, "unparsable", str(exc))
    fresh = await _unseen(context, feed, parsed.items)
    drafts = await _drafts(context, feed, [item for item, _ in fresh])
    async with context.write_lock:
        ingested = IngestReport()
        await ingest_drafts(context.sessions, [(d, d.url or feed.url) for d in drafts], ingested)
        seen = [
            SeenIdentity(identity.key, identity.kind, article_id)
            for (_, identities), article_id in zip(fresh, ingested.article_ids, strict=True)
            for identity in identities
        ]
        async with context.sessions() as session:
            await mark_seen(session, feed.id, seen, now=context.now)
        ttl_s = parsed.ttl_minutes * 60 if parsed.ttl_minutes else None
        await _succeeded(
            context,
            feed,
            fetched,
            "200",
            parsed.warning,
            len(fresh),
            ttl_s,
            title=parsed.title,
            site_url=parsed.link,
        )
    return FeedOutcome(
        feed.id,
        feed.url,
        "200",
        new_items=ingested.ingested,
        duplicates=ingested.duplicates,
        warning=parsed.warning,
        moved_to=moved_to,
    )


async def _unseen(
    context: _Pass, feed: FeedSource, items: list[FeedItem]
) -> list[tuple[FeedItem, list[ItemIdentity]]]:
    """Items none of whose identities this feed sent before (nor an earlier item now)."""
    shared = shared_links(items)
    keyed = [(item, item_identities(item, shared_links=shared)) for item in items]
    async with context.sessions() as session:
        known = await seen_keys(session, feed.id, {i.key for _, ids in keyed for i in ids})
    fresh: list[tuple[FeedItem, list[ItemIdentity]]] = []
    for item, identities in keyed:
        keys = {identity.key for identity in identities}
        if keys & known:
            continue
        known |= keys
        fresh.append((item, identities))
    return fresh


async def _drafts(context: _Pass, feed: FeedSource, items: list[FeedItem]) -> list[ArticleDraft]:
    """Drafts for new items, teasers completed from their pages (a bounded number per feed)."""
    wanted = [i for i in items if i.is_teaser and i.link][: context.policy.full_text_per_feed]
    pages = await asyncio.gather(
        *(page_draft(context.client, i.link or "", context.policy, context.slots) for i in wanted)
    )
    by_item = {id(item): page for item, page in zip(wanted, pages, strict=True)}
    return [item_draft(item, feed.name, by_item.get(id(item))) for item in items]


async def _follow_move(context: _Pass, feed: FeedSource, fetched: Fetched) -> str | None:
    if not fetched.moved_to or fetched.moved_to == feed.url:
        return None
    async with context.write_lock, context.sessions() as session:
        moved = await move_feed(session, feed.id, fetched.moved_to)
    log.info(
        "feed %s moved permanently to %s%s",
        feed.url,
        fetched.moved_to,
        "" if moved else " (another feed has that URL; kept the old one)",
    )
    return fetched.moved_to if moved else None


async def _succeeded(
    context: _Pass,
    feed: FeedSource,
    fetched: Fetched,
    status: str,
    warning: str | None,
    new_items: int,
    ttl_s: int | None,
    *,
    title: str | None = None,
    site_url: str | None = None,
) -> None:
    interval = effective_interval_s(feed.poll_interval_s, ttl_s or feed.ttl_s, context.policy)
    async with context.sessions() as session:
        await record_success(
            session,
            feed.id,
            now=context.now,
            status=status,
            next_poll_at=jittered(context.now, interval, feed.id, context.policy),
            # A 304 may omit the validators; the ones that earned it stay valid.
            etag=fetched.etag or (feed.etag if status == "304" else None),
            last_modified=fetched.last_modified
            or (feed.last_modified if status == "304" else None),
            ttl_s=ttl_s,
            title=title,
            site_url=site_url,
            warning=warning,
            new_items=new_items,
        )


async def _failed(context: _Pass, feed: FeedSource, status: str, reason: str) -> FeedOutcome:
    failures = feed.consecutive_failures + 1
    broken = failures >= context.policy.broken_after
    delay = backoff_s(feed.poll_interval_s, failures, context.policy)
    log.warning(
        "feed %s: %s (%d in a row%s)",
        feed.url,
        reason,
        failures,
        ", now marked broken" if broken else "",
    )
    async with context.write_lock, context.sessions() as session:
        await record_failure(
            session,
            feed.id,
            now=context.now,
            status=status,
            reason=reason,
            next_poll_at=min(
                jittered(context.now, delay, feed.id, context.policy),
                context.now + timedelta(seconds=context.policy.max_backoff_s),
            ),
            failures=failures,
            broken=broken,
        )
    return FeedOutcome(feed.id, feed.url, status, error=reason)
