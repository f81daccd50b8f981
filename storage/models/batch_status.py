"""What the sender of a batch has been shown: the one status message while the batch goes,
and whether its final delivery report went out."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UTCDateTime


class BatchStatus(Base):
    """One row per batch that has a sender to report to (made with the batch). The outbox
    worker holding the report platform's sender lock sends the status and the report
    straight to the sender, not through the outbox, so neither waits behind the batch."""

    __tablename__ = "batch_status"
    batch_id: Mapped[int] = mapped_column(ForeignKey("outbox_batches.id"), primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    chat_id: Mapped[str] = mapped_column(String(64))
    # open: the report is still to go; done: it went (or the sender cannot be reached)
    state: Mapped[str] = mapped_column(String(8), default="open", index=True)
    # the status message, edited in place where the platform can edit ("" = none yet)
    message_id: Mapped[str] = mapped_column(String(64), default="")
    shown: Mapped[int] = mapped_column(Integer, default=0)  # messages done when last shown
    messages: Mapped[int] = mapped_column(Integer, default=0)  # status messages sent (not edits)
    reported_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
