"""A /hop as chibo understood it, shown to its sender before anything is created."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UTCDateTime


class MeetingDraft(Base):
    """The meetings a /hop (or `chibo meeting create`) describes, waiting for their sender's
    «Tạo»: the meetings exist only once it is confirmed. Confirmed or dropped once."""

    __tablename__ = "meeting_drafts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    payload: Mapped[str] = mapped_column(Text)  # JSON: the starts, length, title, place, branches
    # when it was confirmed (meetings created) or dropped; None while it waits
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    outcome: Mapped[str] = mapped_column(String(12), default="")  # "created" | "dropped"
