"""The .xlsx a secretary forwards upward as it is: Vietnamese headers, one sheet per view,
percentages and dates as real number and date cells."""

from __future__ import annotations

import io
from collections.abc import Callable

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from config.clock import local
from handlers.reports.build import Report
from handlers.reports.render import outcome
from handlers.reports.rules import branch_flag
from handlers.reports.tally import CATEGORIES, BranchTally, Tally

T = Callable[..., str]
PERCENT = "0.0%"
DATETIME = "dd/mm/yyyy hh:mm"
INTEGER = "#,##0"
_HEADER_FILL = PatternFill("solid", fgColor="DDE7F3")
_FLAG_FONT = Font(color="C0392B")


def _header(ws: Worksheet, t: T, keys: list[str]) -> None:
    ws.append([t(f"rep.xlsx.col.{k}") for k in keys])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    ws.freeze_panes = "A2"


def _widths(ws: Worksheet, widths: list[int]) -> None:
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w


def _tally_cells(t: Tally) -> list[object]:
    rate = t.present / t.expected if t.expected else None
    return [t.expected, t.present, t.on_time, t.late, t.excused, t.absent, t.will_attend + t.unanswered, rate]


def _format_row(ws: Worksheet, row: int, first_number: int, rate_col: int) -> None:
    for col in range(first_number, rate_col):
        ws.cell(row, col).number_format = INTEGER
    ws.cell(row, rate_col).number_format = PERCENT


_TALLY_KEYS = ["expected", "present", "on_time", "late", "excused", "absent", "pending", "rate"]


def _append(ws: Worksheet, values: list[object]) -> int:
    """Appends a row and returns its number (openpyxl's max_row walks every cell when asked)."""
    ws.append(values)
    return int(ws._current_row)


def workbook(t: T, report: Report, months: list[tuple[str, BranchTally]] | None = None) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = t("rep.xlsx.sheet_summary")
    _header(ws, t, ["stt", "branch", "meetings", *_TALLY_KEYS, "exempt", "note"])
    for i, b in enumerate(report.branches, 1):
        flag = branch_flag(t, b.total)
        row = _append(ws, [i, b.name, b.meetings, *_tally_cells(b.total), b.exempt_people, flag])
        _format_row(ws, row, 3, 11)
        if flag:
            ws.cell(row, 13).font = _FLAG_FONT
    total = report.total
    row = _append(
        ws, ["", t("rep.xlsx.total"), total.meetings, *_tally_cells(total.total), total.exempt_people]
    )
    _format_row(ws, row, 3, 11)
    for cell in ws[row]:
        cell.font = Font(bold=True)
    _widths(ws, [6, 32, 9, 12, 9, 9, 8, 12, 12, 12, 9, 12, 26])

    cats = wb.create_sheet(t("rep.xlsx.sheet_categories"))
    _header(cats, t, ["branch", "category", *_TALLY_KEYS])
    for b in [*report.branches, report.total]:
        for cat in CATEGORIES:
            tally = b.by_category[cat.value]
            if tally.expected:
                name = b.name or t("rep.xlsx.total")
                row = _append(cats, [name, t(f"rep.category.{cat.value}"), *_tally_cells(tally)])
                _format_row(cats, row, 3, 10)
    _widths(cats, [32, 24, 12, 9, 9, 8, 12, 12, 12, 9])

    if report.roster:
        names = wb.create_sheet(t("rep.xlsx.sheet_names"))
        keys = ["stt", "name", "branch", "category", "exempt_flag", "status", "reason", "recorded_at"]
        _header(names, t, keys)
        ended = report.meeting is not None and report.meeting.ends_at <= report.generated_at
        known = {c.value for c in CATEGORIES}
        for i, (person, record) in enumerate(report.roster, 1):
            status = outcome(record, ended)
            reason = record.reason if record is not None else ""
            row = _append(
                names,
                [
                    i,
                    person.full_name,
                    person.branch.name,
                    t(f"rep.category.{person.category}") if person.category in known else person.category,
                    t("rep.xlsx.yes") if person.exempt else "",
                    t(f"rep.status.{status}", reason=reason or t("rep.no_reason")),
                    reason,
                    local(record.recorded_at).replace(tzinfo=None) if record is not None else None,
                ],
            )
            names.cell(row, 8).number_format = DATETIME
        _widths(names, [6, 28, 28, 22, 9, 28, 30, 17])

    if months:
        ms = wb.create_sheet(t("rep.xlsx.sheet_months"))
        _header(ms, t, ["month", "meetings", *_TALLY_KEYS])
        for month, b in months:
            row = _append(ms, [month, b.meetings, *_tally_cells(b.total)])
            _format_row(ms, row, 2, 10)
        _widths(ms, [10, 9, 12, 9, 9, 8, 12, 12, 12, 9])

    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
