"""Set-based tallies for reports: a fixed number of statements whatever the number of branches."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute, aliased

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
    kind: str | None = None  # only branch meetings (sinh_hoat) or only study sessions (hoc_tap)

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
    kind: str = "sinh_hoat"
    category: str = "chinh_thuc"  # the person's standing now
    exempt: bool = False  # exempted now
    exempt_then: bool = False  # exempted when the meeting was held (their attendance row says so)


@dataclass(frozen=True, slots=True)
class ListRow:
    """One person at one meeting, for the workbook's list of names."""

    meeting_id: int
    person_id: int
    full_name: str
    branch_id: int
    category: str
    exempt: bool
    status: str | None  # None: no answer at all
    reason: str
    recorded_at: datetime | None
    recorded_by: str  # the name of whoever entered it for someone else (a proxy check-in), else ""


# What `ReportRepo.branch_tallies` counts attendance rows by: of đảng viên chính thức, of dự
# bị, and of everyone (quần chúng are everyone less the other two), each by status.
TALLY_CATEGORIES = ("chinh_thuc", "du_bi")
TALLY_STATUSES = ("present", "late", "excused", "will_attend")


class ReportRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def _meetings(self, scope: Scope) -> Select[tuple[int]]:
        return select(Meeting.id).where(*_in_scope(scope))

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

    async def branch_tallies(self, scope: Scope, now: datetime) -> list[tuple[Any, ...]]:
        """Each branch's tally, one row per branch of the scope's committees that had a
        meeting in scope, in one statement (a city's 20,000 branches come back as 20,000
        rows of plain numbers, not as 100,000 groups to add up in Python):

        branch id, name, meetings; people on the roster not exempted: chính thức, dự bị,
        quần chúng; people exempted; then for chính thức, dự bị and quần chúng (exempted
        rows left out) the six figures of a tally: on time, late, excused, absent (the
        meeting ended with no check-in and no reason: a row saying so, or no row at all),
        will attend and unanswered (the meeting has not ended).

        SQLite gets the same rows from the grouped counts it reads fastest (its planner
        looks attendance up meeting by meeting inside the one statement)."""
        if self.session.bind.dialect.name == "sqlite":
            return await self._grouped_tallies(scope, now)

        bounded = scope.meeting_id is not None or (scope.start is not None and scope.end is not None)
        # a few meetings: their rows by key from the covering index by meeting; open-ended:
        # one pass over the covering index by branch beats a lookup per meeting
        meeting_col = Attendance.meeting_id if bounded else Attendance.meeting_id + 0

        def attendance(name: str, *more: ColumnElement[bool]) -> Any:
            """Rows not exempted by branch: `n{g}{s}` for chính thức, dự bị and everyone
            (g = 0, 1, 2) with each of TALLY_STATUSES (s = 0…3) and in all (s = 4). Over every
            meeting, "will attend" is not counted: once a meeting ended it is an absence,
            and the rows of those not ended are counted apart."""
            counts: list[ColumnElement[int]] = []
            for g, category in enumerate((*TALLY_CATEGORIES, None)):
                of = [] if category is None else [Attendance.category == category]
                counts += [
                    func.count().filter(and_(*of, Attendance.status == status)).label(f"n{g}{k}")
                    for k, status in enumerate(TALLY_STATUSES)
                    if more or status != "will_attend"
                ]
                counts.append((func.count().filter(and_(*of)) if of else func.count()).label(f"n{g}4"))
            q = (
                select(Attendance.branch_id, *counts)
                .where(
                    (meeting_col if not more else Attendance.meeting_id).in_(
                        select(Meeting.id).where(*_in_scope(scope), *more)
                    ),
                    Attendance.exempt.is_(False),
                )
                .group_by(Attendance.branch_id)
            )
            if scope.branch_ids is not None:
                q = q.where(Attendance.branch_id.in_(list(scope.branch_ids)))
            return q.subquery(name)

        occ_q = (
            select(
                MeetingBranch.branch_id,
                func.count().label("n"),
                func.count().filter(Meeting.ends_at > now).label("open"),
            )
            .join(Meeting, Meeting.id == MeetingBranch.meeting_id)
            .where(*_in_scope(scope))
            .group_by(MeetingBranch.branch_id)
        )
        people = (
            select(
                Person.branch_id,
                *(
                    func.count().filter(Person.exempt.is_(False), Person.category == c).label(f"n{g}p")
                    for g, c in enumerate(TALLY_CATEGORIES)
                ),
                func.count().filter(Person.exempt.is_(False)).label("n2p"),
                func.count().filter(Person.exempt.is_(True)).label("exempt"),
            )
            .join(Branch, Branch.id == Person.branch_id)
            .where(_one_of(Branch.committee_id, scope.committee_ids), Person.active)
            .group_by(Person.branch_id)
        )
        if scope.branch_ids is not None:
            occ_q = occ_q.where(MeetingBranch.branch_id.in_(list(scope.branch_ids)))
            people = people.where(Person.branch_id.in_(list(scope.branch_ids)))
        occ, roster = occ_q.subquery("occ"), people.subquery("roster")
        everything, opened = attendance("everything"), attendance("opened", Meeting.ends_at > now)
        held, still = occ.c.n - occ.c.open, occ.c.open

        def of(sub: Any, column: str, g: int) -> ColumnElement[int]:
            """Count `n{g}{column}` of chính thức, dự bị (g = 0, 1) or quần chúng (2: everyone
            less the two); 0 where the branch has no row there."""
            count = func.coalesce(sub.c[f"n{g}{column}"], 0)
            return count if g < 2 else count - of(sub, column, 0) - of(sub, column, 1)

        def cells(g: int) -> list[ColumnElement[int]]:
            """`_tally_cells` in SQL, for one category."""
            people_n = of(roster, "p", g)
            present, late, excused = (of(everything, str(k), g) for k in range(3))
            o_present, o_late, o_excused, o_will = (of(opened, str(k), g) for k in range(4))
            ended = of(everything, "4", g) - of(opened, "4", g)
            absent = (
                ended
                - (present - o_present)
                - (late - o_late)
                - (excused - o_excused)
                + func.greatest(people_n * held - ended, 0)
            )
            o_rows = of(opened, "4", g)
            unanswered = (
                o_rows - o_present - o_late - o_excused - o_will + func.greatest(people_n * still - o_rows, 0)
            )
            return [present, late, excused, absent, o_will, unanswered]

        q = (
            select(
                Branch.id,
                Branch.name,
                occ.c.n,
                *(of(roster, "p", g) for g in range(3)),
                func.coalesce(roster.c.exempt, 0),
                *(cell for g in range(3) for cell in cells(g)),
            )
            .join(occ, occ.c.branch_id == Branch.id)
            .outerjoin(roster, roster.c.branch_id == Branch.id)
            .outerjoin(everything, everything.c.branch_id == Branch.id)
            .outerjoin(opened, opened.c.branch_id == Branch.id)
            .where(_one_of(Branch.committee_id, scope.committee_ids))
        )
        # through the Core connection: the ORM would build each of a city's 20,000 rows again
        connection = await self.session.connection()
        return list((await connection.execute(q)).tuples())  # rows are tuples already: no copy

    async def _grouped_tallies(self, scope: Scope, now: datetime) -> list[tuple[Any, ...]]:
        """`branch_tallies`' rows, made from `occurrences`, `attendance_counts` and
        `roster_counts` (four statements)."""
        names = await self.branch_names(*scope.committee_ids)
        heads: dict[int, list[Any]] = {}  # id, name, meetings, not ended, the four roster counts
        for (branch_id, ended), n in (await self.occurrences(scope, now)).items():
            if n and branch_id in names:
                head = heads.setdefault(branch_id, [branch_id, names[branch_id], 0, 0, 0, 0, 0, 0])
                head[2] += n
                head[3] += 0 if ended else n
        for r in await self.roster_counts(scope.committee_ids, scope.branch_ids):
            of = heads.get(r.branch_id)
            if of is None:
                continue
            if r.exempt:
                of[7] += r.n
                continue
            of[6] += r.n
            if r.category in TALLY_CATEGORIES:
                of[4 + TALLY_CATEGORIES.index(r.category)] += r.n
        everything: dict[int, list[int]] = {b: [0] * 15 for b in heads}
        opened: dict[int, list[int]] = {}
        for c in await self.attendance_counts(scope, now):
            if c.branch_id not in heads or c.exempt:
                continue
            _count(everything[c.branch_id], c.category, c.status, c.n)
            if not c.ended:
                _count(opened.setdefault(c.branch_id, [0] * 15), c.category, c.status, c.n)
        rows = []
        for b, (branch_id, name, meetings, still, n_off, n_prob, n_all, exempt) in heads.items():
            ev, op = _with_mass(everything[b]), _with_mass(opened.get(b) or [0] * 15)
            held, n_mass = meetings - still, n_all - n_off - n_prob
            rows.append(
                (
                    branch_id,
                    name,
                    meetings,
                    n_off,
                    n_prob,
                    n_mass,
                    exempt,
                    *_tally_cells(ev, op, 0, n_off, held, still),
                    *_tally_cells(ev, op, 5, n_prob, held, still),
                    *_tally_cells(ev, op, 15, n_mass, held, still),
                )
            )
        return rows

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

    async def history(
        self, branch_ids: Sequence[int], start: datetime, end: datetime, kind: str | None = None
    ) -> list[HistoryRow]:
        """Every active person of these branches at every meeting of their branch that ended
        in [start, end), with their status (None: no answer at all), oldest meeting first."""
        q = (
            select(
                Person.id,
                Meeting.id,
                Meeting.starts_at,
                Attendance.status,
                Meeting.kind,
                Person.category,
                Person.exempt,
                Attendance.exempt,
            )
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
        if kind is not None:
            q = q.where(Meeting.kind == kind)
        rows = await self.session.execute(q)
        return [
            HistoryRow(p, m, s, st, k, c, bool(x), bool(xt)) for p, m, s, st, k, c, x, xt in rows.tuples()
        ]

    async def shared_sessions(self, scope: Scope) -> list[Meeting]:
        """The meetings in scope held for more than one branch (a committee's own session),
        oldest first."""
        shared = (
            select(MeetingBranch.meeting_id)
            .where(MeetingBranch.meeting_id.in_(self._meetings(scope)))
            .group_by(MeetingBranch.meeting_id)
            .having(func.count() > 1)
        )
        rows = await self.session.execute(
            select(Meeting).where(Meeting.id.in_(shared)).order_by(Meeting.starts_at, Meeting.id)
        )
        return list(rows.scalars())

    async def first_starts(self, scope: Scope) -> dict[int, datetime]:
        """Each branch's first meeting in scope: when it starts."""
        q = (
            select(MeetingBranch.branch_id, func.min(Meeting.starts_at))
            .join(Meeting, Meeting.id == MeetingBranch.meeting_id)
            .where(MeetingBranch.meeting_id.in_(self._meetings(scope)))
            .group_by(MeetingBranch.branch_id)
        )
        if scope.branch_ids is not None:
            q = q.where(MeetingBranch.branch_id.in_(list(scope.branch_ids)))
        return {b: s for b, s in (await self.session.execute(q)).tuples()}

    async def attendance_list(self, scope: Scope) -> list[ListRow]:
        """Every person of the branches a meeting in scope was for, at that meeting: active
        people, and anyone no longer on the roster who has a record there. One statement."""
        recorder = aliased(Person)
        q = (
            select(
                Meeting.id,
                Person.id,
                Person.full_name,
                Person.branch_id,
                func.coalesce(Attendance.category, Person.category),
                func.coalesce(Attendance.exempt, Person.exempt),
                Attendance.status,
                Attendance.reason,
                Attendance.recorded_at,
                Attendance.recorded_by_person_id,
                recorder.full_name,
            )
            .join(MeetingBranch, MeetingBranch.meeting_id == Meeting.id)
            .join(Person, Person.branch_id == MeetingBranch.branch_id)
            .outerjoin(
                Attendance, and_(Attendance.meeting_id == Meeting.id, Attendance.person_id == Person.id)
            )
            .outerjoin(recorder, recorder.id == Attendance.recorded_by_person_id)
            .where(
                Meeting.id.in_(self._meetings(scope)),
                or_(Person.active, Attendance.person_id.is_not(None)),
            )
            .order_by(Meeting.starts_at, Meeting.id, Person.branch_id, Person.name_key, Person.id)
        )
        if scope.branch_ids is not None:
            q = q.where(MeetingBranch.branch_id.in_(list(scope.branch_ids)))
        rows = await self.session.execute(q)
        return [
            ListRow(
                m, p, name, b, cat, bool(x), st, reason or "", at, by_name if by_id not in (None, p) else ""
            )
            for m, p, name, b, cat, x, st, reason, at, by_id, by_name in rows.tuples()
        ]

    async def secretaries(self, branch_ids: Sequence[int]) -> dict[int, str]:
        """The bí thư of each branch, by name (the first on the roster if several)."""
        rows = await self.session.execute(
            select(Person.branch_id, Person.full_name)
            .where(Person.branch_id.in_(list(branch_ids)), Person.active, Person.branch_role == "bi_thu")
            .order_by(Person.branch_id, Person.id)
        )
        found: dict[int, str] = {}
        for branch_id, name in rows.tuples():
            found.setdefault(branch_id, name)
        return found

    async def committee_secretary(self, committee_id: int) -> str:
        """The committee's bí thư (Bí thư Đảng ủy), or ""."""
        rows = await self.session.execute(
            select(Person.full_name)
            .join(Branch, Branch.id == Person.branch_id)
            .where(
                Branch.committee_id == committee_id, Person.active, Person.committee_role == "bi_thu_dang_uy"
            )
            .order_by(Person.id)
            .limit(1)
        )
        return rows.scalar_one_or_none() or ""


def _count(counts: list[int], category: str, status: str, n: int) -> None:
    """Add `n` rows into 15 attendance counts: for chính thức, dự bị and everyone, (present,
    late, excused, will_attend, all rows)."""
    groups = [2] if category not in TALLY_CATEGORIES else [TALLY_CATEGORIES.index(category), 2]
    for g in groups:
        if status in TALLY_STATUSES:
            counts[g * 5 + TALLY_STATUSES.index(status)] += n
        counts[g * 5 + 4] += n


def _with_mass(counts: Sequence[int]) -> Sequence[int]:
    """(chính thức, dự bị, everyone) counts, with quần chúng (everyone less the two) after."""
    return (*counts, *(counts[10 + k] - counts[k] - counts[5 + k] for k in range(5)))


def _tally_cells(
    ev: Sequence[int], op: Sequence[int], i: int, people: int, held: int, still: int
) -> tuple[int, ...]:
    """One category's tally (on time, late, excused, absent, will attend, unanswered) from its
    attendance counts at `i` over every meeting (`ev`) and over those not ended yet (`op`),
    each (present, late, excused, will_attend, all rows). People with no row are absent once
    the meeting ended, unanswered before."""
    present, late, excused, rows = ev[i], ev[i + 1], ev[i + 2], ev[i + 4]
    o_present, o_late, o_excused, o_will, o_rows = op[i], op[i + 1], op[i + 2], op[i + 3], op[i + 4]
    ended = rows - o_rows
    absent = ended - (present - o_present) - (late - o_late) - (excused - o_excused)
    unanswered = o_rows - o_present - o_late - o_excused - o_will
    return (
        present,
        late,
        excused,
        absent + max(people * held - ended, 0),
        o_will,
        unanswered + max(people * still - o_rows, 0),
    )


def _in_scope(scope: Scope) -> list[ColumnElement[bool]]:
    """The conditions on `meetings` of the meetings a scope covers."""
    where = [_one_of(Meeting.committee_id, scope.committee_ids), Meeting.cancelled.is_(False)]
    if scope.meeting_id is not None:
        where.append(Meeting.id == scope.meeting_id)
    if scope.start is not None:
        where.append(Meeting.starts_at >= scope.start)
    if scope.end is not None:
        where.append(Meeting.starts_at < scope.end)
    if scope.kind is not None:
        where.append(Meeting.kind == scope.kind)
    return where


def _one_of(column: InstrumentedAttribute[int], ids: Sequence[int]) -> ColumnElement[bool]:
    # `=` for the usual single committee keeps its plan exactly as it was
    return column == ids[0] if len(ids) == 1 else column.in_(list(ids))
