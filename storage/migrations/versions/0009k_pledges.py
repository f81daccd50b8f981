"""pledges: «Bản đăng ký làm theo gương Bác», its versions, the branch's year, monthly
reports and reviews

Revision ID: 0009k
Revises: 0001
Create Date: 2026-12-03 14:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009k"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"))


def upgrade() -> None:
    op.create_table(
        "pledges",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("branch_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("registered_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("self_assessment", sa.Text(), nullable=False),
        sa.Column("self_level", sa.String(length=8), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(), nullable=True),
        _fk("pledges", "person_id", "people"),
        _fk("pledges", "branch_id", "branches"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pledges")),
        sa.UniqueConstraint("person_id", "year", name=op.f("uq_pledges_person_id_year")),
    )
    op.create_index("ix_pledges_year_branch", "pledges", ["year", "branch_id"])
    op.create_table(
        "pledge_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pledge_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("topic_title", sa.String(length=300), nullable=False),
        sa.Column("contents", sa.Text(), nullable=False),
        sa.Column("shortcomings", sa.Text(), nullable=False),
        sa.Column("actions", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_person_id", sa.Integer(), nullable=False),
        _fk("pledge_versions", "pledge_id", "pledges"),
        _fk("pledge_versions", "created_by_person_id", "people"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pledge_versions")),
        sa.UniqueConstraint("pledge_id", "version", name=op.f("uq_pledge_versions_pledge_id_version")),
    )
    op.create_table(
        "pledge_years",
        sa.Column("branch_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("locked", sa.Boolean(), nullable=False),
        sa.Column("locked_at", sa.DateTime(), nullable=True),
        sa.Column("locked_by_person_id", sa.Integer(), nullable=True),
        sa.Column("reminders", sa.Integer(), nullable=False),
        sa.Column("reminded_at", sa.DateTime(), nullable=True),
        _fk("pledge_years", "branch_id", "branches"),
        _fk("pledge_years", "locked_by_person_id", "people"),
        sa.PrimaryKeyConstraint("branch_id", "year", name=op.f("pk_pledge_years")),
    )
    op.create_table(
        "pledge_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pledge_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("action_no", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("reported_at", sa.DateTime(), nullable=False),
        _fk("pledge_reports", "pledge_id", "pledges"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pledge_reports")),
    )
    op.create_index("ix_pledge_reports_pledge_month", "pledge_reports", ["pledge_id", "month"])
    op.create_table(
        "pledge_reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pledge_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("rating", sa.String(length=8), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("reviewer_person_id", sa.Integer(), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(), nullable=False),
        _fk("pledge_reviews", "pledge_id", "pledges"),
        _fk("pledge_reviews", "reviewer_person_id", "people"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pledge_reviews")),
    )
    op.create_index("ix_pledge_reviews_pledge_month", "pledge_reviews", ["pledge_id", "month"])


def downgrade() -> None:
    op.drop_index("ix_pledge_reviews_pledge_month", table_name="pledge_reviews")
    op.drop_table("pledge_reviews")
    op.drop_index("ix_pledge_reports_pledge_month", table_name="pledge_reports")
    op.drop_table("pledge_reports")
    op.drop_table("pledge_years")
    op.drop_table("pledge_versions")
    op.drop_index("ix_pledges_year_branch", table_name="pledges")
    op.drop_table("pledges")
