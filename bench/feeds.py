"""Feed polling: 200 feeds x 50 items served on loopback, polled and ingested (with analysis)
into a fresh SQLite store, next to a bare fetch-and-parse loop with feedparser in the same run;
then a second poll of the unchanged feeds, which must cost at most 5% of the first (304s).

Usage: nice python bench/feeds.py [--feeds 200] [--items 50] [--concurrency 8]
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

import feedparser
import httpx
from aiohttp import web

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.feeds import FeedPolicy, poll_due_feeds
from storage.articles import count_articles
from storage.engine import open_database
from storage.sources import add_feed

NOW = datetime(2025, 12, 1, 9, 0, tzinfo=UTC)
_SENTENCES = [
    "Мемлекет басшысы Қасым-Жомарт Тоқаев {n}-жиында өңірлердің дамуы туралы айтты.",
    "«Біз әр ауылға таза су жеткіземіз», – деді Президент.",
    "Министр бағдарламаның {n} нысанын биыл аяқтауды тапсырды.",
    "Правительство выделило {n} миллионов тенге на ремонт школ.",
    "«Все работы завершатся до осени», – заявил аким области.",
    "Синоптики обещают потепление до {n} градусов в выходные.",
]


def feed_document(base: str, feed: int, items: int) -> bytes:
    """Full-text items (no teaser, so no page fetches): the cost is the feed path itself."""
    entries = []
    for item in range(items):
        n = feed * 1000 + item
        order = _SENTENCES[item % 3 :] + _SENTENCES[: item % 3]
        body = " ".join(s.format(n=n + k) for k, s in enumerate(order * 2))
        published = NOW - timedelta(minutes=item)
        entries.append(
            f"<item><title>Жаңалық {n}: өңірлер дамуы</title>"
            f"<link>{base}/a/{n}</link><guid>n-{n}</guid>"
            f"<description>{escape(body)}</description>"
            f"<pubDate>{format_datetime(published)}</pubDate></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Лента {feed}</title><link>http://news{feed}.example/</link>"
        + "".join(entries)
        + "</channel></rss>"
    ).encode()


async def serve(documents: dict[str, bytes]) -> tuple[web.AppRunner, str]:
    def etag_of(body: bytes) -> str:
        return '"' + hashlib.sha1(body).hexdigest()[:16] + '"'

    async def handler(request: web.Request) -> web.StreamResponse:
        body = documents.get(request.path)
        if body is None:
            return web.Response(status=404)
        etag = etag_of(body)
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        headers = {"ETag": etag, "Content-Type": "application/rss+xml"}
        return web.Response(body=body, headers=headers)

    app = web.Application()
    app.router.add_get("/{tail:.*}", handler)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    return runner, f"http://127.0.0.1:{port}"


async def bare_loop(urls: list[str], concurrency: int) -> tuple[float, int]:
    """Fetch every feed and parse it with feedparser: nothing stored, nothing analysed."""
    slots = asyncio.Semaphore(concurrency)
    async with httpx.AsyncClient(trust_env=False) as client:

        async def one(url: str) -> int:
            async with slots:
                body = (await client.get(url)).content
            return len(feedparser.parse(body).entries)

        started = time.perf_counter()
        counts = await asyncio.gather(*(one(url) for url in urls))
    return time.perf_counter() - started, sum(counts)


async def main(feeds: int, items: int, concurrency: int) -> None:
    documents: dict[str, bytes] = {}
    runner, base = await serve(documents)
    documents.update({f"/feed/{n}.xml": feed_document(base, n, items) for n in range(feeds)})
    urls = [base + path for path in documents]
    policy = FeedPolicy(concurrency=concurrency, feeds_per_pass=feeds, trust_env=False)
    with tempfile.TemporaryDirectory() as folder:
        database = await open_database(f"sqlite+aiosqlite:///{folder}/bench.db")
        try:
            async with database.sessions() as session:
                for url in urls:
                    await add_feed(session, url, now=NOW, interval_s=600)
            bare_s, bare_items = await bare_loop(urls, concurrency)
            first = await poll_due_feeds(database.sessions, policy, now=NOW, due_only=False)
            second = await poll_due_feeds(
                database.sessions, policy, now=NOW + timedelta(hours=1), due_only=False
            )
            async with database.sessions() as session:
                stored = await count_articles(session)
        finally:
            await database.close()
    await runner.cleanup()

    total = feeds * items
    ratio = first.seconds / bare_s
    share = second.seconds / first.seconds
    print(f"feeds {feeds} x items {items} = {total} items, concurrency {concurrency}")
    print(f"bare fetch+feedparser: {bare_s:.2f} s, {bare_items / bare_s:,.0f} items/s")
    print(
        f"poll+ingest (analysis, store): {first.seconds:.2f} s, {total / first.seconds:,.0f} "
        f"items/s, {ratio:.1f}x the bare loop; stored {stored}, failed {len(first.failed)}"
    )
    print(
        f"second poll (unchanged): {second.seconds:.3f} s, {second.not_modified} x 304, "
        f"{second.new_items} new = {share:.1%} of the first "
        f"({'OK' if share <= 0.05 else 'OVER'} the 5% budget)"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--concurrency", type=int, default=8)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.feeds, arguments.items, arguments.concurrency))
