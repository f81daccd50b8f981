"""sent_polls: each poll chibo sent, by the platform's poll id, for its answers

Revision ID: 0009o
Revises: 0001
Create Date: 2026-12-03 00:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009o"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sent_polls",
        sa.Column("platform", sa.String(length=16), nullable=False),
        sa.Column("poll_id", sa.String(length=64), nullable=False),
        sa.Column("chat_id", sa.String(length=64), nullable=False),
        sa.Column("is_group", sa.Boolean(), nullable=False),
        sa.Column("message_id", sa.String(length=64), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("options", sa.Text(), nullable=False),
        sa.Column("correct", sa.Text(), nullable=False),
        sa.Column("typed", sa.Boolean(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=False),
        sa.Column("closes_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("platform", "poll_id", name=op.f("pk_sent_polls")),
    )
    op.create_index(op.f("ix_sent_polls_sent_at"), "sent_polls", ["sent_at"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_sent_polls_sent_at"), table_name="sent_polls")
    op.drop_table("sent_polls")
