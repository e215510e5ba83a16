"""RSS 0.9x/1.0/2.0 and Atom bytes into feed items, through feedparser, tolerant of the real web.

Kazakh and Russian outlets often send cp1251 declared as UTF-8 (or not declared at all), HTML
error pages where the feed should be, and XML that is not well-formed. Every such case becomes
either items (with a warning saying what was repaired) or a FeedError whose message a person
can act on; nothing here raises anything else for bad input.
"""

from __future__ import annotations

import calendar
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import feedparser

from digests.sources.encoding import UndecodableError, decode_text
from digests.sources.feed_text import html_to_paragraphs

# Below this many characters of text (or ending in an ellipsis) an item is a teaser and the
# linked page is worth fetching for the full text.
TEASER_MAX_CHARS = 600
_ELLIPSIS_END = re.compile(r"(\.\.\.|…|\[\s*(\.\.\.|…)\s*\]|\[\s*read more\s*\])\s*$", re.I)
_XML_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*\?>", re.I)
_DECLARED_ENCODING = re.compile(rb"^\s*<\?xml[^>]*encoding=[\"']([A-Za-z0-9._-]+)", re.I)
_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<!doctype\s+html|^\s*<html[\s>]", re.I | re.S)
_ENCODING_PROBLEMS = (
    feedparser.CharacterEncodingOverride,
    feedparser.CharacterEncodingUnknown,
)
_UTF8_NAMES = frozenset({"utf-8", "utf8"})


class FeedError(ValueError):
    """The bytes are not a usable feed; the message says why."""


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One entry: text as paragraphs separated by a blank line, dates timezone-aware."""

    title: str
    body: str
    link: str | None
    guid: str | None
    published: datetime | None
    lang: str | None
    is_teaser: bool


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    title: str | None
    link: str | None
    lang: str | None
    ttl_minutes: int | None
    items: list[FeedItem]
    encoding: str
    warning: str | None = None


def parse_feed(data: bytes, *, content_type: str | None = None) -> ParsedFeed:
    """Items of a feed document; raises FeedError when there is no feed in `data`."""
    if not data.strip():
        raise FeedError("empty body")
    headers = {"content-type": content_type} if content_type else {}
    parsed = feedparser.parse(data, response_headers=headers)
    warning: str | None = None
    if _needs_redecoding(parsed, data):
        try:
            decoded = decode_text(data)
        except UndecodableError as exc:
            raise FeedError(f"wrong encoding: {exc}") from None
        repaired = _as_utf8_document(decoded.text)
        parsed = feedparser.parse(repaired, response_headers={"content-type": "application/xml"})
        warning = f"{_declared_encoding(data)}, but the bytes are {decoded.encoding}"
        encoding = decoded.encoding
    else:
        encoding = str(parsed.get("encoding") or "utf-8")
    if not parsed.get("version") and not parsed.entries:
        raise FeedError(_not_a_feed_reason(parsed, data))
    if parsed.get("bozo") and not isinstance(parsed.get("bozo_exception"), _ENCODING_PROBLEMS):
        if not parsed.entries:
            raise FeedError(f"malformed XML: {_short(parsed.get('bozo_exception'))}")
        repaired_xml = f"malformed XML, read leniently: {_short(parsed.get('bozo_exception'))}"
        warning = f"{warning}; {repaired_xml}" if warning else repaired_xml
    feed = parsed.feed
    lang = _language(feed.get("language"))
    items = [item for entry in parsed.entries if (item := _item(entry, lang)) is not None]
    return ParsedFeed(
        title=_clean(feed.get("title")) or None,
        link=_clean(feed.get("link")) or None,
        lang=lang,
        ttl_minutes=_ttl(feed.get("ttl")),
        items=items,
        encoding=encoding,
        warning=warning,
    )


def _needs_redecoding(parsed: Any, data: bytes) -> bool:
    """feedparser flagged the encoding, or read real UTF-8 bytes as a single-byte page."""
    if isinstance(parsed.get("bozo_exception"), _ENCODING_PROBLEMS):
        return True
    encoding = str(parsed.get("encoding") or "").lower()
    if encoding in _UTF8_NAMES or not encoding or data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _declared_encoding(data: bytes) -> str:
    match = _DECLARED_ENCODING.search(data[:200])
    return f"declared {match.group(1).decode('ascii').lower()}" if match else "no declared encoding"


def _as_utf8_document(text: str) -> bytes:
    """The decoded text as UTF-8 bytes whose XML declaration says so."""
    body = _XML_DECLARATION.sub(b"", text.encode("utf-8"), count=1).lstrip()
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + body


def _not_a_feed_reason(parsed: Any, data: bytes) -> str:
    if _HTML_START.search(data[:2048]) or isinstance(
        parsed.get("bozo_exception"), feedparser.NonXMLContentType
    ):
        return "not a feed: the server sent an HTML page"
    if parsed.get("bozo"):
        return f"not a feed: malformed XML ({_short(parsed.get('bozo_exception'))})"
    return "not a feed: no RSS or Atom elements found"


def _item(entry: Any, feed_lang: str | None) -> FeedItem | None:
    title = _clean(entry.get("title"))
    full = _entry_content(entry)
    summary = _clean_html(entry.get("summary"))
    body = full if len(full) >= len(summary) else summary
    if not title and not body:
        return None
    if not body:
        body = title
    elif not title:
        title = body.split("\n", 1)[0][:120]
    link = _clean(entry.get("link")) or None
    teaser = len(body) < TEASER_MAX_CHARS or bool(_ELLIPSIS_END.search(body))
    return FeedItem(
        title=title,
        body=body,
        link=link,
        guid=_clean(entry.get("id")) or None,
        published=_entry_date(entry),
        lang=_language(entry.get("language")) or feed_lang,
        is_teaser=teaser and link is not None,
    )


def _entry_content(entry: Any) -> str:
    contents = entry.get("content") or []
    texts = [_clean_html(part.get("value")) for part in contents if isinstance(part, dict)]
    return max(texts, key=len, default="")


def _entry_date(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            try:
                return datetime.fromtimestamp(calendar.timegm(value), UTC)
            except (OverflowError, OSError, ValueError):
                continue
    return None


def _clean_html(value: object) -> str:
    return "\n\n".join(html_to_paragraphs(value)) if isinstance(value, str) else ""


def _clean(value: object) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _language(value: object) -> str | None:
    """'kk-KZ' -> 'kk'; None when missing."""
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip().lower().replace("_", "-").split("-", 1)[0][:8] or None


def _ttl(value: object) -> int | None:
    try:
        minutes = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return minutes if minutes > 0 else None


def _short(exc: object) -> str:
    text = " ".join(str(exc).split()) if exc else "unknown error"
    return text[:200]
