"""Attendance storage and reports on SQLite and PostgreSQL: the 1.188-person study session as
the bot reports it, the roll-up's statement count, the workbook, the reminder targets and
`chibo report`."""

from __future__ import annotations

import asyncio
import io
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import event, insert

from bot.app import App, build_app
from bot.cli import main
from config.messages import ChatRef, Incoming, Sender
from config.settings import Settings
from handlers.reports.build import tally
from handlers.reports.export import committee_export
from storage.models import Branch, Committee, Person
from storage.repos.attendance import NewMeeting
from storage.repos.reports import Scope
from tests.fakes.rosters import roster_rows, write_csv

START = datetime(2026, 12, 10, 1, 0, tzinfo=UTC)  # 08:00 in Hà Nội


async def _committee(app: App, branches: int, per_branch: int) -> tuple[int, list[int], list[Person]]:
    """A committee of `branches` branches of `per_branch` people each (the first person of the
    first branch is committee staff, every tenth is probationary, every 50th exempted)."""
    now = app.clock.now()
    async with app.db.unit_of_work() as uow:
        s = uow.session
        committee_id = (
            await s.execute(
                insert(Committee)
                .values(name="Đảng bộ Quận Mẫu", name_key="dang bo quan mau")
                .returning(Committee.id)
            )
        ).scalar_one()
        branch_ids = list(
            (
                await s.execute(
                    insert(Branch).returning(Branch.id),
                    [
                        {
                            "committee_id": committee_id,
                            "name": f"Chi bộ {b + 1:02d}",
                            "name_key": f"chi bo {b + 1:02d}",
                        }
                        for b in range(branches)
                    ],
                )
            ).scalars()
        )
        rows = []
        for b, branch_id in enumerate(branch_ids):
            for i in range(per_branch):
                n = b * per_branch + i
                rows.append(
                    {
                        "branch_id": branch_id,
                        "full_name": f"Người {n}",
                        "name_key": f"nguoi {n}",
                        "category": "du_bi" if n % 10 == 9 else "chinh_thuc",
                        "position": "",
                        "branch_role": "",
                        "committee_role": "can_bo_dang_uy" if n == 0 else "",
                        "phone": "",
                        "exempt": n % 50 == 49,
                        "active": True,
                        "link_code": f"C{n:07d}",
                        "created_at": now,
                        "updated_at": now,
                    }
                )
        await s.execute(insert(Person), rows)
        await uow.commit()
    async with app.db.unit_of_work() as uow:
        people = [p for b in branch_ids for p in await uow.people.in_branch(b)]
    return committee_id, branch_ids, people


async def _say(app: App, user: str, text: str) -> str:
    inc = Incoming(ChatRef("console", user), Sender(user, user), text=text)
    response = await app.core.handle(inc)
    return "\n".join(m.reply.text for m in response.messages)


async def test_study_session_of_1188_people_with_1168_present(app_any_db: App) -> None:
    app = app_any_db
    # 1.212 on the roster, 24 of them exempted: 1.188 counted
    committee_id, branch_ids, people = await _committee(app, 12, 101)
    counted = [p for p in people if not p.exempt]
    assert len(counted) == 1188
    async with app.db.unit_of_work() as uow:
        (meeting,) = await uow.attendance.create_meetings(
            [
                NewMeeting(
                    "hoc_tap",
                    "Học tập Nghị quyết",
                    START,
                    START + timedelta(hours=3),
                    committee_id,
                    branch_ids,
                )
            ],
            START - timedelta(days=3),
        )
        staff = people[0]
        account = await uow.accounts.get_or_create("console", "u-staff", "Staff", START)
        await uow.accounts.link(account, staff, START)
        await uow.attendance.record(meeting.id, counted[:1160], "present", START - timedelta(minutes=5))
        await uow.attendance.record(meeting.id, counted[1160:1168], "late", START + timedelta(minutes=10))
        await uow.attendance.record(meeting.id, counted[1168:1178], "excused", START, reason="ốm")
        await uow.commit()
    app.clock.set(START + timedelta(hours=4))  # type: ignore[attr-defined]

    text = await _say(app, "u-staff", "/baocao 12/2026")
    meetings, study = text.split("▶ Học tập, sinh hoạt chuyên đề (12 lượt chi bộ)")
    assert "Đảng bộ Quận Mẫu (12 chi bộ)" in meetings
    # no branch held its own meeting: the study session is not counted as one
    assert "⚠ 12 chi bộ chưa sinh hoạt trong tháng 12/2026" in meetings
    assert "1. Chi bộ 01: chưa sinh hoạt" in meetings and "12. Chi bộ 12: chưa sinh hoạt" in meetings
    assert "Đảng viên có mặt: 1.168/1.188 — 98,3% (đúng giờ: 1.160, muộn: 8)" in study
    assert "Vắng có lý do: 10" in study and "Vắng không lý do: 10" in study
    assert "Miễn sinh hoạt (không tính vào tỷ lệ): 24" in study
    assert "⚠ Có 10 lượt đảng viên vắng không lý do." in study
    # the committee's own session, with its own figure
    assert "• Học tập Nghị quyết — 10/12/2026 08:00–11:00: 1.168/1.188 — 98,3% (12 chi bộ)" in study
    lines = [line for line in study.splitlines() if re.match(r"^\d+\. ", line)]
    assert len(lines) == 12
    # the 20 absentees are all in the last branch, flagged below 85%
    assert lines[0] == "1. Chi bộ 12: 79/99 — 79,8% ⚠ dưới 85%"
    assert all(line.endswith("99/99 — 100%") for line in lines[1:])


