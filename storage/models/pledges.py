"""Pledges («Bản đăng ký làm theo gương Bác»): one per person and year, every registered or
changed text kept as a version of its own; the branch's year (locked or not, reminders sent);
the monthly self-reports on each action and the secretary's monthly review."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UTCDateTime


class Pledge(Base):
    """A person's pledge for a year; its text is the version numbered `version`."""

    __tablename__ = "pledges"
    __table_args__ = (
        UniqueConstraint("person_id", "year"),
        Index("ix_pledges_year_branch", "year", "branch_id"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id"))  # the branch it was made in
    year: Mapped[int] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer, default=1)
    registered_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # the year-end self-assessment as the person confirmed it ("" until then)
    self_assessment: Mapped[str] = mapped_column(Text, default="")
    self_level: Mapped[str] = mapped_column(String(8), default="")
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class PledgeVersion(Base):
    """One registered text of a pledge; a change adds a version, never rewrites one."""

    __tablename__ = "pledge_versions"
    __table_args__ = (UniqueConstraint("pledge_id", "version"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pledge_id: Mapped[int] = mapped_column(ForeignKey("pledges.id"))
    version: Mapped[int] = mapped_column(Integer)
    topic_title: Mapped[str] = mapped_column(String(300), default="")
    contents: Mapped[str] = mapped_column(Text)  # JSON list of the chosen contents (section titles)
    shortcomings: Mapped[str] = mapped_column(Text)
    actions: Mapped[str] = mapped_column(Text)  # JSON list of {"what", "when", "evidence"}
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_by_person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))


class PledgeYear(Base):
    """A branch's pledges of one year: locked by its secretary or not, reminders sent."""

    __tablename__ = "pledge_years"
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    locked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    locked_by_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), nullable=True)
    reminders: Mapped[int] = mapped_column(Integer, default=0)
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class PledgeReport(Base):
    """A person's word on one action in one month (đã làm / đang làm / chưa làm); a later
    answer for the same month is a new row and the latest counts."""

    __tablename__ = "pledge_reports"
    __table_args__ = (Index("ix_pledge_reports_pledge_month", "pledge_id", "month"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pledge_id: Mapped[int] = mapped_column(ForeignKey("pledges.id"))
    month: Mapped[str] = mapped_column(String(7))  # "2026-12"
    action_no: Mapped[int] = mapped_column(Integer)  # 1-based, in the version reported on
    version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(8))  # done | doing | not
    note: Mapped[str] = mapped_column(Text, default="")
    reported_at: Mapped[datetime] = mapped_column(UTCDateTime())


class PledgeReview(Base):
    """The secretary's comment and rating of a person's month; a later one is a new row."""

    __tablename__ = "pledge_reviews"
    __table_args__ = (Index("ix_pledge_reviews_pledge_month", "pledge_id", "month"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pledge_id: Mapped[int] = mapped_column(ForeignKey("pledges.id"))
    month: Mapped[str] = mapped_column(String(7))
    rating: Mapped[str] = mapped_column(String(8))  # xs | tot | ht | kht
    comment: Mapped[str] = mapped_column(Text, default="")
    reviewer_person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime())
