"""The .xlsx a secretary forwards upward as it is, laid out like the committees' own forms:
a title block (Đảng bộ, chi bộ, the month), Vietnamese headers, a signature area (T/M chi
bộ, Bí thư); percentages and dates as real number and date cells.

Sheets: "Tổng hợp" (branch meetings and study sessions apart, branches that held no branch
meeting first, each session of several branches with its own figure), "Theo đối tượng",
"Danh sách" (every person at every meeting, with the reason and who entered a proxy
check-in) and, for a branch, "Theo tháng"."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import datetime

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from config.clock import local
from config.formatting import fmt_datetime
from handlers.reports.build import Heading, Listing, NotHeld, Report
from handlers.reports.rules import branch_flag
from handlers.reports.tally import CATEGORIES, BranchTally, Tally, mass, party
from storage.repos.reports import ListRow

T = Callable[..., str]
PERCENT = "0.0%"
DATETIME = "dd/mm/yyyy hh:mm"
DATE = "dd/mm/yyyy"
INTEGER = "#,##0"
_HEADER_FILL = PatternFill("solid", fgColor="DDE7F3")
_SECTION_FILL = PatternFill("solid", fgColor="F2F2F2")
_FLAG_FONT = Font(color="C0392B")
_BOLD = Font(bold=True)
_ROMAN = ("I", "II", "III", "IV")


def _upper(text: str) -> str:
    return text.upper()


def _title_block(
    ws: Worksheet, t: T, heading: Heading, title_key: str, width: int, basis_key: str = "rep.xlsx.basis"
) -> int:
    """Rows 1–6 as on a committee's form; returns the next free row."""
    left = get_column_letter(max(3, width // 2))
    right_from = get_column_letter(max(4, width // 2 + 1))
    last = get_column_letter(width)
    ws["A1"] = _upper(heading.committee)
    ws["A1"].font = _BOLD
    ws.merge_cells(f"A1:{left}1")
    ws[f"{right_from}1"] = t("rep.xlsx.party")
    ws[f"{right_from}1"].font = Font(bold=True, underline="single")
    ws.merge_cells(f"{right_from}1:{last}1")
    ws["A2"] = _upper(heading.branch) if heading.branch else ""
    ws["A2"].font = _BOLD
    ws.merge_cells(f"A2:{left}2")
    d = local(heading.dated)
    ws[f"{right_from}2"] = t("rep.xlsx.dated", day=f"{d.day:02d}", month=f"{d.month:02d}", year=d.year)
    ws[f"{right_from}2"].font = Font(italic=True)
    ws.merge_cells(f"{right_from}2:{last}2")
    for cell in ("A1", "A2", f"{right_from}1", f"{right_from}2"):
        ws[cell].alignment = Alignment(horizontal="center")
    ws["A4"] = t(title_key, period=heading.period)
    ws["A4"].font = Font(bold=True, size=13)
    ws["A4"].alignment = Alignment(horizontal="center")
    ws.merge_cells(f"A4:{last}4")
    ws["A5"] = t(basis_key)
    ws["A5"].font = Font(italic=True, size=9)
    ws["A5"].alignment = Alignment(horizontal="center", wrap_text=True)
    ws.merge_cells(f"A5:{last}5")
    ws.row_dimensions[5].height = 26
    return 7


def _signature(ws: Worksheet, t: T, heading: Heading, row: int, width: int) -> None:
    """T/M chi bộ (or Đảng ủy), Bí thư, room to sign, the name; "Nơi nhận" on the left."""
    row += 2
    sign_from = get_column_letter(max(4, width // 2 + 1))
    last = get_column_letter(width)
    on_behalf = t("rep.xlsx.on_behalf_branch" if heading.branch else "rep.xlsx.on_behalf_committee")
    lines = [(on_behalf, _BOLD), (t("rep.xlsx.secretary"), _BOLD), ("", None), ("", None), ("", None)]
    lines.append((heading.signer, _BOLD) if heading.signer else (t("rep.xlsx.sign_here"), Font(italic=True)))
    for i, (text, font) in enumerate(lines):
        cell = ws[f"{sign_from}{row + i}"]
        cell.value = text or None
        cell.alignment = Alignment(horizontal="center")
        if font is not None:
            cell.font = font
        ws.merge_cells(f"{sign_from}{row + i}:{last}{row + i}")
    if heading.branch:
        ws[f"A{row}"] = t("rep.xlsx.recipients")
        ws[f"A{row}"].font = Font(bold=True, italic=True, size=9)
        ws[f"A{row + 1}"] = t("rep.xlsx.recipient_committee", committee=heading.committee)
        ws[f"A{row + 2}"] = t("rep.xlsx.recipient_file")
        for r in (row + 1, row + 2):
            ws[f"A{r}"].font = Font(size=9)


def _header(ws: Worksheet, t: T, keys: Sequence[str], row: int, prefix: str = "rep.xlsx.col") -> None:
    for col, k in enumerate(keys, 1):
        cell = ws.cell(row, col, t(f"{prefix}.{k}"))
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")


def _widths(ws: Worksheet, widths: list[int]) -> None:
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w


_TALLY_KEYS = ["expected", "present", "on_time", "late", "excused", "absent", "pending", "rate"]
_SUMMARY_KEYS = ["stt", "branch", "meetings", *_TALLY_KEYS, "mass", "exempt", "note"]


def _tally_cells(t: Tally) -> list[object]:
    rate = t.present / t.expected if t.expected else None
    return [t.expected, t.present, t.on_time, t.late, t.excused, t.absent, t.will_attend + t.unanswered, rate]


def _mass_cell(b: BranchTally) -> str:
    m = mass(b)
    return f"{m.present}/{m.expected}" if m.expected else ""


def _format_row(ws: Worksheet, row: int, first_number: int, rate_col: int) -> None:
    for col in range(first_number, rate_col):
        ws.cell(row, col).number_format = INTEGER
    ws.cell(row, rate_col).number_format = PERCENT


def _append(ws: Worksheet, row: int, values: Sequence[object]) -> None:
    for col, value in enumerate(values, 1):
        if value is not None and value != "":
            ws.cell(row, col, value)


def _section(
    ws: Worksheet,
    t: T,
    row: int,
    title: str,
    branches: list[BranchTally],
    total: BranchTally,
    not_held: list[NotHeld],
) -> int:
    """A section heading, its header, the branches that held nothing, then each branch
    (lowest first) and the total; returns the next free row."""
    width = len(_SUMMARY_KEYS)
    ws.cell(row, 1, title).font = _BOLD
    for col in range(1, width + 1):
        ws.cell(row, col).fill = _SECTION_FILL
    _header(ws, t, _SUMMARY_KEYS, row + 1)
    row += 2
    note_col = width
    i = 0
    for i, n in enumerate(not_held, 1):
        planned = t("rep.xlsx.planned", day=fmt_datetime(n.scheduled)) if n.scheduled else ""
        _append(ws, row, [i, n.name, 0])
        ws.cell(row, note_col, t("rep.xlsx.not_held") + planned).font = _FLAG_FONT
        row += 1
    for k, b in enumerate(branches, i + 1):
        tally = party(b)
        flag = branch_flag(t, tally)
        _append(ws, row, [k, b.name, b.meetings, *_tally_cells(tally), _mass_cell(b), b.exempt_people, flag])
        _format_row(ws, row, 3, 11)
        if flag:
            ws.cell(row, note_col).font = _FLAG_FONT
        row += 1
    _append(
        ws,
        row,
        [
            "",
            t("rep.xlsx.total"),
            total.meetings,
            *_tally_cells(party(total)),
            _mass_cell(total),
            total.exempt_people,
        ],
    )
    _format_row(ws, row, 3, 11)
    for col in range(1, width + 1):
        ws.cell(row, col).font = _BOLD
    return row + 2


def _summary(ws: Worksheet, t: T, report: Report, heading: Heading) -> None:
    width = len(_SUMMARY_KEYS)
    row = _title_block(ws, t, heading, "rep.xlsx.title_summary", width)
    sections = 0
    if report.parts:
        for part in report.parts:
            not_held = report.not_held if part.kind == "sinh_hoat" else []
            if not (part.branches or not_held):
                continue
            title = f"{_ROMAN[sections]}. {t(f'rep.xlsx.part.{part.kind}')}"
            row = _section(ws, t, row, title, part.branches, part.total, not_held)
            sections += 1
    else:
        title = report.meeting.title if report.meeting is not None else t("rep.xlsx.total")
        row = _section(ws, t, row, title, report.branches, report.total, [])
    if report.sessions:
        ws.cell(row, 1, f"{_ROMAN[sections]}. {t('rep.xlsx.part.sessions')}").font = _BOLD
        for col in range(1, width + 1):
            ws.cell(row, col).fill = _SECTION_FILL
        keys = ["stt", "session", "starts", "branches", "expected", "present", "rate", "mass"]
        _header(ws, t, keys, row + 1)
        row += 2
        for i, s in enumerate(report.sessions, 1):
            tally = party(s.total)
            rate = tally.present / tally.expected if tally.expected else None
            _append(
                ws,
                row,
                [
                    i,
                    s.meeting.title,
                    local(s.meeting.starts_at).replace(tzinfo=None),
                    s.branches,
                    tally.expected,
                    tally.present,
                    rate,
                    _mass_cell(s.total),
                ],
            )
            ws.cell(row, 3).number_format = DATETIME
            ws.cell(row, 5).number_format = INTEGER
            ws.cell(row, 6).number_format = INTEGER
            ws.cell(row, 7).number_format = PERCENT
            row += 1
    _signature(ws, t, heading, row, width)
    _widths(ws, [6, 32, 9, 11, 9, 9, 8, 11, 11, 11, 9, 12, 10, 30])


def _categories(ws: Worksheet, t: T, report: Report) -> None:
    keys = ["kind", "branch", "category", *_TALLY_KEYS]
    _header(ws, t, keys, 1)
    ws.freeze_panes = "A2"
    row = 2
    parts = [(t(f"rep.xlsx.part.{p.kind}"), p.branches, p.total) for p in report.parts if p.branches]
    if not report.parts:
        parts = [("", report.branches, report.total)]
    for kind, branches, total in parts:
        for b in [*branches, total]:
            for cat in CATEGORIES:
                tally = b.by_category[cat.value]
                if tally.expected:
                    name = b.name or t("rep.xlsx.total")
                    _append(ws, row, [kind, name, t(f"rep.category.{cat.value}"), *_tally_cells(tally)])
                    _format_row(ws, row, 4, 11)
                    row += 1
    _widths(ws, [18, 32, 24, 11, 9, 9, 8, 11, 11, 11, 9])


def list_status(row: ListRow, ended: bool) -> str:
    """The list's word for one person at one meeting: present, late, excused, absent, exempt,
    or (while it is held) attending / not yet."""
    status = row.status
    if status in ("present", "late", "excused"):
        return status
    if row.exempt:
        return "exempt"
    if status is None or status == "absent":
        return "absent" if ended else "unanswered"
    return "absent" if ended else "will_attend"


def _names(ws: Worksheet, t: T, listing: Listing, heading: Heading, now: datetime) -> None:
    several = len({r.branch_id for r in listing.rows}) > 1
    keys = [
        "stt",
        "date",
        "session",
        *(["branch"] if several else []),
        "name",
        "category",
        "status",
        "reason",
        "recorded_at",
        "recorded_by",
    ]
    width = len(keys)
    row = _title_block(ws, t, heading, "rep.xlsx.title_names", width)
    _header(ws, t, keys, row)
    ws.freeze_panes = ws.cell(row + 1, 1)
    row += 1
    meetings = {m.id: m for m in listing.meetings}
    known = {c.value for c in CATEGORIES}
    status_col = keys.index("status") + 1
    for i, r in enumerate(listing.rows, 1):
        m = meetings[r.meeting_id]
        status = list_status(r, m.ends_at <= now)
        values: list[object] = [i, local(m.starts_at).date(), m.title]
        if several:
            values.append(listing.branch_names.get(r.branch_id, ""))
        values += [
            r.full_name,
            t(f"rep.category.{r.category}") if r.category in known else r.category,
            t(f"rep.xlsx.status.{status}"),
            r.reason if status == "excused" else "",
            local(r.recorded_at).replace(tzinfo=None) if r.recorded_at is not None and r.status else None,
            r.recorded_by,
        ]
        _append(ws, row, values)
        ws.cell(row, 2).number_format = DATE
        ws.cell(row, width - 1).number_format = DATETIME
        if status == "absent":
            ws.cell(row, status_col).font = _FLAG_FONT
        row += 1
    _signature(ws, t, heading, row, width)
    _widths(ws, [6, 11, 28, *([26] if several else []), 26, 20, 18, 28, 16, 24])


def _months(ws: Worksheet, t: T, months: list[tuple[str, BranchTally]]) -> None:
    _header(ws, t, ["month", "meetings", *_TALLY_KEYS], 1)
    ws.freeze_panes = "A2"
    for row, (month, b) in enumerate(months, 2):
        _append(ws, row, [month, b.meetings, *_tally_cells(party(b))])
        _format_row(ws, row, 2, 10)
    _widths(ws, [10, 9, 11, 9, 9, 8, 11, 11, 11, 9])


def workbook(
    t: T,
    report: Report,
    heading: Heading,
    listing: Listing | None = None,
    months: list[tuple[str, BranchTally]] | None = None,
) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = t("rep.xlsx.sheet_summary")
    _summary(ws, t, report, heading)
    _categories(wb.create_sheet(t("rep.xlsx.sheet_categories")), t, report)
    if listing is not None:
        _names(wb.create_sheet(t("rep.xlsx.sheet_names")), t, listing, heading, report.generated_at)
    if months:
        _months(wb.create_sheet(t("rep.xlsx.sheet_months")), t, months)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
