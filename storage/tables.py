"""The schema as SQLAlchemy models; migrations in `storage/migrations` create it.

The search objects (an FTS5 table on SQLite, a tsvector column and GIN index on PostgreSQL)
live only in the migrations: they differ per backend and no query goes through the ORM for
them.
"""

from __future__ import annotations

from datetime import datetime, time
from typing import cast

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from storage.types import BigId, Json, UTCDateTime, utc_now


class Base(DeclarativeBase):
    """Declarative base for every table of the store."""


class Source(Base):
    """Where articles come from: a feed, a site, a directory of files, an admin.

    The columns after `created_at` are a feed's polling state (kind "feed"): what conditional
    GET needs, when to poll next, and how the last fetches went.
    """

    __tablename__ = "sources"
    __table_args__ = (
        Index("ix_sources_due", "kind", "next_poll_at"),
        Index("uq_sources_url", "url", unique=True),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    kind: Mapped[str] = mapped_column(String(20), default="file")
    url: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    title: Mapped[str | None] = mapped_column(Text)
    site_url: Mapped[str | None] = mapped_column(Text)
    category: Mapped[str | None] = mapped_column(String(200))
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    poll_interval_s: Mapped[int] = mapped_column(Integer, default=600)
    ttl_s: Mapped[int | None] = mapped_column(Integer)
    next_poll_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_fetch_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_success_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_status: Mapped[str | None] = mapped_column(String(40))
    last_error: Mapped[str | None] = mapped_column(Text)
    consecutive_failures: Mapped[int] = mapped_column(Integer, default=0)
    broken: Mapped[bool] = mapped_column(Boolean, default=False)
    paused: Mapped[bool] = mapped_column(Boolean, default=False)
    items_seen: Mapped[int] = mapped_column(Integer, default=0)


class FeedItemSeen(Base):
    """One identity (guid, canonical link or content hash digest) of an item a feed has sent,
    so the next poll skips it before any page fetch or analysis."""

    __tablename__ = "feed_items_seen"
    __table_args__ = (UniqueConstraint("source_id", "key", name="uq_feed_items_seen_key"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(8))
    article_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="SET NULL"), index=True
    )
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class Article(Base):
    """One news article, deduplicated by canonical URL and by a hash of its text.

    `search_text` is the folded shadow of title and body (see storage/search_text.py): the
    only column the full-text index sees.
    """

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    source_id: Mapped[int | None] = mapped_column(
        ForeignKey("sources.id", ondelete="SET NULL"), index=True
    )
    url: Mapped[str | None] = mapped_column(Text)
    canonical_url: Mapped[str | None] = mapped_column(Text, unique=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    lang: Mapped[str | None] = mapped_column(String(8))
    summary: Mapped[list[str]] = mapped_column(Json, default=list)
    search_text: Mapped[str] = mapped_column(Text, default="")
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    ingested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    origin: Mapped[str | None] = mapped_column(Text)


class Speaker(Base):
    """One person behind every spelling of a name, joined by a script-independent key."""

    __tablename__ = "speakers"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    name: Mapped[str] = mapped_column(Text)
    aliases: Mapped[list[str]] = mapped_column(Json, default=list)


class QuoteRow(Base):
    """Direct speech found in an article; `is_key` marks the article's key quotes."""

    __tablename__ = "quotes"
    __table_args__ = (
        Index("ix_quotes_speaker_key", "speaker_key"),
        Index("ix_quotes_speaker_article", "speaker_key", "article_id", "id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    speaker_id: Mapped[int | None] = mapped_column(ForeignKey("speakers.id", ondelete="SET NULL"))
    speaker_name: Mapped[str | None] = mapped_column(Text)
    speaker_key: Mapped[str | None] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    search_text: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    paragraph: Mapped[int] = mapped_column(Integer, default=0)
    style: Mapped[str] = mapped_column(String(20), default="quoted")
    salience: Mapped[float] = mapped_column(Float, default=0.0)
    is_key: Mapped[bool] = mapped_column(Boolean, default=False)
    key_rank: Mapped[int | None] = mapped_column(Integer)


class Subscriber(Base):
    """A chat that receives digests, with its schedule and filters."""

    __tablename__ = "subscribers"
    __table_args__ = (CheckConstraint("mode IN ('daily', 'instant')", name="ck_subscribers_mode"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigId, unique=True)
    kind: Mapped[str] = mapped_column(String(20), default="private")
    language: Mapped[str] = mapped_column(String(8), default="kk")
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Almaty")
    digest_time: Mapped[time] = mapped_column(Time, default=time(9, 0))
    mode: Mapped[str] = mapped_column(String(10), default="daily")
    languages: Mapped[list[str]] = mapped_column(Json, default=list)
    include_keywords: Mapped[list[str]] = mapped_column(Json, default=list)
    exclude_keywords: Mapped[list[str]] = mapped_column(Json, default=list)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, onupdate=utc_now)
    # Delivery state: the newest article id already offered, when, and why sends stopped.
    digest_cursor: Mapped[int | None] = mapped_column(BigId)
    last_digest_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    digest_when_empty: Mapped[bool] = mapped_column(Boolean, default=False)
    deactivated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    deactivated_reason: Mapped[str | None] = mapped_column(Text)


class Delivery(Base):
    """The outbox: one digest for one subscriber and period, written before it is sent."""

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("subscriber_id", "period_key", name="uq_deliveries_subscriber_period"),
        Index("ix_deliveries_due", "status", "next_attempt_at"),
        Index("ix_deliveries_lease", "status", "lease_until"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    subscriber_id: Mapped[int] = mapped_column(ForeignKey("subscribers.id", ondelete="CASCADE"))
    period_key: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    message_ids: Mapped[list[int]] = mapped_column(Json, default=list)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, onupdate=utc_now)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The digest as Telegram HTML messages, how many went out, and which sender holds it.
    messages: Mapped[list[str]] = mapped_column(Json, default=list)
    parts_sent: Mapped[int] = mapped_column(Integer, default=0)
    claimed_by: Mapped[str | None] = mapped_column(String(64))


class BotState(Base):
    """Small named facts the bot keeps across restarts: heartbeats of the tick and sender."""

    __tablename__ = "bot_state"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


def table_of(model: type[Base]) -> Table:
    """The Core table behind a model, for executemany-style inserts and updates."""
    return cast(Table, model.__table__)


class AdminRow(Base):
    """An admin added with `/admins add` (the ones in ADMIN_IDS live only in settings)."""

    __tablename__ = "admins"

    user_id: Mapped[int] = mapped_column(BigId, primary_key=True)
    added_by: Mapped[int] = mapped_column(BigId)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class AuditEntry(Base):
    """One admin action, written before the action runs (so a crash mid-action still shows)."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_at", "at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    admin_id: Mapped[int] = mapped_column(BigId)
    action: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class BroadcastRow(Base):
    """An admin's message or item sent to an audience; its deliveries are outbox rows whose
    period key is `bc:<id>`, so each subscriber gets it at most once."""

    __tablename__ = "broadcasts"
    __table_args__ = (Index("ix_broadcasts_status", "status"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    admin_id: Mapped[int] = mapped_column(BigId)
    admin_chat_id: Mapped[int] = mapped_column(BigId)
    text: Mapped[str | None] = mapped_column(Text)
    article_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="SET NULL")
    )
    audience: Mapped[dict[str, str]] = mapped_column(Json, default=dict)
    # draft → running → done, or draft → dropped; cancelled stops what is still pending.
    status: Mapped[str] = mapped_column(String(16), default="draft")
    total: Mapped[int] = mapped_column(Integer, default=0)
    progress_message_id: Mapped[int | None] = mapped_column(BigId)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
