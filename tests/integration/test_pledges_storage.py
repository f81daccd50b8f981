"""Pledges in storage, on SQLite and PostgreSQL: a change is a new version (the earlier kept),
registration counts by branch and category, at most so many reminder rounds however often
they are asked for."""

from __future__ import annotations

from pathlib import Path

from bot.app import App, import_roster
from storage.repos.pledges import PledgeText
from tests.fakes.rosters import write_csv

ROSTER = [
    ["Họ và tên", "Chi bộ", "Đảng bộ", "Chức vụ", "Loại", "Miễn sinh hoạt"],
    ["Nguyễn Thị Lan", "Chi bộ Khu phố 1", "Đảng bộ Phường Mẫu", "Bí thư", "Chính thức", ""],
    ["Lê Thị Mai", "Chi bộ Khu phố 1", "Đảng bộ Phường Mẫu", "", "Chính thức", ""],
    ["Phạm Văn Đức", "Chi bộ Khu phố 1", "Đảng bộ Phường Mẫu", "", "Dự bị", ""],
    ["Trần Văn Nam", "Chi bộ Khu phố 1", "Đảng bộ Phường Mẫu", "", "Quần chúng", ""],
    ["Võ Văn Già", "Chi bộ Khu phố 1", "Đảng bộ Phường Mẫu", "", "Chính thức", "x"],
    ["Đặng Quốc Tuấn", "Chi bộ Khu phố 2", "Đảng bộ Phường Mẫu", "Bí thư", "Chính thức", ""],
]
TEXT = PledgeText(
    "Chuyên đề", ["Nội dung 1"], "Còn ngại phát biểu", [{"what": "a", "when": "hằng tháng", "evidence": "b"}]
)


async def test_versions_counts_and_reminder_rounds(app_any_db: App, tmp_path: Path) -> None:
    app = app_any_db
    await import_roster(app, write_csv(tmp_path / "roster.csv", ROSTER))
    now = app.clock.now()
    async with app.db.unit_of_work() as uow:
        people = {p.full_name: p for p, _ in await uow.people.roster_with_links()}
        mai, nam = people["Lê Thị Mai"], people["Trần Văn Nam"]
        await uow.pledges.save(mai, 2026, TEXT, mai.id, now)
        changed = PledgeText(TEXT.topic, TEXT.contents, "Sửa: còn chậm", TEXT.actions)
        second = await uow.pledges.save(mai, 2026, changed, mai.id, now)
        await uow.pledges.save(nam, 2026, TEXT, nam.id, now)
        await uow.pledges.save(people["Võ Văn Già"], 2026, TEXT, mai.id, now)
        await uow.commit()
    assert second.versions == 2
    async with app.db.unit_of_work() as uow:
        current = await uow.pledges.of(mai.id, 2026)
        assert current is not None and current.text.shortcomings == "Sửa: còn chậm"
        versions = await uow.pledges.versions(current.pledge.id)
        assert [t.shortcomings for _, t in versions] == ["Còn ngại phát biểu", "Sửa: còn chậm"]
        counts = {
            (c.category, c.exempt): c.n
            for c in await uow.pledges.registration_counts(2026, mai.branch.committee_id)
        }
        assert counts == {("chinh_thuc", False): 1, ("quan_chung", False): 1, ("chinh_thuc", True): 1}
        missing = [m.full_name for m, _ in await uow.pledges.not_registered(mai.branch_id, 2026)]
        assert missing == ["Nguyễn Thị Lan", "Phạm Văn Đức"]
        assert await uow.pledges.of(mai.id, 2025) is None
        rounds = [await uow.pledges.count_reminder(mai.branch_id, 2026, 2, now) for _ in range(3)]
        assert rounds == [1, 2, None]
        await uow.pledges.set_locked(mai.branch_id, 2026, True, mai.id, now)
        row = await uow.pledges.year_of(mai.branch_id, 2026)
        assert row is not None and row.locked and row.reminders == 2
