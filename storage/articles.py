"""Saving analysed articles in batches, deduplicated; reading the latest ones back."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, func, insert, or_, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.ext.asyncio import AsyncSession

from digests.canonical import canonical_url, content_hash
from digests.models import Analysis, ArticleDraft, Quote
from storage.lookups import ensure_sources, ensure_speakers, ids_by
from storage.records import DuplicateKey, SaveOutcome, StoredArticle, StoredQuote
from storage.search_text import clean_text, shadow_text, words
from storage.tables import Article, QuoteRow, Source, table_of
from storage.types import utc_now

log = logging.getLogger(__name__)

SAVE_ATTEMPTS = 3
# An admin's draft (storage/admin_items.py) is stored like any article but readers must not
# see it in /latest, search or /quote until the admin publishes it.
DRAFT_ORIGIN_PREFIX = "held:draft:"


def visible_to_readers() -> ColumnElement[bool]:
    return or_(Article.origin.is_(None), ~Article.origin.startswith(DRAFT_ORIGIN_PREFIX))


@dataclass(slots=True)
class _Pending:
    row: dict[str, Any]
    analysis: Analysis | None
    source: str | None


@dataclass(frozen=True, slots=True)
class PreparedBatch:
    """Rows cleaned, hashed and folded for `save_articles`: CPU work with no database, so a
    caller can prepare the next batch in a thread while this one is written."""

    pending: list[_Pending]


def prepare_articles(
    items: Sequence[tuple[ArticleDraft, Analysis | None]],
    *,
    origin: str | None = None,
    origins: Sequence[str | None] | None = None,
) -> PreparedBatch:
    if origins is not None and len(origins) != len(items):
        raise ValueError("origins must give one origin per item")
    now = utc_now()
    return PreparedBatch(
        [
            _pending(draft, analysis, origins[i] if origins is not None else origin, now)
            for i, (draft, analysis) in enumerate(items)
        ]
    )


async def save_articles(
    session: AsyncSession,
    items: Sequence[tuple[ArticleDraft, Analysis | None]] | PreparedBatch,
    *,
    origin: str | None = None,
    origins: Sequence[str | None] | None = None,
) -> list[SaveOutcome]:
    """Store a batch in ONE transaction (committed here); one outcome per item, in order.

    An item is a duplicate when its canonical URL or its content hash is already stored or
    belongs to an earlier item of the same batch. Quotes are stored with their article (key
    quotes flagged) and speakers are created or given new aliases by speaker key. `origin`
    (e.g. a file path) applies to every item unless `origins` gives one per item. A batch
    from `prepare_articles` is written as prepared.
    """
    if isinstance(items, PreparedBatch):
        prepared = items
    else:
        prepared = prepare_articles(items, origin=origin, origins=origins)
    for attempt in range(1, SAVE_ATTEMPTS + 1):
        try:
            outcomes = await _save_once(session, prepared.pending)
            await session.commit()
            return outcomes
        except IntegrityError:
            # Another process stored one of these between our check and our insert.
            await session.rollback()
            if attempt == SAVE_ATTEMPTS:
                raise
            log.info("save_articles: concurrent insert, retrying the batch")
        except OperationalError as exc:
            # SQLite: the batch read, then another connection wrote before our first insert;
            # a read transaction cannot be upgraded then, so start the batch over.
            await session.rollback()
            if "database is locked" not in str(exc) or attempt == SAVE_ATTEMPTS:
                raise
            log.info("save_articles: store busy, retrying the batch")
    raise AssertionError("unreachable")


async def _save_once(session: AsyncSession, pending: list[_Pending]) -> list[SaveOutcome]:
    urls = {p.row["canonical_url"] for p in pending if p.row["canonical_url"]}
    hashes = {p.row["content_hash"] for p in pending}
    by_url = await ids_by(session, Article.canonical_url, Article.id, urls)
    by_hash = await ids_by(session, Article.content_hash, Article.id, hashes)

    # Decide per item: a stored article, an earlier item of this batch (negative marker), new.
    decisions: list[tuple[int, DuplicateKey | None]] = []
    fresh: list[_Pending] = []
    for item in pending:
        url, digest = item.row["canonical_url"], item.row["content_hash"]
        if url and url in by_url:
            decisions.append((by_url[url], "canonical_url"))
        elif digest in by_hash:
            decisions.append((by_hash[digest], "content_hash"))
        else:
            marker = -(len(fresh) + 1)
            decisions.append((marker, None))
            fresh.append(item)
            if url:
                by_url[url] = marker
            by_hash[digest] = marker

    new_ids = await _insert_articles(session, fresh)
    outcomes = []
    for ident, matched in decisions:
        real = new_ids[-ident - 1] if ident < 0 else ident
        is_new = ident < 0 and matched is None
        outcomes.append(SaveOutcome("ingested" if is_new else "duplicate", real, matched))
    return outcomes


def _pending(
    draft: ArticleDraft, analysis: Analysis | None, origin: str | None, now: Any
) -> _Pending:
    title, body = clean_text(draft.title), clean_text(draft.body)
    url = clean_text(draft.url) if draft.url else None
    row = {
        "url": url,
        "canonical_url": canonical_url(url),
        "content_hash": content_hash(title, body),
        "title": title,
        "body": body,
        "lang": analysis.lang if analysis else draft.lang,
        "summary": [clean_text(s) for s in analysis.summary] if analysis else [],
        "search_text": shadow_text(title, body),
        "published_at": draft.published,
        "ingested_at": now,
        "origin": clean_text(origin) if origin else None,
    }
    source = clean_text(draft.source).strip() if draft.source else None
    return _Pending(row, analysis, source or None)


async def _insert_articles(session: AsyncSession, fresh: list[_Pending]) -> list[int]:
    if not fresh:
        return []
    sources = await ensure_sources(session, {p.source for p in fresh if p.source})
    rows = [{**p.row, "source_id": sources.get(p.source or "")} for p in fresh]
    # A plain executemany, then the ids by content hash: ordered RETURNING would fall back
    # to one INSERT per row on SQLite.
    await session.execute(insert(table_of(Article)), rows)
    by_hash = await ids_by(
        session, Article.content_hash, Article.id, [row["content_hash"] for row in rows]
    )
    ids = [by_hash[row["content_hash"]] for row in rows]
    analysed = [(ident, p.analysis) for ident, p in zip(ids, fresh, strict=True)]
    await _insert_quotes(session, analysed)
    return ids


async def _insert_quotes(
    session: AsyncSession, analysed: list[tuple[int, Analysis | None]]
) -> None:
    spellings: dict[str, list[str]] = {}
    rows: list[dict[str, Any]] = []
    for article_id, analysis in analysed:
        if analysis is None:
            continue
        for quote, key_rank in _quotes_with_key_rank(analysis):
            name = clean_text(quote.speaker) if quote.speaker else None
            key = clean_text(quote.speaker_key) if quote.speaker_key else None
            if key:
                spellings.setdefault(key, [])
                if name:
                    spellings[key].append(name)
            text = clean_text(quote.text)
            rows.append(
                {
                    "article_id": article_id,
                    "speaker_name": name,
                    "speaker_key": key,
                    "text": text,
                    "search_text": quote_shadow(text),
                    "position": quote.start,
                    "paragraph": quote.paragraph,
                    "style": quote.style,
                    "salience": quote.salience,
                    "is_key": key_rank is not None,
                    "key_rank": key_rank,
                }
            )
    if not rows:
        return
    speaker_ids = await ensure_speakers(session, {k: v or [k] for k, v in spellings.items()})
    for row in rows:
        row["speaker_id"] = speaker_ids.get(row["speaker_key"] or "")
    await session.execute(insert(table_of(QuoteRow)), rows)


def quote_shadow(text: str) -> str:
    """Folded words of a quote between spaces, so `LIKE '% word %'` matches whole words."""
    return f" {' '.join(words(text))} "


def _quotes_with_key_rank(analysis: Analysis) -> list[tuple[Quote, int | None]]:
    """Every quote once, key quotes flagged with their rank (a key quote missing from
    `quotes` is still stored). A key quote is the same quote when it stands at the same
    place with the same text: ranking gives it a salience, so it is not equal as a value."""

    def place(quote: Quote) -> tuple[int, int, str]:
        return (quote.paragraph, quote.start, quote.text)

    ranks: dict[tuple[int, int, str], tuple[int, Quote]] = {}
    for rank, quote in enumerate(analysis.key_quotes):
        ranks.setdefault(place(quote), (rank, quote))
    listed: dict[tuple[int, int, str], Quote] = {}
    for quote in [*analysis.quotes, *analysis.key_quotes]:
        listed.setdefault(place(quote), quote)
    result: list[tuple[Quote, int | None]] = []
    for where, quote in listed.items():
        ranked = ranks.get(where)
        # The ranked copy carries the salience the ranking gave it.
        result.append((ranked[1], ranked[0]) if ranked else (quote, None))
    return result


async def count_articles(session: AsyncSession, langs: Sequence[str] | None = None) -> int:
    statement = select(func.count()).select_from(Article)
    if langs:
        statement = statement.where(Article.lang.in_(list(langs)))
    return int((await session.execute(statement)).scalar_one())


async def latest_articles(
    session: AsyncSession,
    limit: int = 10,
    offset: int = 0,
    langs: Sequence[str] | None = None,
) -> list[StoredArticle]:
    """Newest first by publication date (undated articles last), with key quotes."""
    statement = (
        select(Article, Source.name)
        .outerjoin(Source, Source.id == Article.source_id)
        .where(visible_to_readers())
        .order_by(Article.published_at.desc().nulls_last(), Article.id.desc())
        .limit(max(0, limit))
        .offset(max(0, offset))
    )
    if langs:
        statement = statement.where(Article.lang.in_(list(langs)))
    rows = (await session.execute(statement)).tuples().all()
    return await _with_key_quotes(session, [(article, source) for article, source in rows])


async def get_article(session: AsyncSession, article_id: int) -> StoredArticle | None:
    row = (
        (
            await session.execute(
                select(Article, Source.name)
                .outerjoin(Source, Source.id == Article.source_id)
                .where(Article.id == article_id)
            )
        )
        .tuples()
        .first()
    )
    if row is None:
        return None
    return (await _with_key_quotes(session, [(row[0], row[1])]))[0]


async def _with_key_quotes(
    session: AsyncSession, rows: list[tuple[Article, str | None]]
) -> list[StoredArticle]:
    ids = [article.id for article, _ in rows]
    quotes: dict[int, list[StoredQuote]] = {i: [] for i in ids}
    if ids:
        found = await session.execute(
            select(QuoteRow)
            .where(QuoteRow.article_id.in_(ids), QuoteRow.is_key.is_(True))
            .order_by(QuoteRow.article_id, QuoteRow.key_rank)
        )
        for quote in found.scalars():
            quotes[quote.article_id].append(stored_quote(quote))
    return [
        StoredArticle(
            id=a.id,
            title=a.title,
            body=a.body,
            url=a.url,
            canonical_url=a.canonical_url,
            lang=a.lang,
            published_at=a.published_at,
            ingested_at=a.ingested_at,
            origin=a.origin,
            source=source,
            summary=list(a.summary or []),
            key_quotes=quotes[a.id],
        )
        for a, source in rows
    ]


def stored_quote(row: QuoteRow) -> StoredQuote:
    return StoredQuote(
        id=row.id,
        article_id=row.article_id,
        text=row.text,
        speaker_name=row.speaker_name,
        speaker_key=row.speaker_key,
        position=row.position,
        paragraph=row.paragraph,
        salience=row.salience,
        is_key=row.is_key,
        key_rank=row.key_rank,
    )
