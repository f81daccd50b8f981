"""The words members type instead of commands, and the dates typed after /vang: what they
are taken to say, and what is left alone."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from config.i18n import Text
from config.text import says, starts_saying
from handlers.announce.feature import RECEIVED_WORDS
from handlers.attendance.checkin import says_absent, says_present
from handlers.features import FEATURES
from handlers.materials.feature import READ_WORDS
from handlers.registry import compose
from handlers.when import Day, parse_day

NOW = datetime(2026, 12, 2, 1, 0, tzinfo=UTC)  # 02/12/2026 08:00 in Hà Nội
REGISTRY = compose(FEATURES)


@pytest.mark.parametrize(
    "typed",
    [
        "có mặt",
        "Em có mặt",
        "có mặt rồi",
        "comat",
        "co mat a",
        "Có mặt ạ!",
        "CO MAT",
        "cos mawtj",
        "co\u200bmat",
        "tôi đã có mặt",
        "present",
        "I'm present",
        "Present.",
    ],
)
def test_present_as_people_type_it(typed: str) -> None:
    assert says_present(typed)


@pytest.mark.parametrize(
    "typed",
    ["không có mặt", "Cô có mặt không?", "có", "mặt", "1", "Cảm ơn", "có mặt ở đâu ạ", ""],
)
def test_not_present(typed: str) -> None:
    assert not says_present(typed)


def test_received_and_read() -> None:
    for typed in (
        "đã nhận ạ",
        "da nhan a",
        "Đã nhận",
        "em nhận được rồi ạ",
        "received",
        "I have received it",
    ):
        assert says(typed, RECEIVED_WORDS), typed
    for typed in ("nhận", "chưa nhận được", "đã đọc", "nhắn"):
        assert not says(typed, RECEIVED_WORDS), typed
    for typed in ("đã đọc ạ", "da doc", "đọc xong rồi", "Em đọc rồi ạ", "read", "I read it"):
        assert says(typed, READ_WORDS), typed
    for typed in ("đọc", "chưa đọc", "đọc ở đâu", "da nhan"):
        assert not says(typed, READ_WORDS), typed


def test_absence_and_what_follows_it() -> None:
    phrases = ("xin vắng", "xin vắng mặt", "xin phép vắng")
    assert starts_saying("Xin vắng", phrases) == ""
    assert starts_saying("xin vắng mặt, con ốm", phrases) == "con ốm"
    assert starts_saying("Cho em xin phép vắng 05/12: đi khám", phrases) == "05/12: đi khám"
    assert starts_saying("xin vang vi om", phrases) == "vi om"
    assert starts_saying("Vâng ạ", phrases) is None
    assert starts_saying("tôi không xin vắng", phrases) is None
    assert says_absent("Absent: sick") and says_absent("em xin vắng") and not says_absent("vắng quá")


def test_command_words_typed_without_the_slash() -> None:
    for typed, name, args in [
        ("lich", "lich", ""),
        ("Lịch ạ", "lich", ""),
        ("trogiup", "trogiup", ""),
        ("Trợ giúp", "trogiup", ""),
        ("bao cao", "baocao", ""),
        ("help", "trogiup", ""),
        ("baocao 11/2026", "baocao", "11/2026"),
        ("lich nhac 3n 1n", "lich", "nhac 3n 1n"),
        ("Lich nhac 3n", "lich", "nhac 3n"),  # a phone capitalises the first letter
    ]:
        found = REGISTRY.bare_command(typed)
        assert found is not None and (found[0].name, found[1]) == (name, args), typed
    # "vâng" (yes) folds to "vang": never /vang; a sentence is not a command
    for typed in ("Vâng ạ", "vang", "lịch họp tuần này thế nào", "Cảm ơn"):
        assert REGISTRY.bare_command(typed) is None, typed


def test_the_nearest_commands_to_a_mistyped_one() -> None:
    def anyone(_: object) -> bool:
        return True

    assert [c.name for c in REGISTRY.nearest_commands("hopp", anyone)] == ["hop"]
    assert [c.name for c in REGISTRY.nearest_commands("baocoa", anyone)] == ["baocao"]
    assert REGISTRY.nearest_commands("hopp", lambda c: c.name != "hop") == []
    assert REGISTRY.nearest_commands("x" * 5000, anyone) == []


def test_a_date_after_vang() -> None:
    day = parse_day("05/12 đi khám bệnh định kỳ", NOW)
    assert day == Day(date(2026, 12, 5), "đi khám bệnh định kỳ", "05/12")
    assert isinstance(d := parse_day("ngày 5/12/2026: ốm", NOW), Day) and d.rest == "ốm"
    # without a year, the nearest: yesterday is yesterday (the meeting is over), not next year
    assert isinstance(d := parse_day("01/12 ốm", NOW), Day) and d.day == date(2026, 12, 1)
    assert isinstance(d := parse_day("03/01 ốm", NOW), Day) and d.day == date(2027, 1, 3)
    assert parse_day("31/02 ốm", NOW) == Text("att.vang.bad_date", {"value": "31/02"})
    assert isinstance(parse_day("05/12/9999 ốm", NOW), Text)
    for reason in ("đi công tác tỉnh", "1-2 ngày tới bận", "12/2026 bận", "con ốm 05/12"):
        assert parse_day(reason, NOW) is None, reason
