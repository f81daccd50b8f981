"""Many self check-ins in one transaction: what a burst of "Có mặt" taps needs, in a
constant number of statements however many taps share it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, bindparam, select, tuple_, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from storage.models import (
    Account,
    Attendance,
    AttendanceSummary,
    BranchLateness,
    Meeting,
    MeetingBranch,
    Person,
    ProcessedUpdate,
)
from storage.repos.attendance import CHECKIN_OPENS_BEFORE, PRESENT, latest_wins
from storage.repos.dialect import built_once, insert_for

# Built once: a batch's statements cost more to build (and to key for the statement cache)
# than SQLite takes to run them.
_ACCOUNTS = (
    select(Account, BranchLateness.grace_minutes)
    .outerjoin(Person, Person.id == Account.person_id)
    .outerjoin(BranchLateness, BranchLateness.branch_id == Person.branch_id)
    .where(
        Account.platform == bindparam("platform"),
        Account.user_id.in_(bindparam("user_ids", expanding=True)),
    )
)
# Columns, not entities: loading an Account with its person, branch and committee took a
# third of a tap's time in the database layer when taps come one or two at a time. The
# meetings pressed for come in the same statement: a row per tapper and meeting, with the
# tapper's branch when it takes part.
_WINDOW = (Meeting.id, Meeting.title, Meeting.starts_at, Meeting.ends_at, Meeting.cancelled)
_TAPPERS = (
    select(
        Account.user_id,
        Account.language,
        Person.id,
        Person.branch_id,
        Person.full_name,
        Person.category,
        Person.exempt,
        BranchLateness.grace_minutes,
        *_WINDOW,
        MeetingBranch.branch_id,
    )
    .join(Person, Person.id == Account.person_id)
    .outerjoin(BranchLateness, BranchLateness.branch_id == Person.branch_id)
    .outerjoin(Meeting, Meeting.id.in_(bindparam("meetings", expanding=True)))
    .outerjoin(
        MeetingBranch,
        and_(MeetingBranch.meeting_id == Meeting.id, MeetingBranch.branch_id == Person.branch_id),
    )
    .where(
        Account.platform == bindparam("platform"),
        Account.user_id.in_(bindparam("user_ids", expanding=True)),
    )
)
_OPEN_MEETINGS = (
    select(MeetingBranch.branch_id, *_WINDOW)
    .join(Meeting, Meeting.id == MeetingBranch.meeting_id)
    .where(
        MeetingBranch.branch_id.in_(bindparam("branches", expanding=True)),
        Meeting.cancelled.is_(False),
        Meeting.ends_at > bindparam("now"),
        Meeting.starts_at < bindparam("opens_by"),
    )
    .order_by(MeetingBranch.branch_id, Meeting.starts_at, Meeting.id)
)
_RECORDED_AT = select(Attendance.meeting_id, Attendance.person_id, Attendance.recorded_at).where(
    tuple_(Attendance.meeting_id, Attendance.person_id).in_(bindparam("pairs", expanding=True))
)
_SUMMARIES_DIRTY = (
    update(AttendanceSummary)
    .where(
        tuple_(AttendanceSummary.meeting_id, AttendanceSummary.branch_id).in_(
            bindparam("pairs", expanding=True)
        )
    )
    .values(dirty=True)
)


@dataclass(frozen=True, slots=True)
class Tapper:
    """A linked account pressing «Có mặt», with what its check-in needs of its person."""

    user_id: str
    language: str
    person_id: int
    branch_id: int
    full_name: str
    category: str
    exempt: bool


@dataclass(frozen=True, slots=True)
class MeetingWindow:
    """What a check-in needs of its meeting: whether it is open, and its title."""

    id: int
    title: str
    starts_at: datetime
    ends_at: datetime
    cancelled: bool


@dataclass(frozen=True, slots=True)
class SelfCheckin:
    meeting_id: int
    person: Tapper
    status: str  # present | late


class CheckinRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        # the session's connection for its transaction: asking the session for it again
        # before every statement was a sixth of a lone tap's time
        self._connection: tuple[object, AsyncConnection] | None = None

    async def _conn(self) -> AsyncConnection:
        transaction = self.session.sync_session.get_transaction()
        if transaction is None or self._connection is None or self._connection[0] is not transaction:
            connection = await self.session.connection()
            self._connection = (self.session.sync_session.get_transaction(), connection)
            return connection
        return self._connection[1]

    async def claim_updates(self, platform: str, update_ids: Sequence[str], now: datetime) -> set[str]:
        """The ids among `update_ids` seen for the first time (each claimed once, for good)."""
        if not update_ids:
            return set()
        stmt = built_once(
            self.session,
            "checkins.claim_updates",
            lambda: (
                insert_for(self.session, ProcessedUpdate)
                .on_conflict_do_nothing(index_elements=["platform", "update_id"])
                .returning(ProcessedUpdate.update_id)
            ),
        )
        rows = [{"platform": platform, "update_id": u, "processed_at": now} for u in update_ids]
        return set((await self._executemany(stmt, rows)).scalars())

    async def _executemany(self, stmt: Any, rows: list[dict[str, Any]]) -> Any:
        # A statement built and compiled once (built_once) and sent in batches ("insertmanyvalues");
        # a multi-row VALUES would be compiled anew for every batch size.
        return await (await self._conn()).execute(stmt, rows)

    async def accounts(
        self, platform: str, user_ids: Sequence[str]
    ) -> tuple[dict[str, Account], dict[int, int]]:
        """The accounts that exist, with their person, branch and committee loaded; and the
        grace periods of their branches that set their own (LatenessRepo.grace_minutes), in
        the same statement."""
        rows = await self.session.execute(_ACCOUNTS, {"platform": platform, "user_ids": list(user_ids)})
        accounts: dict[str, Account] = {}
        grace: dict[int, int] = {}
        for account, minutes in rows.unique().tuples():
            accounts[account.user_id] = account
            if minutes is not None and account.person is not None:
                grace[account.person.branch_id] = int(minutes)
        return accounts, grace

    async def tappers(
        self, platform: str, user_ids: Sequence[str], meeting_ids: Iterable[int]
    ) -> tuple[dict[str, Tapper], dict[int, int], dict[int, tuple[MeetingWindow, frozenset[int]]]]:
        """In one statement: the linked accounts among `user_ids`, as `accounts` finds them
        but read as plain columns; the grace periods of their branches that set their own;
        and each of the meetings that exist with those of the tappers' branches that take
        part in it."""
        rows = await self._core(
            _TAPPERS, {"platform": platform, "user_ids": list(user_ids), "meetings": sorted(set(meeting_ids))}
        )
        tappers: dict[str, Tapper] = {}
        grace: dict[int, int] = {}
        meetings: dict[int, tuple[MeetingWindow, set[int]]] = {}
        for row in rows:
            user_id, language, person_id, branch_id, full_name, category, exempt, minutes = row[:8]
            if user_id not in tappers:
                tappers[user_id] = Tapper(
                    user_id, language, person_id, branch_id, full_name, category, exempt
                )
            if minutes is not None:
                grace[branch_id] = int(minutes)
            meeting_id, taking_part = row[8], row[13]
            if meeting_id is not None:
                branches = meetings.setdefault(meeting_id, (MeetingWindow(*row[8:13]), set()))[1]
                if taking_part is not None:
                    branches.add(taking_part)
        return tappers, grace, {m_id: (m, frozenset(b)) for m_id, (m, b) in meetings.items()}

    async def open_meetings(self, branch_ids: Iterable[int], now: datetime) -> dict[int, MeetingWindow]:
        """For each branch, the meeting whose check-in window is open now (the one starting
        first when several are), as `AttendanceRepo.open_for_checkin` finds it for one."""
        branches = sorted(set(branch_ids))
        if not branches:
            return {}
        rows = await self._core(
            _OPEN_MEETINGS,
            {
                "branches": branches,
                "now": now,
                "opens_by": now + CHECKIN_OPENS_BEFORE + timedelta(microseconds=1),
            },
        )
        found: dict[int, MeetingWindow] = {}
        for branch_id, *window in rows:
            found.setdefault(branch_id, MeetingWindow(*window))
        return found

    async def _core(self, stmt: Any, params: dict[str, Any]) -> Any:
        """A statement run on the session's connection: plain rows, without the ORM's work
        per execution."""
        return await (await self._conn()).execute(stmt, params)

    async def check_in(self, entries: Sequence[SelfCheckin], now: datetime) -> set[tuple[int, int]]:
        """Records each person present (or late) at their meeting, by themselves; a check-in
        already recorded is kept. Returns the (meeting, person) pairs that changed. At most one
        entry per pair: PostgreSQL refuses to update a row twice in one statement."""
        if not entries:
            return set()
        rows = [
            {
                "meeting_id": e.meeting_id,
                "person_id": e.person.person_id,
                "branch_id": e.person.branch_id,
                "category": e.person.category,
                "exempt": e.person.exempt,
                "status": e.status,
                "reason": "",
                "recorded_at": now,
                "recorded_by_person_id": e.person.person_id,
            }
            for e in entries
        ]
        # NOT IN can't be sent as one statement for many rows: two inequalities instead
        stmt = built_once(
            self.session,
            "checkins.check_in",
            lambda: latest_wins(
                insert_for(self.session, Attendance), and_(*(Attendance.status != s for s in PRESENT))
            ).returning(Attendance.meeting_id, Attendance.person_id),
        )
        changed = {(m, p) for m, p in await self._executemany(stmt, rows)}
        pairs = sorted(
            {
                (e.meeting_id, e.person.branch_id)
                for e in entries
                if (e.meeting_id, e.person.person_id) in changed
            }
        )
        if pairs:
            await self._core(_SUMMARIES_DIRTY, {"pairs": pairs})
        return changed

    async def recorded_at(self, pairs: Iterable[tuple[int, int]]) -> dict[tuple[int, int], datetime]:
        """When each (meeting, person) check-in was recorded."""
        wanted = sorted(set(pairs))
        if not wanted:
            return {}
        return {(m, p): at for m, p, at in await self._core(_RECORDED_AT, {"pairs": wanted})}
