"""Due jobs (reminders, planning nudges, quiz deadlines, scheduled announcements: anything
that must happen once at a given time) and each branch's reminder settings."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UTCDateTime

# pending → running → done | skipped | failed; pending → cancelled (re-planned, meeting cancelled)
DUE_STATUSES = ("pending", "running", "done", "skipped", "failed", "cancelled")


class DueJob(Base):
    __tablename__ = "due_jobs"
    __table_args__ = (Index("ix_due_jobs_status_due_at", "status", "due_at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    # one row per key: planning the same thing twice adds nothing
    key: Mapped[str] = mapped_column(String(200), unique=True)
    # what the job is about, to find and cancel its jobs ("meeting:12")
    ref: Mapped[str] = mapped_column(String(64), default="", index=True)
    payload: Mapped[str] = mapped_column(Text, default="{}")  # JSON
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # past this moment the job no longer makes sense (the meeting has started): skipped
    not_after: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    status: Mapped[str] = mapped_column(String(12), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_by: Mapped[str] = mapped_column(String(64), default="")
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    result: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class BranchSchedule(Base):
    """A branch's own reminder offsets and planning day; a branch without a row uses the defaults."""

    __tablename__ = "branch_schedules"
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id"), primary_key=True)
    # minutes before the meeting, largest first: "4320,1440,60"
    offsets: Mapped[str] = mapped_column(String(100))
    planning_day: Mapped[int] = mapped_column(Integer)
    updated_by_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
