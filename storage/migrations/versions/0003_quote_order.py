"""Quotes by speaker, newest article first, straight from an index.

`/quote Токаев` asked for 6 quotes out of every quote of that speaker; without this index the
database sorted them all first (4,000 rows at 10k articles: ~10 ms; at 1M, seconds).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_quotes_speaker_article", "quotes", ["speaker_key", "article_id", "id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_quotes_speaker_article", table_name="quotes")
