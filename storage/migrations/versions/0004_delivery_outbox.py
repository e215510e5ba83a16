"""Delivery: each subscriber's digest cursor and deactivation reason, the digest messages and
their progress on the outbox row, and `bot_state` for the tick's and sender's heartbeats.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.types import BigId, Json, UTCDateTime

revision = "0004"
down_revision: str | None = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("subscribers") as batch:
        batch.add_column(sa.Column("digest_cursor", BigId))
        batch.add_column(sa.Column("last_digest_at", UTCDateTime()))
        batch.add_column(
            sa.Column(
                "digest_when_empty", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )
        batch.add_column(sa.Column("deactivated_at", UTCDateTime()))
        batch.add_column(sa.Column("deactivated_reason", sa.Text()))
    with op.batch_alter_table("deliveries") as batch:
        batch.add_column(sa.Column("messages", Json, nullable=False, server_default="[]"))
        batch.add_column(sa.Column("parts_sent", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("claimed_by", sa.String(64)))
    op.create_index("ix_deliveries_lease", "deliveries", ["status", "lease_until"])
    op.create_table(
        "bot_state",
        sa.Column("name", sa.String(40), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("bot_state")
    op.drop_index("ix_deliveries_lease", table_name="deliveries")
    with op.batch_alter_table("deliveries") as batch:
        for column in ("claimed_by", "parts_sent", "messages"):
            batch.drop_column(column)
    with op.batch_alter_table("subscribers") as batch:
        for column in (
            "deactivated_reason",
            "deactivated_at",
            "digest_when_empty",
            "last_digest_at",
            "digest_cursor",
        ):
            batch.drop_column(column)
