"""materials: what each person last had in front of them (opened or was sent), for a typed "đã đọc"

Revision ID: 0005a
Revises: 0005
Create Date: 2026-12-02 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005a"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "topic_seen",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("topic_id", sa.Integer(), nullable=False),
        sa.Column("seen_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name=op.f("fk_topic_seen_person_id_people")),
        sa.ForeignKeyConstraint(["topic_id"], ["topics.id"], name=op.f("fk_topic_seen_topic_id_topics")),
        sa.PrimaryKeyConstraint("person_id", "topic_id", name=op.f("pk_topic_seen")),
    )


def downgrade() -> None:
    op.drop_table("topic_seen")
