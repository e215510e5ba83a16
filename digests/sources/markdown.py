"""Markdown articles: front matter and markup removed, then read as plain text."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, tzinfo

from digests.models import ArticleDraft
from digests.sources.plain_text import parse_date_line, parse_plain_text

_FRONT_MATTER = re.compile(r"\A---\s*\n(?P<body>.*?)\n---\s*\n", re.DOTALL)
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(?P<text>.*?)\s*#*\s*$")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[(?P<text>[^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|~~|`)(?P<text>.+?)\1")
_LIST_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_BLOCKQUOTE = re.compile(r"^\s*>\s?")


def parse_markdown(text: str, *, tz: tzinfo) -> ArticleDraft:
    meta: dict[str, str] = {}
    front = _FRONT_MATTER.match(text)
    if front:
        for line in front["body"].splitlines():
            key, sep, value = line.partition(":")
            if sep:
                meta[key.strip().lower()] = value.strip().strip("\"'")
        text = text[front.end() :]
    lines: list[str] = []
    title = meta.get("title", "")
    for line in text.split("\n"):
        heading = _HEADING.match(line)
        if heading:
            if not title:
                title = heading["text"]
                continue
            line = heading["text"]
        line = _IMAGE.sub("", line)
        line = _LINK.sub(r"\g<text>", line)
        line = _EMPHASIS.sub(r"\g<text>", line)
        line = _BLOCKQUOTE.sub("", _LIST_BULLET.sub("", line))
        lines.append(line)
    draft = parse_plain_text(("\n".join(lines)), fallback_title=title, tz=tz)
    published = draft.published or _meta_date(meta.get("date", ""), tz)
    return replace(
        draft,
        title=title or draft.title,
        published=published,
        url=meta.get("url") or meta.get("link"),
        source=meta.get("source"),
    )


def _meta_date(value: str, tz: tzinfo) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return parse_date_line(value, tz)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=tz)
