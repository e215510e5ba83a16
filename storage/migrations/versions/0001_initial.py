"""Initial schema: sources, articles (+ full-text search), speakers, quotes, subscribers,
deliveries.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.types import BigId, Json, UTCDateTime

revision = "0001"
down_revision: str | None = None
branch_labels = None
depends_on = None

# SQLite: an external-content FTS5 index over articles.search_text, kept in step by triggers.
_SQLITE_FTS = [
    """CREATE VIRTUAL TABLE articles_fts USING fts5(
        search_text, content='articles', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
    """CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
    END""",
    """CREATE TRIGGER articles_fts_update AFTER UPDATE OF search_text ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
        INSERT INTO articles_fts(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
]
# PostgreSQL: a generated tsvector ('simple': the text is folded already) and a GIN index.
_POSTGRES_FTS = [
    """ALTER TABLE articles ADD COLUMN search_vector tsvector
        GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_text)) STORED""",
    "CREATE INDEX ix_articles_search_vector ON articles USING gin (search_vector)",
]


def _id() -> sa.Column[int]:
    return sa.Column("id", BigId, primary_key=True)


def upgrade() -> None:
    op.create_table(
        "sources",
        _id(),
        sa.Column("name", sa.String(300), nullable=False, unique=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("url", sa.Text()),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )
    op.create_table(
        "articles",
        _id(),
        sa.Column("source_id", BigId, sa.ForeignKey("sources.id", ondelete="SET NULL")),
        sa.Column("url", sa.Text()),
        sa.Column("canonical_url", sa.Text(), unique=True),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("lang", sa.String(8)),
        sa.Column("summary", Json, nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("published_at", UTCDateTime()),
        sa.Column("ingested_at", UTCDateTime(), nullable=False),
        sa.Column("origin", sa.Text()),
    )
    op.create_index("ix_articles_source_id", "articles", ["source_id"])
    op.create_index("ix_articles_published_at", "articles", ["published_at"])
    op.create_table(
        "speakers",
        _id(),
        sa.Column("key", sa.String(200), nullable=False, unique=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("aliases", Json, nullable=False),
    )
    op.create_table(
        "quotes",
        _id(),
        sa.Column(
            "article_id",
            BigId,
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("speaker_id", BigId, sa.ForeignKey("speakers.id", ondelete="SET NULL")),
        sa.Column("speaker_name", sa.Text()),
        sa.Column("speaker_key", sa.String(200)),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("paragraph", sa.Integer(), nullable=False),
        sa.Column("style", sa.String(20), nullable=False),
        sa.Column("salience", sa.Float(), nullable=False),
        sa.Column("is_key", sa.Boolean(), nullable=False),
        sa.Column("key_rank", sa.Integer()),
    )
    op.create_index("ix_quotes_article_id", "quotes", ["article_id"])
    op.create_index("ix_quotes_speaker_key", "quotes", ["speaker_key"])
    op.create_table(
        "subscribers",
        _id(),
        sa.Column("chat_id", BigId, nullable=False, unique=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("digest_time", sa.Time(), nullable=False),
        sa.Column("mode", sa.String(10), nullable=False),
        sa.Column("languages", Json, nullable=False),
        sa.Column("include_keywords", Json, nullable=False),
        sa.Column("exclude_keywords", Json, nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint("mode IN ('daily', 'instant')", name="ck_subscribers_mode"),
    )
    op.create_table(
        "deliveries",
        _id(),
        sa.Column(
            "subscriber_id",
            BigId,
            sa.ForeignKey("subscribers.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("period_key", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", UTCDateTime()),
        sa.Column("lease_until", UTCDateTime()),
        sa.Column("message_ids", Json, nullable=False),
        sa.Column("last_error", sa.Text()),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("sent_at", UTCDateTime()),
        sa.UniqueConstraint("subscriber_id", "period_key", name="uq_deliveries_subscriber_period"),
    )
    op.create_index("ix_deliveries_due", "deliveries", ["status", "next_attempt_at"])
    statements = _SQLITE_FTS if op.get_bind().dialect.name == "sqlite" else _POSTGRES_FTS
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS articles_fts")
    for table in ("deliveries", "subscribers", "quotes", "speakers", "articles", "sources"):
        op.drop_table(table)
