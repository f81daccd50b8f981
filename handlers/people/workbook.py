"""The link codes of a branch (or a Đảng bộ) as a workbook to print and hand out."""

from __future__ import annotations

import io

from handlers.people.services import Codes
from handlers.roles import Category

CATEGORY_NAMES = {
    Category.OFFICIAL.value: "Chính thức",
    Category.PROBATIONARY.value: "Dự bị",
    Category.MASS.value: "Quần chúng",
}


def codes_workbook(codes: Codes, bot_username: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Mã liên kết"
    ws.append([f"Mã liên kết chibo — {codes.scope.name}"])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append(["Mỗi người gửi cho chibo: /start <mã>, hoặc bấm đường link trên Telegram."])
    ws.append([])
    ws.append(["STT", "Họ và tên", "Chi bộ", "Loại", "Đã liên kết", "Mã liên kết", "Đường link Telegram"])
    for cell in ws[4]:
        cell.font = Font(bold=True)
    for n, (member, category, code) in enumerate(codes.people, 1):
        link = f"https://t.me/{bot_username}?start={code}" if bot_username and not member.linked else ""
        ws.append(
            [
                n,
                member.full_name,
                codes.branches.get(member.branch_id, ""),
                CATEGORY_NAMES.get(category, category),
                "có" if member.linked else "chưa",
                "" if member.linked else code,
                link,
            ]
        )
    for column, width in zip("ABCDEFG", (6, 28, 24, 12, 12, 14, 44), strict=True):
        ws.column_dimensions[column].width = width
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
