"""topic_seen: when the person last opened the topic themself (not when it was sent to them)

Revision ID: 0008r
Revises: 0005a
Create Date: 2026-12-03 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008r"
down_revision: str | Sequence[str] | None = "0005a"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # a nullable column without constraints: ALTER TABLE ADD COLUMN on SQLite, no table rebuild
    with op.batch_alter_table("topic_seen", schema=None) as batch_op:
        batch_op.add_column(sa.Column("opened_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("topic_seen", schema=None) as batch_op:
        batch_op.drop_column("opened_at")
