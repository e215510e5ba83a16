"""HTTP for feeds and pages: conditional GET, redirects, timeouts, a streamed size cap.

Every way a fetch can go wrong becomes a FetchError with a short status ("timeout", "404",
"too-large"...) and a reason a person can act on; nothing else escapes.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import httpx

from bot.feeds.policy import FeedPolicy

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
_PERMANENT = frozenset({301, 308})


class FetchError(Exception):
    def __init__(self, status: str, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Fetched:
    """A response: `body` is empty for 304; `moved_to` is set after permanent redirects only."""

    status: int
    body: bytes
    url: str
    content_type: str | None
    etag: str | None
    last_modified: str | None
    moved_to: str | None


def make_client(policy: FeedPolicy) -> httpx.AsyncClient:
    """One client per poll: pooled connections, gzip, redirects followed, a polite agent."""
    return httpx.AsyncClient(
        follow_redirects=True,
        max_redirects=policy.max_redirects,
        timeout=httpx.Timeout(
            policy.read_timeout_s, connect=policy.connect_timeout_s, pool=policy.total_timeout_s
        ),
        headers={"User-Agent": policy.user_agent, "Accept-Encoding": "gzip, deflate"},
        limits=httpx.Limits(max_connections=max(2, policy.concurrency * 2)),
        trust_env=policy.trust_env,
    )


async def fetch(
    client: httpx.AsyncClient,
    url: str,
    policy: FeedPolicy,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    accept: str = FEED_ACCEPT,
) -> Fetched:
    """GET `url`, conditionally when validators are given; raises FetchError."""
    headers = {"Accept": accept}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        async with asyncio.timeout(policy.total_timeout_s):
            return await _get(client, url, headers, policy)
    except TimeoutError:
        reason = f"timed out: no complete answer within {policy.total_timeout_s:g} s"
        raise FetchError("timeout", reason) from None
    except httpx.ConnectTimeout:
        reason = f"timed out: no connection within {policy.connect_timeout_s:g} s"
        raise FetchError("timeout", reason) from None
    except httpx.TimeoutException:
        reason = f"timed out: the server went silent for {policy.read_timeout_s:g} s"
        raise FetchError("timeout", reason) from None
    except httpx.TooManyRedirects:
        raise FetchError("redirects", f"more than {policy.max_redirects} redirects") from None
    except httpx.InvalidURL as exc:
        raise FetchError("bad-url", f"invalid URL: {exc}") from None
    except httpx.ConnectError as exc:
        raise FetchError("connect", f"cannot connect: {exc or 'refused'}") from None
    except httpx.HTTPError as exc:
        detail = str(exc) or type(exc).__name__
        raise FetchError("network", f"{type(exc).__name__}: {detail}") from None


async def _get(
    client: httpx.AsyncClient, url: str, headers: dict[str, str], policy: FeedPolicy
) -> Fetched:
    async with client.stream("GET", url, headers=headers) as response:
        moved_to = _permanent_target(response)
        if response.status_code == 304:
            return _fetched(response, b"", moved_to)
        if response.status_code >= 400:
            phrase = response.reason_phrase or "error"
            raise FetchError(str(response.status_code), f"HTTP {response.status_code} {phrase}")
        if response.status_code != 200:
            raise FetchError(str(response.status_code), f"unexpected HTTP {response.status_code}")
        limit = policy.max_body_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError("too-large", _too_large(int(declared), limit, "announced"))
        body = bytearray()
        async for chunk in response.aiter_bytes():
            body += chunk
            if len(body) > limit:
                raise FetchError("too-large", _too_large(len(body), limit, "aborted after"))
        return _fetched(response, bytes(body), moved_to)


def _fetched(response: httpx.Response, body: bytes, moved_to: str | None) -> Fetched:
    return Fetched(
        status=response.status_code,
        body=body,
        url=str(response.url),
        content_type=response.headers.get("content-type"),
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
        moved_to=moved_to,
    )


def _permanent_target(response: httpx.Response) -> str | None:
    """The final URL when every redirect on the way was permanent (301/308)."""
    if response.history and all(r.status_code in _PERMANENT for r in response.history):
        return str(response.url)
    return None


def _too_large(size: int, limit: int, how: str) -> str:
    return f"body too large: {how} {size / 2**20:.1f} MB, limit {limit / 2**20:.0f} MB"
