"""How long after a meeting's start a branch still counts a check-in as on time."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UTCDateTime


class BranchLateness(Base):
    """A branch's own grace period; a branch without a row uses the default
    (handlers/attendance/services/rules.py: DEFAULT_GRACE)."""

    __tablename__ = "branch_lateness"
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id"), primary_key=True)
    grace_minutes: Mapped[int] = mapped_column(Integer)
    updated_by_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
