"""Recurring meeting times as secretaries type them: the day read by scheduler/recurrence.py,
the time by the one parser (handlers/when.py); weekday forms computed with APScheduler's
CronTrigger, days of the month here (the last day of a shorter month)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from config.clock import local
from handlers.when import Recurring, parse_recurrence, split_recurrence
from scheduler.recurrence import describe

NOW = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)  # 08:00 on 01/12/2026 in Hà Nội


def _local(dts: list[datetime]) -> list[str]:
    return [local(d).strftime("%d/%m/%Y %H:%M") for d in dts]


@pytest.mark.parametrize(
    "text", ["ngày 5 hằng tháng 14:00", "ngay 5 hang thang 14h", "Ngày 5 hàng tháng lúc 14:00"]
)
def test_day_of_month(text: str) -> None:
    rec = parse_recurrence(text)
    assert rec is not None
    assert _local(rec.occurrences(NOW, 3)) == ["05/12/2026 14:00", "05/01/2027 14:00", "05/02/2027 14:00"]
    assert describe(rec, "vi") == "ngày 5 hằng tháng, 14:00"
    assert describe(rec, "en") == "day 5 of every month, 14:00"


@pytest.mark.parametrize(
    "text",
    [
        "thứ Sáu tuần đầu tiên của tháng 14:00",
        "thu sau tuan dau tien cua thang 14:00",
        "Thứ 6 tuần đầu của tháng 14h",
    ],
)
def test_first_friday(text: str) -> None:
    rec = parse_recurrence(text)
    assert rec is not None
    assert _local(rec.occurrences(NOW, 3)) == ["04/12/2026 14:00", "01/01/2027 14:00", "05/02/2027 14:00"]
    assert describe(rec, "vi") == "thứ Sáu tuần đầu tiên của tháng, 14:00"
    assert describe(rec, "en") == "the first Friday of every month, 14:00"


def test_last_and_second_weekdays() -> None:
    last = parse_recurrence("thứ Hai tuần cuối cùng hằng tháng 8h30")
    assert last is not None and _local(last.occurrences(NOW, 2)) == ["28/12/2026 08:30", "25/01/2027 08:30"]
    sunday = parse_recurrence("Chủ nhật tuần thứ hai của tháng 9:00")
    assert sunday is not None and _local(sunday.occurrences(NOW, 1)) == ["13/12/2026 09:00"]
    assert describe(last, "vi") == "thứ Hai tuần cuối cùng của tháng, 08:30"
    assert describe(sunday, "en") == "the second Sunday of every month, 09:00"


def test_an_occurrence_later_today_is_next_one_passed_is_not() -> None:
    rec = parse_recurrence("ngày 1 hằng tháng 14:00")
    assert rec is not None
    assert _local(rec.occurrences(NOW, 1)) == ["01/12/2026 14:00"]
    assert _local(rec.occurrences(datetime(2026, 12, 1, 7, 0, tzinfo=UTC), 1)) == ["01/01/2027 14:00"]


@pytest.mark.parametrize(
    "text",
    [
        "ngày 32 hằng tháng 14:00",
        "ngày 5 hằng tháng 25:00",
        "họp vào ngày mai",
        "thứ Tám tuần đầu của tháng 14:00",
        "",
    ],
)
def test_not_a_recurring_form(text: str) -> None:
    assert parse_recurrence(text) is None


def test_split_keeps_the_title() -> None:
    found = split_recurrence("ngày 5 hằng tháng 14:00 Sinh hoạt chi bộ định kỳ")
    assert isinstance(found, Recurring)
    assert (found.rule.day, found.rule.hour, found.rest) == ("5", 14, "Sinh hoạt chi bộ định kỳ")
    assert found.rule.text == "ngày 5 hằng tháng 14:00"
    assert split_recurrence("05/12/2026 14:00 Sinh hoạt") is None


@pytest.mark.parametrize(
    "text",
    [
        "ngày 5 hằng tháng 2 giờ chiều Sinh hoạt",
        "ngay 5 hang thang 2 gio chieu Sinh hoạt",
        "ngày 5 hằng tháng lúc 2h chiều Sinh hoạt",
        "ngày 5 hằng tháng 14h-16h Sinh hoạt",
    ],
)
def test_a_recurring_time_is_read_as_any_time_is(text: str) -> None:
    found = split_recurrence(text)
    assert isinstance(found, Recurring)
    assert (found.rule.hour, found.rule.minute, found.rest) == (14, 0, "Sinh hoạt")
    # stored in the bot's own form, which reads back the same
    assert parse_recurrence(found.rule.text) == found.rule


def test_day_31_falls_on_the_last_day_of_shorter_months() -> None:
    rec = parse_recurrence("ngày 31 hằng tháng 14:00")
    assert rec is not None
    every = rec.occurrences(NOW, 12)
    assert _local(every)[:5] == [
        "31/12/2026 14:00",
        "31/01/2027 14:00",
        "28/02/2027 14:00",
        "31/03/2027 14:00",
        "30/04/2027 14:00",
    ]
    assert _local(rec.moved_to_month_end(every)) == [
        "28/02/2027 14:00",
        "30/04/2027 14:00",
        "30/06/2027 14:00",
        "30/09/2027 14:00",
        "30/11/2027 14:00",
    ]
    assert describe(rec, "vi") == "ngày 31 hằng tháng (tháng không có ngày 31: ngày cuối tháng), 14:00"
    leap = parse_recurrence("ngày 30 hằng tháng 09:00")
    assert leap is not None
    february = [d for d in leap.occurrences(datetime(2027, 12, 1, tzinfo=UTC), 3) if d.month == 2]
    assert _local(february) == ["29/02/2028 09:00"]  # a leap year's last day
    five = parse_recurrence("ngày 5 hằng tháng 14:00")
    assert five is not None and five.moved_to_month_end(five.occurrences(NOW, 12)) == []
