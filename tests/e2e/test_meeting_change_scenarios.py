"""Cancelling and moving a meeting, the same conversations on every transport: `/hop huy`
and `/hop doi`, who may, what members are told, what becomes of reminders, RSVP and
check-in, and a recurring series."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import select

from config.clock import VN_TZ
from scheduler.due import due_jobs_tick
from storage.models import Meeting, OutboxMessage
from tests.e2e.drivers import GROUP, Driver, texts
from tests.e2e.scheduling import hop
from tests.e2e.test_reminder_scenarios import deliver_due, delivered, group_chat_id, received
from tests.fakes.clock import FakeClock


def vn(day: int, hour: int, minute: int = 0, month: int = 12, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=VN_TZ)


MEETING = "/hop 10/12/2026 14:00 Sinh hoạt chi bộ tháng 12 | Nhà văn hóa khu phố 1"
LABEL = "thứ Năm, 10/12/2026, 14:00 — Sinh hoạt chi bộ tháng 12"


async def meeting_titled(driver: Driver, title: str, starts: datetime | None = None) -> Meeting:
    async with driver.app.db.unit_of_work() as uow:
        rows = await uow.session.execute(
            select(Meeting).where(Meeting.title == title).order_by(Meeting.starts_at)
        )
        found = [m for m in rows.scalars() if starts is None or m.starts_at == starts]
    assert found, title
    return found[0]


async def reminder_jobs(driver: Driver, meeting_id: int) -> list[tuple[datetime, str]]:
    """(due at, status) of the meeting's reminder rows."""
    async with driver.app.db.unit_of_work() as uow:
        return [(j.due_at, j.status) for j in await uow.schedule.jobs(ref=f"meeting:{meeting_id}")]


async def outbox_after(driver: Driver, after_id: int) -> list[OutboxMessage]:
    async with driver.app.db.unit_of_work() as uow:
        rows = await uow.session.execute(
            select(OutboxMessage).where(OutboxMessage.id > after_id).order_by(OutboxMessage.id)
        )
        return list(rows.scalars())


async def last_outbox_id(driver: Driver) -> int:
    rows = await outbox_after(driver, 0)
    return rows[-1].id if rows else 0


def text_of(row: OutboxMessage) -> str:
    return str(json.loads(row.payload)["text"])


async def person_id(driver: Driver, name_key: str) -> int:
    async with driver.app.db.unit_of_work() as uow:
        return (await uow.people.by_name_key(name_key))[0].id


async def test_hop_alone_explains_creating_cancelling_and_moving(linked: Driver) -> None:
    usage = texts(await linked.say("lan", "/hop"), "lan")
    assert "Xin gõ theo mẫu" in usage and "/hop 05/12/2026 14:00 Sinh hoạt chi bộ tháng 12" in usage
    assert "Hủy một buổi đã tạo: /hop huy" in usage
    assert "Dời một buổi sang ngày giờ khác: /hop doi 12/12/2026 15:00" in usage
    assert "/hop huy" in texts(await linked.say("lan", "/trogiup"), "lan")
    await linked.say("lan", "/language en")
    english = texts(await linked.say("lan", "/meeting"), "lan")
    assert "Cancel a meeting: /meeting cancel" in english and "/meeting move 12/12/2026 15:00" in english
    nothing = texts(await linked.say("lan", "/meeting cancel"), "lan")
    assert "Your branch has no meeting or study session coming up to cancel or move." in nothing


