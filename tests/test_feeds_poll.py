"""Polling against a loopback server: every new item once, bad feeds reported, good ones
unaffected, conditional GET on the second poll; on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from feeds_helpers import (
    KAZAKH_ITEMS,
    RUSSIAN_ITEMS,
    FeedServer,
    Item,
    article_page,
    atom,
    items_from,
    rss,
)

from bot.feeds import FeedPolicy, PollReport, poll_due_feeds
from storage.articles import count_articles, latest_articles
from storage.engine import Database
from storage.records import StoredArticle
from storage.sources import FeedSource, add_feed, find_feed, list_feeds

NOW = datetime(2025, 12, 1, 9, 0, tzinfo=UTC)
POLICY = FeedPolicy(
    concurrency=4, total_timeout_s=1.5, read_timeout_s=1.0, connect_timeout_s=1.0,
    max_body_bytes=2 * 1024 * 1024, trust_env=False, broken_after=3,
)
PAGE_TEXT = [
    "Үкімет отырысында жаңа бағдарлама талқыланды. Бағдарлама бойынша өңірлерде жүзден "
    "астам нысан салынады.",
    "«Бұл жоба мыңдаған адамға жұмыс береді», – деді Премьер-министр Олжас Бектенов.",
    "Құрылыс жұмыстары келесі жылдың көктемінде басталады деп күтілуде.",
]


@pytest.fixture
async def server() -> AsyncIterator[FeedServer]:
    served = FeedServer()
    await served.start()
    yield served
    await served.stop()


def distinct(items: list[Item], tag: str) -> list[Item]:
    return [replace(i, body=f"{i.body} {tag}", link=f"{i.link}-{tag}", guid=f"{i.guid}-{tag}")
            for i in items]


def publish(server: FeedServer) -> dict[str, list[Item]]:
    """Every kind of feed the issue names, good and bad; returns the good ones' items."""
    base = server.base
    good = {
        "/kk.xml": items_from(KAZAKH_ITEMS, base, "kk"),
        "/ru-1251.xml": items_from(RUSSIAN_ITEMS, base, "ru"),
        "/atom-1251.xml": distinct(items_from(RUSSIAN_ITEMS, base, "atom"), "Атом"),
        "/new.xml": distinct(items_from(KAZAKH_ITEMS[:1], base, "moved"), "көшті"),
        "/rewrite.xml": distinct(items_from(KAZAKH_ITEMS[1:], base, "rw"), "қайта"),
        "/gzip.xml": distinct(items_from(RUSSIAN_ITEMS[:1], base, "gz"), "сжато"),
    }
    server.serve("/kk.xml", rss(good["/kk.xml"], ttl=30), etag='"kk-v1"')
    server.serve("/ru-1251.xml", rss(good["/ru-1251.xml"], encoding="cp1251", language=None,
                                     title="Лента"),
                 content_type="application/rss+xml; charset=utf-8")
    server.serve("/atom-1251.xml", atom(good["/atom-1251.xml"], encoding="windows-1251"),
                 content_type="application/atom+xml")
    server.redirect("/old.xml", f"{base}/new.xml", status=301)
    server.serve("/new.xml", rss(good["/new.xml"]))
    server.serve("/rewrite.xml", rss(good["/rewrite.xml"]))
    server.serve("/gzip.xml", rss(good["/gzip.xml"]), gzipped=True)
    server.stall("/slow.xml", 5)
    server.serve("/broken.xml", b'<?xml version="1.0"?><rss><channel><title>a</chanel></rss>')
    server.serve("/html.xml", b"<!DOCTYPE html><html><body>Not here</body></html>", "text/html")
    server.serve("/empty.xml", b"")
    server.huge("/huge.xml", 50)
    server.status("/error.xml", 500)
    return good


async def add_all(database: Database, server: FeedServer, paths: list[str]) -> None:
    async with database.sessions() as session:
        for path in paths:
            await add_feed(session, server.base + path, now=NOW, interval_s=600)


async def feeds_by_path(database: Database, server: FeedServer) -> dict[str, FeedSource]:
    async with database.sessions() as session:
        return {f.url.removeprefix(server.base): f for f in await list_feeds(session)}


async def stored(database: Database) -> list[StoredArticle]:
    async with database.sessions() as session:
        return await latest_articles(session, limit=500)


BAD = {
    "/slow.xml": ("timeout", "timed out"),
    "/broken.xml": ("unparsable", "malformed XML"),
    "/html.xml": ("unparsable", "HTML page"),
    "/empty.xml": ("unparsable", "empty body"),
    "/huge.xml": ("too-large", "body too large"),
    "/error.xml": ("500", "HTTP 500"),
    "/missing.xml": ("404", "HTTP 404"),
}


