"""Study topics (bundled and uploaded), who has read them and what each person last had in
front of them, publications to a branch, and announcements with their "đã nhận" answers."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UTCDateTime


class Topic(Base):
    __tablename__ = "topics"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    kind: Mapped[str] = mapped_column(String(30))
    summary: Mapped[str] = mapped_column(Text, default="")
    sections: Mapped[str] = mapped_column(Text)  # JSON list of {"title", "text"}
    attachments: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of {"title", "url"}
    related_quiz: Mapped[str] = mapped_column(String(120), default="")
    search_key: Mapped[str] = mapped_column(Text, default="")  # folded text, for search without diacritics
    source: Mapped[str] = mapped_column(String(12), default="bundled")  # bundled | upload
    # an uploaded topic belongs to its branch; bundled ones (NULL) are for everyone
    branch_id: Mapped[int | None] = mapped_column(ForeignKey("branches.id"), index=True, nullable=True)
    created_by_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class TopicRead(Base):
    __tablename__ = "topic_reads"
    topic_id: Mapped[int] = mapped_column(ForeignKey("topics.id"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), primary_key=True, index=True)
    read_at: Mapped[datetime] = mapped_column(UTCDateTime())


class TopicSeen(Base):
    """When a person last had a topic in front of them: opened a part of it, or was sent it
    (a publication or a reminder, from the moment it is due to arrive); and when they last
    opened it themself. A typed "đã đọc" answers the topic they were reading."""

    __tablename__ = "topic_seen"
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topics.id"), primary_key=True)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime())
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class Publication(Base):
    __tablename__ = "publications"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topics.id"), index=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id"), index=True)
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("outbox_batches.id"), nullable=True)
    published_by_person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    published_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Announcement(Base):
    __tablename__ = "announcements"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committees.id"), index=True)
    sender_person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    branch_ids: Mapped[str] = mapped_column(Text)  # JSON list of the branches it goes to
    text: Mapped[str] = mapped_column(Text)
    ask_ack: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(12), default="draft")  # draft sent cancelled
    by_secretary: Mapped[bool] = mapped_column(Boolean, default=True)  # the report names people
    lang: Mapped[str] = mapped_column(String(8), default="vi")
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("outbox_batches.id"), index=True, nullable=True)
    not_linked: Mapped[str] = mapped_column(Text, default="[]")  # JSON names: on the roster, no chat
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class AnnouncementAck(Base):
    __tablename__ = "announcement_acks"
    announcement_id: Mapped[int] = mapped_column(ForeignKey("announcements.id"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), primary_key=True, index=True)
    acked_at: Mapped[datetime] = mapped_column(UTCDateTime())