async def test_roll_up_statements_do_not_grow_with_branches(app_any_db: App) -> None:
    app = app_any_db
    committee_id, branch_ids, people = await _committee(app, 30, 5)
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    async with app.db.unit_of_work() as uow:
        await uow.attendance.create_meetings(
            [
                NewMeeting("sinh_hoat", "Sinh hoạt", START, START + timedelta(hours=2), committee_id, [b])
                for b in branch_ids
            ],
            START,
        )
        await uow.attendance.record(1, people[:5], "present", START)
        await uow.commit()
    sync_engine = app.db.engine.sync_engine
    event.listen(sync_engine, "before_cursor_execute", count)
    counted: list[int] = []
    try:
        for some in (branch_ids[:3], branch_ids[:10], None):
            statements.clear()
            async with app.db.unit_of_work() as uow:
                branches, _ = await tally(
                    uow, Scope(committee_id, branch_ids=some), START + timedelta(hours=3)
                )
            assert len(branches) == len(some or branch_ids)
            counted.append(len(statements))
        statements.clear()
        async with app.db.unit_of_work() as uow:
            big = await committee_export(
                uow, committee_id, "Đảng bộ Quận Mẫu", 2026, 12, START + timedelta(hours=3), "vi"
            )
        counted.append(len(statements))
    finally:
        event.remove(sync_engine, "before_cursor_execute", count)
    assert big is not None
    assert counted[0] == counted[1] == counted[2] <= 6, counted
    # the month as filed: names and roster once, two statements per kind of meeting and
    # one for their meetings, the branches still to meet, the shared sessions; then the list
    # of names (meetings, people, branch names, who signs): the same for 3 branches or 1,000
    assert counted[3] <= 16, counted

    wb = load_workbook(io.BytesIO(big.xlsx))
    assert wb.sheetnames == ["Tổng hợp", "Theo đối tượng", "Danh sách"]
    summary = wb["Tổng hợp"]
    assert summary["A1"].value == "ĐẢNG BỘ QUẬN MẪU" and summary["H1"].value == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert summary["A4"].value == "BÁO CÁO KẾT QUẢ ĐIỂM DANH THÁNG 12/2026"
    header_row = next(r for r in range(1, 20) if summary.cell(r, 1).value == "STT")
    assert summary.cell(header_row - 1, 1).value == "I. SINH HOẠT CHI BỘ"
    headers = [c.value for c in summary[header_row]]
    assert headers[:4] == ["STT", "Chi bộ", "Số buổi", "Lượt phải dự"] and "Tỷ lệ" in headers
    rate_col = headers.index("Tỷ lệ") + 1
    first, last = header_row + 1, header_row + 30
    assert summary.cell(first, rate_col).number_format == "0.0%"
    assert summary.cell(first, rate_col).value == 0  # 29 branches with nobody in come first
    assert summary.cell(last, 2).value == "Chi bộ 01" and summary.cell(last, rate_col).value == 1
    assert summary.cell(last + 1, 2).value == "Tổng cộng"
    note_col = headers.index("Ghi chú") + 1  # what the rules flag, as in the chat roll-up
    assert summary.cell(first, note_col).value == "dưới 85%"
    assert summary.cell(last, note_col).value is None
    cells = [c.value for row in summary.iter_rows(min_row=last + 2) for c in row if c.value]
    assert cells[:2] == ["T/M ĐẢNG ỦY", "BÍ THƯ"]  # and room to sign
    names = wb["Danh sách"]
    header_row = next(r for r in range(1, 20) if names.cell(r, 1).value == "STT")
    assert [c.value for c in names[header_row]][:5] == ["STT", "Ngày", "Buổi", "Chi bộ", "Họ và tên"]
    assert sum(1 for r in names.iter_rows(min_row=header_row + 1) if isinstance(r[0].value, int)) == 150
    assert big.png is not None and big.png.startswith(b"\x89PNG")