async def test_a_cancelled_meeting_is_gone_for_everyone_and_reminds_nobody(
    linked: Driver, clock: FakeClock
) -> None:
    await linked.say("lan", "/lienket", group=True)
    await hop(linked, "lan", MEETING)
    await linked.say("mai", "/vang đi công tác tỉnh")
    await linked.say("duc", "/lich")  # Đức is offered "Sẽ tham dự" before the meeting is cancelled
    meeting = await meeting_titled(linked, "Sinh hoạt chi bộ tháng 12")
    assert [s for _, s in await reminder_jobs(linked, meeting.id)] == ["pending"] * 3

    offered = await linked.say("lan", "/hop hủy")
    assert "Chọn buổi cần hủy:" in texts(offered, "lan")
    assert offered[-1].buttons == [LABEL]
    asked = await linked.press("lan", LABEL)
    assert (
        "Đồng chí muốn hủy buổi sinh hoạt «Sinh hoạt chi bộ tháng 12» (thứ Năm, 10/12/2026, 14:00–16:00)?"
        in texts(asked, "lan")
    )
    assert "Nhóm chat của chi bộ và các đồng chí chưa xin vắng sẽ được báo." in texts(asked, "lan")
    assert asked[-1].buttons == ["Đồng ý hủy", "Không hủy"]
    async with linked.app.db.unit_of_work() as uow:
        still = await uow.attendance.get(meeting.id)
        assert still is not None and not still.cancelled  # asking changes nothing

    # the reason is asked for, and typed as it is: it goes into the notice
    reason = texts(await linked.press("lan", "Đồng ý hủy"), "lan")
    assert "Xin đồng chí gõ lý do hủy vào đây; lý do được ghi trong thông báo gửi chi bộ" in reason
    async with linked.app.db.unit_of_work() as uow:
        still = await uow.attendance.get(meeting.id)
        assert still is not None and not still.cancelled
    before = await last_outbox_id(linked)
    done = await linked.say("lan", "Trùng lịch họp khu phố")
    assert (
        "Đã hủy buổi sinh hoạt «Sinh hoạt chi bộ tháng 12» (thứ Năm, 10/12/2026, 14:00–16:00). "
        "Các lời nhắc của buổi này sẽ không gửi nữa; đã báo 1 nhóm chat và 1 đồng chí.\n"
        "Lý do trong thông báo: Trùng lịch họp khu phố." in texts(done, "lan")
    )

    # stored: cancelled, when and by whom; its reminders cancelled, not sent
    lan_id = await person_id(linked, "nguyen thi lan")
    async with linked.app.db.unit_of_work() as uow:
        gone = await uow.attendance.get(meeting.id)
    assert gone is not None
    assert (gone.cancelled, gone.cancelled_at, gone.cancelled_by_person_id) == (True, clock.now(), lan_id)
    assert [s for _, s in await reminder_jobs(linked, meeting.id)] == ["cancelled"] * 3

    # the notice: the group and Đức; not Mai (excused), not Lan (she did it), not the other branch
    notices = await outbox_after(linked, before)
    assert sorted(r.chat_id for r in notices) == sorted([group_chat_id(linked), linked.user_id("duc")])
    notice = (
        "📣 Buổi sinh hoạt «Sinh hoạt chi bộ tháng 12» (thứ Năm, 10/12/2026, 14:00) đã hủy. "
        "Lý do: Trùng lịch họp khu phố. Gõ /lich để xem lịch."
    )
    assert all(notice in text_of(r) for r in notices)
    sent_before = len(delivered(linked))
    await deliver_due(linked, clock)
    assert notice in received(linked, group_chat_id(linked), sent_before)
    assert notice in received(linked, linked.user_id("duc"), sent_before)
    assert received(linked, linked.user_id("mai"), sent_before) == ""

    # members no longer see it, answer it, apologise for it or check in to it
    assert "chưa có lịch" in texts(await linked.say("mai", "/lich"), "mai")
    assert "không còn" in texts(await linked.press("duc", "Sẽ tham dự"))
    duc_id = await person_id(linked, "pham van duc")
    async with linked.app.db.unit_of_work() as uow:
        assert await uow.attendance.get_record(meeting.id, duc_id) is None
    assert "không có buổi nào sắp tới" in texts(await linked.say("duc", "/vang ốm"), "duc")
    clock.set(vn(10, 13, 45))
    assert "không có buổi nào" in texts(await linked.say("duc", "có mặt"), "duc")
    assert "không có buổi nào" in texts(await linked.say("lan", "/diemdanh", group=True))
    # and nobody is reminded of it
    for when in (vn(7, 14), vn(9, 14), vn(10, 13)):
        clock.set(when)
        assert (await due_jobs_tick(linked.app.runtime())).claimed == 0
    # nor offered it again
    assert "không có buổi sinh hoạt hay học tập nào sắp tới" in texts(
        await linked.say("lan", "/hop huy"), "lan"
    )


