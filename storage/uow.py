from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from storage.repos.accounts import AccountRepo
from storage.repos.announcements import AnnouncementRepo
from storage.repos.attendance import AttendanceRepo
from storage.repos.chats import ChatRepo
from storage.repos.checkins import CheckinRepo
from storage.repos.drafts import DraftRepo
from storage.repos.lateness import LatenessRepo
from storage.repos.materials import MaterialsRepo
from storage.repos.outbox import OutboxRepo
from storage.repos.people import PeopleRepo
from storage.repos.pledges import PledgeRepo
from storage.repos.polls import PollRepo
from storage.repos.quiz import QuizRepo
from storage.repos.reports import ReportRepo
from storage.repos.roster import RosterRepo
from storage.repos.schedule import ScheduleRepo
from storage.repos.waits import WaitRepo


class UnitOfWork:
    """The repositories of one transaction. Repositories flush, never commit."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.accounts = AccountRepo(session)
        self.people = PeopleRepo(session)
        self.roster = RosterRepo(session)
        self.chats = ChatRepo(session)
        self.checkins = CheckinRepo(session)
        self.lateness = LatenessRepo(session)
        self.outbox = OutboxRepo(session)
        self.materials = MaterialsRepo(session)
        self.announcements = AnnouncementRepo(session)
        self.attendance = AttendanceRepo(session)
        self.reports = ReportRepo(session)
        self.schedule = ScheduleRepo(session)
        self.waits = WaitRepo(session)
        self.polls = PollRepo(session)
        self.drafts = DraftRepo(session)
        self.quiz = QuizRepo(session)
        self.pledges = PledgeRepo(session)

    @property
    def dialect(self) -> str:
        return self.session.bind.dialect.name

    async def commit(self) -> None:
        await self.session.commit()

    async def rollback(self) -> None:
        await self.session.rollback()
