"""Meetings, their branches, and who answered or checked in."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Attendance, AttendanceSummary, Meeting, MeetingBranch, Person
from storage.repos.dialect import insert_for

CHECKIN_OPENS_BEFORE = timedelta(minutes=30)
PRESENT = ("present", "late")


@dataclass(frozen=True, slots=True)
class NewMeeting:
    kind: str
    title: str
    starts_at: datetime
    ends_at: datetime
    committee_id: int
    branch_ids: Sequence[int]
    place: str = ""
    online_link: str = ""
    created_by_person_id: int | None = None
    recurrence: str = ""


@dataclass(frozen=True, slots=True)
class DirtySummary:
    meeting_id: int
    platform: str
    chat_id: str
    branch_id: int
    message_id: str


def latest_wins(insert: Any, where: Any = None) -> Any:
    """An attendance INSERT that replaces the row already there for the (meeting, person),
    where `where` allows it."""
    excluded = insert.excluded
    return insert.on_conflict_do_update(
        index_elements=["meeting_id", "person_id"],
        set_={
            "status": excluded.status,
            "reason": excluded.reason,
            "recorded_at": excluded.recorded_at,
            "recorded_by_person_id": excluded.recorded_by_person_id,
            "branch_id": excluded.branch_id,
            "category": excluded.category,
            "exempt": excluded.exempt,
        },
        where=where,
    )


class AttendanceRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    # --- meetings ---------------------------------------------------------------------------

    async def create_meetings(self, new: Sequence[NewMeeting], now: datetime) -> list[Meeting]:
        """One meeting per item; the items of one call form a series when they recur."""
        meetings = [
            Meeting(
                kind=n.kind,
                title=n.title[:300],
                starts_at=n.starts_at,
                ends_at=n.ends_at,
                place=n.place[:300],
                online_link=n.online_link[:500],
                committee_id=n.committee_id,
                created_by_person_id=n.created_by_person_id,
                created_at=now,
                recurrence=n.recurrence[:200],
                cancelled=False,
            )
            for n in new
        ]
        self.session.add_all(meetings)
        await self.session.flush()
        if len(meetings) > 1 or (meetings and meetings[0].recurrence):
            for m in meetings:
                m.series_id = meetings[0].id
        links = [
            {"meeting_id": m.id, "branch_id": b}
            for m, n in zip(meetings, new, strict=True)
            for b in n.branch_ids
        ]
        if links:
            await self.session.execute(insert_for(self.session, MeetingBranch).values(links))
        await self.session.flush()
        return meetings

    async def get(self, meeting_id: int) -> Meeting | None:
        return await self.session.get(Meeting, meeting_id)

    async def for_member(self, meeting_id: int, branch_id: int) -> tuple[Meeting | None, bool]:
        """The meeting and whether the branch takes part in it, in one statement (a check-in
        tap asks this 11,000 times in a few minutes)."""
        takes_part = (
            select(MeetingBranch.branch_id)
            .where(MeetingBranch.meeting_id == Meeting.id, MeetingBranch.branch_id == branch_id)
            .exists()
        )
        row = (
            await self.session.execute(select(Meeting, takes_part).where(Meeting.id == meeting_id))
        ).first()
        return (None, False) if row is None else (row[0], bool(row[1]))

    async def branch_ids(self, meeting_id: int) -> list[int]:
        rows = await self.session.execute(
            select(MeetingBranch.branch_id)
            .where(MeetingBranch.meeting_id == meeting_id)
            .order_by(MeetingBranch.branch_id)
        )
        return list(rows.scalars())

    async def meetings_between(self, start: datetime, end: datetime) -> list[Meeting]:
        """Meetings (not cancelled) starting in [start, end), earliest first."""
        rows = await self.session.execute(
            select(Meeting)
            .where(Meeting.starts_at >= start, Meeting.starts_at < end, Meeting.cancelled.is_(False))
            .order_by(Meeting.starts_at, Meeting.id)
        )
        return list(rows.scalars())

    async def for_branch(
        self,
        branch_id: int,
        *,
        ends_after: datetime | None = None,
        starts_before: datetime | None = None,
        starts_after: datetime | None = None,
        limit: int = 20,
        newest_first: bool = False,
    ) -> list[Meeting]:
        q = (
            select(Meeting)
            .join(MeetingBranch, MeetingBranch.meeting_id == Meeting.id)
            .where(MeetingBranch.branch_id == branch_id, Meeting.cancelled.is_(False))
        )
        if ends_after is not None:
            q = q.where(Meeting.ends_at > ends_after)
        if starts_before is not None:
            q = q.where(Meeting.starts_at < starts_before)
        if starts_after is not None:
            q = q.where(Meeting.starts_at >= starts_after)
        order = (
            (Meeting.starts_at.desc(), Meeting.id.desc()) if newest_first else (Meeting.starts_at, Meeting.id)
        )
        rows = await self.session.execute(q.order_by(*order).limit(limit))
        return list(rows.scalars())

    async def open_for_checkin(self, branch_id: int, now: datetime) -> Meeting | None:
        """The meeting of this branch whose check-in window (30 minutes before the start until
        the end) is open now; the one starting first when several are."""
        found = await self.for_branch(
            branch_id,
            ends_after=now,
            starts_before=now + CHECKIN_OPENS_BEFORE + timedelta(microseconds=1),
            limit=1,
        )
        return found[0] if found else None

    async def next_for_branch(self, branch_id: int, now: datetime) -> Meeting | None:
        found = await self.for_branch(branch_id, ends_after=now, limit=1)
        return found[0] if found else None

    async def branches_of_meetings(self, meeting_ids: Sequence[int]) -> dict[int, list[int]]:
        if not meeting_ids:
            return {}
        rows = await self.session.execute(
            select(MeetingBranch.meeting_id, MeetingBranch.branch_id)
            .where(MeetingBranch.meeting_id.in_(list(meeting_ids)))
            .order_by(MeetingBranch.meeting_id, MeetingBranch.branch_id)
        )
        found: dict[int, list[int]] = {m: [] for m in meeting_ids}
        for meeting_id, branch_id in rows.tuples():
            found[meeting_id].append(branch_id)
        return found

    async def upcoming_of_branch(self, branch_id: int, now: datetime) -> list[Meeting]:
        rows = await self.session.execute(
            select(Meeting)
            .join(MeetingBranch, MeetingBranch.meeting_id == Meeting.id)
            .where(MeetingBranch.branch_id == branch_id, Meeting.starts_at > now, ~Meeting.cancelled)
            .order_by(Meeting.starts_at)
        )
        return list(rows.scalars())

    async def branches_with_meeting_between(
        self, branch_ids: Sequence[int], start: datetime, end: datetime, kind: str
    ) -> set[int]:
        if not branch_ids:
            return set()
        rows = await self.session.execute(
            select(MeetingBranch.branch_id)
            .join(Meeting, Meeting.id == MeetingBranch.meeting_id)
            .where(
                MeetingBranch.branch_id.in_(list(branch_ids)),
                Meeting.starts_at >= start,
                Meeting.starts_at < end,
                Meeting.kind == kind,
                ~Meeting.cancelled,
            )
            .distinct()
        )
        return set(rows.scalars())

    # --- answers and check-ins ----------------------------------------------------------------

    async def records_of(self, person_id: int, meeting_ids: Sequence[int]) -> dict[int, Attendance]:
        rows = await self.session.execute(
            select(Attendance).where(
                Attendance.person_id == person_id, Attendance.meeting_id.in_(list(meeting_ids))
            )
        )
        return {a.meeting_id: a for a in rows.scalars()}

    async def get_record(self, meeting_id: int, person_id: int) -> Attendance | None:
        return await self.session.get(Attendance, (meeting_id, person_id))

    async def record(
        self,
        meeting_id: int,
        people: Sequence[Person],
        status: str,
        now: datetime,
        *,
        reason: str = "",
        by_person_id: int | None = None,
        keep_checked_in: bool = True,
    ) -> int:
        """Upserts one row per person; returns how many rows changed. A check-in already
        recorded is kept (a second tap is not a second check-in, and "late" never overwrites
        "present") unless `keep_checked_in` is False."""
        if not people:
            return 0
        rows = [
            {
                "meeting_id": meeting_id,
                "person_id": p.id,
                "branch_id": p.branch_id,
                "category": p.category,
                "exempt": p.exempt,
                "status": status,
                "reason": reason[:300],
                "recorded_at": now,
                "recorded_by_person_id": by_person_id,
            }
            for p in people
        ]
        stmt = insert_for(self.session, Attendance).values(rows)
        stmt = latest_wins(stmt, Attendance.status.not_in(PRESENT) if keep_checked_in else None)
        result = await self.session.execute(stmt)
        return max(int(result.rowcount or 0), 0)  # type: ignore[attr-defined]

    async def roster(
        self, meeting_id: int, branch_ids: Sequence[int] | None = None
    ) -> list[tuple[Person, Attendance | None]]:
        """Every active person of the meeting's branches (or of `branch_ids` among them), with
        their row if any, in roster order."""
        q = (
            select(Person, Attendance)
            .join(
                MeetingBranch,
                and_(MeetingBranch.branch_id == Person.branch_id, MeetingBranch.meeting_id == meeting_id),
            )
            .outerjoin(
                Attendance, and_(Attendance.meeting_id == meeting_id, Attendance.person_id == Person.id)
            )
            .where(Person.active)
            .order_by(Person.branch_id, Person.id)
        )
        if branch_ids is not None:
            q = q.where(Person.branch_id.in_(list(branch_ids)))
        rows = await self.session.execute(q)
        return [(p, a) for p, a in rows.tuples()]

    async def unanswered_or_attending(self, meeting_id: int) -> list[Person]:
        """Active, not exempted people of the meeting's branches who have not answered or said
        they will attend (reminder targets; linked to a chat account or not)."""
        q = (
            select(Person)
            .join(
                MeetingBranch,
                and_(MeetingBranch.branch_id == Person.branch_id, MeetingBranch.meeting_id == meeting_id),
            )
            .outerjoin(
                Attendance, and_(Attendance.meeting_id == meeting_id, Attendance.person_id == Person.id)
            )
            .where(
                Person.active,
                Person.exempt.is_(False),
                or_(Attendance.status.is_(None), Attendance.status == "will_attend"),
            )
            .order_by(Person.branch_id, Person.id)
        )
        return list((await self.session.execute(q)).scalars())

    # --- the one summary message per meeting per group ---------------------------------------

    async def touch_summary(
        self, meeting_id: int, platform: str, chat_id: str, branch_id: int, now: datetime
    ) -> None:
        stmt = insert_for(self.session, AttendanceSummary).values(
            meeting_id=meeting_id,
            platform=platform,
            chat_id=chat_id,
            branch_id=branch_id,
            message_id="",
            dirty=True,
            updated_at=now,
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=["meeting_id", "platform", "chat_id"], set_={"dirty": True}
        )
        await self.session.execute(stmt)

    async def touch_summaries_of_branch(self, meeting_id: int, branch_id: int) -> None:
        await self.session.execute(
            update(AttendanceSummary)
            .where(AttendanceSummary.meeting_id == meeting_id, AttendanceSummary.branch_id == branch_id)
            .values(dirty=True)
        )

    async def meetings_by_id(self, meeting_ids: Sequence[int]) -> dict[int, Meeting]:
        rows = await self.session.execute(select(Meeting).where(Meeting.id.in_(list(meeting_ids))))
        return {m.id: m for m in rows.scalars()}

    async def checkin_counts(
        self, pairs: Sequence[tuple[int, int]]
    ) -> dict[tuple[int, int], tuple[int, int]]:
        """(checked in, expected) per (meeting, branch), exempted members left out of both, in
        two statements whatever the number of pairs."""
        meeting_ids = sorted({m for m, _ in pairs})
        branch_ids = sorted({b for _, b in pairs})
        done_rows = await self.session.execute(
            select(Attendance.meeting_id, Attendance.branch_id, func.count())
            .where(
                Attendance.meeting_id.in_(meeting_ids),
                Attendance.branch_id.in_(branch_ids),
                Attendance.status.in_(PRESENT),
                Attendance.exempt.is_(False),
            )
            .group_by(Attendance.meeting_id, Attendance.branch_id)
        )
        done = {(m, b): int(n) for m, b, n in done_rows.tuples()}
        total_rows = await self.session.execute(
            select(Person.branch_id, func.count())
            .where(Person.branch_id.in_(branch_ids), Person.active, Person.exempt.is_(False))
            .group_by(Person.branch_id)
        )
        totals = {b: int(n) for b, n in total_rows.tuples()}
        return {(m, b): (done.get((m, b), 0), totals.get(b, 0)) for m, b in pairs}

    async def take_dirty_summaries(self, limit: int = 200) -> list[DirtySummary]:
        """The summaries to refresh, marked clean at once: a check-in committed after this
        sets its summary dirty again, so no tap is ever left out of the group count."""
        rows = await self.session.execute(
            select(AttendanceSummary).where(AttendanceSummary.dirty.is_(True)).limit(limit)
        )
        found = list(rows.scalars())
        for s in found:
            s.dirty = False
        await self.session.flush()
        return [DirtySummary(s.meeting_id, s.platform, s.chat_id, s.branch_id, s.message_id) for s in found]

    async def set_summary_message(
        self, meeting_id: int, platform: str, chat_id: str, message_id: str, now: datetime
    ) -> None:
        await self.session.execute(
            update(AttendanceSummary)
            .where(
                AttendanceSummary.meeting_id == meeting_id,
                AttendanceSummary.platform == platform,
                AttendanceSummary.chat_id == chat_id,
            )
            .values(message_id=message_id, updated_at=now)
        )

    # --- cancelling and moving a meeting (/hop huy, /hop doi) ---------------------------------

    async def changeable_meetings(
        self, branch_id: int, now: datetime, *, committee_id: int | None = None, limit: int = 12
    ) -> list[Meeting]:
        """Meetings not yet started nor cancelled of this branch and, when `committee_id` is
        given, the committee's study sessions too; earliest first."""
        of_branch = Meeting.id.in_(
            select(MeetingBranch.meeting_id).where(MeetingBranch.branch_id == branch_id)
        )
        which = (
            or_(of_branch, and_(Meeting.committee_id == committee_id, Meeting.kind == "hoc_tap"))
            if committee_id is not None
            else of_branch
        )
        rows = await self.session.execute(
            select(Meeting)
            .where(which, Meeting.cancelled.is_(False), Meeting.starts_at > now)
            .order_by(Meeting.starts_at, Meeting.id)
            .limit(limit)
        )
        return list(rows.scalars())

    async def overlapping(
        self,
        branch_ids: Sequence[int],
        spans: Sequence[tuple[datetime, datetime]],
        *,
        besides: int | None = None,
    ) -> list[Meeting]:
        """Meetings not cancelled of any of these branches whose time overlaps one of the
        spans (the meeting `besides` left out), earliest first."""
        if not branch_ids or not spans:
            return []
        q = (
            select(Meeting)
            .where(
                Meeting.id.in_(
                    select(MeetingBranch.meeting_id).where(MeetingBranch.branch_id.in_(list(branch_ids)))
                ),
                Meeting.cancelled.is_(False),
                or_(*(and_(Meeting.starts_at < end, Meeting.ends_at > start) for start, end in spans)),
            )
            .order_by(Meeting.starts_at, Meeting.id)
        )
        if besides is not None:
            q = q.where(Meeting.id != besides)
        return list((await self.session.execute(q)).scalars())

    async def upcoming_series(self, branch_ids: Sequence[int], now: datetime) -> dict[int, list[Meeting]]:
        """The recurring series with a meeting to come in any of these branches: series id →
        its meetings not cancelled nor started, earliest first."""
        if not branch_ids:
            return {}
        rows = await self.session.execute(
            select(Meeting)
            .where(
                Meeting.id.in_(
                    select(MeetingBranch.meeting_id).where(MeetingBranch.branch_id.in_(list(branch_ids)))
                ),
                Meeting.series_id.is_not(None),
                Meeting.cancelled.is_(False),
                Meeting.starts_at > now,
            )
            .order_by(Meeting.starts_at, Meeting.id)
        )
        found: dict[int, list[Meeting]] = {}
        for m in rows.scalars():
            assert m.series_id is not None
            found.setdefault(m.series_id, []).append(m)
        return found

    async def rest_of_series(self, series_id: int, now: datetime) -> list[Meeting]:
        """The meetings of a series not cancelled nor started, earliest first."""
        rows = await self.session.execute(
            select(Meeting)
            .where(Meeting.series_id == series_id, Meeting.cancelled.is_(False), Meeting.starts_at > now)
            .order_by(Meeting.starts_at, Meeting.id)
        )
        return list(rows.scalars())

    async def cancel_meeting(
        self, meeting_id: int, by_person_id: int | None, now: datetime
    ) -> Meeting | None:
        """Cancels a meeting not yet started; None when it is already cancelled or under way
        (two secretaries tapping at once cancel it once)."""
        result = await self.session.execute(
            update(Meeting)
            .where(Meeting.id == meeting_id, Meeting.cancelled.is_(False), Meeting.starts_at > now)
            .values(cancelled=True, cancelled_at=now, cancelled_by_person_id=by_person_id)
            .execution_options(synchronize_session=False)
        )
        if not result.rowcount:  # type: ignore[attr-defined]
            return None
        return await self.session.get(Meeting, meeting_id, populate_existing=True)

    async def move_meeting(
        self, meeting_id: int, from_start: datetime, starts_at: datetime, ends_at: datetime, now: datetime
    ) -> Meeting | None:
        """Moves a meeting not yet started, still at `from_start`, to a new time; None when it
        was cancelled, has started or was moved meanwhile."""
        result = await self.session.execute(
            update(Meeting)
            .where(
                Meeting.id == meeting_id,
                Meeting.cancelled.is_(False),
                Meeting.starts_at == from_start,
                Meeting.starts_at > now,
            )
            .values(starts_at=starts_at, ends_at=ends_at)
            .execution_options(synchronize_session=False)
        )
        if not result.rowcount:  # type: ignore[attr-defined]
            return None
        return await self.session.get(Meeting, meeting_id, populate_existing=True)
