"""Web pages: the main text and its metadata through trafilatura, tolerant of broken HTML."""

from __future__ import annotations

import json
from datetime import datetime, tzinfo

import trafilatura

from digests.models import ArticleDraft


class NoMainTextError(ValueError):
    """The page has no article text that an extractor can find."""


def parse_html(html: str, *, url: str | None = None, tz: tzinfo) -> ArticleDraft:
    extracted = trafilatura.extract(
        html,
        url=url,
        output_format="json",
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_recall=True,
    )
    if not extracted:
        raise NoMainTextError("no main text found in the HTML")
    meta = json.loads(extracted)
    title = (meta.get("title") or "").strip()
    paragraphs = [line.strip() for line in (meta.get("text") or "").split("\n") if line.strip()]
    if paragraphs and title and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    if not paragraphs:
        raise NoMainTextError("no main text found in the HTML")
    if not title:
        title = paragraphs[0][:120]
    return ArticleDraft(
        title=title,
        body="\n\n".join(paragraphs),
        url=meta.get("source") or url,
        published=_page_date(meta.get("date"), tz),
        source=meta.get("sitename") or meta.get("hostname"),
        lang=meta.get("language"),
    )


def _page_date(value: object, tz: tzinfo) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=tz)
