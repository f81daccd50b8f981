"""Reading and checking roster files: every problem listed, the whole file refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from handlers.roster import RosterFileError, check_roster, problems_text, read_table
from tests.fakes.rosters import roster_rows, write_csv, write_xlsx

HEADER = ["Họ và tên", "Chi bộ", "Đảng bộ", "Chức vụ", "Loại", "Điện thoại", "Miễn sinh hoạt"]


def check(rows: list[list[str]]) -> list[tuple[int, str]]:
    result = check_roster(rows, "Đảng bộ")
    return [(p.row, p.message) for p in result.problems]


def test_headers_match_without_case_or_diacritics_and_under_a_title(tmp_path: Path) -> None:
    rows = [
        ["HO VA TEN", "chi bo", "LOAI", "so dien thoai", "Chuc vu"],
        ["Trần Văn Hùng", "Chi bộ 3", "dự bị", "+84 912 345 678", "Phó bí thư chi bộ"],
    ]
    table = read_table(write_xlsx(tmp_path / "ds.xlsx", rows, title="DANH SÁCH ĐẢNG VIÊN CHI BỘ 3"))
    result = check_roster(table, "Đảng bộ Phường 7")
    assert result.ok, result.problems
    (entry,) = result.entries
    assert (entry.full_name, entry.branch, entry.committee) == (
        "Trần Văn Hùng",
        "Chi bộ 3",
        "Đảng bộ Phường 7",
    )
    assert (entry.category, entry.phone, entry.branch_role) == ("du_bi", "0912345678", "pho_bi_thu")


def test_roles_from_chuc_vu() -> None:
    rows = [
        HEADER,
        ["A", "CB1", "", "Bí thư Đảng ủy", "Chính thức", "", ""],
        ["B", "CB1", "", "Cán bộ Đảng ủy", "Chính thức", "", ""],
        ["C", "CB1", "", "Chi ủy viên", "Chính thức", "", ""],
        ["D", "CB1", "", "Kế toán trưởng", "Quần chúng", "", "x"],
    ]
    result = check_roster(rows, "Đảng bộ")
    roles = [(e.full_name, e.branch_role, e.committee_role, e.exempt) for e in result.entries]
    assert roles == [
        ("A", "", "bi_thu_dang_uy", False),
        ("B", "", "can_bo_dang_uy", False),
        ("C", "chi_uy_vien", "", False),
        ("D", "", "", True),
    ]


def test_a_file_with_bad_rows_is_refused_whole_with_every_problem_listed() -> None:
    rows = [
        HEADER,
        ["Nguyễn Văn A", "Chi bộ 1", "", "", "Chính thức", "0901000001", ""],
        ["", "Chi bộ 1", "", "", "Chính thức", "", ""],
        ["Lê Thị B", "", "", "", "Dự bị", "", ""],
        ["Phạm Văn C", "Chi bộ 1", "", "", "Cảm tình đảng", "", ""],
        ["Nguyen Van A", "Chi bộ 1", "", "", "Chính thức", "", ""],
        ["Hoàng D", "Chi bộ 2", "", "", "Chính thức", "0901000001", ""],
        ["Vũ E", "Chi bộ 2", "", "", "Chính thức", "12ab", "không rõ"],
    ]
    result = check_roster(rows, "Đảng bộ")
    assert not result.ok and result.entries == []
    assert check(rows) == [
        (3, "thiếu họ và tên"),
        (4, "thiếu chi bộ"),
        (5, "loại «Cảm tình đảng» không hợp lệ (chỉ nhận: chính thức, dự bị, quần chúng)"),
        (6, "trùng người với dòng 2 (Nguyen Van A, Chi bộ 1)"),
        (7, "số điện thoại 0901000001 trùng với dòng 2"),
        (8, "số điện thoại «12ab» không hợp lệ"),
        (8, "cột «Miễn sinh hoạt» chỉ nhận «x» hoặc «có», không nhận «không rõ»"),
    ]
    assert problems_text(result).startswith(
        "Danh sách bị từ chối, không có gì được ghi. 7 lỗi:\n- Dòng 3: thiếu họ và tên"
    )


def test_the_refusal_in_english_keeps_the_file_s_own_words() -> None:
    rows = [HEADER, ["", "Chi bộ 1", "", "", "Cảm tình đảng", "", ""]]
    assert problems_text(check_roster(rows, "Đảng bộ"), "en").splitlines() == [
        "The roster was refused; nothing was saved. 2 problems:",
        "- Row 2: the full name is missing",
        "- Row 2: the category «Cảm tình đảng» is not valid (only: chính thức, dự bị, quần chúng)",
        "Please fix the rows above and import the whole file again.",
    ]
    assert problems_text(check_roster([["Tên"]], "Đảng bộ"), "en").splitlines()[1] == (
        "- No header row with a «Họ và tên» column was found."
    )


def test_missing_columns_and_missing_header_are_named() -> None:
    assert check([["Họ và tên", "Chi bộ"], ["A", "B"]]) == [(1, "Thiếu cột: «Loại»")]
    assert check([["Tên", "Đơn vị"]]) == [(0, "Không tìm thấy dòng tiêu đề có cột «Họ và tên».")]


def test_unreadable_files_get_a_clear_answer(tmp_path: Path) -> None:
    bad = tmp_path / "ds.xlsx"
    bad.write_bytes(b"not a workbook")
    with pytest.raises(RosterFileError, match=r"Không đọc được tệp ds\.xlsx"):
        read_table(bad)
    with pytest.raises(RosterFileError, match=r"không phải \.csv hay \.xlsx"):
        read_table(tmp_path / "ds.pdf")
    latin = tmp_path / "ds.csv"
    latin.write_bytes(
        "Ho va ten,Chi bo,Loai\nTrần Văn Hùng,Chi bộ 1,Chính thức\n".encode("cp1258", "replace")
    )
    with pytest.raises(RosterFileError, match="CSV UTF-8"):
        read_table(latin)


def test_semicolon_csv_from_excel(tmp_path: Path) -> None:
    path = tmp_path / "ds.csv"
    path.write_text("Họ và tên;Chi bộ;Loại\nNguyễn Văn A;Chi bộ 1;Chính thức\n", encoding="utf-8-sig")
    assert check_roster(read_table(path), "Đảng bộ").ok


def test_a_district_sized_roster_is_accepted(tmp_path: Path) -> None:
    rows = roster_rows(72, 796)
    result = check_roster(read_table(write_csv(tmp_path / "ds.csv", rows)), "Đảng bộ")
    assert result.ok and len(result.entries) == 796
