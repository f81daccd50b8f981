"""All tables. Each feature keeps its tables in a module of its own, imported here so that
Alembic and the tests see one metadata."""

from storage.models.attendance import Attendance, AttendanceSummary, Meeting, MeetingBranch
from storage.models.base import Base, UTCDateTime
from storage.models.batch_status import BatchStatus
from storage.models.chats import ChatWait, GroupChat, ProcessedUpdate
from storage.models.lateness import BranchLateness
from storage.models.materials import (
    Announcement,
    AnnouncementAck,
    Publication,
    Topic,
    TopicRead,
    TopicSeen,
)
from storage.models.meeting_drafts import MeetingDraft
from storage.models.outbox import OutboxBatch, OutboxMessage
from storage.models.people import Account, Branch, Committee, Person
from storage.models.pledges import Pledge, PledgeReport, PledgeReview, PledgeVersion, PledgeYear
from storage.models.polls import SentPoll
from storage.models.quiz import QuizAnswer, QuizAttempt, QuizBank, QuizContest, QuizQuestion, QuizRound
from storage.models.schedule import BranchSchedule, DueJob

__all__ = [
    "Account",
    "Announcement",
    "AnnouncementAck",
    "Attendance",
    "AttendanceSummary",
    "Base",
    "BatchStatus",
    "Branch",
    "BranchLateness",
    "BranchSchedule",
    "ChatWait",
    "Committee",
    "DueJob",
    "GroupChat",
    "Meeting",
    "MeetingBranch",
    "MeetingDraft",
    "OutboxBatch",
    "OutboxMessage",
    "Person",
    "Pledge",
    "PledgeReport",
    "PledgeReview",
    "PledgeVersion",
    "PledgeYear",
    "ProcessedUpdate",
    "Publication",
    "QuizAnswer",
    "QuizAttempt",
    "QuizBank",
    "QuizContest",
    "QuizQuestion",
    "QuizRound",
    "SentPoll",
    "Topic",
    "TopicRead",
    "TopicSeen",
    "UTCDateTime",
]
