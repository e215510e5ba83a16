"""The terminal rendering of a digest item: what a subscriber would get, for the offline run."""

from __future__ import annotations

from datetime import tzinfo

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.text import Text

from storage.records import SearchHit, StoredArticle
from storage.search_text import HIGHLIGHT_END, HIGHLIGHT_START

LANGUAGE_NAMES = {"kk": "қазақша", "ru": "русский", "en": "English"}


def article_panel(article: StoredArticle, tz: tzinfo) -> Panel:
    parts: list[RenderableType] = []
    meta = []
    if article.published_at is not None:
        meta.append(article.published_at.astimezone(tz).strftime("%d.%m.%Y %H:%M"))
    if article.lang:
        meta.append(LANGUAGE_NAMES.get(article.lang, article.lang))
    if article.source:
        meta.append(article.source)
    if article.url:
        meta.append(article.url)
    parts.append(Text(" · ".join(meta), style="dim"))
    summary = " ".join(article.summary) if article.summary else _first_paragraph(article.body)
    parts.append(Text(summary))
    for quote in article.key_quotes:
        quoted = Text("❝ ", style="bold cyan") + Text(quote.text, style="italic")
        speaker = Text(f"— {quote.speaker_name or 'speaker not named'}", style="cyan")
        parts.append(Padding(Group(quoted, speaker), (0, 0, 0, 2)))
    return Panel(Group(*parts), title=Text(article.title, style="bold"), title_align="left")


def search_line(hit: SearchHit) -> Text:
    """A hit with its matched words highlighted (markers come from storage.search_text)."""
    line = Text(f"#{hit.article_id} {hit.title}: ", style="bold")
    for index, chunk in enumerate(hit.snippet.split(HIGHLIGHT_START)):
        matched, _, rest = chunk.partition(HIGHLIGHT_END) if index else ("", "", chunk)
        line.append(matched, style="reverse")
        line.append(rest)
    return line


def _first_paragraph(body: str) -> str:
    return body.split("\n\n", 1)[0]
