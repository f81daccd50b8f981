"""Meetings and attendance, the same conversations on every transport: creating meetings,
RSVP, check-in (own, by words, in a group, by proxy), apologies, reports and exports."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import text as sql

from handlers.attendance.summary import refresh_summaries
from tests.e2e.drivers import GROUP, ConsoleDriver, Driver, Seen, TelegramDriver, texts
from tests.e2e.scheduling import hop
from tests.fakes.clock import FakeClock

# the clock starts on 01/12/2026 08:00 in Hà Nội
MEETING = "/hop 05/12/2026 14:00 Sinh hoạt chi bộ tháng 12"
BEFORE_START = datetime(2026, 12, 5, 6, 45, tzinfo=UTC)  # 13:45 in Hà Nội
AFTER_GRACE = datetime(2026, 12, 5, 7, 20, tzinfo=UTC)  # 14:20, past the 15 minutes' grace
AFTER_END = datetime(2026, 12, 5, 9, 30, tzinfo=UTC)  # 16:30


def _clock(driver: Driver) -> FakeClock:
    clock = driver.app.clock
    assert isinstance(clock, FakeClock)
    return clock


async def _ticker_sent(driver: Driver) -> list[Seen]:
    """What one run of the group-summary job sent or edited, on any transport."""
    if isinstance(driver, ConsoleDriver):
        before = len(driver.lines)
        await refresh_summaries(driver.app.runtime())
        return [Seen(driver._to(chat), text) for text, chat in driver.lines[before:]]
    fake = driver.fake  # type: ignore[attr-defined]
    before = len(fake.calls)
    await refresh_summaries(driver.app.runtime())
    return [
        Seen(driver._to(str(c.chat_id)), c.text)  # type: ignore[attr-defined]
        for c in fake.calls[before:]
        if c.method in ("sendMessage", "editMessageText")
    ]


async def test_secretary_creates_a_meeting_and_members_answer(linked: Driver) -> None:
    created = texts(await hop(linked, "lan", MEETING), "lan")
    assert "Đã tạo: Sinh hoạt chi bộ tháng 12" in created
    assert "thứ Bảy, 05/12/2026, 14:00–16:00" in created
    assert "Chi bộ Khu phố 1" in created

    schedule = await linked.say("mai", "/lich")
    assert "Sinh hoạt chi bộ tháng 12" in texts(schedule, "mai")
    assert {"Sẽ tham dự", "Xin vắng"} <= set(schedule[-1].buttons)
    yes = await linked.press("mai", "Sẽ tham dự")
    assert "sẽ tham dự Sinh hoạt chi bộ tháng 12" in texts(yes)
    assert "(đồng chí: sẽ tham dự)" in texts(await linked.say("mai", "/lich"), "mai")

    # a branch meeting is not shown to another branch
    assert "chưa có lịch" in texts(await linked.say("tuan", "/lich"), "tuan")

    await linked.say("duc", "/lich")
    asked = await linked.press("duc", "Xin vắng")
    assert "gõ lý do vào đây" in texts(asked)
    # the reason is awaited: typed as it is, without a command
    apology = texts(await linked.say("duc", "Con ốm"), "duc")
    assert "Lý do: Con ốm" in apology
    # only once: the next words are not a reason
    assert "Lý do" not in texts(await linked.say("duc", "Cảm ơn"), "duc")
    apology = texts(await linked.say("duc", "/vang đi công tác tỉnh"), "duc")
    assert "Lý do: đi công tác tỉnh" in apology


async def test_check_in_window_words_and_late(linked: Driver) -> None:
    await hop(linked, "lan", MEETING)
    early = texts(await linked.say("mai", "có mặt"), "mai")
    assert "Chưa đến giờ điểm danh" in early and "điểm danh mở từ 13:30" in early

    _clock(linked).set(BEFORE_START)
    done = texts(await linked.say("mai", "co mat"), "mai")
    assert "Đã điểm danh: đồng chí Lê Thị Mai có mặt" in done
    again = texts(await linked.say("mai", "/diemdanh"), "mai")
    assert "đã điểm danh buổi này lúc 05/12/2026 13:45" in again

    _clock(linked).set(AFTER_GRACE)
    late = texts(await linked.say("duc", "/checkin"), "duc")
    assert "(đến muộn)" in late

    _clock(linked).set(AFTER_END)
    closed = texts(await linked.say("lan", "có mặt"), "lan")
    assert "không có buổi nào đang điểm danh" in closed


async def test_proxy_check_in_by_name_and_from_the_list(linked: Driver) -> None:
    await hop(linked, "lan", MEETING)
    _clock(linked).set(BEFORE_START)
    refused = texts(await linked.say("mai", "/diemdanh Phạm Văn Đức"), "mai")
    assert "Đã điểm danh: đồng chí Lê Thị Mai" in refused  # a member only checks themself in

    # the secretary who opens the list is there: recorded present, not listed
    listed = await linked.say("lan", "/diemdanh ho")
    assert "Đã ghi đồng chí Nguyễn Thị Lan có mặt buổi Sinh hoạt chi bộ tháng 12" in texts(listed, "lan")
    assert "Chưa điểm danh (1)" in texts(listed, "lan")
    assert listed[-1].buttons == ["Phạm Văn Đức"]
    chosen = await linked.say("lan", "1")
    assert "Đã điểm danh hộ: đồng chí Phạm Văn Đức có mặt (Nguyễn Thị Lan ghi)" in texts(chosen)
    assert "Mọi người trong Chi bộ Khu phố 1 đã điểm danh" in texts(
        await linked.say("lan", "/diemdanh ho"), "lan"
    )
    by_name = texts(await linked.say("lan", "/diemdanh pham van duc"), "lan")
    assert "Đồng chí Phạm Văn Đức đã điểm danh buổi này lúc 05/12/2026 13:45" in by_name
    unknown = texts(await linked.say("lan", "/diemdanh Trần Văn Không"), "lan")
    assert "Không có ai tên «Trần Văn Không»" in unknown

    async with linked.app.db.unit_of_work() as uow:
        duc = (await uow.people.by_name_key("pham van duc"))[0]
        lan = (await uow.people.by_name_key("nguyen thi lan"))[0]
        meeting = (await uow.attendance.for_branch(duc.branch_id, limit=1))[0]
        record = await uow.attendance.get_record(meeting.id, duc.id)
    assert record is not None
    assert (record.status, record.recorded_by_person_id) == ("present", lan.id)


async def test_group_check_in_answers_privately_and_keeps_one_summary(linked: Driver) -> None:
    await linked.say("lan", "/lienket", group=True)
    await hop(linked, "lan", MEETING)
    _clock(linked).set(BEFORE_START)
    prompt = await linked.say("lan", "/diemdanh", group=True)
    assert "mỗi đồng chí bấm «Có mặt»" in texts(prompt, GROUP)
    first = await _ticker_sent(linked)
    # the secretary who opened it is counted: she runs the meeting
    assert [s.text for s in first if s.to == GROUP] == ["Đã điểm danh 1/3 — Sinh hoạt chi bộ tháng 12"]

    tap = await linked.press("mai", "Có mặt", group=True)
    assert not [s for s in tap if s.to == GROUP]  # never one group message per member
    assert "Đã điểm danh: đồng chí Lê Thị Mai" in texts(tap)
    # a number the one choice does not have is told what to type
    assert (
        texts(await linked.say("duc", "2", group=True), GROUP)
        == "Chỉ có một lựa chọn: gõ 1 để chọn «Có mặt»."
    )
    typed = await linked.say("duc", "1", group=True)
    assert not [s for s in typed if s.to == GROUP]
    assert "Đã điểm danh: đồng chí Phạm Văn Đức" in texts(typed)

    refreshed = await _ticker_sent(linked)
    assert [s.text for s in refreshed if s.to == GROUP] == ["Đã điểm danh 3/3 — Sinh hoạt chi bộ tháng 12"]
    assert await _ticker_sent(linked) == []  # nothing changed: nothing sent
    if isinstance(linked, TelegramDriver):
        assert linked.fake.sent("editMessageText")  # the same message, edited

    # what the secretary asks about who is in goes to her alone, never to the group
    listed = await linked.say("lan", "/diemdanh ho", group=True)
    assert not [s for s in listed if s.to == GROUP]
    assert "Mọi người trong Chi bộ Khu phố 1 đã điểm danh" in texts(listed, "lan")


async def test_session_report_names_minutes_and_flags(linked: Driver) -> None:
    await hop(linked, "lan", MEETING)
    await linked.say("duc", "/vang ốm")
    _clock(linked).set(BEFORE_START)
    await linked.say("mai", "có mặt")
    _clock(linked).set(AFTER_END)

    report = texts(await linked.say("lan", "/baocao"), "lan")
    assert "Đảng viên có mặt: 1/3 — 33,3% (đúng giờ: 1, muộn: 0)" in report
    assert "Vắng có lý do: 1" in report and "Vắng không lý do: 1" in report
    assert "Đảng viên chính thức: 1/2 — 50%" in report
    assert "Đảng viên dự bị: 0/1 — 0%" in report
    assert "⚠ Tỷ lệ đảng viên tham dự dưới 85%." in report
    assert "Vắng có lý do: Phạm Văn Đức (ốm)" in report
    assert "Vắng không lý do: Nguyễn Thị Lan" in report
    assert "Tổng số đảng viên của chi bộ: 3 đồng chí (chính thức: 2, dự bị: 1)" in report

    mine = texts(await linked.say("mai", "/baocao"), "mai")
    assert "Điểm danh của đồng chí Lê Thị Mai" in mine and "có mặt" in mine
    assert "Phạm Văn Đức" not in mine and "Nguyễn Thị Lan" not in mine
    other_branch = texts(await linked.say("tuan", "/baocao"), "tuan")
    assert "Phạm Văn Đức" not in other_branch


async def test_recurring_meetings_and_wrong_input(linked: Driver) -> None:
    monthly = texts(await hop(linked, "lan", "/hop ngày 5 hằng tháng 14:00 Sinh hoạt chi bộ định kỳ"), "lan")
    assert "Đã tạo 12 buổi «Sinh hoạt chi bộ định kỳ» (ngày 5 hằng tháng, 14:00)" in monthly
    assert "buổi đầu tiên thứ Bảy, 05/12/2026, 14:00–16:00" in monthly
    friday = texts(await hop(linked, "tuan", "/hop thu sau tuan dau tien cua thang 14:00 Sinh hoat"), "tuan")
    assert "thứ Sáu tuần đầu tiên của tháng, 14:00" in friday and "thứ Sáu, 04/12/2026, 14:00" in friday

    assert "Xin gõ theo mẫu" in texts(await linked.say("lan", "/hop"), "lan")
    assert "Xin gõ theo mẫu" in texts(await linked.say("lan", "/hop mai họp nhé"), "lan")
    assert "không hợp lệ" in texts(await linked.say("lan", "/hop 31/02/2026 14:00 Họp"), "lan")
    assert "đã qua" in texts(await linked.say("lan", "/hop 01/11/2026 14:00 Họp"), "lan")
    assert "Xin thêm tên buổi" in texts(await linked.say("lan", "/hop 05/12/2026 14:00"), "lan")
    untitled = texts(await linked.say("lan", "/hop thứ Sáu tuần đầu tiên của tháng 19:30"), "lan")
    assert "ví dụ: /hop ngày 5 hằng tháng 14:00 Sinh hoạt chi bộ định kỳ" in untitled
    refused = texts(await linked.say("mai", MEETING), "mai")
    assert "chỉ dành cho bí thư, phó bí thư chi bộ và cán bộ Đảng ủy" in refused
    assert "chỉ dành cho" in texts(await linked.say("mai", "/xuat"), "mai")


async def test_committee_study_session_roll_up_and_export(linked: Driver) -> None:
    created = texts(
        await hop(linked, "son", "/hop 10/12/2026 08:00-11:00 Học tập Nghị quyết | https://meet.example/nq"),
        "son",
    )
    assert "Dành cho: tất cả 2 chi bộ" in created and "https://meet.example/nq" in created
    assert "Học tập Nghị quyết" in texts(await linked.say("tuan", "/lich"), "tuan")
    _clock(linked).set(datetime(2026, 12, 10, 0, 45, tzinfo=UTC))
    for who in ("mai", "duc", "tuan", "son"):
        await linked.say(who, "có mặt")
    _clock(linked).set(datetime(2026, 12, 10, 5, 0, tzinfo=UTC))

    rollup = texts(await linked.say("son", "/baocao 12/2026"), "son")
    meetings, study = rollup.split("▶ Học tập, sinh hoạt chuyên đề")
    # neither branch has met yet this month: listed first, not hidden
    assert "1. Chi bộ Khu phố 1: chưa sinh hoạt\n2. Chi bộ Khu phố 2: chưa sinh hoạt" in meetings
    assert "Đảng viên có mặt: 4/5 — 80%" in study
    assert "• Học tập Nghị quyết — 10/12/2026 08:00–11:00: 4/5 — 80% (2 chi bộ)" in study
    assert "1. Chi bộ Khu phố 1: 2/3 — 66,7% ⚠ dưới 85%\n2. Chi bộ Khu phố 2: 2/2 — 100%" in study

    exported = await linked.say("son", "/xuat")
    text = texts(exported, "son")
    assert "Đã xuất báo cáo 12/2026" in text and "Đảng viên có mặt: 4/5 — 80%" in text
    if isinstance(linked, TelegramDriver):
        assert linked.fake.sent("sendDocument") and linked.fake.sent("sendPhoto")
    elif isinstance(linked, ConsoleDriver):
        assert ".xlsx" in text and ".png" in text
    # a text-only chat (Zalo without a public address for files) still has the numbers above


async def test_present_said_to_chibo_in_the_group_checks_in_and_is_answered_privately(
    linked: Driver,
) -> None:
    """On Zalo a group message reaches chibo only when it mentions it: "@chibo có mặt" there
    checks in as the button does; the answer names the member, so it goes to her privately.
    Words not for chibo, or that it has no use for in a group, leave the group quiet or get
    a short hint."""
    await linked.say("lan", "/lienket", group=True)
    await hop(linked, "lan", MEETING)
    _clock(linked).set(BEFORE_START)
    await linked.say("lan", "/diemdanh", group=True)
    # the Zalo driver mentions chibo in every group message, as Zalo hands a bot only those
    mention = {"telegram": "@chibo_test_bot ", "zalo": "", "console": "@chibo "}[linked.platform]
    seen = await linked.say("mai", f"{mention}co mat a", group=True)
    assert not [s for s in seen if s.to == GROUP]
    assert "Đã điểm danh: đồng chí Lê Thị Mai có mặt, Sinh hoạt chi bộ tháng 12." in texts(seen, "mai")
    hint = texts(await linked.say("mai", f"{mention}mai hop o dau", group=True), GROUP)
    assert hint.startswith("Trong nhóm, chibo hiểu các lệnh") and "Lê Thị Mai" not in hint
    thanked = texts(await linked.say("mai", f"{mention}cam on chibo", group=True), GROUP)
    assert thanked.startswith("Dạ, chibo luôn sẵn lòng.") and "Lê Thị Mai" not in thanked
    if linked.platform != "zalo":  # said to each other, not to chibo: nothing
        assert await linked.say("duc", "co mat", group=True) == []
    async with linked.app.db.unit_of_work() as uow:
        rows = (await uow.session.execute(sql("SELECT person_id, status FROM attendance"))).all()
    assert [r[1] for r in rows] == ["present", "present"]  # Lan (who opened it) and Mai
