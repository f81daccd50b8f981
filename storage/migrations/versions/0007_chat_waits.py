"""chat_waits: what a chat waits for (numbered choices, an awaited text), with an expiry;
replaces pending_choices

Revision ID: 0007
Revises: 0001
Create Date: 2026-12-03 00:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "chat_waits",
        sa.Column("platform", sa.String(length=16), nullable=False),
        sa.Column("chat_id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("slot", sa.String(length=8), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("platform", "chat_id", "user_id", "slot", name=op.f("pk_chat_waits")),
    )
    op.create_index(op.f("ix_chat_waits_expires_at"), "chat_waits", ["expires_at"], unique=False)
    # the choices remembered so far had no expiry: people type the command again
    op.drop_table("pending_choices")


def downgrade() -> None:
    op.create_table(
        "pending_choices",
        sa.Column("platform", sa.String(length=16), nullable=False),
        sa.Column("chat_id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("platform", "chat_id", "user_id", name=op.f("pk_pending_choices")),
    )
    op.drop_index(op.f("ix_chat_waits_expires_at"), table_name="chat_waits")
    op.drop_table("chat_waits")
