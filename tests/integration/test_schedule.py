"""Meeting reminders on SQLite and PostgreSQL: planned once per meeting, sent to the right
people at the right time through the outbox, re-planned when the meeting changes."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

from bot.app import App, import_roster
from config.clock import VN_TZ
from handlers.attendance.reminders import KIND, plan_for_meeting
from scheduler.due import run_due
from storage.models import Meeting, OutboxMessage
from storage.repos.attendance import NewMeeting
from tests.fakes.clock import FakeClock
from tests.fakes.rosters import write_csv

ROSTER = [
    ["Họ và tên", "Chi bộ", "Đảng bộ", "Chức vụ", "Loại", "Điện thoại", "Miễn sinh hoạt"],
    ["Nguyễn Thị Lan", "Chi bộ Khu phố 1", "Đảng bộ Phường Mẫu", "Bí thư", "Chính thức", "0901000001", ""],
    ["Lê Thị Mai", "Chi bộ Khu phố 1", "Đảng bộ Phường Mẫu", "", "Chính thức", "0901000003", ""],
    ["Phạm Văn Đức", "Chi bộ Khu phố 1", "Đảng bộ Phường Mẫu", "", "Dự bị", "0901000004", ""],
    ["Trần Thị Hoa", "Chi bộ Khu phố 1", "Đảng bộ Phường Mẫu", "", "Chính thức", "0901000005", "x"],
    ["Vũ Văn Bình", "Chi bộ Khu phố 1", "Đảng bộ Phường Mẫu", "", "Chính thức", "0901000006", ""],
    ["Đặng Quốc Tuấn", "Chi bộ Khu phố 2", "Đảng bộ Phường Mẫu", "Bí thư", "Chính thức", "0901000007", ""],
]
# roster name → telegram user id; Bình never linked
LINKED = {
    "Nguyễn Thị Lan": "1",
    "Lê Thị Mai": "2",
    "Phạm Văn Đức": "3",
    "Trần Thị Hoa": "4",
    "Đặng Quốc Tuấn": "7",
}
GROUP = "-100200300"
WORKER = "test-worker"


def vn(day: int, hour: int, minute: int = 0, month: int = 12, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=VN_TZ)


async def setup_branch(app: App, tmp_path: Path) -> dict[str, int]:
    """The roster imported, accounts linked, the branch group bound; name → person id."""
    await import_roster(app, write_csv(tmp_path / "roster.csv", ROSTER))
    now = app.clock.now()
    ids: dict[str, int] = {}
    async with app.db.unit_of_work() as uow:
        for person, _ in await uow.people.roster_with_links():
            ids[person.full_name] = person.id
            if person.full_name in LINKED:
                account = await uow.accounts.get_or_create("telegram", LINKED[person.full_name], "", now)
                await uow.accounts.link(account, person, now)
        lan = await uow.people.get(ids["Nguyễn Thị Lan"])
        assert lan is not None
        await uow.chats.bind_group("telegram", GROUP, lan.branch_id, lan.id, now)
        await uow.commit()
    return ids


async def branch_of(app: App, person_id: int) -> tuple[int, int]:
    async with app.db.unit_of_work() as uow:
        p = await uow.people.get(person_id)
        assert p is not None
        return p.branch_id, p.branch.committee_id


async def create_meeting(
    app: App,
    branch_ids: list[int],
    committee_id: int,
    starts: datetime,
    title: str = "Sinh hoạt chi bộ tháng 12",
) -> int:
    now = app.clock.now()
    async with app.db.unit_of_work() as uow:
        [meeting] = await uow.attendance.create_meetings(
            [
                NewMeeting(
                    "sinh_hoat",
                    title,
                    starts,
                    starts + timedelta(hours=2),
                    committee_id,
                    branch_ids,
                    "Nhà văn hóa khu phố 1",
                )
            ],
            now,
        )
        await plan_for_meeting(uow, meeting, now)
        await uow.commit()
        return meeting.id


async def outbox(app: App) -> list[OutboxMessage]:
    async with app.db.unit_of_work() as uow:
        from sqlalchemy import select

        rows = await uow.session.execute(select(OutboxMessage).order_by(OutboxMessage.id))
        return list(rows.scalars())


def text_of(row: OutboxMessage) -> str:
    return str(json.loads(row.payload)["text"])


async def job_states(app: App, ref: str) -> list[tuple[str, str]]:
    async with app.db.unit_of_work() as uow:
        return [(j.key.rsplit(":", 1)[1], j.status) for j in await uow.schedule.jobs(ref=ref)]


async def test_a_meeting_gets_three_reminders_to_the_group_and_to_those_who_have_not_excused_themselves(
    app_any_db: App, tmp_path: Path, clock: FakeClock
) -> None:
    app = app_any_db
    ids = await setup_branch(app, tmp_path)
    branch, committee = await branch_of(app, ids["Nguyễn Thị Lan"])
    mid = await create_meeting(app, [branch], committee, vn(10, 14))
    assert await job_states(app, f"meeting:{mid}") == [
        ("4320", "pending"),
        ("1440", "pending"),
        ("60", "pending"),
    ]

    async with app.db.unit_of_work() as uow:
        people = {p.full_name: p for p in await uow.people.in_branch(branch)}
        await uow.attendance.record(
            mid, [people["Lê Thị Mai"]], "excused", app.clock.now(), reason="đi công tác"
        )
        await uow.attendance.record(mid, [people["Phạm Văn Đức"]], "will_attend", app.clock.now())
        await uow.commit()

    clock.set(vn(7, 13, 59))
    assert (await run_due(app.db, app.clock.now(), WORKER, app.registry.due_jobs)).claimed == 0
    clock.set(vn(7, 14))
    counts = await run_due(app.db, app.clock.now(), WORKER, app.registry.due_jobs)
    assert (counts.claimed, counts.done, counts.skipped) == (1, 1, 0)
    rows = await outbox(app)
    by_chat = {r.chat_id: r for r in rows}
    # the group, Lan (not answered) and Đức (will attend); not Mai (excused), Hoa (exempted), Bình (unlinked)
    assert sorted(by_chat) == sorted([GROUP, "1", "3"])
    assert by_chat[GROUP].is_group and "Nhắc lịch: Sinh hoạt chi bộ tháng 12" in text_of(by_chat[GROUP])
    assert "thứ Năm, 10/12/2026, 14:00 (còn 3 ngày)" in text_of(by_chat[GROUP])
    lan = text_of(by_chat["1"])
    assert "Kính gửi đồng chí Nguyễn Thị Lan" in lan and "«Sẽ tham dự», hoặc «Xin vắng»" in lan
    # the choices come with it, as buttons (numbered lines where a platform has none)
    labels = [b["label"] for row in json.loads(by_chat["1"].payload)["buttons"] for b in row]
    assert labels == ["Sẽ tham dự", "Xin vắng"]
    assert "đã báo sẽ tham dự" in text_of(by_chat["3"])
    assert all(r.due_at == app.clock.now() for r in rows)  # 14:00 is outside quiet hours
    assert "Nội dung" not in lan  # the topic and documents come with the day-before reminder

    assert (await run_due(app.db, app.clock.now(), WORKER, app.registry.due_jobs)).claimed == 0  # never twice

    clock.set(vn(9, 14))
    assert (await run_due(app.db, app.clock.now(), WORKER, app.registry.due_jobs)).done == 1
    day_before = [r for r in await outbox(app) if r.id > rows[-1].id]
    assert len(day_before) == 3
    assert all("Nội dung: Sinh hoạt chi bộ tháng 12" in text_of(r) for r in day_before)
    assert all("/tailieu" in text_of(r) for r in day_before)
    clock.set(vn(10, 13))
    assert (await run_due(app.db, app.clock.now(), WORKER, app.registry.due_jobs)).done == 1
    last = (await outbox(app))[-1]
    assert "(còn 1 giờ)" in text_of(last) and "Điểm danh mở từ 13:30" in text_of(last)
    assert json.loads(last.payload)["buttons"] == []  # an hour before: how to check in, not an RSVP
    assert await job_states(app, f"meeting:{mid}") == [("4320", "done"), ("1440", "done"), ("60", "done")]
    assert len(await outbox(app)) == 9


async def test_reminders_already_past_when_the_meeting_is_created_are_not_planned(
    app_any_db: App, tmp_path: Path, clock: FakeClock
) -> None:
    app = app_any_db
    ids = await setup_branch(app, tmp_path)
    branch, committee = await branch_of(app, ids["Nguyễn Thị Lan"])
    clock.set(vn(9, 20))
    mid = await create_meeting(app, [branch], committee, vn(10, 14))
    assert await job_states(app, f"meeting:{mid}") == [("60", "pending")]


async def test_a_moved_meeting_is_replanned_and_a_cancelled_one_reminds_nobody(
    app_any_db: App, tmp_path: Path, clock: FakeClock
) -> None:
    app = app_any_db
    ids = await setup_branch(app, tmp_path)
    branch, committee = await branch_of(app, ids["Nguyễn Thị Lan"])
    mid = await create_meeting(app, [branch], committee, vn(10, 14))
    clock.set(vn(7, 15))
    assert (await run_due(app.db, app.clock.now(), WORKER, app.registry.due_jobs)).done == 1
    async with app.db.unit_of_work() as uow:
        meeting = await uow.session.get(Meeting, mid)
        assert meeting is not None
        meeting.starts_at, meeting.ends_at = vn(12, 8), vn(12, 10)
        await plan_for_meeting(uow, meeting, app.clock.now())
        await uow.commit()
    states = await job_states(app, f"meeting:{mid}")
    assert states.count(("4320", "done")) == 1  # the reminder already sent stays sent
    assert states.count(("1440", "cancelled")) == 1 and states.count(("60", "cancelled")) == 1
    # the new time: 3 days before (09/12 08:00) and after are all still ahead
    assert sorted(s for s in states if s[1] == "pending") == [
        ("1440", "pending"),
        ("4320", "pending"),
        ("60", "pending"),
    ]

    clock.set(vn(9, 8))
    counts = await run_due(app.db, app.clock.now(), WORKER, app.registry.due_jobs)
    assert counts.done == 1
    assert "thứ Bảy, 12/12/2026, 08:00 (còn 3 ngày)" in text_of((await outbox(app))[-1])

    async with app.db.unit_of_work() as uow:
        meeting = await uow.session.get(Meeting, mid)
        assert meeting is not None
        meeting.cancelled = True
        await plan_for_meeting(uow, meeting, app.clock.now())
        await uow.commit()
    before = len(await outbox(app))
    clock.set(vn(12, 7, 30))
    assert (await run_due(app.db, app.clock.now(), WORKER, app.registry.due_jobs)).claimed == 0
    assert len(await outbox(app)) == before


async def test_quiet_hours_hold_private_reminders_until_morning_but_not_the_group_post(
    app_any_db: App, tmp_path: Path, clock: FakeClock
) -> None:
    app = app_any_db
    ids = await setup_branch(app, tmp_path)
    branch, committee = await branch_of(app, ids["Nguyễn Thị Lan"])
    late = await create_meeting(app, [branch], committee, vn(10, 22), "Học tập chuyên đề buổi tối")
    early = await create_meeting(app, [branch], committee, vn(11, 6, 20), "Sinh hoạt sớm")

    clock.set(vn(7, 22))  # 3 days before the evening session
    assert (await run_due(app.db, app.clock.now(), WORKER, app.registry.due_jobs)).done == 1
    rows = await outbox(app)
    group = [r for r in rows if r.is_group]
    private = [r for r in rows if not r.is_group]
    assert [g.due_at for g in group] == [vn(7, 22)]
    assert {p.due_at for p in private} == {vn(8, 6, 30)}
    assert "(còn 3 ngày)" in text_of(private[0])

    # the 1-hour reminder of a 06:20 meeting falls at 05:20: the members would get it after the
    # start, so only the group is reminded
    for when in (vn(8, 6, 20), vn(10, 6, 20), vn(11, 5, 20)):
        clock.set(when)
        await run_due(app.db, app.clock.now(), WORKER, app.registry.due_jobs)
    newest = [r for r in await outbox(app) if "Sinh hoạt sớm" in text_of(r) and "còn 1 giờ" in text_of(r)]
    assert [r.chat_id for r in newest] == [GROUP]
    assert await job_states(app, f"meeting:{early}") == [("4320", "done"), ("1440", "done"), ("60", "done")]
    assert late != early


async def test_branch_offsets_apply_to_its_upcoming_meetings(
    app_any_db: App, tmp_path: Path, clock: FakeClock
) -> None:
    from handlers.attendance.reminders import replan_branch

    app = app_any_db
    ids = await setup_branch(app, tmp_path)
    branch, committee = await branch_of(app, ids["Nguyễn Thị Lan"])
    mid = await create_meeting(app, [branch], committee, vn(10, 14))
    async with app.db.unit_of_work() as uow:
        await uow.schedule.save_branch_settings(
            branch, (2 * 1440, 120), 18, ids["Nguyễn Thị Lan"], app.clock.now()
        )
        assert await replan_branch(uow, branch, app.clock.now()) == 2
        await uow.commit()
    states = await job_states(app, f"meeting:{mid}")
    assert sorted(s for s in states if s[1] == "pending") == [("120", "pending"), ("2880", "pending")]
    assert sorted(s for s in states if s[1] == "cancelled") == [
        ("1440", "cancelled"),
        ("4320", "cancelled"),
        ("60", "cancelled"),
    ]
    async with app.db.unit_of_work() as uow:
        assert (await uow.schedule.counts(KIND)) == {"pending": 2, "cancelled": 3}


async def test_the_day_before_reminder_lists_the_documents_published_to_the_branch(
    app_any_db: App, tmp_path: Path, clock: FakeClock
) -> None:
    from storage.models.materials import Publication, Topic

    app = app_any_db
    ids = await setup_branch(app, tmp_path)
    branch, committee = await branch_of(app, ids["Nguyễn Thị Lan"])
    kp2, _ = await branch_of(app, ids["Đặng Quốc Tuấn"])
    mid = await create_meeting(app, [branch], committee, vn(10, 14), "Học tập chuyên đề năm 2025")
    now = clock.now()
    async with app.db.unit_of_work() as uow:
        topics = [
            Topic(
                slug=f"t{i}",
                title=title,
                kind="chuyen_de",
                sections="[]",
                attachments=json.dumps(attachments),
                created_at=now,
                updated_at=now,
            )
            for i, (title, attachments) in enumerate(
                [
                    ("Chuyên đề năm 2025", [{"title": "Toàn văn", "url": "https://example.vn/cd2025.pdf"}]),
                    ("Tài liệu của chi bộ khác", []),
                ]
            )
        ]
        uow.session.add_all(topics)
        await uow.session.flush()
        uow.session.add_all(
            [
                Publication(
                    topic_id=topics[0].id,
                    branch_id=branch,
                    published_by_person_id=ids["Nguyễn Thị Lan"],
                    published_at=now,
                ),
                Publication(
                    topic_id=topics[1].id,
                    branch_id=kp2,
                    published_by_person_id=ids["Đặng Quốc Tuấn"],
                    published_at=now,
                ),
            ]
        )
        await uow.commit()
    for when in (vn(7, 14), vn(9, 14)):
        clock.set(when)
        await run_due(app.db, clock.now(), WORKER, app.registry.due_jobs)
    rows = await outbox(app)
    three_days, day_before = rows[:4], rows[4:]  # the group, Lan, Mai and Đức
    assert all("Tài liệu" not in text_of(r) for r in three_days)
    assert len(day_before) == 4
    for r in day_before:
        text = text_of(r)
        assert "Nội dung: Học tập chuyên đề năm 2025." in text
        assert (
            "Tài liệu cần đọc trước:\n• Chuyên đề năm 2025\n  Toàn văn: https://example.vn/cd2025.pdf" in text
        )
        assert "chi bộ khác" not in text
    assert await job_states(app, f"meeting:{mid}") == [("4320", "done"), ("1440", "done"), ("60", "pending")]
