"""The one date and time parser: times as people type them, with or without diacritics,
ranges, parts of the day, and the hours that are asked about."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from config.clock import VN_TZ
from config.i18n import Text
from handlers.when import When, odd_hour, parse_when

NOW = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)  # 08:00 on 01/12/2026 in Hà Nội


def at(hour: int, minute: int = 0, day: int = 5) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=VN_TZ)


@pytest.mark.parametrize(
    ("typed", "start", "end"),
    [
        ("5/12 14:00", at(14), None),
        ("5/12 14h", at(14), None),
        ("5/12 14g30", at(14, 30), None),
        ("5/12 14h30p", at(14, 30), None),
        ("5/12 2h chiều", at(14), None),
        ("5/12 2 giờ chiều", at(14), None),
        ("5/12 2 gio chieu", at(14), None),
        ("5/12 2 GIỜ CHIỀU", at(14), None),
        ("5/12 2 giờ 30 chiều", at(14, 30), None),
        ("5/12 lúc 9h sáng", at(9), None),
        ("5/12 7 giờ tối", at(19), None),
        ("5/12 1h trưa", at(13), None),
        ("5/12 10 giờ đêm", at(22), None),
        ("ngày 5/12 14:00", at(14), None),
        ("05.12.2026 8h", at(8), None),
        ("5/12 14:00-16:00", at(14), at(16)),
        ("5/12 14h - 16h30", at(14), at(16, 30)),
        ("5/12 14h đến 16h", at(14), at(16)),
        ("5/12 2h-4h chiều", at(14), at(16)),
        ("5/12 10h-2h chiều", at(10), at(14)),
    ],
)
def test_times_as_people_type_them(typed: str, start: datetime, end: datetime | None) -> None:
    when = parse_when(f"{typed} Sinh hoạt chi bộ", NOW)
    assert isinstance(when, When), when
    assert (when.start, when.end, when.rest, when.typed) == (start, end, "Sinh hoạt chi bộ", typed)


def test_a_word_after_the_time_that_cannot_be_its_part_of_the_day_stays_in_the_title() -> None:
    when = parse_when("5/12 14:00 Sáng kiến kinh nghiệm", NOW)
    assert isinstance(when, When) and when.start == at(14) and when.rest == "Sáng kiến kinh nghiệm"


@pytest.mark.parametrize("typed", ["5/12 25:00", "5/12 14:61", "5/12 25h chiều", "5/12 16h-14h", "31/02 14h"])
def test_impossible_times_say_so(typed: str) -> None:
    refused = parse_when(f"{typed} Họp", NOW)
    assert isinstance(refused, Text) and refused.key == "att.hop.bad_time"


@pytest.mark.parametrize("typed", ["Họp chi bộ", "5/12 Họp", "5/12 14 Họp", "14:00 5/12 Họp"])
def test_no_date_and_time_is_none(typed: str) -> None:
    assert parse_when(typed, NOW) is None


def test_before_six_and_after_ten_at_night_are_odd() -> None:
    assert odd_hour(at(2)) and odd_hour(at(5, 59)) and odd_hour(at(22, 1)) and odd_hour(at(23, 30))
    assert not odd_hour(at(6)) and not odd_hour(at(14)) and not odd_hour(at(22))
