"""Due jobs: planned once per key, claimed atomically by one worker, finished with what
happened; branch reminder settings; who a reminder goes to."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, and_, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Branch, MeetingBranch, Person
from storage.models.attendance import Attendance
from storage.models.schedule import BranchSchedule, DueJob
from storage.repos.dialect import insert_for
from storage.repos.people import Member, latest_account_each, with_latest_account

SECRETARY_ROLES = ("bi_thu", "pho_bi_thu")


@dataclass(frozen=True, slots=True)
class NewJob:
    kind: str
    key: str
    due_at: datetime
    payload: dict[str, Any] = field(default_factory=dict)
    ref: str = ""
    not_after: datetime | None = None


@dataclass(frozen=True, slots=True)
class ClaimedJob:
    id: int
    kind: str
    key: str
    ref: str
    payload: dict[str, Any]
    due_at: datetime
    not_after: datetime | None
    attempts: int


class ScheduleRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    # -- due jobs ----------------------------------------------------------------------------
    async def add(self, jobs: Sequence[NewJob], now: datetime) -> int:
        """Plans the jobs; returns how many are new or changed. A key already planned and still
        pending is moved to the new time; one cancelled by a re-plan comes back; one done or
        skipped is left alone (never twice)."""
        if not jobs:
            return 0
        added = 0
        for start in range(0, len(jobs), 500):
            rows = [
                {
                    "kind": j.kind,
                    "key": j.key,
                    "ref": j.ref,
                    "payload": json.dumps(j.payload, ensure_ascii=False, sort_keys=True),
                    "due_at": j.due_at,
                    "not_after": j.not_after,
                    "status": "pending",
                    "attempts": 0,
                    "claimed_by": "",
                    "result": "",
                    "created_at": now,
                }
                for j in jobs[start : start + 500]
            ]
            stmt = insert_for(self.session, DueJob).values(rows)
            stmt = stmt.on_conflict_do_update(
                index_elements=["key"],
                set_={
                    "due_at": stmt.excluded.due_at,
                    "not_after": stmt.excluded.not_after,
                    "payload": stmt.excluded.payload,
                    "status": "pending",
                    "result": "",
                },
                # a job planned again unchanged is not rewritten (nor counted)
                where=or_(
                    DueJob.status == "cancelled",
                    and_(
                        DueJob.status == "pending",
                        or_(
                            DueJob.due_at != stmt.excluded.due_at,
                            DueJob.not_after.is_distinct_from(stmt.excluded.not_after),
                            DueJob.payload != stmt.excluded.payload,
                        ),
                    ),
                ),
            )
            result = await self.session.execute(stmt)
            added += max(int(result.rowcount or 0), 0)  # type: ignore[attr-defined]
        return added

    async def cancel(self, refs: Sequence[str], now: datetime, kind: str | None = None) -> int:
        """Pending jobs of these refs will not run."""
        if not refs:
            return 0
        conditions = [DueJob.ref.in_(list(refs)), DueJob.status == "pending"]
        if kind is not None:
            conditions.append(DueJob.kind == kind)
        result = await self.session.execute(
            update(DueJob).where(*conditions).values(status="cancelled", finished_at=now)
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

    async def claim(self, worker: str, now: datetime, limit: int, kinds: Sequence[str]) -> list[ClaimedJob]:
        """Takes up to `limit` due jobs of these kinds; two workers never get the same row
        (one UPDATE … RETURNING; FOR UPDATE SKIP LOCKED on PostgreSQL)."""
        if not kinds:
            return []
        due = (
            select(DueJob.id)
            .where(DueJob.status == "pending", DueJob.due_at <= now, DueJob.kind.in_(list(kinds)))
            .order_by(DueJob.due_at, DueJob.id)
            .limit(limit)
        )
        if self.session.bind.dialect.name == "postgresql":
            due = due.with_for_update(skip_locked=True)
        stmt = (
            update(DueJob)
            .where(DueJob.id.in_(due.scalar_subquery()))
            .values(status="running", claimed_by=worker, claimed_at=now, attempts=DueJob.attempts + 1)
            .returning(
                DueJob.id,
                DueJob.kind,
                DueJob.key,
                DueJob.ref,
                DueJob.payload,
                DueJob.due_at,
                DueJob.not_after,
                DueJob.attempts,
            )
            .execution_options(synchronize_session=False)
        )
        rows = (await self.session.execute(stmt)).all()
        jobs = [
            ClaimedJob(r.id, r.kind, r.key, r.ref, json.loads(r.payload), r.due_at, r.not_after, r.attempts)
            for r in rows
        ]
        jobs.sort(key=lambda j: (j.due_at, j.id))
        return jobs

    async def finish(self, job_id: int, worker: str, status: str, now: datetime, result: str = "") -> bool:
        """Records the outcome of a job this worker holds; False when it no longer holds it
        (its lease ran out and another worker took the job)."""
        res = await self.session.execute(
            update(DueJob)
            .where(DueJob.id == job_id, DueJob.status == "running", DueJob.claimed_by == worker)
            .values(status=status, finished_at=now, result=result[:300])
        )
        return bool(res.rowcount)  # type: ignore[attr-defined]

    async def retry_at(self, job_id: int, worker: str, due_at: datetime, error: str) -> bool:
        res = await self.session.execute(
            update(DueJob)
            .where(DueJob.id == job_id, DueJob.status == "running", DueJob.claimed_by == worker)
            .values(status="pending", due_at=due_at, claimed_by="", result=error[:300])
        )
        return bool(res.rowcount)  # type: ignore[attr-defined]

    async def release_stale(self, now: datetime, lease: timedelta) -> int:
        """Jobs claimed by a worker that died: back to pending."""
        result = await self.session.execute(
            update(DueJob)
            .where(DueJob.status == "running", DueJob.claimed_at < now - lease)
            .values(status="pending", claimed_by="")
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

    async def later_one_due(self, job: ClaimedJob, key_prefix: str, now: datetime) -> bool:
        """Is a later job of the same series (same key prefix) due too? Then this one, late
        after a restart, is superseded by it."""
        found = await self.session.execute(
            select(DueJob.id)
            .where(
                DueJob.ref == job.ref,
                DueJob.kind == job.kind,
                DueJob.key.startswith(key_prefix, autoescape=True),
                DueJob.status.in_(("pending", "running")),
                DueJob.due_at > job.due_at,
                DueJob.due_at <= now,
            )
            .limit(1)
        )
        return found.first() is not None

    async def jobs(self, *, ref: str | None = None, kind: str | None = None) -> list[DueJob]:
        stmt = select(DueJob).order_by(DueJob.due_at, DueJob.id)
        if ref is not None:
            stmt = stmt.where(DueJob.ref == ref)
        if kind is not None:
            stmt = stmt.where(DueJob.kind == kind)
        return list((await self.session.execute(stmt)).scalars())

    async def counts(self, kind: str | None = None) -> dict[str, int]:
        stmt = select(DueJob.status, func.count()).group_by(DueJob.status)
        if kind is not None:
            stmt = stmt.where(DueJob.kind == kind)
        return {status: int(n) for status, n in (await self.session.execute(stmt)).tuples()}

    # -- branch settings -----------------------------------------------------------------------
    async def branch_settings(self, branch_ids: Sequence[int]) -> dict[int, BranchSchedule]:
        if not branch_ids:
            return {}
        rows = await self.session.execute(
            select(BranchSchedule).where(BranchSchedule.branch_id.in_(list(branch_ids)))
        )
        return {s.branch_id: s for s in rows.scalars()}

    async def save_branch_settings(
        self, branch_id: int, offsets: Sequence[int], planning_day: int, person_id: int | None, now: datetime
    ) -> None:
        values = {
            "branch_id": branch_id,
            "offsets": ",".join(str(o) for o in offsets),
            "planning_day": planning_day,
            "updated_by_person_id": person_id,
            "updated_at": now,
        }
        stmt = insert_for(self.session, BranchSchedule).values(values)
        stmt = stmt.on_conflict_do_update(
            index_elements=["branch_id"], set_={k: v for k, v in values.items() if k != "branch_id"}
        )
        await self.session.execute(stmt)

    async def planning_days(self) -> list[tuple[int, int | None]]:
        """Every branch with its own planning day (None = the default)."""
        rows = await self.session.execute(
            select(Branch.id, BranchSchedule.planning_day)
            .outerjoin(BranchSchedule, BranchSchedule.branch_id == Branch.id)
            .order_by(Branch.id)
        )
        return [(int(b), d) for b, d in rows.tuples()]

    # -- recipients ---------------------------------------------------------------------------
    async def reminder_recipients(self, meeting_id: int, branch_id: int) -> list[Member]:
        """Linked, active, non-exempt people of the branch who have not answered or said they
        will attend (never one who sent an excuse); one chat account each, the latest linked."""
        q = _linked_members(meeting_id).where(
            Person.branch_id == branch_id,
            or_(Attendance.status.is_(None), Attendance.status == "will_attend"),
        )
        return _with_answer((await self.session.execute(q)).tuples())

    async def notice_recipients(self, meeting_id: int) -> list[Member]:
        """Linked, active, non-exempt people of every branch of the meeting who have not sent
        an excuse (whatever else they answered): who hears that it was cancelled or moved."""
        q = _linked_members(meeting_id).join(
            MeetingBranch,
            and_(MeetingBranch.branch_id == Person.branch_id, MeetingBranch.meeting_id == meeting_id),
        )
        q = q.where(or_(Attendance.status.is_(None), Attendance.status != "excused"))
        return _with_answer((await self.session.execute(q)).tuples())

    async def secretaries(self, branch_ids: Sequence[int]) -> dict[int, list[Member]]:
        """The linked secretaries and deputies of each branch."""
        if not branch_ids:
            return {}
        q = with_latest_account(linked_only=True, by_name=False).where(
            Person.branch_id.in_(list(branch_ids)), Person.branch_role.in_(SECRETARY_ROLES)
        )
        found: dict[int, list[Member]] = {}
        for m, _ in latest_account_each((await self.session.execute(q)).tuples()):
            found.setdefault(m.branch_id, []).append(m)
        return found


def _linked_members(meeting_id: int) -> Select[Any]:
    """Active, non-exempt people with a linked account and their answer for the meeting."""
    answer = and_(Attendance.meeting_id == meeting_id, Attendance.person_id == Person.id)
    return (
        with_latest_account(Attendance.status, linked_only=True, by_name=False)
        .outerjoin(Attendance, answer)
        .where(~Person.exempt)
    )


def _with_answer(rows: Any) -> list[Member]:
    return [replace(m, will_attend=status == "will_attend") for m, (status,) in latest_account_each(rows)]
