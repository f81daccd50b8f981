"""Roster files like the ones secretaries keep, of any size."""

from __future__ import annotations

import csv
from pathlib import Path

HEADER = ["STT", "Họ và tên", "Chi bộ", "Đảng bộ", "Chức vụ", "Loại", "Điện thoại", "Miễn sinh hoạt"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thanh", "Quốc", "Ngọc", "Hữu"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Hà",
    "Hải",
    "Hạnh",
    "Hùng",
    "Lan",
    "Linh",
    "Mai",
    "Nam",
    "Phương",
    "Quang",
    "Sơn",
    "Thảo",
    "Trang",
    "Tuấn",
    "Yến",
    "Xuân",
]


def person_name(i: int) -> str:
    return (
        f"{FAMILY[i % 10]} {MIDDLE[(i // 10) % 8]} {GIVEN[(i // 80) % 20]} {i // 1600 + 1}"
        if i >= 1600
        else (f"{FAMILY[i % 10]} {MIDDLE[(i // 10) % 8]} {GIVEN[(i // 80) % 20]}")
    )


def roster_rows(branches: int, people: int, committee: str = "Đảng bộ Khối Doanh nghiệp") -> list[list[str]]:
    """`people` spread over `branches` as evenly as they go (72 branches, 796 people)."""
    rows = [HEADER]
    n = 0
    for b in range(branches):
        size = people // branches + (1 if b < people % branches else 0)
        for k in range(size):
            position = "Bí thư" if k == 0 else "Phó Bí thư" if k == 1 else "Đảng viên"
            category = "Quần chúng" if k % 11 == 10 else "Dự bị" if k % 9 == 8 else "Chính thức"
            exempt = "x" if k % 25 == 24 else ""
            rows.append(
                [
                    str(n + 1),
                    person_name(n),
                    f"Chi bộ {b + 1}",
                    committee,
                    position,
                    category,
                    f"09{n:08d}",
                    exempt,
                ]
            )
            n += 1
    return rows


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list[str]], title: str | None = None) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    if title:
        ws.append([title])
        ws.append([])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path
