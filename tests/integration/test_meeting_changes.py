"""Cancelling and moving a meeting on SQLite and PostgreSQL, through the core: what is stored,
what waits in the outbox and for whom, reminders held for the morning, refusals for the wrong
people, and choices that went stale."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from bot.app import App
from config.messages import ChatRef, Incoming, Sender
from scheduler.due import run_due
from storage.models import OutboxMessage
from tests.fakes.clock import FakeClock
from tests.integration.test_schedule import (
    GROUP,
    WORKER,
    branch_of,
    create_meeting,
    job_states,
    setup_branch,
    vn,
)

LAN, MAI, DUC, TUAN = "1", "2", "3", "7"  # telegram user ids (setup_branch)


async def say(app: App, user_id: str, text: str = "", *, data: str | None = None) -> str:
    """What chibo answers a private message (or a button press) of this user, buttons as [label]."""
    inc = Incoming(ChatRef("telegram", user_id), Sender(user_id), text=text, callback_data=data)
    response = await app.core.handle(inc)
    lines = [
        m.reply.text + "".join(f"\n[{b.label}]" for b in m.reply.all_buttons()) for m in response.messages
    ]
    return "\n".join(lines) + (response.notice or "")


async def outbox(app: App) -> list[OutboxMessage]:
    async with app.db.unit_of_work() as uow:
        rows = await uow.session.execute(select(OutboxMessage).order_by(OutboxMessage.id))
        return list(rows.scalars())


def text_of(row: OutboxMessage) -> str:
    return str(json.loads(row.payload)["text"])


async def answer(app: App, meeting_id: int, name: str, status: str) -> None:
    async with app.db.unit_of_work() as uow:
        person = (await uow.people.by_name_key(name))[0]
        await uow.attendance.record(meeting_id, [person], status, app.clock.now())
        await uow.commit()


async def set_language(app: App, user_id: str, lang: str) -> None:
    async with app.db.unit_of_work() as uow:
        account = await uow.accounts.get_or_create("telegram", user_id, "", app.clock.now())
        account.language = lang
        await uow.commit()


async def test_a_meeting_cancelled_overnight_sends_no_held_reminder_and_tells_those_concerned(
    app_any_db: App, tmp_path: Path, clock: FakeClock
) -> None:
    app = app_any_db
    ids = await setup_branch(app, tmp_path)
    branch, committee = await branch_of(app, ids["Nguyễn Thị Lan"])
    mid = await create_meeting(app, [branch], committee, vn(10, 22), "Học tập chuyên đề buổi tối")
    await answer(app, mid, "pham van duc", "excused")
    await answer(app, mid, "le thi mai", "will_attend")
    await set_language(app, MAI, "en")

    clock.set(vn(7, 22))  # the 3-day reminder: the group at once, members held for the morning
    assert (await run_due(app.db, app.clock.now(), WORKER, app.registry.due_jobs)).done == 1
    held = [r for r in await outbox(app) if r.status == "pending"]
    assert {r.chat_id for r in held} == {GROUP, LAN, MAI}

    clock.set(vn(7, 23))
    assert "Học tập chuyên đề buổi tối" in await say(app, LAN, "/hop huy")
    asked = await say(app, LAN, data=f"hx:{mid}")
    assert (
        "Đồng chí muốn hủy buổi sinh hoạt «Học tập chuyên đề buổi tối» "
        "(thứ Năm, 10/12/2026, 22:00 – thứ Sáu, 11/12/2026, 00:00)?" in asked
    )
    assert "gõ lý do hủy" in await say(app, LAN, data=f"hx:{mid}:ok")
    assert [r.status for r in await outbox(app)].count("skipped") == 0  # nothing done before the reason
    done = await say(app, LAN, "Báo cáo viên bị ốm")
    # Mai said she would come (told in English, her language); Đức excused; Hoa exempted;
    # Bình never linked; Lan did it; Tuấn is of another branch
    assert "đã báo 1 nhóm chat và 1 đồng chí" in done

    rows = await outbox(app)
    by_id = {r.id: r for r in rows}
    assert {by_id[r.id].status for r in held} == {"skipped"}  # the held reminders will not go out
    notices = [r for r in rows if r.id > max(r.id for r in held)]
    assert sorted((r.chat_id, r.status) for r in notices) == [(GROUP, "pending"), (MAI, "pending")]
    group = next(r for r in notices if r.chat_id == GROUP)
    mai = next(r for r in notices if r.chat_id == MAI)
    assert text_of(group).startswith(
        "📣 Buổi sinh hoạt «Học tập chuyên đề buổi tối» (thứ Năm, 10/12/2026, 22:00) đã hủy. "
        "Lý do: Báo cáo viên bị ốm."
    )
    assert text_of(mai).startswith(
        "📣 The branch meeting «Học tập chuyên đề buổi tối» (Thursday 10/12/2026, 22:00) has been cancelled. "
        "Reason: Báo cáo viên bị ốm."
    )
    # outside quiet hours for the group; the member hears it in the morning, still days ahead
    assert (group.due_at, mai.due_at, mai.urgent) == (vn(7, 23), vn(8, 6, 30), False)
    assert await job_states(app, f"meeting:{mid}") == [
        ("4320", "done"),
        ("1440", "cancelled"),
        ("60", "cancelled"),
    ]
    async with app.db.unit_of_work() as uow:
        meeting = await uow.attendance.get(mid)
        assert meeting is not None
        assert (meeting.cancelled, meeting.cancelled_at, meeting.cancelled_by_person_id) == (
            True,
            vn(7, 23),
            ids["Nguyễn Thị Lan"],
        )

    # the same choice pressed again changes nothing and tells nobody twice
    again = await say(app, LAN, data=f"hx:{mid}:ok")
    assert "đã được hủy trước đó" in again
    assert len(await outbox(app)) == len(rows)
    for when in (vn(9, 22), vn(10, 21)):
        clock.set(when)
        assert (await run_due(app.db, app.clock.now(), WORKER, app.registry.due_jobs)).claimed == 0


async def test_wrong_people_and_stale_choices_change_nothing(
    app_any_db: App, tmp_path: Path, clock: FakeClock
) -> None:
    app = app_any_db
    ids = await setup_branch(app, tmp_path)
    branch, committee = await branch_of(app, ids["Nguyễn Thị Lan"])
    mid = await create_meeting(app, [branch], committee, vn(10, 14))
    stamp = int(vn(12, 15).timestamp())

    # another branch's secretary, by a button he was never offered
    refused = await say(app, TUAN, data=f"hx:{mid}:ok")
    assert "chỉ bí thư, phó bí thư của chi bộ đó mới hủy hoặc dời được" in refused
    assert "chỉ bí thư" in await say(app, TUAN, data=f"hd:{mid}:{stamp}:0")
    # a member: the press is checked like the command, before anything looks at the meeting
    assert "không dành cho đồng chí" in await say(app, MAI, data=f"hx:{mid}:ok")
    assert "chỉ dành cho" in await say(app, MAI, "/hop doi 12/12/2026 15:00")
    # nonsense and a meeting that does not exist
    assert "hết hạn" in await say(app, LAN, data=f"hd:{mid}:soon:0")
    assert "hết hạn" in await say(app, LAN, data=f"hx:{'9' * 20}:ok")
    assert "không còn" in await say(app, LAN, data="hx:99999:ok")
    # a time that passed while the choice waited
    assert "đã qua" in await say(app, LAN, data=f"hd:{mid}:{int(vn(1, 7).timestamp())}:0")
    # the meeting has started
    clock.set(vn(10, 14, 5))
    assert "đã bắt đầu" in await say(app, LAN, data=f"hx:{mid}:ok")
    assert "đã bắt đầu" in await say(app, LAN, data=f"hd:{mid}:{stamp}:0")

    async with app.db.unit_of_work() as uow:
        meeting = await uow.attendance.get(mid)
    assert meeting is not None
    assert (meeting.cancelled, meeting.starts_at, meeting.cancelled_at) == (False, vn(10, 14), None)
    assert [r for r in await outbox(app)] == []
    assert {s for _, s in await job_states(app, f"meeting:{mid}")} == {"pending"}


async def test_a_move_replans_reminders_keeps_answers_and_is_urgent_when_the_morning_is_too_late(
    app_any_db: App, tmp_path: Path, clock: FakeClock
) -> None:
    app = app_any_db
    ids = await setup_branch(app, tmp_path)
    branch, committee = await branch_of(app, ids["Nguyễn Thị Lan"])
    mid = await create_meeting(app, [branch], committee, vn(2, 6, 15), "Sinh hoạt sớm")
    await answer(app, mid, "le thi mai", "will_attend")
    clock.set(vn(1, 23))

    offered = await say(app, LAN, "/hop doi 03/12/2026 09:00-10:30")
    assert "Chọn buổi cần dời sang thứ Năm, 03/12/2026, 09:00–10:30:" in offered
    stamp = int(vn(3, 9).timestamp())
    asked = await say(app, LAN, data=f"hd:{mid}:{stamp}:90")
    assert "sang thứ Năm, 03/12/2026, 09:00–10:30?" in asked and "[Đồng ý dời]" in asked
    assert "gõ lý do dời" in await say(app, LAN, data=f"hd:{mid}:{stamp}:90:ok")
    done = await say(app, LAN, "không")
    assert "từ thứ Tư, 02/12/2026, 06:15–08:15 sang thứ Năm, 03/12/2026, 09:00–10:30" in done
    assert "Đã lập lại 2 lời nhắc" in done  # 1 day and 1 hour before; 3 days before has passed

    async with app.db.unit_of_work() as uow:
        meeting = await uow.attendance.get(mid)
        mai = (await uow.people.by_name_key("le thi mai"))[0]
        record = await uow.attendance.get_record(mid, mai.id)
    assert meeting is not None and (meeting.starts_at, meeting.ends_at) == (vn(3, 9), vn(3, 10, 30))
    assert record is not None and record.status == "will_attend"
    states = await job_states(app, f"meeting:{mid}")
    assert sorted(s for s in states if s[1] == "pending") == [("1440", "pending"), ("60", "pending")]
    # planned at 08:00 the day before, the old time had its 1-hour reminder only
    assert sorted(s for s in states if s[1] == "cancelled") == [("60", "cancelled")]

    # held until 06:30 the notice would come after the old 06:15 start: it goes now
    rows = await outbox(app)
    private = [r for r in rows if not r.is_group]
    assert {r.chat_id for r in private} == {MAI, DUC}
    assert all((r.due_at, r.urgent) == (vn(1, 23), True) for r in private)
    assert all("đã dời sang thứ Năm, 03/12/2026, 09:00–10:30." in text_of(r) for r in rows)
    assert "(thứ Tư, 02/12/2026, 06:15)" in text_of(rows[0]) and "Lý do" not in text_of(rows[0])

    # the same move twice is nothing new
    assert "đã ở đúng thời điểm" in await say(app, LAN, data=f"hd:{mid}:{stamp}:90")
    assert len(await outbox(app)) == len(rows)