async def test_reminder_targets_and_meetings_between(app_any_db: App) -> None:
    app = app_any_db
    committee_id, branch_ids, people = await _committee(app, 2, 5)
    async with app.db.unit_of_work() as uow:
        (m,) = await uow.attendance.create_meetings(
            [
                NewMeeting(
                    "sinh_hoat", "Sinh hoạt", START, START + timedelta(hours=2), committee_id, [branch_ids[0]]
                )
            ],
            START,
        )
        first = people[:5]
        await uow.attendance.record(m.id, first[:1], "will_attend", START)
        await uow.attendance.record(m.id, first[1:2], "excused", START, reason="ốm")
        await uow.attendance.record(m.id, first[2:3], "present", START)
        await uow.commit()
    async with app.db.unit_of_work() as uow:
        targets = await uow.attendance.unanswered_or_attending(m.id)
        between = await uow.attendance.meetings_between(START - timedelta(days=1), START + timedelta(days=1))
        assert not await uow.attendance.meetings_between(
            START + timedelta(minutes=1), START + timedelta(days=1)
        )
    assert [p.full_name for p in targets] == ["Người 0", "Người 3", "Người 4"]
    assert [x.id for x in between] == [m.id]


async def test_a_second_check_in_is_not_counted_twice(app_any_db: App) -> None:
    app = app_any_db
    committee_id, branch_ids, people = await _committee(app, 1, 3)
    async with app.db.unit_of_work() as uow:
        (m,) = await uow.attendance.create_meetings(
            [
                NewMeeting(
                    "sinh_hoat", "Sinh hoạt", START, START + timedelta(hours=2), committee_id, branch_ids
                )
            ],
            START,
        )
        assert await uow.attendance.record(m.id, people[:1], "present", START) == 1
        assert await uow.attendance.record(m.id, people[:1], "late", START + timedelta(minutes=5)) == 0
        await uow.commit()
    async with app.db.unit_of_work() as uow:
        record = await uow.attendance.get_record(m.id, people[0].id)
        counts = await uow.attendance.checkin_counts([(m.id, branch_ids[0])])
    assert record is not None and record.status == "present"
    assert counts == {(m.id, branch_ids[0]): (1, 3)}


