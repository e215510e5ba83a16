"""One digest item, quote hit or search hit as Telegram HTML.

Shapes (each line separated by "\\n", optional parts left out when their data is missing):

    article:  <b><a href="URL">Title</a></b>
              <i>dd.mm.yyyy HH:MM · Source · KK</i>
              Summary sentences (1-3).
              <blockquote>Key quote</blockquote>
              — <i>Speaker</i>
    quote:    <blockquote>Quote</blockquote>
              — <i>Speaker</i>
              <a href="URL">Article title</a> · <i>dd.mm.yyyy HH:MM</i>
    search:   <b><a href="URL">Title</a></b>
              <i>dd.mm.yyyy HH:MM · KK</i>
              Snippet with <b>matched</b> words

Every piece has a budget (escaped UTF-16 units) so an item is at most ITEM_LIMIT units of
markup, comfortably inside one 4096-unit message whatever the text.
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo

from bot.render.html import Html, blockquote, bold, escape, italic, join, link, one_line
from bot.render.shorten import shorten
from bot.render.snippets import render_snippet
from storage.records import QuoteHit, SearchHit, StoredArticle, StoredQuote

ITEM_LIMIT = 3500
TITLE_BUDGET = 300
SOURCE_BUDGET = 120
LANGUAGE_BUDGET = 8
SUMMARY_BUDGET = 900
SUMMARY_SENTENCES = 3
QUOTES_BUDGET = 900
SPEAKER_BUDGET = 120
SNIPPET_BUDGET = 900
MAX_QUOTES = 3
META_SEPARATOR = " · "
TIME_FORMAT = "%d.%m.%Y %H:%M"
UNTITLED = "—"


def local_time(moment: datetime, tz: tzinfo) -> str:
    """`dd.mm.yyyy HH:MM` in the reader's zone; a naive time is taken as UTC (the store's)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(tz).strftime(TIME_FORMAT)


def meta_line(
    published_at: datetime | None, tz: tzinfo, *, source: str | None = None, lang: str | None = None
) -> Html | None:
    """Time, source and language code in italics, or None when all are unknown."""
    parts: list[Html] = []
    if published_at is not None:
        parts.append(escape(local_time(published_at, tz)))
    for value, budget in ((source, SOURCE_BUDGET), (lang and lang.upper(), LANGUAGE_BUDGET)):
        text = one_line(value or "")
        if text:
            parts.append(shorten(text, budget))
    return italic(join(parts, META_SEPARATOR)) if parts else None


def linked_title(title: str, url: str | None) -> Html:
    """The title in bold, linked when the URL is a safe http(s)/tg one."""
    return bold(link(shorten(one_line(title) or UNTITLED, TITLE_BUDGET), url))


def quote_block(text: str, speaker: str | None, budget: int = QUOTES_BUDGET) -> Html:
    """The quote as a blockquote, then `— <i>speaker</i>` when the speaker is known."""
    lines = [blockquote(shorten(one_line(text) or "…", budget))]
    name = one_line(speaker or "")
    if name:
        lines.append(Html("— " + italic(shorten(name, SPEAKER_BUDGET))))
    return join(lines)


def render_article(article: StoredArticle, tz: tzinfo, *, max_quotes: int = 1) -> Html:
    """A digest item: linked title, meta line, summary, up to `max_quotes` key quotes."""
    lines = [linked_title(article.title, article.url)]
    meta = meta_line(article.published_at, tz, source=article.source, lang=article.lang)
    if meta:
        lines.append(meta)
    quotes = _shown_quotes(article.key_quotes, max_quotes)
    summary = one_line(" ".join(_summary_without(article.summary, quotes)))
    summary = summary or one_line(article.body.split("\n\n", 1)[0])
    if summary:
        lines.append(shorten(summary, SUMMARY_BUDGET))
    for quote in quotes:
        lines.append(quote_block(quote.text, quote.speaker_name, QUOTES_BUDGET // len(quotes)))
    return join(lines)


def _summary_without(summary: list[str], quotes: list[StoredQuote]) -> list[str]:
    """The summary sentences, less those the quote block below repeats (a short article's
    summary often is its quote); the first sentence always stays."""
    sentences = summary[:SUMMARY_SENTENCES]
    shown = [one_line(quote.text).casefold() for quote in quotes]
    kept = [
        sentence
        for index, sentence in enumerate(sentences)
        if index == 0 or not any(text and text in one_line(sentence).casefold() for text in shown)
    ]
    return kept


def _shown_quotes(quotes: list[StoredQuote], max_quotes: int) -> list[StoredQuote]:
    ranked = sorted(quotes, key=lambda q: (q.key_rank is None, q.key_rank or 0))
    return [quote for quote in ranked if one_line(quote.text)][: min(max_quotes, MAX_QUOTES)]


def render_quote_hit(hit: QuoteHit, tz: tzinfo) -> Html:
    """A /quote result: the quote, its speaker, the article linked, and the date."""
    source = link(shorten(one_line(hit.article_title) or UNTITLED, TITLE_BUDGET), hit.article_url)
    meta = meta_line(hit.published_at, tz)
    return join(
        [
            quote_block(hit.quote.text, hit.quote.speaker_name),
            Html(source + META_SEPARATOR + meta) if meta else source,
        ]
    )


def render_search_hit(hit: SearchHit, tz: tzinfo) -> Html:
    """A /search result: linked title, date and language, the snippet with matches in bold."""
    lines = [linked_title(hit.title, hit.url)]
    meta = meta_line(hit.published_at, tz, lang=hit.lang)
    if meta:
        lines.append(meta)
    snippet = render_snippet(hit.snippet, SNIPPET_BUDGET)
    if snippet:
        lines.append(snippet)
    return join(lines)
