"""OPML subscription lists in and out, the format every feed reader exchanges.

Readers nest feeds in folder outlines; the folder's title is kept as the feed's category. Only
outlines with an `xmlUrl` are feeds; everything else is structure.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime

MAX_OPML_BYTES = 5 * 1024 * 1024


class OpmlError(ValueError):
    """The file is not OPML we can read; the message says why."""


@dataclass(frozen=True, slots=True)
class OpmlFeed:
    url: str
    title: str | None = None
    site_url: str | None = None
    category: str | None = None


def parse_opml(data: bytes) -> list[OpmlFeed]:
    """Every feed outline, in document order, each URL once."""
    if not data.strip():
        raise OpmlError("empty file")
    if len(data) > MAX_OPML_BYTES:
        raise OpmlError(f"too large: {len(data) / 2**20:.1f} MB")
    if b"<!DOCTYPE" in data[:1024].upper() or b"<!ENTITY" in data.upper():
        raise OpmlError("DOCTYPE and entity declarations are not accepted in OPML")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise OpmlError(f"malformed XML: {exc}") from None
    if root.tag.lower() != "opml":
        raise OpmlError(f"not OPML: the root element is <{root.tag}>")
    body = root.find("body")
    if body is None:
        raise OpmlError("not OPML: no <body>")
    feeds: dict[str, OpmlFeed] = {}
    for feed in _walk(body, None):
        feeds.setdefault(feed.url, feed)
    return list(feeds.values())


def _walk(node: ET.Element, category: str | None) -> Iterable[OpmlFeed]:
    for outline in node.findall("outline"):
        title = _attribute(outline, "title") or _attribute(outline, "text")
        url = _attribute(outline, "xmlUrl")
        if url and url.lower().startswith(("http://", "https://")):
            yield OpmlFeed(url, title, _attribute(outline, "htmlUrl"), category)
        yield from _walk(outline, title if not url else category)


def _attribute(element: ET.Element, name: str) -> str | None:
    value = element.get(name) or element.get(name.lower())
    return " ".join(value.split()) if value and value.strip() else None


def render_opml(feeds: Iterable[OpmlFeed], *, title: str, created: datetime) -> str:
    """An OPML 2.0 document; feeds with a category are grouped under a folder outline."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = format_datetime(created)
    body = ET.SubElement(root, "body")
    folders: dict[str, ET.Element] = {}
    for feed in feeds:
        parent = body
        if feed.category:
            if feed.category not in folders:
                folders[feed.category] = ET.SubElement(
                    body, "outline", text=feed.category, title=feed.category
                )
            parent = folders[feed.category]
        name = feed.title or feed.url
        attributes = {"type": "rss", "text": name, "title": name, "xmlUrl": feed.url}
        if feed.site_url:
            attributes["htmlUrl"] = feed.site_url
        ET.SubElement(parent, "outline", attributes)
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
