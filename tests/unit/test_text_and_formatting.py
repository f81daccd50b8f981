from __future__ import annotations

import pkgutil
import re
import string
import unicodedata
from datetime import UTC, datetime

import config.locales as locales
from bot.render import split_text, text_with_choices
from config.formatting import fmt_date, fmt_datetime, fmt_int, fmt_pct
from config.i18n import catalogs
from config.messages import Button, Reply
from config.text import fold, name_key, same_words
from handlers.materials.library import section_title
from handlers.members import normalize_phone
from handlers.roles import Category, parse_category, parse_position


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


def test_a_choice_that_carries_its_own_number_is_not_numbered_twice() -> None:
    reply = Reply(
        "Gồm 2 phần:",
        ((Button("1. Tinh thần", "s:1"),), (Button("2. Việc làm", "s:2"),), (Button("Đã đọc", "r"),)),
    )
    assert (
        text_with_choices(reply)
        == "Gồm 2 phần:\n\n1. Tinh thần\n2. Việc làm\n3. Đã đọc\nGõ số thứ tự để chọn."
    )
    # a number that is not the choice's own stays part of the label
    odd = Reply("", ((Button("Đã đọc", "r"), Button("1. Tinh thần", "s:1")),))
    assert text_with_choices(odd).startswith("1. Đã đọc\n2. 1. Tinh thần\n")


def test_section_titles_lose_the_number_their_author_gave_them() -> None:
    for raw in (
        "1. Tinh thần",
        "1) Tinh thần",
        "1 - Tinh thần",
        "Phần 1: Tinh thần",
        "phan 1. Tinh thần",
        "I. Tinh thần",
    ):
        assert section_title(raw) == "Tinh thần", raw
    for kept in ("Tinh thần", "Phần A", "1.168 đảng viên tham gia", "2022 năm bản lề", "Vì sao", "Phần 1"):
        assert section_title(kept) == kept, kept


def test_catalogs_have_the_same_keys_and_placeholders_in_both_languages() -> None:
    vi, en = catalogs()["vi"], catalogs()["en"]
    assert vi.keys() == en.keys()
    fields = string.Formatter()
    for key in vi:
        assert {f for _, f, _, _ in fields.parse(vi[key]) if f} == {
            f for _, f, _, _ in fields.parse(en[key]) if f
        }, key


# What a person types is shown as typed, marks or not: the words after a command
# ("/tailieu lam theo guong Bac", "/hop doi 12/12/2026 15:00") and a quoted word with no
# marks («doi»). Placeholders are filled in later.
_TYPED = re.compile(r"/\w+(?:[ \t]+[!-~]+)*|«[ -~]*»|\{[^}]*\}")
_WORD = re.compile(r"[^\W\d_]+")
_MARKED = re.compile("[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]", re.IGNORECASE)
# words a message needs, whose marks are easily lost ("khong" for "không")
_COMMON = (
    "không được người của đã đọc gửi nhận đồng chí tài liệu học tập lịch họp thông báo cáo bấm chọn "
    "số ngày giờ tháng năm tuần trước mới hủy dời đổi đúng về với những các một để này rồi hoặc nếu "
    "bí thư đảng viên điểm có mặt vắng lý tên từ đến sẽ dự nhắc đăng ký liên kết"
)
# unmarked words that are right as written, though a marked word folds to them
_RIGHT_AS_WRITTEN = {
    "chi",
    "cho",
    "danh",
    "do",
    "dung",
    "qua",
    "sau",
    "thay",
    "tra",
    "hay",
    "khi",
    "sinh",
    "trong",
    "ngay",  # "gửi ngay": at once
    "thi",  # "thi trắc nghiệm": a quiz
    "vi",  # "phạm vi": scope
    "tham",  # "tham dự": to attend ("thẩm quyền" folds to it)
    "chung",  # "học tập chung": shared ("quần chúng" folds to it)
    "nam",  # "Việt Nam"
    "ba",  # "ba tháng", "thứ Ba": three ("ông/bà" folds to it)
    "nay",  # "năm nay", "từ nay": this year, from now on ("này" folds to it)
    "minh",  # "Hồ Chí Minh" ("mình" folds to it)
    "vai",  # "vai trò": a role ("vài" folds to it)
    "an",  # "Nguyễn Văn An", a name in an example ("ấn" folds to it)
    "gia",  # "tham gia": to take part ("giá" folds to it)
    "trung",  # "trung bình": average ("trúng" folds to it)
    "cao",  # "cao nhất": highest ("cáo" folds to it)
    "ban",  # "ban tổ chức": the organisers ("bạn", "bản" fold to it)
    "bot",  # "chặn bot": a chat bot ("bột" folds to it)
}


def _bare_words(message: str, marked_folds: set[str]) -> list[str]:
    return [
        w
        for w in _WORD.findall(_TYPED.sub(" ", message))
        if w.isascii() and w.lower() in marked_folds and w.lower() not in _RIGHT_AS_WRITTEN
    ]


def test_vietnamese_messages_carry_their_diacritics() -> None:
    # a message typed without marks reads as careless to a Vietnamese secretary: every
    # catalog under config/locales/, every message, every word
    vi = catalogs()["vi"]
    modules = {info.name for info in pkgutil.iter_modules(locales.__path__)}
    assert {"core", "materials", "attendance", "announce", "reports", "schedule", "zalo"} <= modules
    marked_folds = {
        fold(w) for text in (*vi.values(), _COMMON) for w in _WORD.findall(text) if _MARKED.search(w)
    }
    bare = {k: words for k, v in vi.items() if (words := _bare_words(v, marked_folds))}
    assert bare == {}
    unmarked = [
        k for k, v in vi.items() if len(_WORD.findall(_TYPED.sub(" ", v))) > 3 and not _MARKED.search(v)
    ]
    assert unmarked == []
    # composed (NFC) text, and Đ/đ rather than the look-alike Ð/ð
    assert [k for k, v in vi.items() if unicodedata.normalize("NFC", v) != v or re.search("[Ðð]", v)] == []


def test_the_diacritics_check_finds_a_word_without_marks() -> None:
    marked_folds = {fold(w) for w in _WORD.findall(_COMMON)}
    assert _bare_words("Cảm ơn đồng chí, da ghi nhận: da doc «{title}».", marked_folds) == ["da", "da", "doc"]
    assert _bare_words("Gửi tin khong thanh cong", marked_folds) == ["khong"]
    assert _bare_words("Tìm: /tailieu lam theo guong Bac, hoặc gõ «co mat».", marked_folds) == []
    assert _bare_words("Chi bộ chưa đăng tài liệu nào.", marked_folds) == []
