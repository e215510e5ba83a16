"""An admin's link: fetch the page and extract its main text, or say why not."""

from __future__ import annotations

import asyncio
import re
from datetime import tzinfo

from bot.feeds.fetch import PAGE_ACCEPT, FetchError, fetch, make_client
from bot.feeds.policy import FeedPolicy
from digests.models import ArticleDraft
from digests.sources.encoding import UndecodableError, decode_text
from digests.sources.html_page import NoMainTextError, parse_html
from digests.sources.plain_text import EmptyArticleError, parse_plain_text

LINK = re.compile(r"https?://\S+", re.IGNORECASE)
PAGE_POLICY = FeedPolicy(total_timeout_s=30.0, read_timeout_s=15.0, max_body_bytes=5 * 2**20)


class PageProblem(Exception):
    """The link gave no article; the message says why, for the admin."""


def lone_link(text: str) -> str | None:
    """The URL when the message is just a link (a forwarded link often is)."""
    stripped = text.strip()
    return stripped if LINK.fullmatch(stripped) else None


async def fetch_page(url: str, tz: tzinfo, policy: FeedPolicy = PAGE_POLICY) -> ArticleDraft:
    try:
        async with make_client(policy) as client:
            fetched = await fetch(client, url, policy, accept=PAGE_ACCEPT)
        text = decode_text(fetched.body).text
        return await asyncio.to_thread(parse_html, text, url=fetched.url, tz=tz)
    except FetchError as exc:
        raise PageProblem(exc.reason) from None
    except (UndecodableError, NoMainTextError) as exc:
        raise PageProblem(str(exc)) from None


def text_draft(text: str, tz: tzinfo) -> ArticleDraft:
    """A pasted or forwarded text: its first line is the title."""
    try:
        first_line = text.strip().split("\n", 1)[0][:200]
        return parse_plain_text(text, fallback_title=first_line, tz=tz)
    except EmptyArticleError as exc:
        raise PageProblem(str(exc)) from None
