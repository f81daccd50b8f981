"""Reminders as users live them, on every transport: a secretary sets a meeting, chibo
reminds the group and, privately, each member who has not sent an excuse; a secretary
changes the branch's reminder offsets."""

from __future__ import annotations

import asyncio
import json
from datetime import datetime

from sqlalchemy import select

from config.clock import VN_TZ
from scheduler.due import due_jobs_tick
from scheduler.outbox_worker import drain
from storage.models import OutboxMessage
from tests.e2e.drivers import ConsoleDriver, Driver, texts
from tests.e2e.scheduling import hop
from tests.fakes.clock import FakeClock


def vn(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=VN_TZ)


def group_chat_id(driver: Driver) -> str:
    return "-100200300" if driver.platform == "telegram" else "group"


def delivered(driver: Driver) -> list[tuple[str, str]]:
    """(chat id, text) of everything the transport has put on the wire so far."""
    if isinstance(driver, ConsoleDriver):
        return [(chat, text) for text, chat in driver.lines if chat is not None]
    fake = driver.fake  # type: ignore[attr-defined]
    return [(c.chat_id, c.text) for c in fake.calls if c.method == "sendMessage"]


def received(driver: Driver, chat_id: str, since: int = 0) -> str:
    return "\n".join(text for chat, text in delivered(driver)[since:] if chat == chat_id)


async def deliver_due(driver: Driver, clock: FakeClock) -> None:
    """The outbox worker sends what is due. A second later: on SQLite the outbox claim
    compares timestamps as text, so a row due exactly at a whole-second `now` waits a moment
    (reported to the outbox's owner)."""
    clock.advance(seconds=1)
    await asyncio.wait_for(drain(driver.app.runtime()), 30)


async def reminders_sent(driver: Driver, after_id: int = 0) -> dict[str, str]:
    """chat id → text of the reminder rows chibo stored for sending."""
    async with driver.app.db.unit_of_work() as uow:
        rows = await uow.session.execute(
            select(OutboxMessage).where(OutboxMessage.id > after_id).order_by(OutboxMessage.id)
        )
        return {
            r.chat_id: json.loads(r.payload)["text"]
            for r in rows.scalars()
            if "Nhắc lịch" in r.payload or "nhắc lịch" in r.payload
        }


async def test_a_meeting_set_with_hop_is_reminded_to_the_group_and_to_members_who_did_not_excuse(
    linked: Driver, clock: FakeClock
) -> None:
    await linked.say("lan", "/lienket", group=True)
    created = await hop(
        linked, "lan", "/hop 10/12/2026 14:00 Sinh hoạt chi bộ tháng 12 | Nhà văn hóa khu phố 1"
    )
    assert "Sinh hoạt chi bộ tháng 12" in texts(created, "lan")
    assert "Đã ghi nhận" in texts(await linked.say("mai", "/vang đi công tác tỉnh"), "mai")

    clock.set(vn(7, 14))
    counts = await due_jobs_tick(linked.app.runtime())
    assert (counts.claimed, counts.done) == (1, 1)
    sent = await reminders_sent(linked)
    # the group, Lan (secretary, not answered) and Đức; not Mai (excused); not Tuấn and Sơn
    # (another branch)
    assert sorted(sent) == sorted([group_chat_id(linked), linked.user_id("lan"), linked.user_id("duc")])
    assert "thứ Năm, 10/12/2026, 14:00 (còn 3 ngày)" in sent[group_chat_id(linked)]
    assert "Địa điểm: Nhà văn hóa khu phố 1" in sent[group_chat_id(linked)]
    assert "«Sẽ tham dự», hoặc «Xin vắng» rồi gõ lý do" in sent[linked.user_id("duc")]

    # the outbox worker puts them on the wire: the member reads it in the private chat
    before = len(delivered(linked))
    await deliver_due(linked, clock)
    duc = received(linked, linked.user_id("duc"), before)
    assert "Kính gửi đồng chí Phạm Văn Đức" in duc and "còn 3 ngày" in duc
    assert "Nhắc lịch: Sinh hoạt chi bộ tháng 12" in received(linked, group_chat_id(linked), before)
    assert received(linked, linked.user_id("mai"), before) == ""

    # Đức says he will come: he is still reminded, told how to send apologies instead
    await linked.say("duc", "/lich")
    await linked.press("duc", "Sẽ tham dự")
    clock.set(vn(9, 14))
    await due_jobs_tick(linked.app.runtime())
    day_before = await reminders_sent(linked)
    assert "đã báo sẽ tham dự" in day_before[linked.user_id("duc")]
    assert "Nội dung: Sinh hoạt chi bộ tháng 12" in day_before[linked.user_id("duc")]
    assert linked.user_id("mai") not in day_before
    # nothing twice
    assert (await due_jobs_tick(linked.app.runtime())).claimed == 0


