"""meeting_drafts: a /hop shown to its sender, waiting for «Tạo» before meetings are created

Revision ID: 0008s
Revises: 0001
Create Date: 2026-12-04 00:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008s"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "meeting_drafts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        sa.Column("outcome", sa.String(length=12), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_meeting_drafts_person_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_drafts")),
    )
    op.create_index(op.f("ix_meeting_drafts_person_id"), "meeting_drafts", ["person_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_meeting_drafts_person_id"), table_name="meeting_drafts")
    op.drop_table("meeting_drafts")
