"""Roster files (.csv, .xlsx) as secretaries keep them: read, check every row, and refuse
the whole file when any row is wrong."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from config.i18n import DEFAULT_LANG, Text, t
from config.text import fold, name_key
from handlers.members import normalize_phone, valid_phone
from handlers.roles import CATEGORY_WORDS, Category, parse_position
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
# how a required column is headed in the file, to name it when it is missing
COLUMN_TITLES = {"name": "Họ và tên", "branch": "Chi bộ", "category": "Loại"}
YES = {"x", "co", "yes", "1", "mien"}
NO = {"", "khong", "no", "0"}
HEADER_SEARCH_ROWS = 15


@dataclass(slots=True)
class RosterProblem:
    row: int  # as the secretary sees it in the spreadsheet; 0 = the file itself
    problem: Text

    def text(self, lang: str) -> str:
        return self.problem.render(lang)

    @property
    def message(self) -> str:
        """In Vietnamese, as `chibo roster import` shows it."""
        return self.text(DEFAULT_LANG)


@dataclass(slots=True)
class RosterCheck:
    entries: list[RosterEntry] = field(default_factory=list)
    problems: list[RosterProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class RosterFileError(Exception):
    """A file that cannot be read as a table; `str()` is the Vietnamese text."""

    def __init__(self, problem: Text) -> None:
        super().__init__(problem.render(DEFAULT_LANG))
        self.problem = problem

    def text(self, lang: str) -> str:
        return self.problem.render(lang)


TABLE_SUFFIXES = (".xlsx", ".csv")


def read_table(path: Path) -> list[list[str]]:
    """All rows of the file as text cells."""
    if path.suffix.lower() not in (*TABLE_SUFFIXES, ".txt"):
        raise RosterFileError(Text("roster.not_a_table", {"file": path.name}))
    return read_table_bytes(path.name, path.read_bytes())


def read_table_bytes(file_name: str, content: bytes) -> list[list[str]]:
    """All rows of a file sent as bytes (a chat upload), as text cells."""
    suffix = Path(file_name).suffix.lower()
    try:
        if suffix == ".xlsx":
            return _read_xlsx(content)
        if suffix in (".csv", ".txt"):
            return _read_csv(content)
    except RosterFileError:
        raise
    except Exception as exc:
        raise RosterFileError(Text("roster.unreadable", {"file": file_name, "error": exc})) from exc
    raise RosterFileError(Text("roster.not_a_table", {"file": file_name}))


def _read_xlsx(content: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
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
        raise RosterFileError(Text("roster.not_utf8")) from exc
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text), dialect)]


def check_roster(
    rows: list[list[str]],
    default_committee: str,
    within: Callable[[RosterEntry], Text | None] | None = None,
) -> RosterCheck:
    """Every row checked; `within` may refuse a row that is valid but not the sender's to
    import (another branch's people in a secretary's file)."""
    result = RosterCheck()
    header_at, columns = _find_header(rows)
    if header_at is None:
        result.problems.append(RosterProblem(0, Text("roster.no_header")))
        return result
    missing = [f for f in REQUIRED if f not in columns]
    if missing:
        listed = ", ".join(f"«{COLUMN_TITLES[f]}»" for f in missing)
        result.problems.append(
            RosterProblem(header_at + 1, Text("roster.missing_columns", {"columns": listed}))
        )
        return result
    seen = _Seen()
    for index in range(header_at + 1, len(rows)):
        if any(c.strip() for c in rows[index]):
            _check_row(_Row(rows[index], columns), index + 1, default_committee, seen, result, within)
    if not result.entries and not result.problems:
        result.problems.append(RosterProblem(0, Text("roster.no_rows")))
    if result.problems:
        result.entries.clear()
    return result


@dataclass(frozen=True, slots=True)
class _Row:
    cells: list[str]
    columns: dict[str, int]

    def cell(self, name: str) -> str:
        col = self.columns.get(name)
        return self.cells[col].strip() if col is not None and col < len(self.cells) else ""

    def words(self, name: str) -> str:
        return " ".join(self.cell(name).split())


@dataclass(slots=True)
class _Seen:
    """Where each person and each phone number first appeared, for duplicates."""

    names: dict[tuple[str, str, str], int] = field(default_factory=dict)
    phones: dict[str, int] = field(default_factory=dict)
    # folding is most of a big file's check, and committee, branch, category, position and
    # exempt cells repeat on every row: each distinct cell is folded once
    folded: dict[str, str] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)
    positions: dict[str, tuple[str, str]] = field(default_factory=dict)

    def position(self, text: str) -> tuple[str, str]:
        found = self.positions.get(text)
        if found is None:
            found = self.positions[text] = parse_position(text)
        return found

    def fold(self, text: str) -> str:
        found = self.folded.get(text)
        if found is None:
            found = self.folded[text] = fold(text)
        return found

    def key(self, text: str) -> str:
        found = self.keys.get(text)
        if found is None:
            found = self.keys[text] = name_key(text)
        return found


def _check_row(
    row: _Row,
    line: int,
    default_committee: str,
    seen: _Seen,
    result: RosterCheck,
    within: Callable[[RosterEntry], Text | None] | None = None,
) -> None:
    full_name, branch = row.words("name"), row.words("branch")
    committee = row.words("committee") or default_committee
    phone = normalize_phone(row.cell("phone"))
    person_key = name_key(full_name)
    category = CATEGORY_WORDS.get(seen.fold(row.cell("category")))
    problems = _cell_problems(row, phone, category, seen)
    key = (seen.key(committee), seen.key(branch), person_key)
    problems += _duplicate_problems(seen, line, (branch, full_name), key, phone)
    if problems:
        result.problems.extend(RosterProblem(line, p) for p in problems)
        return
    assert category is not None
    position = row.words("position")
    branch_role, committee_role = seen.position(position)
    entry = RosterEntry(
        committee=committee,
        committee_key=seen.key(committee),
        branch=branch,
        branch_key=seen.key(branch),
        full_name=full_name,
        name_key=person_key,
        category=category.value,
        position=position,
        branch_role=branch_role,
        committee_role=committee_role,
        phone=phone if valid_phone(phone) else "",
        exempt=seen.fold(row.cell("exempt")) in YES,
    )
    outside = within(entry) if within is not None else None
    if outside is not None:
        result.problems.append(RosterProblem(line, outside))
        return
    result.entries.append(entry)


def _cell_problems(row: _Row, phone: str, category: Category | None, seen: _Seen) -> list[Text]:
    """What is wrong in the row's own cells, in the order of the columns' meaning."""
    problems: list[Text] = []
    if not row.words("name"):
        problems.append(Text("roster.no_name"))
    if not row.words("branch"):
        problems.append(Text("roster.no_branch"))
    raw_category = row.cell("category")
    if category is None:
        problems.append(
            Text("roster.bad_category", {"value": raw_category})
            if raw_category
            else Text("roster.no_category")
        )
    if row.cell("phone") and not valid_phone(phone):
        problems.append(Text("roster.bad_phone", {"value": row.cell("phone")}))
    if seen.fold(row.cell("exempt")) not in YES | NO:
        problems.append(Text("roster.bad_exempt", {"value": row.cell("exempt")}))
    return problems


def _duplicate_problems(
    seen: _Seen, line: int, who: tuple[str, str], key: tuple[str, str, str], phone: str
) -> list[Text]:
    """The row's person or phone number met on an earlier row; the first sighting is remembered.
    `who` is (branch, full name) as written, `key` the (committee, branch, person) name keys."""
    problems: list[Text] = []
    branch, full_name = who
    if full_name and branch:
        if key in seen.names:
            problems.append(
                Text("roster.same_person", {"line": seen.names[key], "name": full_name, "branch": branch})
            )
        else:
            seen.names[key] = line
    if phone and valid_phone(phone):
        if phone in seen.phones:
            problems.append(Text("roster.same_phone", {"phone": phone, "line": seen.phones[phone]}))
        else:
            seen.phones[phone] = line
    return problems


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


def problems_text(check: RosterCheck, lang: str = DEFAULT_LANG) -> str:
    """The refusal, every problem on its own line; Vietnamese unless the reader's language is given."""
    lines = [t(lang, "roster.refused", n=len(check.problems))]
    for p in check.problems:
        if p.row:
            lines.append(t(lang, "roster.problem_at_row", row=p.row, problem=p.text(lang)))
        else:
            lines.append(t(lang, "roster.problem", problem=p.text(lang)))
    lines.append(t(lang, "roster.fix_and_retry"))
    return "\n".join(lines)
