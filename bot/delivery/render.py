"""A composed digest as Telegram HTML messages in the subscriber's language."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import tzinfo

from bot.i18n import Translator
from bot.render.html import Html, join
from bot.render.items import render_article
from bot.render.messages import pack_messages
from digests.compose import Candidate, Digest, Story
from storage.records import StoredArticle

TEXT_WORDS = 120


def candidate(article: StoredArticle) -> Candidate:
    """What composition sees of an article: the title, the lead of the text, the quotes."""
    lead = " ".join(article.body.split()[:TEXT_WORDS])
    return Candidate(
        id=article.id,
        title=article.title,
        text=lead,
        lang=article.lang,
        source=article.source,
        moment=article.published_at or article.ingested_at,
        quotes=len(article.key_quotes),
    )


def render_story(
    story: Story, articles: Mapping[int, StoredArticle], tr: Translator, tz: tzinfo
) -> Html:
    """The lead article as a digest item, then the other sources that told the same story."""
    item = render_article(articles[story.lead.id], tz)
    others = story.sources[1:]
    if not others:
        return item
    return join([item, Html(tr("digest.also", sources=", ".join(others)))])


def render_digest(
    digest: Digest,
    articles: Mapping[int, StoredArticle],
    tr: Translator,
    tz: tzinfo,
    *,
    instant: bool = False,
) -> list[str]:
    """Header, items, and "and K more — /latest", packed at item boundaries."""
    if digest.empty:
        return [tr("digest.empty")]
    items = [render_story(story, articles, tr, tz) for story in digest.stories]
    if digest.more:
        items.append(Html(tr("digest.more", count=digest.more)))
    header = tr("digest.instant_header" if instant else "digest.header")
    return pack_messages(items, header=header)
