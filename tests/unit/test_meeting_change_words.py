"""`/hop huy` and `/hop doi`: the words are read with or without diacritics, in any case,
with Telex leftovers, or in English; anything else is a meeting to create."""

from __future__ import annotations

import pytest

from handlers.attendance.changes import change_word


@pytest.mark.parametrize("args", ["huy", "hủy", "huỷ", "HỦY", "Huy", "huyr", "cancel", "  hủy  "])
def test_cancel_words(args: str) -> None:
    assert change_word(args) == ("cancel", "")


def test_what_follows_the_cancel_word_is_kept_apart() -> None:
    assert change_word("hủy bỏ") == ("cancel", "bỏ")


@pytest.mark.parametrize(
    ("args", "rest"),
    [
        ("doi 12/12/2026 15:00", "12/12/2026 15:00"),
        ("đổi 12/12 15:00", "12/12 15:00"),
        ("ĐỔI   12/12/2026 15:00-17:00", "12/12/2026 15:00-17:00"),
        ("ddooir 12/12 15:00", "12/12 15:00"),
        ("move 12/12/2026 15:00", "12/12/2026 15:00"),
        ("reschedule 12/12 15:00", "12/12 15:00"),
        ("doi", ""),
    ],
)
def test_move_words(args: str, rest: str) -> None:
    assert change_word(args) == ("move", rest)


@pytest.mark.parametrize(
    "args",
    [
        "",
        "05/12/2026 14:00 Sinh hoạt chi bộ",
        "ngày 5 hằng tháng 14:00 Sinh hoạt chi bộ định kỳ",
        "hủy_bỏ",
        "huyen",
    ],
)
def test_anything_else_creates_a_meeting(args: str) -> None:
    assert change_word(args)[0] == ""
