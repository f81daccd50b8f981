"""Meetings (monthly branch meetings, study sessions), their branches, and attendance rows."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UTCDateTime

MEETING_KINDS = ("sinh_hoat", "hoc_tap")
# will_attend / excused are answers before the meeting; present / late / absent are the outcome
ATTENDANCE_STATUSES = ("will_attend", "excused", "present", "late", "absent")


class Meeting(Base):
    __tablename__ = "meetings"
    __table_args__ = (Index("ix_meetings_starts_at", "starts_at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # sinh_hoat | hoc_tap
    title: Mapped[str] = mapped_column(String(300))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    place: Mapped[str] = mapped_column(String(300), default="")
    online_link: Mapped[str] = mapped_column(String(500), default="")
    committee_id: Mapped[int] = mapped_column(ForeignKey("committees.id"), index=True)
    created_by_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # the recurring form as typed ("ngày 5 hằng tháng 14:00"); "" for a one-off meeting
    recurrence: Mapped[str] = mapped_column(String(200), default="")
    # every occurrence of a recurring meeting points at the first one (itself included)
    series_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)
    # when and by whom it was cancelled (`/hop huy`); None while it stands
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    # a person id, like series_id without a foreign key: SQLite cannot add one to a table in
    # place, and rebuilding `meetings` under foreign_keys=ON would fail on existing rows
    cancelled_by_person_id: Mapped[int | None] = mapped_column(Integer, nullable=True)


class MeetingBranch(Base):
    """The branches a meeting is for: one for a branch meeting, many "điểm cầu" for a study session."""

    __tablename__ = "meeting_branches"
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id"), primary_key=True, index=True)


class Attendance(Base):
    """One person's answer or check-in for one meeting; the latest record wins."""

    __tablename__ = "attendance"
    # the roll-ups read these indexes alone, never the table: all the rows in group order
    # (one pass), or a period's meetings' rows
    __table_args__ = (
        Index("ix_attendance_rollup", "branch_id", "category", "exempt", "status", "meeting_id"),
        Index("ix_attendance_meeting_rollup", "meeting_id", "branch_id", "category", "exempt", "status"),
    )
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), primary_key=True, index=True)
    # the person's branch when recorded, so roll-ups scan this table alone, without the roster
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id"))
    # the person's standing at the meeting (chính thức / dự bị / quần chúng, exempted or not)
    category: Mapped[str] = mapped_column(String(20))
    exempt: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(12))
    reason: Mapped[str] = mapped_column(String(300), default="")
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # who entered it: the person themself, or a secretary checking in by proxy
    recorded_by_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), nullable=True)


class AttendanceSummary(Base):
    """The one "Đã điểm danh 35/40" message per meeting per group, edited when `dirty`."""

    __tablename__ = "attendance_summaries"
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), primary_key=True)
    platform: Mapped[str] = mapped_column(String(16), primary_key=True)
    chat_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id"))
    message_id: Mapped[str] = mapped_column(String(64), default="")
    dirty: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
