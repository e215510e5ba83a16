"""Feed polling: state on `sources` (conditional GET, schedule, failures) and the identities
of items each feed has sent (`feed_items_seen`).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.types import BigId, UTCDateTime

revision = "0002"
down_revision: str | None = "0001"
branch_labels = None
depends_on = None

_NEW_SOURCE_COLUMNS = (
    "title",
    "site_url",
    "category",
    "etag",
    "last_modified",
    "poll_interval_s",
    "ttl_s",
    "next_poll_at",
    "last_fetch_at",
    "last_success_at",
    "last_status",
    "last_error",
    "consecutive_failures",
    "broken",
    "paused",
    "items_seen",
)


def upgrade() -> None:
    with op.batch_alter_table("sources") as batch:
        batch.add_column(sa.Column("title", sa.Text()))
        batch.add_column(sa.Column("site_url", sa.Text()))
        batch.add_column(sa.Column("category", sa.String(200)))
        batch.add_column(sa.Column("etag", sa.Text()))
        batch.add_column(sa.Column("last_modified", sa.Text()))
        batch.add_column(
            sa.Column("poll_interval_s", sa.Integer(), nullable=False, server_default="600")
        )
        batch.add_column(sa.Column("ttl_s", sa.Integer()))
        batch.add_column(sa.Column("next_poll_at", UTCDateTime()))
        batch.add_column(sa.Column("last_fetch_at", UTCDateTime()))
        batch.add_column(sa.Column("last_success_at", UTCDateTime()))
        batch.add_column(sa.Column("last_status", sa.String(40)))
        batch.add_column(sa.Column("last_error", sa.Text()))
        batch.add_column(
            sa.Column("consecutive_failures", sa.Integer(), nullable=False, server_default="0")
        )
        batch.add_column(
            sa.Column("broken", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(
            sa.Column("paused", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(sa.Column("items_seen", sa.Integer(), nullable=False, server_default="0"))
    op.create_index("ix_sources_due", "sources", ["kind", "next_poll_at"])
    op.create_index("uq_sources_url", "sources", ["url"], unique=True)
    op.create_table(
        "feed_items_seen",
        sa.Column("id", BigId, primary_key=True),
        sa.Column(
            "source_id",
            BigId,
            sa.ForeignKey("sources.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("article_id", BigId, sa.ForeignKey("articles.id", ondelete="SET NULL")),
        sa.Column("seen_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("source_id", "key", name="uq_feed_items_seen_key"),
    )
    op.create_index("ix_feed_items_seen_article_id", "feed_items_seen", ["article_id"])


def downgrade() -> None:
    op.drop_table("feed_items_seen")
    op.drop_index("uq_sources_url", table_name="sources")
    op.drop_index("ix_sources_due", table_name="sources")
    with op.batch_alter_table("sources") as batch:
        for column in reversed(_NEW_SOURCE_COLUMNS):
            batch.drop_column(column)
