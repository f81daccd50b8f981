"""Tallies from grouped counts, the rules (85%, absences without reason, excused streaks) and
the minutes paragraph."""

from __future__ import annotations

from datetime import UTC, datetime

from config.i18n import t
from handlers.reports.render import rate_text
from handlers.reports.rules import meeting_flags, member_flags
from handlers.reports.tally import overall, tally_branches
from storage.repos.reports import AttendanceCount, HistoryRow, RosterCount

D = datetime(2026, 1, 1, tzinfo=UTC)


def test_missing_rows_are_absent_after_the_meeting_and_unanswered_before() -> None:
    names = {1: "Chi bộ 1", 2: "Chi bộ 2"}
    roster = [
        RosterCount(1, "chinh_thuc", False, 8),
        RosterCount(1, "du_bi", False, 2),
        RosterCount(1, "chinh_thuc", True, 1),  # exempted: listed, never counted
        RosterCount(2, "quan_chung", False, 4),
    ]
    occurrences = {(1, True): 1, (2, False): 1}
    counts = [
        AttendanceCount(1, True, "chinh_thuc", False, "present", 6),
        AttendanceCount(1, True, "chinh_thuc", False, "late", 1),
        AttendanceCount(1, True, "du_bi", False, "excused", 1),
        AttendanceCount(1, True, "chinh_thuc", True, "present", 1),
        AttendanceCount(2, False, "quan_chung", False, "will_attend", 3),
    ]
    branches = tally_branches(names, roster, occurrences, counts)
    assert [b.name for b in branches] == ["Chi bộ 2", "Chi bộ 1"]  # lowest rate first
    one = branches[1]
    assert (one.total.on_time, one.total.late, one.total.excused, one.total.absent) == (6, 1, 1, 2)
    assert rate_text(one.total) == "7/10 — 70%"
    assert rate_text(one.by_category["du_bi"]) == "0/2 — 0%"
    assert one.exempt_people == 1
    two = branches[0]
    assert (two.total.will_attend, two.total.unanswered, two.total.absent) == (3, 1, 0)
    total = overall(branches)
    assert rate_text(total.total) == "7/14 — 50%"
    flags = meeting_flags(one.total)
    assert flags.low_rate and flags.absent_without_reason == 2


def test_1168_of_1188_reads_the_vietnamese_way() -> None:
    branches = tally_branches(
        {1: "X"},
        [RosterCount(1, "chinh_thuc", False, 1188)],
        {(1, True): 1},
        [AttendanceCount(1, True, "chinh_thuc", False, "present", 1168)],
    )
    assert rate_text(branches[0].total) == "1.168/1.188 — 98,3%"
    assert not meeting_flags(branches[0].total).low_rate


def _on(month: int, day: int = 5) -> datetime:
    return datetime(2026, month, day, 7, 0, tzinfo=UTC)  # 14:00 in Hà Nội


def test_the_statute_counts_months_of_the_year_with_an_unexcused_absence() -> None:
    history = [
        # two unexcused absences in March are one month; May makes the second
        HistoryRow(1, 1, _on(3, 5), None),
        HistoryRow(1, 2, _on(3, 20), "absent"),
        HistoryRow(1, 3, _on(4), "present"),
        HistoryRow(1, 4, _on(5), "will_attend"),  # said yes, never came
        # three months, not in a row: the Statute's «ba tháng trong năm»
        HistoryRow(2, 1, _on(1), None),
        HistoryRow(2, 2, _on(4), None),
        HistoryRow(2, 3, _on(6), "present"),
        HistoryRow(2, 4, _on(9), "absent"),
        # excused at the latest two: flagged before the third
        HistoryRow(3, 1, _on(1), None),
        HistoryRow(3, 2, _on(2), "excused"),
        HistoryRow(3, 3, _on(3), "excused"),
        # one month only
        HistoryRow(4, 1, _on(1), None),
        HistoryRow(4, 2, _on(2), "present"),
    ]
    flags = {f.person_id: f for f in member_flags(history)}
    assert set(flags) == {1, 2, 3}
    assert flags[1].absent_months == (3, 5) and not flags[1].at_statute_limit
    assert flags[2].absent_months == (1, 4, 9) and flags[2].at_statute_limit
    assert flags[3].excused_streak == 2 and flags[3].absent_months == (1,)


def test_exempted_members_non_members_and_study_sessions_are_not_concerned() -> None:
    months = (1, 2, 3)
    history = [
        *(HistoryRow(1, m, _on(m), None, exempt=True) for m in months),  # miễn sinh hoạt
        *(HistoryRow(2, m, _on(m), None, category="quan_chung") for m in months),
        *(HistoryRow(3, m, _on(m), None, kind="hoc_tap") for m in months),  # not «sinh hoạt đảng»
        # exempted at the time of the first two (their row says so), not since
        HistoryRow(4, 1, _on(1), "absent", exempt_then=True),
        HistoryRow(4, 2, _on(2), "absent", exempt_then=True),
        HistoryRow(4, 3, _on(3), None),
        *(HistoryRow(5, m, _on(m), None, category="du_bi") for m in months),
    ]
    assert [(f.person_id, f.absent_months) for f in member_flags(history)] == [(5, (1, 2, 3))]


def test_every_message_key_has_both_languages() -> None:
    import config.locales.attendance as a
    import config.locales.reports as r

    for module in (a, r):
        assert module.VI.keys() == module.EN.keys()
    assert t("vi", "att.summary", done="35", total="40", title="X") == "Đã điểm danh 35/40 — X"
