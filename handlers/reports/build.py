"""Reports assembled from set-based counts: a fixed number of statements per report."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import datetime

from config.clock import VN_TZ, local
from handlers.reports.rules import BRANCH_MEETING, MemberFlag, member_flags
from handlers.reports.tally import BranchTally, merged, overall, party_order, tally_branches, tally_rows
from storage.models import Attendance, Meeting, Person
from storage.repos.reports import ListRow, RosterCount, Scope
from storage.uow import UnitOfWork

KINDS = (BRANCH_MEETING, "hoc_tap")  # reported apart: branch meetings, then study sessions


@dataclass(slots=True)
class Part:
    """One kind of meeting in a period: its branches (lowest đảng viên rate first) and total."""

    kind: str
    branches: list[BranchTally]
    total: BranchTally
    in_progress: bool = False  # a meeting of this kind has begun and not ended


@dataclass(frozen=True, slots=True)
class NotHeld:
    """A branch with no branch meeting held in the period, and its next one in the period."""

    branch_id: int
    name: str
    scheduled: datetime | None


@dataclass(slots=True)
class SharedSession:
    """A session held for several branches at once (a committee's own), with its own figure."""

    meeting: Meeting
    total: BranchTally
    branches: int


@dataclass(slots=True)
class Report:
    title: str
    branches: list[BranchTally]  # every kind together, lowest đảng viên rate first
    total: BranchTally
    generated_at: datetime
    meeting: Meeting | None = None
    # names, only for those allowed to see them
    roster: list[tuple[Person, Attendance | None]] = field(default_factory=list)
    flags: list[MemberFlag] = field(default_factory=list)
    names: dict[int, str] = field(default_factory=dict)  # person id → name, for the flags
    year: int = 0  # the year the flags count in
    # a month: branch meetings and study sessions apart, the branches that held no meeting,
    # the committee's own sessions
    parts: list[Part] = field(default_factory=list)
    not_held: list[NotHeld] = field(default_factory=list)
    sessions: list[SharedSession] = field(default_factory=list)
    committee: str = ""
    month: str = ""  # "12/2026"


@dataclass(frozen=True, slots=True)
class Heading:
    """A workbook's title block and signature: who reports, about what, who signs."""

    committee: str
    branch: str  # "" for a committee's workbook
    period: str  # "THÁNG 12/2026", or the meeting
    signer: str  # the bí thư's name, or "" (left to sign and write by hand)
    dated: datetime


@dataclass(slots=True)
class Listing:
    """What the workbook's list of names needs: each person at each meeting, who signs."""

    meetings: list[Meeting]
    rows: list[ListRow]
    branch_names: dict[int, str]
    signer: str  # the bí thư who signs (of the branch, or of the committee), or ""


async def tally(uow: UnitOfWork, scope: Scope, now: datetime) -> tuple[list[BranchTally], BranchTally]:
    """The scope's branches (lowest đảng viên rate first) and their total: one statement."""
    return tally_rows(await uow.reports.branch_tallies(scope, now))


async def tally_parts(
    uow: UnitOfWork, scope: Scope, now: datetime, names: dict[int, str] | None = None
) -> list[Part]:
    """Branch meetings and study sessions tallied apart: the branch names and the roster are
    read once, the meetings and attendance once per kind (eight statements in all)."""
    names = names if names is not None else await uow.reports.branch_names(*scope.committee_ids)
    roster: list[RosterCount] = await uow.reports.roster_counts(scope.committee_ids, scope.branch_ids)
    parts = []
    for kind in KINDS:
        of_kind = replace(scope, kind=kind)
        occurrences = await uow.reports.occurrences(of_kind, now)
        counts = await uow.reports.attendance_counts(of_kind, now)
        branches = party_order(tally_branches(names, roster, occurrences, counts))
        open_now = any(n for (_, ended), n in occurrences.items() if not ended)
        parts.append(Part(kind, branches, overall(branches), open_now))
    return parts


def month_range(year: int, month: int) -> tuple[datetime, datetime]:
    start = datetime(year, month, 1, tzinfo=VN_TZ)
    end = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=VN_TZ)
    return start, end


def year_start(now: datetime) -> datetime:
    return datetime(local(now).year, 1, 1, tzinfo=VN_TZ)


