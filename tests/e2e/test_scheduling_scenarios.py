"""Scheduling that asks before it acts, the same conversations on every transport: /hop shows
what it understood and creates only on «Tạo»; times as people type them; an odd hour, the
same meeting or series again, an overlap and a month-end day are pointed out; cancelling
and moving ask first, take a reason for the notice, warn of what a move lands on, and a
whole series can be cancelled; reminders carry the RSVP choices, the last one says how to
check in."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from sqlalchemy import func, select

from config.clock import VN_TZ
from scheduler.due import due_jobs_tick
from storage.models import Meeting, MeetingDraft, OutboxMessage
from tests.e2e.drivers import GROUP, Driver, Seen, texts
from tests.e2e.scheduling import hop
from tests.e2e.test_announce_scenarios import deliver_outbox
from tests.e2e.test_meeting_change_scenarios import last_outbox_id, outbox_after, text_of
from tests.fakes.clock import FakeClock

_CHOICE = re.compile(r"^(\d{1,2})\. (.+)$", re.MULTILINE)


def vn(day: int, hour: int, minute: int = 0, month: int = 12, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=VN_TZ)


async def meetings(driver: Driver) -> list[Meeting]:
    async with driver.app.db.unit_of_work() as uow:
        rows = await uow.session.execute(select(Meeting).order_by(Meeting.starts_at, Meeting.id))
        return list(rows.scalars())


async def outbox_count(driver: Driver) -> int:
    async with driver.app.db.unit_of_work() as uow:
        return int((await uow.session.execute(select(func.count()).select_from(OutboxMessage))).scalar_one())


async def delivered(driver: Driver, clock: FakeClock) -> list[Seen]:
    """What the outbox worker puts on the wire now, with each message's choices (buttons on
    Telegram, numbered lines on Zalo and the console)."""
    clock.advance(seconds=1)
    return [
        Seen(s.to, s.text, s.buttons or [m.group(2) for m in _CHOICE.finditer(s.text)])
        for s in await deliver_outbox(driver)
    ]


async def test_a_branch_with_no_group_is_told_so_not_zero_groups(linked: Driver) -> None:
    preview = texts(await linked.say("lan", "/hop 5/12 14h Họp chi bộ"), "lan")
    assert "• Sẽ báo: chưa có nhóm chat nào của chi bộ gắn với chibo để đăng" in preview
    assert "0 nhóm" not in preview
    done = texts(await linked.press("lan", "Tạo buổi họp"), "lan")
    assert "Chưa đăng lên nhóm chat nào (chi bộ chưa gắn nhóm; bí thư gửi /lienket trong nhóm để gắn)" in done


async def test_hop_shows_what_it_understood_and_creates_only_on_confirm(linked: Driver) -> None:
    await linked.say("lan", "/lienket", group=True)
    # typed in the group: the preview goes to the secretary alone
    seen = await linked.say("lan", "/hop 5/12 2h chiều Họp chi bộ | Nhà văn hóa khu phố 1", group=True)
    assert not [s for s in seen if s.to == GROUP]
    preview = texts(seen, "lan")
    assert "chibo hiểu như sau (chưa tạo gì):" in preview
    assert "• Sinh hoạt chi bộ: «Họp chi bộ»" in preview
    assert "• Thời gian: thứ Bảy, 05/12/2026, 14:00–16:00" in preview
    assert "• Địa điểm: Nhà văn hóa khu phố 1" in preview
    assert "• Dành cho: Chi bộ Khu phố 1 (3 người)" in preview
    assert (
        "• Sẽ báo: đăng lên 1 nhóm chat khi tạo; nhắc riêng 3 người đã liên kết tài khoản, "
        "trước mỗi buổi 3 ngày, 1 ngày, 1 giờ." in preview
    )
    assert "⚠" not in preview
    assert seen[-1].buttons == ["Tạo buổi họp", "Không tạo"]
    assert await meetings(linked) == [] and await outbox_count(linked) == 0  # nothing yet

    done = texts(await linked.press("lan", "Tạo buổi họp"), "lan")
    assert "Đã tạo: Họp chi bộ\nthứ Bảy, 05/12/2026, 14:00–16:00\nĐịa điểm: Nhà văn hóa khu phố 1" in done
    assert "Đã đăng lên 1 nhóm chat; chibo nhắc trước mỗi buổi 3 ngày, 1 ngày, 1 giờ." in done
    [meeting] = await meetings(linked)
    assert (meeting.starts_at, meeting.ends_at, meeting.place) == (
        vn(5, 14),
        vn(5, 16),
        "Nhà văn hóa khu phố 1",
    )
    posts = await outbox_after(linked, 0)
    assert len(posts) == 1 and "📅 Họp chi bộ\nthứ Bảy, 05/12/2026, 14:00–16:00" in text_of(posts[0])

    # the same choice again creates nothing more
    again = texts(await linked.press("lan", "Tạo buổi họp"), "lan")
    assert "Các buổi này đã được tạo rồi." in again
    assert len(await meetings(linked)) == 1 and await outbox_count(linked) == 1

    # «Không tạo» drops it
    await linked.say("lan", "/hop 12/12 14:00 Họp thử")
    assert "Đã bỏ; không buổi nào được tạo." in texts(await linked.press("lan", "Không tạo"), "lan")
    assert len(await meetings(linked)) == 1
    async with linked.app.db.unit_of_work() as uow:
        outcomes = (
            await uow.session.execute(select(MeetingDraft.outcome).order_by(MeetingDraft.id))
        ).scalars()
        assert list(outcomes) == ["created", "dropped"]


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("14:00", "14:00–16:00"),
        ("14h", "14:00–16:00"),
        ("14g30", "14:30–16:30"),
        ("2h chiều", "14:00–16:00"),
        ("2 giờ chiều", "14:00–16:00"),
        ("2 gio chieu", "14:00–16:00"),
        ("2h-4h30 chiều", "14:00–16:30"),
        ("7 giờ tối", "19:00–21:00"),
    ],
)
async def test_times_as_people_type_them(linked: Driver, typed: str, shown: str) -> None:
    seen = await linked.say("lan", f"/hop 5/12 {typed} Sinh hoạt chi bộ")
    preview = texts(seen, "lan")
    assert f"• Thời gian: thứ Bảy, 05/12/2026, {shown}" in preview, preview
    assert "• Sinh hoạt chi bộ: «Sinh hoạt chi bộ»" in preview
    assert "⚠" not in preview


async def test_a_day_of_this_year_long_past_is_said_to_be_next_years(
    linked: Driver, clock: FakeClock
) -> None:
    clock.set(vn(3, 9))
    preview = texts(await linked.say("lan", "/hop 1/11 14:00 Sinh hoạt chi bộ tháng 11"), "lan")
    assert "• Thời gian: thứ Hai, 01/11/2027, 14:00–16:00" in preview
    assert "⚠ Ngày 01/11/2026 đã qua nên chibo hiểu là 01/11/2027 (năm sau)." in preview
    assert "chọn «Không tạo» rồi gõ lại" in preview
    assert not await meetings(linked)
    # early January typed in December is plainly next month's: nothing to point out
    soon = texts(await linked.say("lan", "/hop 5/1 14:00 Sinh hoạt chi bộ tháng 1"), "lan")
    assert "• Thời gian: thứ Ba, 05/01/2027, 14:00–16:00" in soon and "⚠" not in soon


async def test_an_hour_before_six_or_after_ten_at_night_is_questioned(linked: Driver) -> None:
    preview = await linked.say("lan", "/hop 5/12 2h Họp chi bộ")
    text = texts(preview, "lan")
    assert "• Thời gian: thứ Bảy, 05/12/2026, 02:00–04:00" in text
    assert (
        "⚠ Giờ bắt đầu 02:00 là lúc ít khi họp (trước 06:00 hoặc sau 22:00). Nếu đúng là 02:00, "
        "xin chọn «Vẫn tạo»; nếu gõ nhầm, xin chọn «Không tạo» rồi gõ lại lệnh." in text
    )
    assert (
        "Có phải ý đồng chí là 14:00 (2 giờ chiều)? Khi đó xin gõ: /hop 05/12/2026 14:00 Họp chi bộ" in text
    )
    assert preview[-1].buttons == ["Vẫn tạo", "Không tạo"]
    await linked.press("lan", "Không tạo")

    late = texts(await linked.say("lan", "/hop 5/12 22:30 Họp chi bộ"), "lan")
    assert "⚠ Giờ bắt đầu 22:30 là lúc ít khi họp" in late and "Có phải ý" not in late
    assert "⚠" not in texts(await linked.say("lan", "/hop 5/12 22:00 Học tập buổi tối"), "lan")
    assert "⚠" not in texts(await linked.say("lan", "/hop 5/12 6h sáng Họp sớm"), "lan")
    assert await meetings(linked) == []

    # questioned, but created when that is what was meant
    await hop(linked, "lan", "/hop 5/12 5h30 Lễ chào cờ")
    [meeting] = await meetings(linked)
    assert meeting.starts_at == vn(5, 5, 30)


async def test_the_same_meeting_or_series_again_is_pointed_out(linked: Driver) -> None:
    await hop(linked, "lan", "/hop 05/12/2026 14:00 Sinh hoạt chi bộ tháng 12")
    again = await linked.say("lan", "/hop 5/12 2h chiều Sinh hoạt chi bộ")
    text = texts(again, "lan")
    assert (
        "⚠ Đã có buổi «Sinh hoạt chi bộ tháng 12» (thứ Bảy, 05/12/2026, 14:00–16:00) — vẫn tạo thêm?" in text
    )
    assert again[-1].buttons == ["Vẫn tạo thêm", "Không tạo"]
    await linked.press("lan", "Không tạo")
    assert len(await meetings(linked)) == 1
    # another branch's meeting at the same time is its own business
    assert "⚠" not in texts(
        await linked.say("tuan", "/hop 05/12/2026 14:00 Sinh hoạt chi bộ tháng 12"), "tuan"
    )
    # an overlap is pointed out too
    overlap = texts(await linked.say("lan", "/hop 05/12/2026 15:00 Họp tổ đảng"), "lan")
    assert "⚠ Trùng giờ với buổi «Sinh hoạt chi bộ tháng 12» (thứ Bảy, 05/12/2026, 14:00–16:00)." in overlap

    # a recurring series sent three times is one series, unless confirmed again
    series = "/hop ngày 5 hằng tháng 14:00 Sinh hoạt chi bộ định kỳ"
    await hop(linked, "lan", "/hop ngày 20 hằng tháng 19:30 Sinh hoạt chi bộ định kỳ")
    first = await linked.say("lan", series)
    # its first meeting falls on the one already there
    assert "⚠ Đã có buổi «Sinh hoạt chi bộ tháng 12»" in texts(first, "lan")
    await linked.press("lan", "Vẫn tạo thêm")
    assert len(await meetings(linked)) == 1 + 12 + 12
    for _ in range(2):
        repeated = await linked.say("lan", series)
        text = texts(repeated, "lan")
        assert (
            "⚠ Đã có buổi «Sinh hoạt chi bộ định kỳ» theo lịch lặp lại «ngày 5 hằng tháng, 14:00» "
            "(còn 12 buổi, buổi gần nhất thứ Bảy, 05/12/2026, 14:00–16:00) — vẫn tạo thêm?" in text
        )
        assert "lịch lặp lại «ngày 20 hằng tháng" not in text  # another day is another series
        assert repeated[-1].buttons == ["Vẫn tạo thêm", "Không tạo"]
        await linked.press("lan", "Không tạo")
    assert len(await meetings(linked)) == 1 + 12 + 12


async def test_day_31_of_every_month_falls_on_the_last_day_of_shorter_months(linked: Driver) -> None:
    seen = await linked.say("lan", "/hop ngày 31 hằng tháng 19:30 Sinh hoạt chi bộ định kỳ")
    text = texts(seen, "lan")
    assert "• Lịch lặp lại: ngày 31 hằng tháng (tháng không có ngày 31: ngày cuối tháng), 19:30" in text
    assert "• 12 buổi, từ thứ Năm, 31/12/2026 đến thứ Ba, 30/11/2027; mỗi buổi 19:30–21:30" in text
    assert (
        "• Tháng không có ngày 31 thì họp vào ngày cuối tháng: Chủ nhật, 28/02/2027; thứ Sáu, 30/04/2027; "
        "thứ Tư, 30/06/2027; thứ Năm, 30/09/2027; thứ Ba, 30/11/2027." in text
    )
    assert seen[-1].buttons == ["Tạo 12 buổi", "Không tạo"]
    await linked.press("lan", "Tạo 12 buổi")
    starts = [m.starts_at for m in await meetings(linked)]
    assert len(starts) == 12 and vn(28, 19, 30, month=2, year=2027) in starts
    assert vn(30, 19, 30, month=4, year=2027) in starts


async def test_a_whole_series_is_cancelled_at_once_with_its_reason(linked: Driver, clock: FakeClock) -> None:
    await linked.say("lan", "/lienket", group=True)
    await hop(linked, "lan", "/hop ngày 5 hằng tháng 14:00 Sinh hoạt chi bộ định kỳ")
    await delivered(linked, clock)  # the announcement
    await linked.say("lan", "/hop huy")
    asked = await linked.press("lan", "thứ Bảy, 05/12/2026, 14:00 — Sinh hoạt chi bộ định kỳ")
    assert asked[-1].buttons == ["Chỉ hủy buổi này", "Hủy cả 12 buổi", "Không hủy"]
    reason = texts(await linked.press("lan", "Hủy cả 12 buổi"), "lan")
    assert "Xin đồng chí gõ lý do hủy vào đây" in reason
    assert not any(m.cancelled for m in await meetings(linked))  # not before the reason

    before = await last_outbox_id(linked)
    done = texts(await linked.say("lan", "Chi bộ sáp nhập với Khu phố 2"), "lan")
    assert (
        "Đã hủy 12 buổi sinh hoạt «Sinh hoạt chi bộ định kỳ» của lịch lặp lại «ngày 5 hằng tháng, 14:00», "
        "từ thứ Bảy, 05/12/2026 đến thứ Sáu, 05/11/2027. Các lời nhắc sẽ không gửi nữa; "
        "đã báo 1 nhóm chat và 2 đồng chí.\nLý do trong thông báo: Chi bộ sáp nhập với Khu phố 2." in done
    )
    assert all(m.cancelled for m in await meetings(linked))
    async with linked.app.db.unit_of_work() as uow:
        assert {j.status for j in await uow.schedule.jobs()} == {"cancelled"}
    notices = await outbox_after(linked, before)
    assert len(notices) == 3  # the group, Mai, Đức: one notice each, not twelve
    notice = (
        "📣 Lịch sinh hoạt «Sinh hoạt chi bộ định kỳ» (ngày 5 hằng tháng, 14:00) đã hủy: cả 12 buổi, "
        "từ thứ Bảy, 05/12/2026 đến thứ Sáu, 05/11/2027. Lý do: Chi bộ sáp nhập với Khu phố 2."
    )
    assert all(notice in text_of(r) for r in notices)
    assert notice in texts(await delivered(linked, clock), "mai")
    assert "chưa có lịch" in texts(await linked.say("mai", "/lich"), "mai")


async def test_a_move_asks_first_and_warns_when_it_lands_on_another_meeting(linked: Driver) -> None:
    await hop(linked, "lan", "/hop 10/12/2026 14:00 Sinh hoạt chi bộ tháng 12")
    await hop(linked, "lan", "/hop 11/12/2026 14:00 Họp tổ đảng")
    offered = await linked.say("lan", "/hop doi 12/12 15:00")
    assert offered[-1].buttons == [
        "thứ Năm, 10/12/2026, 14:00 — Sinh hoạt chi bộ tháng 12",
        "thứ Sáu, 11/12/2026, 14:00 — Họp tổ đảng",
    ]
    # "2" then "1": the second number answers the question the first one raised, and even
    # then nothing moves before the reason is typed
    asked = await linked.say("lan", "2")
    assert "Dời buổi sinh hoạt «Họp tổ đảng» từ thứ Sáu, 11/12/2026, 14:00–16:00" in texts(asked, "lan")
    assert asked[-1].buttons == ["Đồng ý dời", "Không dời"]
    assert "gõ lý do dời" in texts(await linked.say("lan", "1"), "lan")
    assert [m.starts_at for m in await meetings(linked)] == [vn(10, 14), vn(11, 14)]
    assert "Đã dời buổi sinh hoạt «Họp tổ đảng»" in texts(await linked.say("lan", "Tổ trưởng đi vắng"), "lan")

    # the other one, to the same hour: warned
    await linked.say("lan", "/hop doi 12/12 15:00")
    asked = await linked.say("lan", "1")
    text = texts(asked, "lan")
    assert (
        "Dời buổi sinh hoạt «Sinh hoạt chi bộ tháng 12» từ thứ Năm, 10/12/2026, 14:00–16:00 "
        "sang thứ Bảy, 12/12/2026, 15:00–17:00?" in text
    )
    assert "⚠ Giờ mới trùng với buổi «Họp tổ đảng» (thứ Bảy, 12/12/2026, 15:00–17:00)." in text
    assert asked[-1].buttons == ["Vẫn dời", "Không dời"]
    kept = texts(await linked.press("lan", "Không dời"), "lan")
    assert "Đã giữ nguyên buổi «Sinh hoạt chi bộ tháng 12» (thứ Năm, 10/12/2026, 14:00–16:00)." in kept
    assert [m.starts_at for m in await meetings(linked)] == [vn(10, 14), vn(12, 15)]

    # and a move to 2 at night is questioned like a new meeting
    await linked.say("lan", "/hop doi 13/12 2h")
    odd = texts(await linked.say("lan", "1"), "lan")
    assert "⚠ Giờ mới 02:00 là lúc ít khi họp (trước 06:00 hoặc sau 22:00)." in odd


async def test_reminders_carry_the_choices_and_the_last_one_says_how_to_check_in(
    linked: Driver, clock: FakeClock
) -> None:
    await linked.say("lan", "/lienket", group=True)
    await hop(linked, "lan", "/hop 10/12/2026 14:00 Sinh hoạt chi bộ tháng 12")
    await delivered(linked, clock)

    clock.set(vn(7, 14))
    assert (await due_jobs_tick(linked.app.runtime())).done == 1
    sent = await delivered(linked, clock)
    [private] = [s for s in sent if s.to == "duc"]
    assert "thứ Năm, 10/12/2026, 14:00 (còn 3 ngày)" in private.text
    assert private.buttons == ["Sẽ tham dự", "Xin vắng"]
    [group] = [s for s in sent if s.to == GROUP]
    assert group.buttons == ["Sẽ tham dự", "Xin vắng"]
    # the choice answers the reminder: by a button, or on Zalo and the console by its number
    assert "sẽ tham dự Sinh hoạt chi bộ tháng 12" in texts(await linked.press("duc", "Sẽ tham dự"))
    asked = texts(await linked.press("mai", "Xin vắng"))
    assert "gõ lý do vào đây" in asked
    assert "Lý do: Đi khám bệnh" in texts(await linked.say("mai", "Đi khám bệnh"), "mai")

    clock.set(vn(10, 13))  # the last one, an hour before: how to check in, no RSVP
    assert (await due_jobs_tick(linked.app.runtime())).done == 1
    sent = await delivered(linked, clock)
    [private] = [s for s in sent if s.to == "duc"]
    assert "Điểm danh mở từ 13:30" in private.text and "«có mặt»" in private.text
    assert "Sẽ tham dự" not in private.buttons and "trả lời" not in private.text
    assert "mai" not in {s.to for s in sent}  # excused: not reminded


async def test_a_last_reminder_once_check_in_is_open_carries_the_present_button(
    linked: Driver, clock: FakeClock
) -> None:
    await linked.say("lan", "/lich nhac 1n 20p")
    await hop(linked, "lan", "/hop 10/12/2026 14:00 Sinh hoạt chi bộ tháng 12")
    clock.set(vn(9, 14))
    assert (await due_jobs_tick(linked.app.runtime())).done == 1
    [day_before] = [s for s in await delivered(linked, clock) if s.to == "duc"]
    assert day_before.buttons == ["Sẽ tham dự", "Xin vắng"]  # a day ahead: still asked

    clock.set(vn(10, 13, 40))
    assert (await due_jobs_tick(linked.app.runtime())).done == 1
    [last] = [s for s in await delivered(linked, clock) if s.to == "duc"]
    assert "(còn 20 phút)" in last.text and "Điểm danh đang mở" in last.text
    assert last.buttons == ["Có mặt"]
    assert "Đã điểm danh: đồng chí Phạm Văn Đức có mặt" in texts(await linked.press("duc", "Có mặt"))


async def test_a_group_not_bound_to_a_branch_is_shown_no_branch_schedule(linked: Driver) -> None:
    await hop(linked, "lan", "/hop 5/12 14:00 Sinh hoạt chi bộ tháng 12")
    for who in ("lan", "mai", "tuan"):
        said = texts(await linked.say(who, "/lich", group=True), GROUP)
        assert said.startswith("Nhóm này chưa gắn với chi bộ nào nên chibo không đăng lịch ở đây.")
        assert "Sinh hoạt chi bộ tháng 12" not in said and "Chi bộ Khu phố" not in said
    await linked.say("lan", "/lienket", group=True)
    assert "Lịch sắp tới của Chi bộ Khu phố 1" in texts(await linked.say("mai", "/lich", group=True), GROUP)


async def test_the_library_in_a_group_shows_no_secretary_help(linked: Driver) -> None:
    hint = "Thêm tài liệu cho chi bộ"
    assert hint not in texts(await linked.say("lan", "/tailieu", group=True), GROUP)
    assert hint in texts(await linked.say("lan", "/tailieu"), "lan")