async def test_a_meeting_moves_with_its_length_its_reminders_and_a_notice(
    linked: Driver, clock: FakeClock
) -> None:
    await linked.say("lan", "/lienket", group=True)
    await hop(linked, "lan", "/hop 10/12/2026 14:00-16:30 Sinh hoạt chi bộ tháng 12")
    await linked.say("mai", "/vang đi công tác tỉnh")
    meeting = await meeting_titled(linked, "Sinh hoạt chi bộ tháng 12")

    # the same checks and words as /hop for a bad time
    for typed in ("31/02/2027 14:00", "05/12/2026 25:00", "31/12/9999 23:00"):
        created = texts(await linked.say("lan", f"/hop {typed} Sinh hoạt chi bộ"), "lan")
        moved = texts(await linked.say("lan", f"/hop doi {typed}"), "lan")
        assert moved == created and f"Thời gian «{typed}» không hợp lệ" in moved
    past = texts(await linked.say("lan", "/hop doi 20/11/2026 14:00"), "lan")
    assert "Thời điểm 20/11/2026 14:00 đã qua. Xin chọn một thời điểm sắp tới" in past
    assert "/hop doi 05/01/2027 14:00" in past
    for typed in ("/hop doi", "/hop đổi mai nhé"):
        assert "Xin gõ ngày giờ mới sau «doi», ví dụ: /hop doi 12/12/2026 15:00" in texts(
            await linked.say("lan", typed), "lan"
        )
    assert [s for _, s in await reminder_jobs(linked, meeting.id)] == ["pending"] * 3  # nothing changed

    offered = await linked.say("lan", "/hop đổi 12/12/2026 15:00")
    assert "Chọn buổi cần dời sang thứ Bảy, 12/12/2026, 15:00:" in texts(offered, "lan")
    asked = await linked.press("lan", LABEL)
    assert (
        "Dời buổi sinh hoạt «Sinh hoạt chi bộ tháng 12» từ thứ Năm, 10/12/2026, 14:00–16:30 "
        "sang thứ Bảy, 12/12/2026, 15:00–17:30?" in texts(asked, "lan")
    )
    assert asked[-1].buttons == ["Đồng ý dời", "Không dời"]
    assert "gõ lý do dời" in texts(await linked.press("lan", "Đồng ý dời"), "lan")
    assert [s for _, s in await reminder_jobs(linked, meeting.id)] == ["pending"] * 3  # not yet
    before = await last_outbox_id(linked)
    done = texts(await linked.say("lan", "không"), "lan")  # no reason given
    assert (
        "Đã dời buổi sinh hoạt «Sinh hoạt chi bộ tháng 12» từ thứ Năm, 10/12/2026, 14:00–16:30 "
        "sang thứ Bảy, 12/12/2026, 15:00–17:30. Đã lập lại 3 lời nhắc; đã báo 1 nhóm chat và 1 đồng chí."
        in done
    )
    assert "Lý do" not in done
    moved_meeting = await meeting_titled(linked, "Sinh hoạt chi bộ tháng 12")
    assert (moved_meeting.starts_at, moved_meeting.ends_at) == (vn(12, 15), vn(12, 17, 30))
    assert not moved_meeting.cancelled
    jobs = await reminder_jobs(linked, meeting.id)
    assert sorted(s for _, s in jobs) == ["cancelled"] * 3 + ["pending"] * 3
    assert [d for d, s in jobs if s == "pending"] == [vn(9, 15), vn(11, 15), vn(12, 14)]

    notices = await outbox_after(linked, before)
    assert sorted(r.chat_id for r in notices) == sorted([group_chat_id(linked), linked.user_id("duc")])
    notice = (
        "📣 Buổi sinh hoạt «Sinh hoạt chi bộ tháng 12» (thứ Năm, 10/12/2026, 14:00) đã dời sang "
        "thứ Bảy, 12/12/2026, 15:00–17:30. Xin cho biết có tham dự hay không."
    )
    assert all(notice in text_of(r) for r in notices)
    sent_before = len(delivered(linked))
    await deliver_due(linked, clock)
    assert notice in received(linked, group_chat_id(linked), sent_before)
    assert notice in received(linked, linked.user_id("duc"), sent_before)
    assert received(linked, linked.user_id("mai"), sent_before) == ""
    assert "Sinh hoạt chi bộ tháng 12 — thứ Bảy, 12/12/2026, 15:00–17:30" in texts(
        await linked.say("mai", "/lich"), "mai"
    )

    # reminders follow the new time: none at the old one
    clock.set(vn(7, 14))
    assert (await due_jobs_tick(linked.app.runtime())).claimed == 0
    clock.set(vn(9, 15))
    assert (await due_jobs_tick(linked.app.runtime())).done == 1
    sent_before = len(delivered(linked))
    await deliver_due(linked, clock)
    assert "thứ Bảy, 12/12/2026, 15:00 (còn 3 ngày)" in received(linked, group_chat_id(linked), sent_before)

    # moved again, to a time so near that only the 1-hour reminder is still ahead (no year typed)
    clock.set(vn(10, 8))
    await linked.say("lan", "/hop doi 11/12 07:30")
    await linked.press("lan", "thứ Bảy, 12/12/2026, 15:00 — Sinh hoạt chi bộ tháng 12")
    await linked.press("lan", "Đồng ý dời")
    done = texts(await linked.say("lan", "Bí thư đi công tác ngày 12"), "lan")
    assert "sang thứ Sáu, 11/12/2026, 07:30–10:00" in done and "Đã lập lại 1 lời nhắc" in done
    assert "Lý do trong thông báo: Bí thư đi công tác ngày 12." in done
    pending = [d for d, s in await reminder_jobs(linked, meeting.id) if s == "pending"]
    assert pending == [vn(11, 6, 30)]


