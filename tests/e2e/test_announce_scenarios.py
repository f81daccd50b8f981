"""Announcements on every transport: preview, send through the outbox worker, "Đã nhận",
and the delivery report the sender gets."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.console import GROUP_CHAT_ID
from scheduler.outbox_worker import drain
from tests.e2e.drivers import GROUP, ConsoleDriver, Driver, Seen, TelegramDriver, ZaloDriver, texts
from tests.fakes.clock import FakeClock


async def deliver_outbox(driver: Driver) -> list[Seen]:
    """Run the outbox worker until nothing is due, and return what it delivered."""
    if isinstance(driver, TelegramDriver):
        before = len(driver.fake.calls)
        await drain(driver.app.runtime())
        return driver._seen_since(before)
    if isinstance(driver, ZaloDriver):
        before = len(driver.fake.calls)
        await drain(driver.app.runtime())
        return [
            Seen(driver._to(c.chat_id), c.text)
            for c in driver.fake.calls[before:]
            if c.method in ("sendMessage", "sendPhoto")
        ]
    assert isinstance(driver, ConsoleDriver)
    start = len(driver.lines)
    await drain(driver.app.runtime())
    return [Seen(driver._to(chat), line) for line, chat in driver.lines[start:] if chat is not None]


def group_chat_id(driver: Driver) -> str:
    if isinstance(driver, TelegramDriver):
        return str(driver.GROUP_ID)
    return GROUP_CHAT_ID


async def test_secretary_announces_to_the_branch_with_a_delivery_report(linked: Driver) -> None:
    await linked.say("lan", "/lienket", group=True)
    preview = await linked.say("lan", "/thongbao Họp chi bộ tối thứ Sáu, 19:30 tại nhà văn hóa.")
    shown = texts(preview, "lan")
    assert "Xem trước thông báo tới Chi bộ Khu phố 1: 2 người (2 đã liên kết tài khoản), 1 nhóm chat" in shown
    assert {"Gửi", "Gửi, đề nghị trả lời «Đã nhận»", "Hủy"} <= set(preview[0].buttons)
    sending = await linked.press("lan", "Gửi, đề nghị trả lời «Đã nhận»")
    assert "Đang gửi thông báo tới 2 người và 1 nhóm chat" in texts(sending, "lan")

    delivered = await deliver_outbox(linked)
    for who in ("mai", "duc", GROUP):
        got = texts(delivered, who)
        assert "THÔNG BÁO — đồng chí Nguyễn Thị Lan, Chi bộ Khu phố 1" in got
        assert "Họp chi bộ tối thứ Sáu, 19:30" in got
    assert "tuan" not in {s.to for s in delivered}  # another branch hears nothing
    report = texts(delivered, "lan")
    assert "Báo cáo gửi «Họp chi bộ tối thứ Sáu, 19:30 tại nhà văn hóa.» — đã xong" in report
    assert "Đã gửi tin riêng: 2/2 người (100%)" in report
    assert "Nhóm chat: 1/1" in report
    assert "Đã chặn bot: 0" in report and "Gửi lỗi: 0" in report

    # a second drain sends nothing again
    assert await deliver_outbox(linked) == []

    acked = await linked.say("mai", "đã nhận")
    assert "đã nhận thông báo" in texts(acked, "mai")
    again = await linked.say("mai", "da nhan")
    assert "đã xác nhận nhận thông báo này rồi" in texts(again, "mai")
    status = texts(await linked.say("lan", "/thongbao"), "lan")
    assert "Đã nhận (trả lời): 1/2 người (50%)" in status
    assert "Chưa trả lời «Đã nhận»: Phạm Văn Đức" in status


async def test_report_names_who_blocked_the_bot_and_who_is_not_linked(driver: Driver) -> None:
    from tests.e2e.conftest import link_code

    for who, name in (("lan", "Nguyễn Thị Lan"), ("mai", "Lê Thị Mai")):
        await driver.say(who, f"/start {await link_code(driver.app, name)}")
    if isinstance(driver, TelegramDriver):
        driver.fake.blocked_chats.add(driver.user_id("mai"))
    elif isinstance(driver, ZaloDriver):
        driver.fake.unreachable_chats.add(driver.user_id("mai"))
    await driver.say("lan", "/thongbao Nộp đảng phí quý IV trước ngày 10/12.")
    await driver.press("lan", "Gửi")
    delivered = await deliver_outbox(driver)
    report = texts(delivered, "lan")
    assert "Chưa liên kết tài khoản: 1" in report and "Phạm Văn Đức" in report, delivered
    if isinstance(driver, ConsoleDriver):
        assert "Đã gửi tin riêng: 1/2 người (50%)" in report
    else:
        assert "Đã gửi tin riêng: 0/2 người (0%)" in report
        assert "Đã chặn bot: 1" in report and "Lê Thị Mai" in report


async def test_members_cannot_announce_and_cancel_sends_nothing(linked: Driver) -> None:
    refused = await linked.say("mai", "/thongbao xin chào")
    assert "chỉ dành cho" in texts(refused, "mai")
    await linked.say("lan", "/thongbao Tin thử")
    cancelled = await linked.press("lan", "Hủy")
    assert "Đã hủy thông báo" in texts(cancelled, "lan")
    assert await deliver_outbox(linked) == []
    late = await linked.say("lan", "1")  # the old preview's first choice: no longer a draft
    assert "không phải của đồng chí hoặc đã được xử lý" in texts(late, "lan")


async def test_committee_staff_choose_branches(linked: Driver) -> None:
    unknown = await linked.say("son", "/thongbao chi bộ Khu phố 9: Tin thử")
    assert "Không tìm thấy chi bộ «khu pho 9»" in texts(unknown, "son")
    preview = texts(await linked.say("son", "/thongbao chi bo khu pho 1: Kiểm tra sổ đảng viên"), "son")
    assert "1 chi bộ (Chi bộ Khu phố 1)" in preview and "3 người" in preview
    await linked.press("son", "Gửi")
    delivered = await deliver_outbox(linked)
    assert {"lan", "mai", "duc"} <= {s.to for s in delivered}
    assert "tuan" not in {s.to for s in delivered}
    everyone = texts(await linked.say("son", "/thongbao Tổng kết năm"), "son")
    assert "tất cả 2 chi bộ của Đảng bộ Phường Mẫu" in everyone


async def test_at_night_private_messages_wait_for_the_morning_unless_urgent(linked: Driver) -> None:
    clock = linked.app.clock
    assert isinstance(clock, FakeClock)
    await linked.say("lan", "/lienket", group=True)
    clock.set(datetime(2026, 12, 1, 15, 0, tzinfo=UTC))  # 22:00 in Hà Nội
    preview = await linked.say("lan", "/thongbao Ngày mai nghỉ họp, chờ thông báo lịch mới.")
    shown = texts(preview, "lan")
    assert "Bây giờ là giờ nghỉ đêm (21:30–06:30): tin riêng sẽ gửi lúc 02/12/2026 06:30" in shown
    assert "Gửi khẩn ngay, đề nghị trả lời «Đã nhận»" in preview[0].buttons
    sending = texts(await linked.press("lan", "Gửi"), "lan")
    assert "Tin riêng chờ đến 02/12/2026 06:30 mới gửi (giờ nghỉ đêm)." in sending
    tonight = await deliver_outbox(linked)
    assert "Ngày mai nghỉ họp" in texts(tonight, GROUP)  # the group hears it now
    assert not texts(tonight, "mai") and not texts(tonight, "duc")

    await linked.say("lan", "/thongbao Khẩn: phòng họp bị ngập, chuyển sang hội trường phường.")
    sent_now = await linked.press("lan", "Gửi khẩn ngay, đề nghị trả lời «Đã nhận»")
    assert "chờ đến" not in texts(sent_now, "lan")
    urgent = await deliver_outbox(linked)
    for who in ("mai", "duc"):
        got = texts(urgent, who)
        assert "phòng họp bị ngập" in got and "Ngày mai nghỉ họp" not in got
        assert "Xin bấm «Đã nhận» hoặc gõ «đã nhận» khi đã đọc." in got

    clock.set(datetime(2026, 12, 1, 23, 30, tzinfo=UTC))  # 06:30 the next morning
    morning = await deliver_outbox(linked)
    assert all("Ngày mai nghỉ họp" in texts(morning, who) for who in ("mai", "duc"))
