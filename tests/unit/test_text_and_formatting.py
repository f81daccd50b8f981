from __future__ import annotations

import re
import string
from datetime import UTC, datetime

from bot.messages import Button, Reply
from bot.render import split_text, text_with_choices
from config.i18n import catalogs
from handlers.formatting import fmt_date, fmt_datetime, fmt_int, fmt_pct
from handlers.members import normalize_phone
from handlers.roles import Category, parse_category, parse_position
from handlers.text import fold, name_key, same_words


def test_folding_ignores_diacritics_case_and_spaces() -> None:
    assert fold("  Làm theo   GƯƠNG Bác ") == "lam theo guong bac"
    assert fold("Đảng ủy") == "dang uy"
    assert name_key("Nguyễn Thị  Lan.") == name_key("nguyen thi lan")


def test_words_match_with_or_without_marks_or_telex_leftovers() -> None:
    for typed in ("có mặt", "Có Mặt!", "co mat", "CO MAT", "cos mawtj", "có mặt."):
        assert same_words(typed, "có mặt"), typed
    assert not same_words("không có mặt", "có mặt")


def test_vietnamese_numbers_and_dates() -> None:
    assert fmt_int(1168) == "1.168" and fmt_int(11000) == "11.000" and fmt_int(796) == "796"
    assert fmt_pct(1168, 1188) == "98,3%" and fmt_pct(40, 40) == "100%" and fmt_pct(0, 0) == "—"
    utc = datetime(2026, 12, 5, 7, 0, tzinfo=UTC)
    assert fmt_datetime(utc) == "05/12/2026 14:00" and fmt_date(utc) == "05/12/2026"


def test_phone_numbers_as_one_key() -> None:
    assert normalize_phone("+84 912.345.678") == "0912345678" == normalize_phone("912345678")


def test_categories_and_positions() -> None:
    assert parse_category("Đảng viên chính thức") is Category.OFFICIAL
    assert parse_category("du bi") is Category.PROBATIONARY
    assert parse_category("Cảm tình đảng") is None
    assert parse_position("Phó Bí thư Đảng ủy") == ("", "pho_bi_thu_dang_uy")
    assert parse_position("Bí thư chi bộ") == ("bi_thu", "")
    assert parse_position("Giám đốc") == ("", "")


def test_long_texts_split_on_line_boundaries_within_the_limit() -> None:
    text = "\n".join(f"Đoạn {i}: " + "chữ " * 30 for i in range(100))
    parts = split_text(text, 2000)
    assert all(0 < len(p) <= 2000 for p in parts)
    assert "\n".join(parts) == text
    assert split_text("x" * 4500, 2000) == ["x" * 2000, "x" * 2000, "x" * 500]


def test_buttons_become_numbered_choices() -> None:
    reply = Reply("Chọn:", ((Button("Sẽ tham dự", "a:1"), Button("Xin vắng", "a:2")),))
    assert text_with_choices(reply) == "Chọn:\n\n1. Sẽ tham dự\n2. Xin vắng\nGõ số thứ tự để chọn."


def test_catalogs_have_the_same_keys_and_placeholders_in_both_languages() -> None:
    vi, en = catalogs()["vi"], catalogs()["en"]
    assert vi.keys() == en.keys()
    fields = string.Formatter()
    for key in vi:
        assert {f for _, f, _, _ in fields.parse(vi[key]) if f} == {f for _, f, _, _ in fields.parse(en[key]) if f}, key


def test_vietnamese_messages_carry_their_diacritics() -> None:
    # a message typed without marks reads as careless to a Vietnamese secretary
    marked = re.compile("[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]", re.I)
    bare = [k for k, v in catalogs()["vi"].items() if len(v.split()) > 3 and not marked.search(v)]
    assert bare == []