async def test_only_the_right_people_may_cancel_or_move(linked: Driver, clock: FakeClock) -> None:
    await hop(linked, "lan", MEETING)
    await hop(linked, "tuan", "/hop 11/12/2026 14:00 Sinh hoạt chi bộ Khu phố 2")
    await hop(linked, "son", "/hop 15/12/2026 08:00-11:00 Học tập Nghị quyết | https://meet.example/nq")
    session_label = "thứ Ba, 15/12/2026, 08:00 — Học tập Nghị quyết"

    refused = texts(await linked.say("mai", "/hop huy"), "mai")
    assert "lệnh /hop chỉ dành cho bí thư, phó bí thư chi bộ và cán bộ Đảng ủy" in refused

    # a secretary sees the branch's meetings (the committee's session among them), not another branch's
    offered = await linked.say("lan", "/hop huy")
    assert offered[-1].buttons == [LABEL, session_label]
    refused = texts(await linked.press("lan", session_label), "lan")
    assert "buổi học tập này do Đảng ủy tổ chức; chỉ cán bộ Đảng ủy mới hủy hoặc dời được" in refused
    assert "Học tập Nghị quyết" in texts(await linked.say("mai", "/lich"), "mai")  # still on

    # committee staff (not a secretary) may not touch a branch meeting…
    offered = await linked.say("son", "/hop doi 16/12/2026 08:00")
    assert offered[-1].buttons == ["thứ Sáu, 11/12/2026, 14:00 — Sinh hoạt chi bộ Khu phố 2", session_label]
    refused = texts(
        await linked.press("son", "thứ Sáu, 11/12/2026, 14:00 — Sinh hoạt chi bộ Khu phố 2"), "son"
    )
    assert "chỉ bí thư, phó bí thư của chi bộ đó mới hủy hoặc dời được" in refused
    # …but moves the committee's session, and every branch's members hear it
    await linked.say("son", "/hop doi 16/12/2026 08:00")
    await linked.press("son", session_label)
    await linked.press("son", "Đồng ý dời")
    before = await last_outbox_id(linked)
    moved = texts(await linked.say("son", "Báo cáo viên bận"), "son")
    assert (
        "Đã dời buổi học tập «Học tập Nghị quyết» từ thứ Ba, 15/12/2026, 08:00–11:00 "
        "sang thứ Tư, 16/12/2026, 08:00–11:00" in moved
    )
    assert "Đã lập lại 6 lời nhắc; đã báo 0 nhóm chat và 4 đồng chí." in moved
    notices = await outbox_after(linked, before)
    assert sorted(r.chat_id for r in notices) == sorted(
        linked.user_id(who) for who in ("lan", "mai", "duc", "tuan")
    )
    assert all(
        "Buổi học tập «Học tập Nghị quyết» (thứ Ba, 15/12/2026, 08:00) đã dời sang thứ Tư, 16/12/2026, "
        "08:00–11:00. Lý do: Báo cáo viên bận." in text_of(r)
        for r in notices
    )

    # the branch meetings did not change
    lan_meeting = await meeting_titled(linked, "Sinh hoạt chi bộ tháng 12")
    kp2_meeting = await meeting_titled(linked, "Sinh hoạt chi bộ Khu phố 2")
    assert (lan_meeting.starts_at, lan_meeting.cancelled) == (vn(10, 14), False)
    assert (kp2_meeting.starts_at, kp2_meeting.cancelled) == (vn(11, 14), False)

    # the other branch's secretary is never offered Lan's meeting
    assert LABEL not in (await linked.say("tuan", "/hop huy"))[-1].buttons