async def flags_for(
    uow: UnitOfWork, branch_ids: list[int], year: int, until: datetime
) -> tuple[list[MemberFlag], dict[int, str]]:
    """The Statute's rule counted within the report's own year: a December report read in
    January counts December's year, up to the end of December."""
    start = datetime(year, 1, 1, tzinfo=VN_TZ)
    until = min(until, datetime(year + 1, 1, 1, tzinfo=VN_TZ))
    history = await uow.reports.history(branch_ids, start, until, kind=BRANCH_MEETING)
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
    report.year = local(meeting.starts_at).year
    if with_names:
        report.roster = await uow.attendance.roster(meeting.id, branch_ids)
        ids = branch_ids if branch_ids is not None else await uow.attendance.branch_ids(meeting.id)
        report.flags, report.names = await flags_for(uow, ids, report.year, now)
    return report


def held_so_far(scope: Scope, now: datetime) -> Scope:
    """A period's meetings that have begun: one still to come has no attendance to count yet,
    and counting its members as "not answered" would drag a month's rate down and flag it."""
    return replace(scope, end=min(scope.end, now) if scope.end is not None else now)


async def period_report(
    uow: UnitOfWork, scope: Scope, title: str, now: datetime, *, with_flags: bool
) -> Report:
    """Every kind of meeting in one tally (the city-wide figure); `month_report` is what
    people read."""
    branches, total = await tally(uow, held_so_far(scope, now), now)
    report = Report(title, branches, total, now)
    if with_flags and scope.branch_ids and scope.start is not None:
        report.year = local(scope.start).year
        until = min(scope.end, now) if scope.end is not None else now
        report.flags, report.names = await flags_for(uow, list(scope.branch_ids), report.year, until)
    return report


async def month_report(
    uow: UnitOfWork, scope: Scope, title: str, committee: str, now: datetime, *, with_flags: bool
) -> Report:
    """A month as the committee files it: branch meetings and study sessions apart, the
    committee's branches that held no branch meeting first, each session held for several
    branches with its own figure. A fixed number of statements, plus four per such session
    (a month has one or two)."""
    assert scope.start is not None and scope.end is not None
    held = held_so_far(scope, now)
    names = await uow.reports.branch_names(*scope.committee_ids)
    parts = await tally_parts(uow, held, now, names)
    branches = merged(p.branches for p in parts)
    report = Report(title, branches, overall(branches), now, parts=parts, committee=committee)
    report.month = local(scope.start).strftime("%m/%Y")
    report.year = local(scope.start).year
    wanted = list(scope.branch_ids) if scope.branch_ids is not None else list(names)
    held_ids = {b.branch_id for b in parts[0].branches}
    missing = [b for b in wanted if b not in held_ids and b in names]
    if missing and branches:
        later = (
            await uow.reports.first_starts(replace(scope, start=now, kind=BRANCH_MEETING))
            if scope.end > now
            else {}
        )
        report.not_held = sorted((NotHeld(b, names[b], later.get(b)) for b in missing), key=lambda n: n.name)
    for meeting in await uow.reports.shared_sessions(held):
        session = Scope(meeting.committee_id, meeting_id=meeting.id, branch_ids=scope.branch_ids)
        of_session, total = await tally(uow, session, now)
        if of_session:
            report.sessions.append(SharedSession(meeting, total, len(of_session)))
    if with_flags and scope.branch_ids:
        until = min(scope.end, now)
        report.flags, report.names = await flags_for(uow, list(scope.branch_ids), report.year, until)
    return report


async def listing(uow: UnitOfWork, scope: Scope, now: datetime) -> Listing:
    """The meetings held so far in scope and everyone at each of them, for the workbook."""
    held = held_so_far(scope, now)
    meetings = await uow.reports.meetings(held)
    rows = await uow.reports.attendance_list(held)
    names = await uow.reports.branch_names(*scope.committee_ids)
    if scope.branch_ids is not None and len(scope.branch_ids) == 1:
        signer = (await uow.reports.secretaries(list(scope.branch_ids))).get(scope.branch_ids[0], "")
    else:
        signer = await uow.reports.committee_secretary(scope.committee_id)
    return Listing(meetings, rows, names, signer)


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
