"""The rules branches are judged by.

- A meeting below 85% of its đảng viên (chính thức and dự bị; quần chúng are counted beside
  them), or with a đảng viên absent without reason, is flagged (Hướng dẫn 12-HD/BTCTW,
  42-HD/BTCTW).
- Điều lệ Đảng, Điều 8, khoản 3: «Đảng viên bỏ sinh hoạt đảng … ba tháng trong năm mà không
  có lý do chính đáng … thì chi bộ xem xét, đề nghị lên cấp có thẩm quyền xoá tên». What
  counts is months of the calendar year with an unexcused absence from a branch meeting,
  not a number of absences and not months in a row. The secretary is told once a member has
  two such months (before the third) and again at three; the member is never warned.
  Exempted members (miễn sinh hoạt) and quần chúng are not concerned.
- A member excused at the latest two branch meetings in a row is flagged before the third.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from config.clock import local
from config.formatting import fmt_int
from handlers.reports.tally import LOW_RATE, PARTY, Tally
from storage.repos.reports import HistoryRow

MONTHS_WARN = 2  # months with an unexcused absence: the secretary is told before the third
MONTHS_STATUTE = 3  # Điều 8, khoản 3: «ba tháng trong năm»
EXCUSED_STREAK = 2  # excused meetings in a row: flagged before the third
BRANCH_MEETING = "sinh_hoat"  # «sinh hoạt đảng» is the branch meeting, not a study session


@dataclass(frozen=True, slots=True)
class MeetingFlags:
    low_rate: bool
    absent_without_reason: int


def meeting_flags(t: Tally) -> MeetingFlags:
    """`t` is the đảng viên tally (tally.party). While a meeting is held its rate is not
    final (people are still checking in): it is not judged until it ends."""
    rate = t.rate
    settled = not (t.will_attend or t.unanswered)
    return MeetingFlags(rate is not None and rate < LOW_RATE and settled, t.absent)


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
    absent_months: tuple[int, ...]  # months (1–12) of the year with an unexcused absence
    excused_streak: int  # excused at the latest branch meetings, in a row

    @property
    def at_statute_limit(self) -> bool:
        return len(self.absent_months) >= MONTHS_STATUTE


def _concerned(row: HistoryRow) -> bool:
    return row.kind == BRANCH_MEETING and row.category in PARTY and not row.exempt


def member_flags(history: Iterable[HistoryRow]) -> list[MemberFlag]:
    """From each person's ended meetings of one year, oldest first (status None: no answer at
    all, which counts as absent without reason once the meeting ended)."""
    per_person: dict[int, list[HistoryRow]] = {}
    for row in history:
        if _concerned(row):
            per_person.setdefault(row.person_id, []).append(row)
    flags = []
    for person_id, rows in per_person.items():
        held = [r for r in rows if not r.exempt_then]
        months = sorted(
            {local(r.starts_at).month for r in held if r.status not in ("present", "late", "excused")}
        )
        streak = 0
        for r in reversed(held):
            if r.status != "excused":
                break
            streak += 1
        if len(months) >= MONTHS_WARN or streak >= EXCUSED_STREAK:
            flags.append(MemberFlag(person_id, tuple(months), streak))
    return flags
