"""Polls chibo sent: the platform's poll id → the chat it went to and the feature's key, so
that an answer arriving later, in any process, reaches the feature that asked."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UTCDateTime


class SentPoll(Base):
    """One row per poll delivered. On Telegram `poll_id` is Telegram's own; on a text-only
    chat (Zalo, the console) it is chibo's, and the choices are typed."""

    __tablename__ = "sent_polls"
    platform: Mapped[str] = mapped_column(String(16), primary_key=True)
    poll_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    chat_id: Mapped[str] = mapped_column(String(64))
    is_group: Mapped[bool] = mapped_column(Boolean, default=False)
    message_id: Mapped[str] = mapped_column(String(64), default="")
    key: Mapped[str] = mapped_column(String(64))  # the feature's packed PollAnswers data
    options: Mapped[str] = mapped_column(Text)  # JSON list of the options' texts, in order
    correct: Mapped[str] = mapped_column(Text)  # JSON list of the correct options (0-based)
    typed: Mapped[bool] = mapped_column(Boolean, default=False)  # shown as text, answered by typing
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
