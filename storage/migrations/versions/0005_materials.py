"""materials: study topics, read receipts, publications, announcements and their answers

Revision ID: 0005
Revises: 0002
Create Date: 2026-11-22 08:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "topics",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=120), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("sections", sa.Text(), nullable=False),
        sa.Column("attachments", sa.Text(), nullable=False),
        sa.Column("related_quiz", sa.String(length=120), nullable=False),
        sa.Column("search_key", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=12), nullable=False),
        sa.Column("branch_id", sa.Integer(), nullable=True),
        sa.Column("created_by_person_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["branch_id"], ["branches.id"], name=op.f("fk_topics_branch_id_branches")),
        sa.ForeignKeyConstraint(
            ["created_by_person_id"], ["people.id"], name=op.f("fk_topics_created_by_person_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_topics")),
        sa.UniqueConstraint("slug", name=op.f("uq_topics_slug")),
    )
    with op.batch_alter_table("topics", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_topics_branch_id"), ["branch_id"], unique=False)

    op.create_table(
        "topic_reads",
        sa.Column("topic_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("read_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name=op.f("fk_topic_reads_person_id_people")),
        sa.ForeignKeyConstraint(["topic_id"], ["topics.id"], name=op.f("fk_topic_reads_topic_id_topics")),
        sa.PrimaryKeyConstraint("topic_id", "person_id", name=op.f("pk_topic_reads")),
    )
    with op.batch_alter_table("topic_reads", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_topic_reads_person_id"), ["person_id"], unique=False)

    op.create_table(
        "publications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("topic_id", sa.Integer(), nullable=False),
        sa.Column("branch_id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=True),
        sa.Column("published_by_person_id", sa.Integer(), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"], ["outbox_batches.id"], name=op.f("fk_publications_batch_id_outbox_batches")
        ),
        sa.ForeignKeyConstraint(
            ["branch_id"], ["branches.id"], name=op.f("fk_publications_branch_id_branches")
        ),
        sa.ForeignKeyConstraint(
            ["published_by_person_id"],
            ["people.id"],
            name=op.f("fk_publications_published_by_person_id_people"),
        ),
        sa.ForeignKeyConstraint(["topic_id"], ["topics.id"], name=op.f("fk_publications_topic_id_topics")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_publications")),
    )
    with op.batch_alter_table("publications", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_publications_branch_id"), ["branch_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_publications_topic_id"), ["topic_id"], unique=False)

    op.create_table(
        "announcements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("committee_id", sa.Integer(), nullable=False),
        sa.Column("sender_person_id", sa.Integer(), nullable=False),
        sa.Column("branch_ids", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("ask_ack", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("by_secretary", sa.Boolean(), nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=True),
        sa.Column("not_linked", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["batch_id"], ["outbox_batches.id"], name=op.f("fk_announcements_batch_id_outbox_batches")
        ),
        sa.ForeignKeyConstraint(
            ["committee_id"], ["committees.id"], name=op.f("fk_announcements_committee_id_committees")
        ),
        sa.ForeignKeyConstraint(
            ["sender_person_id"], ["people.id"], name=op.f("fk_announcements_sender_person_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_announcements")),
    )
    with op.batch_alter_table("announcements", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_announcements_batch_id"), ["batch_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_announcements_committee_id"), ["committee_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_announcements_sender_person_id"), ["sender_person_id"], unique=False
        )

    op.create_table(
        "announcement_acks",
        sa.Column("announcement_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("acked_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["announcement_id"],
            ["announcements.id"],
            name=op.f("fk_announcement_acks_announcement_id_announcements"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_announcement_acks_person_id_people")
        ),
        sa.PrimaryKeyConstraint("announcement_id", "person_id", name=op.f("pk_announcement_acks")),
    )
    with op.batch_alter_table("announcement_acks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_announcement_acks_person_id"), ["person_id"], unique=False)


def downgrade() -> None:
    for table, indexes in (
        ("announcement_acks", ["ix_announcement_acks_person_id"]),
        (
            "announcements",
            [
                "ix_announcements_sender_person_id",
                "ix_announcements_committee_id",
                "ix_announcements_batch_id",
            ],
        ),
        ("publications", ["ix_publications_topic_id", "ix_publications_branch_id"]),
        ("topic_reads", ["ix_topic_reads_person_id"]),
        ("topics", ["ix_topics_branch_id"]),
    ):
        with op.batch_alter_table(table, schema=None) as batch_op:
            for index in indexes:
                batch_op.drop_index(index)
        op.drop_table(table)