async def test_cancelling_one_meeting_of_a_series_keeps_the_others(linked: Driver, clock: FakeClock) -> None:
    await hop(linked, "lan", "/hop ngày 5 hằng tháng 14:00 Sinh hoạt chi bộ định kỳ")
    first = "thứ Bảy, 05/12/2026, 14:00 — Sinh hoạt chi bộ định kỳ"
    offered = await linked.say("lan", "/hop huy")
    assert len(offered[-1].buttons) == 12 and offered[-1].buttons[0] == first

    asked = texts(await linked.press("lan", first), "lan")
    assert (
        "Buổi này thuộc lịch lặp lại «ngày 5 hằng tháng, 14:00», còn 12 buổi (đến thứ Sáu, 05/11/2027). "
        "Chọn «Chỉ hủy buổi này» (buổi ngày 05/12/2026; các buổi khác giữ nguyên) hoặc «Hủy cả 12 buổi»."
        in asked
    )
    kept = texts(await linked.press("lan", "Không hủy"), "lan")
    assert "Đã giữ nguyên buổi «Sinh hoạt chi bộ định kỳ» (thứ Bảy, 05/12/2026, 14:00–16:00)." in kept
    async with linked.app.db.unit_of_work() as uow:
        lan = (await uow.people.by_name_key("nguyen thi lan"))[0]
        assert len(await uow.attendance.for_branch(lan.branch_id, limit=50)) == 12

    await linked.say("lan", "/hop huy")
    await linked.press("lan", first)
    await linked.press("lan", "Chỉ hủy buổi này")
    done = texts(await linked.say("lan", "không"), "lan")
    assert "Đã hủy buổi sinh hoạt «Sinh hoạt chi bộ định kỳ» (thứ Bảy, 05/12/2026, 14:00–16:00)" in done
    assert "Các buổi khác của lịch lặp lại vẫn giữ nguyên." in done

    async with linked.app.db.unit_of_work() as uow:
        series = await uow.attendance.for_branch(lan.branch_id, limit=50)
        jobs = await uow.schedule.jobs()
    assert len(series) == 11 and series[0].starts_at == vn(5, 14, month=1, year=2027)
    cancelled = await meeting_titled(linked, "Sinh hoạt chi bộ định kỳ", vn(5, 14))
    assert cancelled.cancelled
    assert sorted({j.ref for j in jobs if j.status == "cancelled"}) == [f"meeting:{cancelled.id}"]
    assert sum(j.status == "pending" for j in jobs) == 11 * 3
    schedule = texts(await linked.say("mai", "/lich"), "mai")
    assert "05/12/2026" not in schedule and "thứ Ba, 05/01/2027, 14:00" in schedule

    # the series' next meeting moves alone too
    await linked.say("lan", "/hop doi 06/01/2027 14:00")
    asked = texts(await linked.press("lan", "thứ Ba, 05/01/2027, 14:00 — Sinh hoạt chi bộ định kỳ"), "lan")
    assert "chỉ buổi ngày 05/01/2027 được dời, các buổi khác giữ nguyên" in asked
    await linked.press("lan", "Đồng ý dời")
    moved = texts(await linked.say("lan", "không"), "lan")
    assert "Chỉ buổi này được dời; các buổi khác của lịch lặp lại vẫn giữ nguyên." in moved
    assert "thứ Sáu, 05/02/2027, 14:00" in texts(await linked.say("mai", "/lich"), "mai")


async def test_choices_asked_in_the_group_go_to_the_secretary_alone(linked: Driver) -> None:
    await linked.say("lan", "/lienket", group=True)
    await hop(linked, "lan", MEETING)
    seen = await linked.say("lan", "/hop huy", group=True)
    assert not [s for s in seen if s.to == GROUP]
    assert "Chọn buổi cần hủy:" in texts(seen, "lan")
    asked = await linked.press("lan", LABEL)
    assert "Đồng chí muốn hủy buổi sinh hoạt" in texts(asked, "lan")
