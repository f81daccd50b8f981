"""Quizzes: question banks (bundled or uploaded) and their questions, each person's attempts
(a practice, a round's go) and every answer given."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UTCDateTime


class QuizBank(Base):
    __tablename__ = "quiz_banks"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    topic_slug: Mapped[str] = mapped_column(String(300), default="")
    source: Mapped[str] = mapped_column(String(12), default="bundled")  # bundled | upload
    # an uploaded bank belongs to its branch, or to a whole Đảng bộ; bundled ones to everyone
    branch_id: Mapped[int | None] = mapped_column(ForeignKey("branches.id"), index=True, nullable=True)
    committee_id: Mapped[int | None] = mapped_column(ForeignKey("committees.id"), index=True, nullable=True)
    created_by_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class QuizQuestion(Base):
    """A question of a bank; one edited out of a bundled file stays (inactive) for the answers
    given to it."""

    __tablename__ = "quiz_questions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bank_id: Mapped[int] = mapped_column(ForeignKey("quiz_banks.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    question: Mapped[str] = mapped_column(Text)
    choices: Mapped[str] = mapped_column(Text)  # JSON list of texts, in the bank's order
    answer: Mapped[str] = mapped_column(String(40))  # JSON list of the correct choices, 0-based
    explanation: Mapped[str] = mapped_column(Text, default="")
    section: Mapped[int | None] = mapped_column(Integer, nullable=True)
    difficulty: Mapped[str] = mapped_column(String(12), default="trung_binh")
    topic_slug: Mapped[str] = mapped_column(String(300), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class QuizRound(Base):
    """A hội thi: committee staff open it for their Đảng bộ or some of its branches; each
    member takes it privately before the deadline, `attempts` times at most."""

    __tablename__ = "quiz_rounds"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committees.id"), index=True)
    created_by_person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    bank_id: Mapped[int] = mapped_column(ForeignKey("quiz_banks.id"))
    title: Mapped[str] = mapped_column(String(300))
    branch_ids: Mapped[str] = mapped_column(Text)  # JSON list of the branches taking part
    size: Mapped[int] = mapped_column(Integer)
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    speed_points: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(10), default="draft")  # draft | open | closed | dropped
    deadline_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class QuizContest(Base):
    """A live contest in a branch's group: the same questions for everyone, in the same order,
    `seconds` each; the participants' answers are their own attempts (kind "contest")."""

    __tablename__ = "quiz_contests"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id"), index=True)
    platform: Mapped[str] = mapped_column(String(16))
    chat_id: Mapped[str] = mapped_column(String(64))  # the group it runs in
    bank_id: Mapped[int] = mapped_column(ForeignKey("quiz_banks.id"))
    started_by_person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    plan: Mapped[str] = mapped_column(Text)  # JSON [{"q": question id, "order": [bank index, …]}]
    size: Mapped[int] = mapped_column(Integer)
    seconds: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer, default=0)  # the question being asked
    asked_at: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(10), default="running", index=True)  # running | done
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class QuizAttempt(Base):
    """One person's go at a set of questions: which, in what order, each with its choices
    shuffled for them (`plan`), how far they are and how they did."""

    __tablename__ = "quiz_attempts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    bank_id: Mapped[int] = mapped_column(ForeignKey("quiz_banks.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10), default="practice")  # practice | round | contest
    round_id: Mapped[int | None] = mapped_column(ForeignKey("quiz_rounds.id"), index=True, nullable=True)
    contest_id: Mapped[int | None] = mapped_column(ForeignKey("quiz_contests.id"), index=True, nullable=True)
    status: Mapped[str] = mapped_column(String(10), default="open")  # open | done | dropped
    plan: Mapped[str] = mapped_column(Text)  # JSON [{"q": question id, "order": [bank index, …]}]
    position: Mapped[int] = mapped_column(Integer, default=0)  # the question being asked, 0-based
    total: Mapped[int] = mapped_column(Integer)
    correct: Mapped[int] = mapped_column(Integer, default=0)
    elapsed_ms: Mapped[int] = mapped_column(Integer, default=0)  # time spent answering: the tie-break
    asked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class QuizAnswer(Base):
    __tablename__ = "quiz_answers"
    attempt_id: Mapped[int] = mapped_column(ForeignKey("quiz_attempts.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("quiz_questions.id"), index=True)
    chosen: Mapped[str] = mapped_column(String(40))  # JSON list of bank indexes chosen
    correct: Mapped[bool] = mapped_column(Boolean)
    ms: Mapped[int] = mapped_column(Integer, default=0)
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime())
