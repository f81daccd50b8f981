"""Importing rosters into SQLite and PostgreSQL: idempotent, updating, all-or-nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.app import App, RosterRefused, import_roster
from tests.fakes.rosters import roster_rows, write_csv, write_xlsx


async def snapshot(app: App) -> list[tuple[str, str, str, str, bool, str]]:
    async with app.db.unit_of_work() as uow:
        return [
            (p.full_name, p.branch.name, p.category, p.phone, p.active, p.link_code)
            for p, _ in await uow.people.roster_with_links()
        ]


async def test_reimporting_the_same_file_changes_nothing(app_any_db: App, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "ds.xlsx", roster_rows(72, 796))
    first = await import_roster(app_any_db, path)
    assert (len(first.added), first.branches, first.committees) == (796, 72, 1)
    before = await snapshot(app_any_db)
    second = await import_roster(app_any_db, path)
    assert (len(second.added), len(second.updated), second.unchanged, second.deactivated) == (0, 0, 796, [])
    assert await snapshot(app_any_db) == before
    assert len({code for *_, code in before}) == 796


async def test_an_edited_file_updates_people_instead_of_duplicating_them(
    app_any_db: App, tmp_path: Path
) -> None:
    rows = roster_rows(2, 20)
    await import_roster(app_any_db, write_csv(tmp_path / "v1.csv", rows))
    codes = {name: code for name, *_, code in await snapshot(app_any_db)}
    edited = [r[:] for r in rows]
    edited[3][5] = "Chính thức"  # category changed (dự bị → chính thức after a year)
    edited[3][6] = "0988777666"
    edited[4][2] = "Chi bộ 2"  # moved to the other branch, same phone
    removed = edited.pop(5)
    changes = await import_roster(app_any_db, write_csv(tmp_path / "v2.csv", edited))
    assert sorted(changes.updated) == sorted([rows[3][1], rows[4][1]])
    assert changes.deactivated == [removed[1]]
    after = {name: (branch, phone, code) for name, branch, _, phone, _, code in await snapshot(app_any_db)}
    assert len(after) == 19
    assert after[rows[3][1]][1:] == ("0988777666", codes[rows[3][1]])
    assert after[rows[4][1]][0] == "Chi bộ 2" and after[rows[4][1]][2] == codes[rows[4][1]]
    # back on the list: the same person again, with the same code
    await import_roster(app_any_db, write_csv(tmp_path / "v3.csv", rows))
    assert {name: code for name, *_, code in await snapshot(app_any_db)} == codes


async def test_one_branchs_file_leaves_the_other_branches_of_its_committee_alone(
    app_any_db: App, tmp_path: Path
) -> None:
    rows = roster_rows(2, 20)
    await import_roster(app_any_db, write_csv(tmp_path / "all.csv", rows))
    branch_1 = [rows[0], *[r for r in rows[1:] if r[2] == "Chi bộ 1"]]
    removed = branch_1.pop(3)
    changes = await import_roster(app_any_db, write_csv(tmp_path / "one.csv", branch_1))
    assert changes.deactivated == [removed[1]]
    active = {name: on for name, _, _, _, on, _ in await snapshot(app_any_db)}
    assert all(active[r[1]] for r in rows[1:] if r[2] == "Chi bộ 2")
    assert sum(active.values()) == 19


async def test_a_bad_file_writes_nothing(app_any_db: App, tmp_path: Path) -> None:
    rows = roster_rows(3, 30)
    rows[17][5] = "Không rõ"
    with pytest.raises(RosterRefused, match="Dòng 18: loại «Không rõ» không hợp lệ"):
        await import_roster(app_any_db, write_csv(tmp_path / "bad.csv", rows))
    assert await snapshot(app_any_db) == []
