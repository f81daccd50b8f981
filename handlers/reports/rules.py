"""The rules branches are judged by (Hướng dẫn 12-HD/BTCTW, 42-HD/BTCTW): a meeting below 85%
or with anyone absent without reason is flagged; a member absent without reason twice in a
year, or excused in a row twice (before the third) or more, is flagged to the secretary."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from config.formatting import fmt_int
from handlers.reports.tally import LOW_RATE, Tally
from storage.repos.reports import HistoryRow

ABSENT_LIMIT = 2  # absences without reason in a year that call for the secretary's attention
EXCUSED_STREAK = 2  # excused meetings in a row: flagged before the third


@dataclass(frozen=True, slots=True)
class MeetingFlags:
    low_rate: bool
    absent_without_reason: int


def meeting_flags(t: Tally) -> MeetingFlags:
    rate = t.rate
    return MeetingFlags(rate is not None and rate < LOW_RATE, t.absent)


def branch_flag(translate: Callable[..., str], t: Tally) -> str:
    """Why the rules flag a branch in a roll-up ("dưới 85%", "2 lượt vắng không lý do"), or ""."""
    flags = meeting_flags(t)
    if flags.low_rate:
        return translate("rep.flag.branch_low")
    if flags.absent_without_reason:
        return translate("rep.flag.branch_absent", n=fmt_int(flags.absent_without_reason))
    return ""


@dataclass(frozen=True, slots=True)
class MemberFlag:
    person_id: int
    absent_in_year: int  # absences without reason in the period
    excused_streak: int  # excused at the latest meetings, in a row


def member_flags(history: Iterable[HistoryRow]) -> list[MemberFlag]:
    """From each person's ended meetings, oldest first (status None: no answer at all, which
    counts as absent without reason once the meeting ended)."""
    per_person: dict[int, list[str | None]] = {}
    for row in history:
        per_person.setdefault(row.person_id, []).append(row.status)
    flags = []
    for person_id, statuses in per_person.items():
        absent = sum(1 for s in statuses if s not in ("present", "late", "excused"))
        streak = 0
        for s in reversed(statuses):
            if s != "excused":
                break
            streak += 1
        if absent >= ABSENT_LIMIT or streak >= EXCUSED_STREAK:
            flags.append(MemberFlag(person_id, absent, streak))
    return flags
