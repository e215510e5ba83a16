"""The linked page's main text for items whose feed gives only a teaser.

A page that cannot be fetched or read leaves the teaser in place: the item is still news, and
the failure is the page's, not the feed's.
"""

from __future__ import annotations

import asyncio
import logging
import re
from dataclasses import replace
from datetime import UTC

import httpx

from bot.feeds.fetch import PAGE_ACCEPT, FetchError, fetch
from bot.feeds.policy import FeedPolicy
from digests.models import ArticleDraft
from digests.sources.encoding import UndecodableError, decode_text
from digests.sources.html_page import NoMainTextError, parse_html

log = logging.getLogger(__name__)
_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.I)


async def page_draft(
    client: httpx.AsyncClient, url: str, policy: FeedPolicy, slots: asyncio.Semaphore
) -> ArticleDraft | None:
    """The page at `url` as a draft (text, date, language), or None when it is unusable."""
    try:
        async with slots:
            fetched = await fetch(client, url, policy, accept=PAGE_ACCEPT)
        text = _page_text(fetched.body, fetched.content_type)
        # trafilatura is CPU work; a thread keeps other fetches moving meanwhile.
        draft = await asyncio.to_thread(parse_html, text, url=fetched.url, tz=UTC)
    except (FetchError, UndecodableError, NoMainTextError) as exc:
        log.info("full text of %s not used: %s", url, exc)
        return None
    if draft.lang is None and (declared := _HTML_LANG.search(text[:4096])):
        draft = replace(draft, lang=declared.group(1).lower())
    return draft


def _page_text(body: bytes, content_type: str | None) -> str:
    charset = _charset(content_type)
    if charset:
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(body).text


def _charset(content_type: str | None) -> str | None:
    for part in (content_type or "").split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None
