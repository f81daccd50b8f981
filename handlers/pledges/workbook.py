"""The branch's year-end pledge workbook, in the reports' layout (handlers/reports/excel.py):
the title block, Vietnamese headers, the signature area. Sheets: "Tổng hợp" (a row per
person: the pledge, its actions' states, months reported and reviewed, attendance, the
self-assessment), "Chi tiết" (every action, month by month), "Nhận xét" (the secretary's
monthly comments)."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from config.clock import local
from handlers.people.workbook import CATEGORY_NAMES
from handlers.pledges.followup import month_label
from handlers.pledges.summary import MemberYear
from handlers.reports.build import Heading
from handlers.reports.excel import PERCENT, _signature, _widths

T = Callable[..., str]
_BOLD = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDE7F3")
_SUMMARY = ["stt", "name", "category", "registered", "actions", "done", "doing", "not", "months", "reviewed",
            "level", "present", "expected", "rate", "self_level", "confirmed"]  # fmt: skip
_DETAIL = ["stt", "name", "action", "when", "evidence", "states"]
_REVIEWS = ["stt", "name", "month", "rating", "comment"]


def _title(ws: Worksheet, t: T, heading: Heading, width: int) -> int:
    last = get_column_letter(width)
    mid = get_column_letter(max(3, width // 2))
    right = get_column_letter(max(4, width // 2 + 1))
    ws["A1"], ws[f"{right}1"] = heading.committee.upper(), t("rep.xlsx.party")
    ws["A2"], ws[f"{right}2"] = (
        heading.branch.upper(),
        t(
            "rep.xlsx.dated",
            day=f"{local(heading.dated).day:02d}",
            month=f"{local(heading.dated).month:02d}",
            year=local(heading.dated).year,
        ),
    )
    for cell, end in (
        ("A1", f"{mid}1"),
        ("A2", f"{mid}2"),
        (f"{right}1", f"{last}1"),
        (f"{right}2", f"{last}2"),
    ):
        ws.merge_cells(f"{cell}:{end}")
        ws[cell].alignment = Alignment(horizontal="center")
        ws[cell].font = _BOLD
    ws[f"{right}1"].font = Font(bold=True, underline="single")
    ws[f"{right}2"].font = Font(italic=True)
    ws["A4"] = t("pl.xlsx.title", year=heading.period)
    ws["A4"].font = Font(bold=True, size=13)
    ws["A4"].alignment = Alignment(horizontal="center")
    ws.merge_cells(f"A4:{last}4")
    return 6


def _header(ws: Worksheet, t: T, keys: Sequence[str], row: int) -> None:
    for col, k in enumerate(keys, 1):
        cell = ws.cell(row, col, t(f"pl.xlsx.col.{k}"))
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")


def year_workbook(t: T, members: list[MemberYear], heading: Heading) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = t("pl.xlsx.sheet_summary")
    row = _title(ws, t, heading, len(_SUMMARY))
    _header(ws, t, _SUMMARY, row)
    row += 1
    for i, m in enumerate(members, 1):
        cells: list[object] = [
            i,
            m.person.full_name,
            CATEGORY_NAMES.get(m.person.category, m.person.category),
        ]
        if m.pledge is None:
            cells += [t("pl.xlsx.no")]
        else:
            n = len(m.pledge.text.actions)
            states = [m.last_status(k) for k in range(1, n + 1)]
            level = m.suggested_level()
            cells += [
                t("pl.xlsx.yes"),
                n,
                states.count("done"),
                states.count("doing"),
                n - states.count("done") - states.count("doing"),
                len(m.reports),
                len(m.reviews),
                t(f"pl.rating.{level}") if level else "",
            ]
        a = m.attendance
        cells += [None] * (11 - len(cells)) + [
            a.present,
            a.expected,
            a.present / a.expected if a.expected else None,
        ]
        if m.pledge is not None and m.pledge.pledge.confirmed_at is not None:
            cells += [
                t(f"pl.rating.{m.pledge.pledge.self_level}"),
                local(m.pledge.pledge.confirmed_at).date(),
            ]
        for col, value in enumerate(cells, 1):
            if value is not None:
                ws.cell(row, col, value)
        ws.cell(row, 14).number_format = PERCENT
        ws.cell(row, 16).number_format = "dd/mm/yyyy"
        row += 1
    _widths(ws, [5, 26, 12, 10, 8, 8, 8, 8, 10, 10, 20, 8, 8, 8, 20, 12])
    _signature(ws, t, heading, row, len(_SUMMARY))

    detail = wb.create_sheet(t("pl.xlsx.sheet_detail"))
    row = _title(detail, t, heading, len(_DETAIL))
    _header(detail, t, _DETAIL, row)
    row += 1
    k = 0
    for m in members:
        if m.pledge is None:
            continue
        for n, action in enumerate(m.pledge.text.actions, 1):
            k += 1
            history = "; ".join(
                f"{month_label(month)}: {t(f'pl.status.{r[n].status}')}"
                + (f" ({r[n].note})" if r[n].note else "")
                for month, r in sorted(m.reports.items())
                if n in r
            )
            for col, value in enumerate(
                [k, m.person.full_name, action["what"], action["when"], action["evidence"], history], 1
            ):
                detail.cell(row, col, value).alignment = Alignment(wrap_text=True, vertical="top")
            row += 1
    _widths(detail, [5, 24, 40, 18, 30, 50])

    said = wb.create_sheet(t("pl.xlsx.sheet_reviews"))
    row = _title(said, t, heading, len(_REVIEWS))
    _header(said, t, _REVIEWS, row)
    row += 1
    k = 0
    for m in members:
        for month, review in sorted(m.reviews.items()):
            k += 1
            for col, value in enumerate(
                [k, m.person.full_name, month_label(month), t(f"pl.rating.{review.rating}"), review.comment],
                1,
            ):
                said.cell(row, col, value)
            row += 1
    _widths(said, [5, 26, 10, 22, 60])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