async def test_every_new_item_once_bad_feeds_reported_good_ones_unaffected(
    database: Database, server: FeedServer
) -> None:
    good = publish(server)
    paths = [p for p in good if p != "/new.xml"] + ["/old.xml", *BAD]
    await add_all(database, server, paths)

    first = await poll_due_feeds(database.sessions, POLICY, now=NOW)
    assert len(first.feeds) == len(paths)
    assert first.new_items == sum(len(items) for items in good.values())
    assert {o.url.removeprefix(server.base): o.status for o in first.failed} == {
        path: status for path, (status, _) in BAD.items()
    }
    feeds = await feeds_by_path(database, server)
    for path, (status, reason) in BAD.items():
        assert feeds[path].last_status == status and reason in (feeds[path].last_error or "")
        assert feeds[path].consecutive_failures == 1
    assert "/old.xml" not in feeds and feeds["/new.xml"].items_seen == 1
    assert "cp1251" in (feeds["/ru-1251.xml"].last_error or "")

    articles = await stored(database)
    titles = sorted(a.title for a in articles)
    assert titles == sorted(i.title for items in good.values() for i in items)
    kk = next(a for a in articles if a.url == f"{server.base}/kk/1")
    assert kk.source == feeds["/kk.xml"].name and kk.lang == "kk"
    assert kk.key_quotes and "инвесторға" in kk.key_quotes[0].text
    ru = next(a for a in articles if a.url == f"{server.base}/ru/1")
    assert ru.title == "Правительство обсудило бюджет" and ru.lang == "ru"

    # The second poll: conditional GET, guids rewritten and items re-dated, one new item.
    fresh = Item("Жаңа хабар", "Бүгін Астанада жаңа көпір ашылды. Көпір өзеннің екі жағын қосады.",
                 f"{server.base}/rw/new", guid="rw-new")
    rewritten = [replace(i, guid=f"changed-{i.guid}", published=NOW) for i in good["/rewrite.xml"]]
    server.serve("/rewrite.xml", rss([fresh, *rewritten]))
    second = await poll_due_feeds(database.sessions, POLICY, now=NOW + timedelta(days=2))
    assert second.new_items == 1
    outcomes = {o.url.removeprefix(server.base): o for o in second.feeds}
    assert outcomes["/kk.xml"].status == "304"
    assert server.headers_for("/kk.xml")[-1].get("If-None-Match") == '"kk-v1"'
    assert "If-None-Match" not in server.headers_for("/kk.xml")[0]
    assert outcomes["/new.xml"].status == "200" and outcomes["/rewrite.xml"].new_items == 1
    assert len(await stored(database)) == len(articles) + 1
    async with database.sessions() as session:
        assert await count_articles(session) == len(articles) + 1
    feeds = await feeds_by_path(database, server)
    assert feeds["/error.xml"].consecutive_failures == 2


async def test_teasers_get_the_page_text_date_and_language(
    database: Database, server: FeedServer
) -> None:
    teaser = Item("Үкімет жаңа бағдарламаны талқылады", "Үкімет отырысында жаңа бағдарлама...",
                  f"{server.base}/news/1.html", guid="t-1", published=None)
    server.serve("/teaser.xml", rss([teaser], language=None))
    server.serve("/news/1.html", article_page(teaser.title, PAGE_TEXT,
                 published="2025-11-28T10:00:00+05:00", lang="kk"), "text/html; charset=utf-8")
    await add_all(database, server, ["/teaser.xml"])
    report = await poll_due_feeds(database.sessions, POLICY, now=NOW)
    assert report.new_items == 1
    [article] = await stored(database)
    assert "мыңдаған адамға жұмыс береді" in article.body
    assert article.published_at is not None
    assert article.published_at.date().isoformat() == "2025-11-28"
    assert article.lang == "kk" and article.title == teaser.title
    assert article.key_quotes and article.key_quotes[0].speaker_name


async def test_failing_feed_backs_off_then_is_marked_broken(
    database: Database, server: FeedServer
) -> None:
    await add_all(database, server, ["/missing.xml"])
    now, delays = NOW, []
    for _ in range(POLICY.broken_after):
        report: PollReport = await poll_due_feeds(database.sessions, POLICY, now=now)
        assert len(report.feeds) == 1 and report.failed
        [feed] = (await feeds_by_path(database, server)).values()
        assert feed.next_poll_at is not None
        delays.append((feed.next_poll_at - now).total_seconds())
        now = feed.next_poll_at
    assert delays[1] > 1.5 * delays[0] and delays[2] > 1.5 * delays[1]
    assert all(d <= POLICY.max_backoff_s for d in delays)
    async with database.sessions() as session:
        broken = await find_feed(session, f"{server.base}/missing.xml")
    assert broken and broken.broken and broken.consecutive_failures == POLICY.broken_after
    later = await poll_due_feeds(database.sessions, POLICY, now=now + timedelta(days=30))
    assert later.feeds == []
