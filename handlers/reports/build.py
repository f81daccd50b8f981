"""Reports assembled from set-based counts: a fixed number of statements per report."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import datetime

from config.clock import VN_TZ, local
from handlers.reports.rules import MemberFlag, member_flags
from handlers.reports.tally import BranchTally, overall, tally_branches
from storage.models import Attendance, Meeting, Person
from storage.repos.reports import Scope
from storage.uow import UnitOfWork


@dataclass(slots=True)
class Report:
    title: str
    branches: list[BranchTally]  # lowest rate first
    total: BranchTally
    generated_at: datetime
    meeting: Meeting | None = None
    # names, only for those allowed to see them
    roster: list[tuple[Person, Attendance | None]] = field(default_factory=list)
    flags: list[MemberFlag] = field(default_factory=list)
    names: dict[int, str] = field(default_factory=dict)  # person id → name, for the flags


async def tally(uow: UnitOfWork, scope: Scope, now: datetime) -> tuple[list[BranchTally], BranchTally]:
    names = await uow.reports.branch_names(*scope.committee_ids)
    occurrences = await uow.reports.occurrences(scope, now)
    counts = await uow.reports.attendance_counts(scope, now)
    roster = await uow.reports.roster_counts(scope.committee_ids, scope.branch_ids)
    branches = tally_branches(names, roster, occurrences, counts)
    return branches, overall(branches)


def month_range(year: int, month: int) -> tuple[datetime, datetime]:
    start = datetime(year, month, 1, tzinfo=VN_TZ)
    end = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=VN_TZ)
    return start, end


def year_start(now: datetime) -> datetime:
    return datetime(local(now).year, 1, 1, tzinfo=VN_TZ)


async def flags_for(
    uow: UnitOfWork, branch_ids: list[int], now: datetime
) -> tuple[list[MemberFlag], dict[int, str]]:
    history = await uow.reports.history(branch_ids, year_start(now), now)
    flags = member_flags(history)
    if not flags:
        return [], {}
    return flags, await uow.reports.full_names([f.person_id for f in flags])


async def session_report(
    uow: UnitOfWork, meeting: Meeting, branch_ids: list[int] | None, now: datetime, *, with_names: bool
) -> Report:
    scope = Scope(meeting.committee_id, meeting_id=meeting.id, branch_ids=branch_ids)
    branches, total = await tally(uow, scope, now)
    report = Report(meeting.title, branches, total, now, meeting)
    if with_names:
        report.roster = await uow.attendance.roster(meeting.id, branch_ids)
        ids = branch_ids if branch_ids is not None else await uow.attendance.branch_ids(meeting.id)
        report.flags, report.names = await flags_for(uow, ids, now)
    return report


def held_so_far(scope: Scope, now: datetime) -> Scope:
    """A period's meetings that have begun: one still to come has no attendance to count yet,
    and counting its members as "not answered" would drag a month's rate down and flag it."""
    return replace(scope, end=min(scope.end, now) if scope.end is not None else now)


async def period_report(
    uow: UnitOfWork, scope: Scope, title: str, now: datetime, *, with_flags: bool
) -> Report:
    branches, total = await tally(uow, held_so_far(scope, now), now)
    report = Report(title, branches, total, now)
    if with_flags and scope.branch_ids:
        report.flags, report.names = await flags_for(uow, list(scope.branch_ids), now)
    return report


async def monthly_rates(uow: UnitOfWork, scope: Scope, now: datetime) -> list[tuple[str, BranchTally]]:
    """The scope's tally month by month ("11/2026"), oldest first: three statements in all."""
    scope = held_so_far(scope, now)
    names = await uow.reports.branch_names(*scope.committee_ids)
    meetings = {m.id: m for m in await uow.reports.meetings(scope)}
    counts = await uow.reports.attendance_counts(scope, now, per_meeting=True)
    roster = await uow.reports.roster_counts(scope.committee_ids, scope.branch_ids)
    month_of = {mid: local(m.starts_at).strftime("%m/%Y") for mid, m in meetings.items()}
    occurrences: dict[str, dict[tuple[int, bool], int]] = defaultdict(dict)
    for meeting_id, branch_id in await uow.reports.meeting_branches(scope):
        m = meetings[meeting_id]
        key = (branch_id, m.ends_at <= now)
        occ = occurrences[month_of[meeting_id]]
        occ[key] = occ.get(key, 0) + 1
    result = []
    for month in sorted(occurrences, key=lambda s: (s[3:], s[:2])):
        month_counts = [c for c in counts if month_of[c.meeting_id] == month]
        result.append((month, overall(tally_branches(names, roster, occurrences[month], month_counts))))
    return result
