"""branch_lateness: each branch's grace period before a check-in is "đến muộn"

Revision ID: 0008w
Revises: 0001
Create Date: 2026-12-04 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008w"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "branch_lateness",
        sa.Column("branch_id", sa.Integer(), nullable=False),
        sa.Column("grace_minutes", sa.Integer(), nullable=False),
        sa.Column("updated_by_person_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["branch_id"], ["branches.id"], name=op.f("fk_branch_lateness_branch_id_branches")
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_person_id"],
            ["people.id"],
            name=op.f("fk_branch_lateness_updated_by_person_id_people"),
        ),
        sa.PrimaryKeyConstraint("branch_id", name=op.f("pk_branch_lateness")),
    )


def downgrade() -> None:
    op.drop_table("branch_lateness")
