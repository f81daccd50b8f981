"""covering indexes for the roll-ups: attendance by meeting, the roster by branch

A month's roll-up reads the attendance rows of the month's meetings and the active roster
of each branch; with these indexes both are read from the index alone (a city's 430,000
rows of a month out of 5 million, and its 442,000 people), never from the tables.

Revision ID: 0009c
Revises: 0003
Create Date: 2026-12-03 13:30:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0009c"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_attendance_meeting_rollup",
        "attendance",
        ["meeting_id", "branch_id", "category", "exempt", "status"],
    )
    op.create_index("ix_people_branch_rollup", "people", ["branch_id", "active", "category", "exempt"])


def downgrade() -> None:
    op.drop_index("ix_people_branch_rollup", table_name="people")
    op.drop_index("ix_attendance_meeting_rollup", table_name="attendance")
