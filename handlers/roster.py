"""Roster files (.csv, .xlsx) as secretaries keep them: read, check every row, and refuse
the whole file when any row is wrong."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from handlers.members import normalize_phone, valid_phone
from handlers.roles import parse_category, parse_position
from handlers.text import fold, name_key
from storage.repos.roster import RosterEntry

HEADERS: dict[str, str] = {
    "ho va ten": "name",
    "ho ten": "name",
    "chi bo": "branch",
    "ten chi bo": "branch",
    "dang bo": "committee",
    "chuc vu": "position",
    "loai": "category",
    "loai dang vien": "category",
    "phan loai": "category",
    "dien thoai": "phone",
    "so dien thoai": "phone",
    "sdt": "phone",
    "mien sinh hoat": "exempt",
    "mien sinh hoat dang": "exempt",
}
REQUIRED = ("name", "branch", "category")
YES = {"x", "co", "yes", "1", "mien"}
NO = {"", "khong", "no", "0"}
HEADER_SEARCH_ROWS = 15


@dataclass(slots=True)
class RosterProblem:
    row: int  # as the secretary sees it in the spreadsheet; 0 = the file itself
    message: str


@dataclass(slots=True)
class RosterCheck:
    entries: list[RosterEntry] = field(default_factory=list)
    problems: list[RosterProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class RosterFileError(Exception):
    pass


def read_table(path: Path) -> list[list[str]]:
    """All rows of the file as text cells."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".xlsx":
            return _read_xlsx(path)
        if suffix in (".csv", ".txt"):
            return _read_csv(path.read_bytes())
    except RosterFileError:
        raise
    except Exception as exc:
        raise RosterFileError(f"Không đọc được tệp {path.name}: {exc}") from exc
    raise RosterFileError(
        f"Tệp {path.name} không phải .csv hay .xlsx. Xin lưu danh sách dưới dạng Excel (.xlsx) hoặc CSV."
    )


def _read_xlsx(path: Path) -> list[list[str]]:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        ws = wb.worksheets[0]
        return [[_cell_text(c) for c in row] for row in ws.iter_rows(values_only=True)]
    finally:
        wb.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_csv(raw: bytes) -> list[list[str]]:
    # Excel writes "CSV UTF-8" with a BOM and "Unicode text" as UTF-16 with a BOM; anything
    # else that is not valid UTF-8 is an old code page we would only garble.
    encoding = "utf-16" if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise RosterFileError(
            "Tệp CSV không ở mã UTF-8. Xin mở bằng Excel và lưu lại dạng «CSV UTF-8»."
        ) from exc
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text), dialect)]


def check_roster(rows: list[list[str]], default_committee: str) -> RosterCheck:
    result = RosterCheck()
    header_at, columns = _find_header(rows)
    if header_at is None:
        result.problems.append(RosterProblem(0, "Không tìm thấy dòng tiêu đề có cột «Họ và tên»."))
        return result
    missing = [f for f in REQUIRED if f not in columns]
    if missing:
        names = {"name": "Họ và tên", "branch": "Chi bộ", "category": "Loại"}
        result.problems.append(
            RosterProblem(header_at + 1, "Thiếu cột: " + ", ".join(f"«{names[f]}»" for f in missing))
        )
        return result

    seen_names: dict[tuple[str, str, str], int] = {}
    seen_phones: dict[str, int] = {}
    for index in range(header_at + 1, len(rows)):
        row = rows[index]
        line = index + 1

        def cell(name: str, row: list[str] = row) -> str:
            col = columns.get(name)
            return row[col].strip() if col is not None and col < len(row) else ""

        if not any(c.strip() for c in row):
            continue
        errors: list[str] = []
        full_name = " ".join(cell("name").split())
        branch = " ".join(cell("branch").split())
        committee = " ".join(cell("committee").split()) or default_committee
        if not full_name:
            errors.append("thiếu họ và tên")
        if not branch:
            errors.append("thiếu chi bộ")
        category = parse_category(cell("category"))
        if category is None:
            raw = cell("category")
            errors.append(
                f"loại «{raw}» không hợp lệ (chỉ nhận: chính thức, dự bị, quần chúng)"
                if raw
                else "thiếu loại (chính thức, dự bị hoặc quần chúng)"
            )
        phone = normalize_phone(cell("phone"))
        if cell("phone") and not valid_phone(phone):
            errors.append(f"số điện thoại «{cell('phone')}» không hợp lệ")
        exempt_raw = fold(cell("exempt"))
        if exempt_raw not in YES | NO:
            errors.append(f"cột «Miễn sinh hoạt» chỉ nhận «x» hoặc «có», không nhận «{cell('exempt')}»")
        position = " ".join(cell("position").split())
        branch_role, committee_role = parse_position(position)
        if full_name and branch:
            key = (name_key(committee), name_key(branch), name_key(full_name))
            if key in seen_names:
                errors.append(f"trùng người với dòng {seen_names[key]} ({full_name}, {branch})")
            else:
                seen_names[key] = line
        if phone and valid_phone(phone):
            if phone in seen_phones:
                errors.append(f"số điện thoại {phone} trùng với dòng {seen_phones[phone]}")
            else:
                seen_phones[phone] = line
        if errors:
            result.problems.extend(RosterProblem(line, e) for e in errors)
            continue
        assert category is not None
        result.entries.append(
            RosterEntry(
                committee=committee,
                committee_key=name_key(committee),
                branch=branch,
                branch_key=name_key(branch),
                full_name=full_name,
                name_key=name_key(full_name),
                category=category.value,
                position=position,
                branch_role=branch_role,
                committee_role=committee_role,
                phone=phone if valid_phone(phone) else "",
                exempt=exempt_raw in YES,
            )
        )
    if not result.entries and not result.problems:
        result.problems.append(RosterProblem(0, "Tệp không có dòng nào dưới tiêu đề."))
    if result.problems:
        result.entries.clear()
    return result


def _find_header(rows: list[list[str]]) -> tuple[int | None, dict[str, int]]:
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns: dict[str, int] = {}
        for col, text in enumerate(row):
            field_name = HEADERS.get(name_key(text))
            if field_name and field_name not in columns:
                columns[field_name] = col
        if "name" in columns:
            return index, columns
    return None, {}


def problems_text(check: RosterCheck) -> str:
    lines = [f"Danh sách bị từ chối, không có gì được ghi. {len(check.problems)} lỗi:"]
    for p in check.problems:
        lines.append(f"- Dòng {p.row}: {p.message}" if p.row else f"- {p.message}")
    lines.append("Xin sửa các dòng trên rồi nhập lại cả tệp.")
    return "\n".join(lines)
