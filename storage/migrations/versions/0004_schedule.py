"""schedule: due jobs, branch reminder settings

Revision ID: 0004
Revises: 0002
Create Date: 2026-11-22 08:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "due_jobs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("ref", sa.String(length=64), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=False),
        sa.Column("not_after", sa.DateTime(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("claimed_by", sa.String(length=64), nullable=False),
        sa.Column("claimed_at", sa.DateTime(), nullable=True),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("result", sa.String(length=300), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_due_jobs")),
        sa.UniqueConstraint("key", name=op.f("uq_due_jobs_key")),
    )
    with op.batch_alter_table("due_jobs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_due_jobs_ref"), ["ref"], unique=False)
        batch_op.create_index("ix_due_jobs_status_due_at", ["status", "due_at"], unique=False)

    op.create_table(
        "branch_schedules",
        sa.Column("branch_id", sa.Integer(), nullable=False),
        sa.Column("offsets", sa.String(length=100), nullable=False),
        sa.Column("planning_day", sa.Integer(), nullable=False),
        sa.Column("updated_by_person_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["branch_id"], ["branches.id"], name=op.f("fk_branch_schedules_branch_id_branches")
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_person_id"],
            ["people.id"],
            name=op.f("fk_branch_schedules_updated_by_person_id_people"),
        ),
        sa.PrimaryKeyConstraint("branch_id", name=op.f("pk_branch_schedules")),
    )


def downgrade() -> None:
    op.drop_table("branch_schedules")
    with op.batch_alter_table("due_jobs", schema=None) as batch_op:
        batch_op.drop_index("ix_due_jobs_status_due_at")
        batch_op.drop_index(batch_op.f("ix_due_jobs_ref"))
    op.drop_table("due_jobs")