async def test_a_secretary_changes_the_branch_reminders(linked: Driver, clock: FakeClock) -> None:
    shown = texts(await linked.say("mai", "/lich nhac"), "mai")
    assert "trước mỗi buổi 3 ngày, 1 ngày, 1 giờ" in shown
    refused = texts(await linked.say("mai", "/lich nhac 1g"), "mai")
    assert "Chỉ bí thư, phó bí thư chi bộ" in refused

    await hop(linked, "lan", "/hop 10/12/2026 14:00 Sinh hoạt chi bộ tháng 12")
    bad = texts(await linked.say("lan", "/lich nhac ba ngay"), "lan")
    assert "Không hiểu «ba ngay»" in bad and "/lich nhac 3n 1n 1g" in bad
    saved = texts(await linked.say("lan", "/lich nhac 2n 30p"), "lan")
    assert "trước mỗi buổi 2 ngày, 30 phút" in saved and "1 buổi sắp tới" in saved
    day = texts(await linked.say("lan", "/lich nhac ngaylap 18"), "lan")
    assert "vào ngày 18 hằng tháng" in day
    assert "2 ngày, 30 phút" in texts(await linked.say("mai", "/lich nhac"), "mai")
    # the other branch keeps the defaults
    assert "3 ngày, 1 ngày, 1 giờ" in texts(await linked.say("tuan", "/lich nhac"), "tuan")

    clock.set(vn(7, 14))  # the old 3-day reminder is gone
    assert (await due_jobs_tick(linked.app.runtime())).claimed == 0
    clock.set(vn(8, 14))
    assert (await due_jobs_tick(linked.app.runtime())).done == 1
    assert "(còn 2 ngày)" in (await reminders_sent(linked))[linked.user_id("mai")]
    # /lich alone still lists the meetings
    assert "Sinh hoạt chi bộ tháng 12" in texts(await linked.say("mai", "/lich"), "mai")


async def test_private_reminders_wait_for_the_morning_but_the_group_is_told_at_once(
    linked: Driver, clock: FakeClock
) -> None:
    await linked.say("lan", "/lienket", group=True)
    await hop(linked, "lan", "/hop 10/12/2026 22:00 Học tập chuyên đề buổi tối")
    clock.set(vn(7, 22))
    await due_jobs_tick(linked.app.runtime())
    before = len(delivered(linked))
    await deliver_due(linked, clock)
    assert "Học tập chuyên đề buổi tối" in received(linked, group_chat_id(linked), before)
    assert received(linked, linked.user_id("mai"), before) == ""  # 22:00 is inside quiet hours
    clock.set(vn(8, 6, 29))
    await deliver_due(linked, clock)
    assert received(linked, linked.user_id("mai"), before) == ""
    clock.set(vn(8, 6, 30))
    await deliver_due(linked, clock)
    assert "Kính gửi đồng chí Lê Thị Mai" in received(linked, linked.user_id("mai"), before)


async def test_a_bad_schedule_is_refused_with_an_example_of_a_correct_one(linked: Driver) -> None:
    for typed, said, example in (
        ("/hop 31/02/2027 14:00 Sinh hoạt chi bộ", "không hợp lệ", "05/12/2026 14:00"),
        ("/hop 05/12/2026 25:00 Sinh hoạt chi bộ", "không hợp lệ", "05/12/2026 14:00"),
        # the fake clock is on 01/12/2026
        ("/hop 20/11/2026 14:00 Sinh hoạt chi bộ", "20/11/2026 14:00 đã qua", "/hop 05/01/2027 14:00"),
        (
            "/hop thứ Tám tuần đầu tiên của tháng 14:00 Sinh hoạt",
            "Xin gõ theo mẫu",
            "/hop ngày 5 hằng tháng 14:00",
        ),
        ("/hop ngày 32 hằng tháng 14:00 Sinh hoạt chi bộ", "Xin gõ theo mẫu", "/hop ngày 5 hằng tháng 14:00"),
    ):
        answer = texts(await linked.say("lan", typed), "lan")
        assert said in answer and example in answer, (typed, answer)
    async with linked.app.db.unit_of_work() as uow:
        assert await uow.schedule.jobs() == []
        [lan] = await uow.people.by_name_key("nguyen thi lan")
        assert await uow.attendance.for_branch(lan.branch_id) == []


async def test_every_meeting_of_a_recurring_series_gets_its_reminders(linked: Driver) -> None:
    created = texts(await hop(linked, "lan", "/hop ngày 5 hằng tháng 14:00 Sinh hoạt chi bộ định kỳ"), "lan")
    assert "Đã tạo 12 buổi" in created
    async with linked.app.db.unit_of_work() as uow:
        jobs = await uow.schedule.jobs()
    assert len(jobs) == 12 * 3 and {j.status for j in jobs} == {"pending"}
    assert [j.due_at for j in jobs[:3]] == [vn(2, 14), vn(4, 14), vn(5, 13)]
