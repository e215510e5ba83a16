"""Feed documents and a loopback HTTP server for the feed tests (all text written here)."""

from __future__ import annotations

import asyncio
import gzip
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from xml.sax.saxutils import escape

from aiohttp import web

KAZAKH_ITEMS = [
    (
        "Тоқаев Алматыда инвесторлармен кездесті",
        "Мемлекет басшысы Қасым-Жомарт Тоқаев Алматыда шетелдік инвесторлармен кездесті. "
        "«Біз әр инвесторға қолайлы жағдай жасаймыз», – деді Президент.",
    ),
    (
        "Астанада жаңа мектеп ашылды",
        "Астанада 1200 оқушыға арналған жаңа мектеп ашылды. Ғимаратта спорт залы мен "
        "кітапхана бар. «Балалар қуанышты», – деді мектеп директоры Әсел Нұрланқызы.",
    ),
    (
        "Қазақстанда ауа райы суытады",
        "Синоптиктер елдің солтүстігінде аяз күшейетінін хабарлады. Түнде ауа температурасы "
        "минус жиырма градусқа дейін төмендейді.",
    ),
]
RUSSIAN_ITEMS = [
    (
        "Правительство обсудило бюджет",
        "На заседании правительства обсудили исполнение бюджета. «Все социальные "
        "обязательства будут выполнены», – заявил министр финансов.",
    ),
    (
        "В Алматы открылся новый парк",
        "В Алматы открылся новый парк площадью двенадцать гектаров. Жители района давно "
        "ждали благоустройства.",
    ),
]


@dataclass(frozen=True, slots=True)
class Item:
    title: str
    body: str
    link: str
    guid: str | None = None
    published: datetime | None = datetime(2025, 12, 1, 9, 0, tzinfo=UTC)


def rss(items: list[Item], *, encoding: str = "utf-8", declared: str | None = "utf-8",
        title: str = "Жаңалықтар", ttl: int | None = None, language: str | None = "kk") -> bytes:
    """RSS 2.0 in `encoding`, declaring `declared` (None: no encoding in the declaration)."""
    head = f'<?xml version="1.0" encoding="{declared}"?>' if declared else '<?xml version="1.0"?>'
    entries = "".join(
        "<item>"
        f"<title>{escape(i.title)}</title><link>{escape(i.link)}</link>"
        + (f"<guid>{escape(i.guid)}</guid>" if i.guid else "")
        + f"<description>{escape(i.body)}</description>"
        + (f"<pubDate>{format_datetime(i.published)}</pubDate>" if i.published else "")
        + "</item>"
        for i in items
    )
    extra = (f"<ttl>{ttl}</ttl>" if ttl else "") + (
        f"<language>{language}</language>" if language else ""
    )
    text = (
        f'{head}\n<rss version="2.0"><channel><title>{escape(title)}</title>'
        f"<link>http://news.example/</link>{extra}"
        f"{entries}</channel></rss>"
    )
    return text.encode(encoding)


def atom(items: list[Item], *, encoding: str = "utf-8", title: str = "Новости") -> bytes:
    entries = "".join(
        "<entry>"
        f"<title>{escape(i.title)}</title><id>{escape(i.guid or i.link)}</id>"
        f'<link href="{escape(i.link)}"/>'
        f"<updated>{(i.published or datetime(2025, 1, 1, tzinfo=UTC)).isoformat()}</updated>"
        f'<content type="html">{escape("<p>" + i.body + "</p>")}</content>'
        "</entry>"
        for i in items
    )
    text = (
        f'<?xml version="1.0" encoding="{encoding}"?>\n'
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ru"><title>{escape(title)}</title>'
        f"<id>urn:feed</id><updated>2025-12-01T09:00:00Z</updated>{entries}</feed>"
    )
    return text.encode(encoding)


def items_from(pairs: list[tuple[str, str]], base: str, prefix: str) -> list[Item]:
    return [
        Item(title, body, f"{base}/{prefix}/{n}", guid=f"{prefix}-{n}")
        for n, (title, body) in enumerate(pairs, start=1)
    ]


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass
class FeedServer:
    """An aiohttp server on 127.0.0.1; routes are set per test, requests are recorded."""

    routes: dict[str, Handler] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    base: str = ""
    runner: web.AppRunner | None = None

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("GET", "/{tail:.*}", self._dispatch)
        self.runner = web.AppRunner(app, access_log=None)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.base = f"http://127.0.0.1:{port}"

    async def stop(self) -> None:
        if self.runner is not None:
            await self.runner.cleanup()

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        self.requests.append((request.path, dict(request.headers)))
        handler = self.routes.get(request.path)
        if handler is None:
            return web.Response(status=404, text="not found")
        return await handler(request)

    def headers_for(self, path: str) -> list[dict[str, str]]:
        return [headers for p, headers in self.requests if p == path]

    def serve(self, path: str, body: bytes, content_type: str = "application/rss+xml",
              *, etag: str | None = None, gzipped: bool = False) -> None:
        """A static document; with `etag`, a matching If-None-Match gets 304."""

        async def handler(request: web.Request) -> web.StreamResponse:
            if etag and request.headers.get("If-None-Match") == etag:
                return web.Response(status=304, headers={"ETag": etag})
            headers = {"ETag": etag} if etag else {}
            data = body
            if gzipped:
                data = gzip.compress(body)
                headers["Content-Encoding"] = "gzip"
            return web.Response(body=data, headers={**headers, "Content-Type": content_type})

        self.routes[path] = handler

    def redirect(self, path: str, target: str, status: int = 301) -> None:
        async def handler(request: web.Request) -> web.StreamResponse:
            return web.Response(status=status, headers={"Location": target})

        self.routes[path] = handler

    def status(self, path: str, status: int) -> None:
        async def handler(request: web.Request) -> web.StreamResponse:
            return web.Response(status=status, text="error page")

        self.routes[path] = handler

    def stall(self, path: str, seconds: float) -> None:
        async def handler(request: web.Request) -> web.StreamResponse:
            await asyncio.sleep(seconds)
            return web.Response(body=b"<rss/>")

        self.routes[path] = handler

    def huge(self, path: str, megabytes: int) -> None:
        """A feed that keeps streaming `megabytes` MB without a Content-Length."""

        async def handler(request: web.Request) -> web.StreamResponse:
            response = web.StreamResponse(headers={"Content-Type": "application/rss+xml"})
            await response.prepare(request)
            chunk = b"<item><title>x</title></item>" * 2048
            sent = 0
            try:
                await response.write(b'<?xml version="1.0"?><rss><channel>')
                while sent < megabytes * 2**20:
                    await response.write(chunk)
                    sent += len(chunk)
            except (ConnectionError, RuntimeError):
                pass
            return response

        self.routes[path] = handler


def article_page(title: str, paragraphs: list[str], *, published: str, lang: str) -> bytes:
    """A news page as outlets publish it: navigation, the article, a footer."""
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title>"
        f'<meta property="article:published_time" content="{published}">'
        f'<meta name="language" content="{lang}"></head><body>'
        '<nav><a href="/">Басты бет</a> <a href="/news">Жаңалықтар</a></nav>'
        f"<article><h1>{escape(title)}</h1>{body}</article>"
        "<footer>© 2025 Барлық құқықтар қорғалған</footer></body></html>"
    ).encode()