def test_chibo_report_writes_the_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["roster", "import", str(write_csv(tmp_path / "ds.csv", roster_rows(3, 12)))]) == 0
    october = datetime(2026, 10, 5, 7, 0, tzinfo=UTC)

    async def hold_a_meeting() -> None:
        app = await build_app(Settings())
        try:
            async with app.db.unit_of_work() as uow:
                committee_id = next(iter(await uow.reports.committees()))
                branch_ids = sorted(await uow.reports.branch_names(committee_id))
                (m,) = await uow.attendance.create_meetings(
                    [
                        NewMeeting(
                            "hoc_tap",
                            "Học tập",
                            october,
                            october + timedelta(hours=2),
                            committee_id,
                            branch_ids,
                        )
                    ],
                    october,
                )
                people = [p for b in branch_ids for p in await uow.people.in_branch(b)]
                await uow.attendance.record(m.id, people[:10], "present", october)
                await uow.commit()
        finally:
            await app.close()

    asyncio.run(hold_a_meeting())
    capsys.readouterr()
    assert main(["report", "--month", "13/2026"]) == 2
    assert "không hợp lệ" in capsys.readouterr().err
    out = tmp_path / "bao-cao.xlsx"
    assert main(["report", "--month", "10/2026", "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Báo cáo điểm danh tháng 10/2026" in printed
    assert "Đảng viên có mặt: 10/12 — 83,3%" in printed and "⚠ Tỷ lệ đảng viên tham dự dưới 85%." in printed
    assert "⚠ 3 chi bộ chưa sinh hoạt trong tháng 10/2026" in printed
    assert load_workbook(out).sheetnames == ["Tổng hợp", "Theo đối tượng", "Danh sách"]
    assert out.with_suffix(".png").read_bytes().startswith(b"\x89PNG")


async def test_a_month_counts_only_the_meetings_held_so_far(app_any_db: App) -> None:
    """The meeting later this month has no attendance yet: it neither lowers the month's rate
    nor raises the 85% flag, and a month whose meetings are all to come has nothing to report."""
    app = app_any_db
    committee_id, branch_ids, people = await _committee(app, 2, 5)
    counted = [p for p in people if not p.exempt]
    async with app.db.unit_of_work() as uow:
        held, _later, _january = await uow.attendance.create_meetings(
            [
                NewMeeting(
                    "sinh_hoat", f"Buổi {i}", when, when + timedelta(hours=2), committee_id, branch_ids
                )
                for i, when in enumerate((START, START + timedelta(days=10), START + timedelta(days=30)))
            ],
            START - timedelta(days=3),
        )
        account = await uow.accounts.get_or_create("console", "u-staff", "Staff", START)
        await uow.accounts.link(account, people[0], START)
        await uow.attendance.record(held.id, counted, "present", START)
        await uow.commit()
    app.clock.set(START + timedelta(days=2))  # type: ignore[attr-defined]

    december = await _say(app, "u-staff", "/baocao 12/2026")
    assert "Đảng viên có mặt: 10/10 — 100%" in december
    assert "Đảng bộ Quận Mẫu (2 chi bộ)" in december
    assert "▶ Sinh hoạt chi bộ (2 buổi)" in december  # one meeting for each branch
    assert "⚠" not in december and "Chưa trả lời" not in december
    assert await _say(app, "u-staff", "/baocao 01/2027") == (
        "Tháng 01/2027 chưa có buổi sinh hoạt hay học tập nào."
    )


async def test_the_one_statement_tally_agrees_with_the_grouped_counts(app_any_db: App) -> None:
    """`ReportRepo.branch_tallies` pivots per branch in SQL what `tally_branches` adds up from
    grouped counts: the same figures, category by category, in the same order, with meetings
    ended and not, rows of every status, people with no row, exempted people and quần chúng."""
    import random

    from sqlalchemy import update

    from handlers.reports.tally import overall, party_order, tally_branches

    app = app_any_db
    committee_id, branch_ids, people = await _committee(app, 6, 12)
    rng = random.Random(11)
    async with app.db.unit_of_work() as uow:
        mass = [p.id for p in people if p.id % 7 == 3]
        await uow.session.execute(update(Person).where(Person.id.in_(mass)).values(category="quan_chung"))
        await uow.commit()
    async with app.db.unit_of_work() as uow:
        people = [p for b in branch_ids for p in await uow.people.in_branch(b)]
        day = timedelta(days=1)
        meetings = await uow.attendance.create_meetings(
            [
                NewMeeting(
                    "sinh_hoat",
                    "Sinh hoạt",
                    START + d * day,
                    START + d * day + timedelta(hours=2),
                    committee_id,
                    [b],
                )
                for b in branch_ids[:5]
                for d in (0, 1)
            ]
            + [
                NewMeeting(
                    "hoc_tap",
                    "Học tập",
                    START,
                    START + day + timedelta(hours=3),
                    committee_id,
                    branch_ids[2:],
                )
            ],
            START,
        )
        for meeting in meetings:
            # the last branch has only the session, not ended, and nobody has answered yet
            of_meeting = set(await uow.attendance.branch_ids(meeting.id)) - {branch_ids[-1]}
            for p in [p for p in people if p.branch_id in of_meeting]:
                status = rng.choice(("present", "late", "excused", "will_attend", "absent", None, None))
                if status is not None:
                    await uow.attendance.record(meeting.id, [p], status, START, keep_checked_in=False)
        await uow.commit()
    during = START + timedelta(days=1, hours=1)  # the second day's meetings and the session not ended
    after = START + timedelta(days=3)  # every meeting ended: no one is unanswered any more
    scopes = [Scope(committee_id), Scope(committee_id, branch_ids=branch_ids[1:4])]
    for now, scope in [
        (now, scope)
        for now in (during, after)
        for scope in [*scopes, Scope(committee_id, meeting_id=meetings[-1].id)]
    ]:
        async with app.db.unit_of_work() as uow:
            names = await uow.reports.branch_names(committee_id)
            old = party_order(
                tally_branches(
                    names,
                    await uow.reports.roster_counts(scope.committee_ids, scope.branch_ids),
                    await uow.reports.occurrences(scope, now),
                    await uow.reports.attendance_counts(scope, now),
                )
            )
            new, total = await tally(uow, scope, now)
        assert [b.branch_id for b in new] == [b.branch_id for b in old]
        assert new == old
        assert total == overall(old)
        if scope.meeting_id is not None:
            continue
        if now == during:  # every kind of figure is there to agree on
            assert any(b.total.will_attend and b.total.unanswered and b.total.absent for b in new)
        else:
            assert total.total.absent and total.total.excused and total.total.late
            assert not total.total.will_attend and not total.total.unanswered
