"""Set-based tallies for reports: a fixed number of statements whatever the number of branches."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, Select, and_, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from storage.models import Attendance, Branch, Committee, Meeting, MeetingBranch, Person


@dataclass(frozen=True, slots=True)
class Scope:
    """Which meetings a report covers: one meeting, or a committee's meetings in [start, end),
    optionally only those of some branches. `other_committees` widens it to several committees
    counted as one (a city over its districts)."""

    committee_id: int
    start: datetime | None = None
    end: datetime | None = None
    meeting_id: int | None = None
    branch_ids: Sequence[int] | None = None
    other_committees: Sequence[int] = ()

    @property
    def committee_ids(self) -> list[int]:
        return [self.committee_id, *self.other_committees]


@dataclass(frozen=True, slots=True)
class AttendanceCount:
    branch_id: int
    ended: bool
    category: str
    exempt: bool
    status: str
    n: int
    meeting_id: int = 0  # set when counted per meeting


@dataclass(frozen=True, slots=True)
class RosterCount:
    branch_id: int
    category: str
    exempt: bool
    n: int


@dataclass(frozen=True, slots=True)
class HistoryRow:
    person_id: int
    meeting_id: int
    starts_at: datetime
    status: str | None


class ReportRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def _meetings(self, scope: Scope) -> Select[tuple[int]]:
        q = select(Meeting.id).where(
            _one_of(Meeting.committee_id, scope.committee_ids), Meeting.cancelled.is_(False)
        )
        if scope.meeting_id is not None:
            q = q.where(Meeting.id == scope.meeting_id)
        if scope.start is not None:
            q = q.where(Meeting.starts_at >= scope.start)
        if scope.end is not None:
            q = q.where(Meeting.starts_at < scope.end)
        return q

    async def attendance_counts(
        self, scope: Scope, now: datetime, *, per_meeting: bool = False
    ) -> list[AttendanceCount]:
        """Attendance rows in scope grouped by (branch, ended, category, exempt, status), and by
        meeting too when asked. Two statements: every row grouped without looking at meetings
        (one pass over the covering index), then the rows of meetings not yet ended."""
        keys = [Attendance.branch_id, Attendance.category, Attendance.exempt, Attendance.status]
        if per_meeting:
            keys.append(Attendance.meeting_id)
        bounded = scope.meeting_id is not None or (scope.start is not None and scope.end is not None)
        # a few meetings: look them up by key; open-ended: one scan beats a million lookups
        meeting_col = Attendance.meeting_id if bounded else Attendance.meeting_id + 0
        everything = select(*keys, func.count()).where(meeting_col.in_(self._meetings(scope))).group_by(*keys)
        still_open = (
            select(*keys, func.count())
            .join(Meeting, Meeting.id == Attendance.meeting_id)
            .where(Attendance.meeting_id.in_(self._meetings(scope)), Meeting.ends_at > now)
            .group_by(*keys)
        )
        if scope.branch_ids is not None:
            everything = everything.where(Attendance.branch_id.in_(list(scope.branch_ids)))
            still_open = still_open.where(Attendance.branch_id.in_(list(scope.branch_ids)))
        totals = {tuple(r[:-1]): int(r[-1]) for r in await self.session.execute(everything)}
        opened = {tuple(r[:-1]): int(r[-1]) for r in await self.session.execute(still_open)}
        result = []
        for key, n in totals.items():
            meeting_id = int(key[4]) if per_meeting else 0
            for ended, count in ((True, n - opened.get(key, 0)), (False, opened.get(key, 0))):
                if count > 0:
                    result.append(
                        AttendanceCount(key[0], ended, key[1], bool(key[2]), key[3], count, meeting_id)
                    )
        return result

    async def meetings(self, scope: Scope) -> list[Meeting]:
        rows = await self.session.execute(
            select(Meeting)
            .where(Meeting.id.in_(self._meetings(scope)))
            .order_by(Meeting.starts_at, Meeting.id)
        )
        return list(rows.scalars())

    async def meeting_branches(self, scope: Scope) -> list[tuple[int, int]]:
        """(meeting id, branch id) of every meeting in scope."""
        q = select(MeetingBranch.meeting_id, MeetingBranch.branch_id).where(
            MeetingBranch.meeting_id.in_(self._meetings(scope))
        )
        if scope.branch_ids is not None:
            q = q.where(MeetingBranch.branch_id.in_(list(scope.branch_ids)))
        return [(m, b) for m, b in (await self.session.execute(q)).tuples()]

    async def occurrences(self, scope: Scope, now: datetime) -> dict[tuple[int, bool], int]:
        """How many meetings each branch had in scope, by ended or not."""
        ended = (Meeting.ends_at <= now).label("ended")
        q = (
            select(MeetingBranch.branch_id, ended, func.count())
            .join(Meeting, Meeting.id == MeetingBranch.meeting_id)
            .where(MeetingBranch.meeting_id.in_(self._meetings(scope)))
            .group_by(MeetingBranch.branch_id, ended)
        )
        if scope.branch_ids is not None:
            q = q.where(MeetingBranch.branch_id.in_(list(scope.branch_ids)))
        rows = await self.session.execute(q)
        return {(b, bool(e)): int(n) for b, e, n in rows.tuples()}

    async def roster_counts(
        self, committee_ids: Sequence[int], branch_ids: Sequence[int] | None = None
    ) -> list[RosterCount]:
        q = (
            select(Person.branch_id, Person.category, Person.exempt, func.count())
            .join(Branch, Branch.id == Person.branch_id)
            .where(_one_of(Branch.committee_id, committee_ids), Person.active)
            .group_by(Person.branch_id, Person.category, Person.exempt)
        )
        if branch_ids is not None:
            q = q.where(Person.branch_id.in_(list(branch_ids)))
        rows = await self.session.execute(q)
        return [RosterCount(b, c, bool(x), int(n)) for b, c, x, n in rows.tuples()]

    async def committees(self) -> dict[int, str]:
        rows = await self.session.execute(select(Committee.id, Committee.name).order_by(Committee.name))
        return {i: n for i, n in rows.tuples()}

    async def branch_names(self, *committee_ids: int) -> dict[int, str]:
        rows = await self.session.execute(
            select(Branch.id, Branch.name).where(_one_of(Branch.committee_id, committee_ids))
        )
        return {i: n for i, n in rows.tuples()}

    async def full_names(self, person_ids: Sequence[int]) -> dict[int, str]:
        rows = await self.session.execute(
            select(Person.id, Person.full_name).where(Person.id.in_(list(person_ids)))
        )
        return {i: n for i, n in rows.tuples()}

    async def history(self, branch_ids: Sequence[int], start: datetime, end: datetime) -> list[HistoryRow]:
        """Every active person of these branches at every meeting of their branch that ended
        in [start, end), with their status (None: no answer at all), oldest meeting first."""
        q = (
            select(Person.id, Meeting.id, Meeting.starts_at, Attendance.status)
            .join(MeetingBranch, MeetingBranch.branch_id == Person.branch_id)
            .join(Meeting, Meeting.id == MeetingBranch.meeting_id)
            .outerjoin(
                Attendance, and_(Attendance.meeting_id == Meeting.id, Attendance.person_id == Person.id)
            )
            .where(
                Person.branch_id.in_(list(branch_ids)),
                Person.active,
                Meeting.cancelled.is_(False),
                Meeting.starts_at >= start,
                Meeting.ends_at <= end,
            )
            .order_by(Person.id, Meeting.starts_at, Meeting.id)
        )
        rows = await self.session.execute(q)
        return [HistoryRow(p, m, s, st) for p, m, s, st in rows.tuples()]


def _one_of(column: InstrumentedAttribute[int], ids: Sequence[int]) -> ColumnElement[bool]:
    # `=` for the usual single committee keeps its plan exactly as it was
    return column == ids[0] if len(ids) == 1 else column.in_(list(ids))
