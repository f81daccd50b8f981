"""The roster: committees (Đảng bộ), branches (chi bộ), people, and their chat accounts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storage.models.base import Base, UTCDateTime


class Committee(Base):
    __tablename__ = "committees"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), unique=True)


class Branch(Base):
    __tablename__ = "branches"
    __table_args__ = (UniqueConstraint("committee_id", "name_key"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committees.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200))
    committee: Mapped[Committee] = relationship(lazy="joined")


class Person(Base):
    __tablename__ = "people"
    # a roll-up counts each branch's roster from this index alone
    __table_args__ = (Index("ix_people_branch_rollup", "branch_id", "active", "category", "exempt"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id"), index=True)
    full_name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), index=True)
    category: Mapped[str] = mapped_column(String(20))
    position: Mapped[str] = mapped_column(String(200), default="")
    branch_role: Mapped[str] = mapped_column(String(20), default="")
    committee_role: Mapped[str] = mapped_column(String(30), default="")
    phone: Mapped[str] = mapped_column(String(20), default="", index=True)
    exempt: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    link_code: Mapped[str] = mapped_column(String(16), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    branch: Mapped[Branch] = relationship(lazy="joined")


class Account(Base):
    """One chat identity (a Telegram user, a Zalo user, a console user), linked or not."""

    __tablename__ = "accounts"
    __table_args__ = (UniqueConstraint("platform", "user_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    user_id: Mapped[str] = mapped_column(String(64))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True, nullable=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    language: Mapped[str] = mapped_column(String(8), default="")
    linked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    person: Mapped[Person | None] = relationship(lazy="joined")
