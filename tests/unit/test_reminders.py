"""The rules of reminders: offsets as secretaries type them, what "còn …" says, when the
monthly planning nudge falls."""

from __future__ import annotations

from datetime import datetime

import pytest

from config.clock import VN_TZ
from config.locales import schedule as catalog
from handlers.attendance.planning import month_start, next_month_start, planning_time
from handlers.attendance.reminders import (
    DEFAULT_OFFSETS,
    OffsetsError,
    describe_offsets,
    parse_offsets,
    stored_offsets,
    time_left,
)


@pytest.mark.parametrize(
    ("typed", "minutes"),
    [
        ("3n 1n 1g", (4320, 1440, 60)),
        ("3 ngày, 1 ngày, 1 giờ", (4320, 1440, 60)),
        ("1 NGAY 30 phut", (1440, 30)),
        ("2d 1h 15m", (2880, 60, 15)),
        ("1g 2n", (2880, 60)),  # any order, largest first
        ("1n 1n", (1440,)),  # the same twice is once
        ("2 tiếng", (120,)),
    ],
)
def test_offsets_as_typed(typed: str, minutes: tuple[int, ...]) -> None:
    assert parse_offsets(typed) == minutes


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("", "schedule.offsets.bad"),
        ("ba ngày", "schedule.offsets.bad"),
        ("3x", "schedule.offsets.bad"),
        ("3n và 1g", "schedule.offsets.bad"),
        ("1n 2n 3n 4n 5n 6n", "schedule.offsets.too_many"),
        ("2p", "schedule.offsets.range"),
        ("31n", "schedule.offsets.range"),
    ],
)
def test_bad_offsets_say_what_is_wrong(typed: str, problem: str) -> None:
    with pytest.raises(OffsetsError) as err:
        parse_offsets(typed)
    assert str(err.value) == problem
    assert "/lich nhac 3n 1n 1g" in catalog.VI[problem]  # each refusal shows a correct example


def test_offsets_described_the_vietnamese_way() -> None:
    assert describe_offsets(DEFAULT_OFFSETS, "vi") == "3 ngày, 1 ngày, 1 giờ"
    assert describe_offsets((1530,), "vi") == "1 ngày 1 giờ 30 phút"
    assert stored_offsets(None) == DEFAULT_OFFSETS
    assert stored_offsets("2880,90") == (2880, 90)


def test_time_left_says_what_is_true_when_read() -> None:
    start = datetime(2026, 12, 10, 14, 0, tzinfo=VN_TZ)
    assert time_left(start, datetime(2026, 12, 7, 14, 0, tzinfo=VN_TZ), "vi") == "còn 3 ngày"
    assert time_left(start, datetime(2026, 12, 9, 20, 0, tzinfo=VN_TZ), "vi") == "còn 18 giờ"
    assert time_left(start, datetime(2026, 12, 10, 13, 0, tzinfo=VN_TZ), "vi") == "còn 1 giờ"
    assert time_left(start, datetime(2026, 12, 10, 13, 45, tzinfo=VN_TZ), "en") == "in 15 minute(s)"


def test_planning_nudge_falls_on_the_branch_day_at_8_in_vietnam() -> None:
    # 31/12 20:00 UTC is already 1 January in Hà Nội
    start = month_start(datetime(2026, 12, 31, 20, 0, tzinfo=VN_TZ).astimezone(VN_TZ))
    assert start == datetime(2026, 12, 1, tzinfo=VN_TZ)
    from datetime import UTC

    jan = month_start(datetime(2026, 12, 31, 20, 0, tzinfo=UTC))
    assert (jan.year, jan.month, jan.day) == (2027, 1, 1)
    assert planning_time(jan, 20) == datetime(2027, 1, 20, 8, 0, tzinfo=VN_TZ)
    feb = next_month_start(jan)
    assert feb == datetime(2027, 2, 1, tzinfo=VN_TZ)
    assert planning_time(feb, 28) == datetime(2027, 2, 28, 8, 0, tzinfo=VN_TZ)
    assert next_month_start(datetime(2027, 12, 1, tzinfo=VN_TZ)) == datetime(2028, 1, 1, tzinfo=VN_TZ)


def test_catalog_has_the_same_keys_in_both_languages() -> None:
    assert catalog.VI.keys() == catalog.EN.keys()
