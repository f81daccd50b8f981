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


def test_member_flags_absent_twice_and_excused_in_a_row() -> None:
    history = [
        HistoryRow(1, 1, D, None),
        HistoryRow(1, 2, D, "present"),
        HistoryRow(1, 3, D, "will_attend"),  # said yes, never came
        HistoryRow(2, 1, D, "present"),
        HistoryRow(2, 2, D, "excused"),
        HistoryRow(2, 3, D, "excused"),
        HistoryRow(3, 1, D, "excused"),
        HistoryRow(3, 2, D, "present"),
        HistoryRow(3, 3, D, "absent"),
    ]
    flags = {f.person_id: f for f in member_flags(history)}
    assert set(flags) == {1, 2}
    assert flags[1].absent_in_year == 2
    assert flags[2].excused_streak == 2


def test_every_message_key_has_both_languages() -> None:
    import config.locales.attendance as a
    import config.locales.reports as r

    for module in (a, r):
        assert module.VI.keys() == module.EN.keys()
    assert t("vi", "att.summary", done="35", total="40", title="X") == "Đã điểm danh 35/40 — X"
