"""Which URLs may become links: http(s) with a host, or tg:// deep links; nothing else.

A `javascript:` or `file:` href is never useful to a reader, and a URL Telegram rejects would
make it drop the link silently, so such URLs are shown as no link at all.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from bot.render.chars import UNSENDABLE

MAX_URL_CHARS = 1000
LINK_SCHEMES = frozenset({"http", "https", "tg"})
_WHITESPACE = re.compile(r"\s")


def safe_url(url: str | None) -> str | None:
    """The URL (trimmed) when it may be a link, else None."""
    if url is None:
        return None
    url = url.strip()
    if not url or len(url) > MAX_URL_CHARS or _WHITESPACE.search(url) or UNSENDABLE.search(url):
        return None
    try:
        parts = urlsplit(url)
        host = parts.hostname if parts.scheme.lower() != "tg" else parts.netloc
    except ValueError:
        return None
    if parts.scheme.lower() not in LINK_SCHEMES or not host:
        return None
    return url
