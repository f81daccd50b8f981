"""batch_status: the sender's status message and final report of each batch, sent outside
the outbox

Revision ID: 0008p
Revises: 0002
Create Date: 2026-12-04 00:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008p"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "batch_status",
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(length=16), nullable=False),
        sa.Column("chat_id", sa.String(length=64), nullable=False),
        sa.Column("state", sa.String(length=8), nullable=False),
        sa.Column("message_id", sa.String(length=64), nullable=False),
        sa.Column("shown", sa.Integer(), nullable=False),
        sa.Column("messages", sa.Integer(), nullable=False),
        sa.Column("reported_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["batch_id"], ["outbox_batches.id"], name=op.f("fk_batch_status_batch_id_outbox_batches")
        ),
        sa.PrimaryKeyConstraint("batch_id", name=op.f("pk_batch_status")),
    )
    op.create_index(op.f("ix_batch_status_state"), "batch_status", ["state"], unique=False)
    # batches whose final report was not yet queued the old way (through the outbox) get
    # theirs the new way; progress rows still queued are dropped: the figures are stale
    op.execute(
        sa.text(
            """
            INSERT INTO batch_status (batch_id, platform, chat_id, state, message_id, shown, messages)
            SELECT b.id, b.report_platform, b.report_chat_id, 'open', '', 0, 0
            FROM outbox_batches b
            WHERE b.report_chat_id <> '' AND NOT EXISTS (
                SELECT 1 FROM outbox o WHERE o.dedup_key = :prefix || b.id || :final
            )
            """
        ).bindparams(prefix="batch-report:", final=":final")
    )
    op.execute(
        sa.text(
            """
            UPDATE outbox SET status = 'skipped', error = 'progress now shown in place'
            WHERE status = 'pending' AND dedup_key LIKE :reports AND dedup_key NOT LIKE :finals
            """
        ).bindparams(reports="batch-report:%", finals="%:final")
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_batch_status_state"), table_name="batch_status")
    op.drop_table("batch_status")
