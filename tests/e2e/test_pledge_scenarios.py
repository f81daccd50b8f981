"""Pledges on every transport: a member registers her «Bản đăng ký làm theo gương Bác» step by
step (buttons on Telegram, typed numbers and answers on Zalo and the console), changes it (every
version kept), and can no longer once the secretary locks the year; nobody sees another's."""

from __future__ import annotations

from sqlalchemy import text

from tests.e2e.drivers import GROUP, Driver, texts

CAN_BO = "Cán bộ là cái gốc của mọi công việc"
TU_LUC = "Tự lực, tự cường trong tư tưởng Hồ Chí Minh"


async def register_mai(
    driver: Driver, who: str = "mai", action: str = "Giải quyết hồ sơ của dân đúng hẹn"
) -> None:
    """Mai's pledge (or `who`'s): one content, her shortcomings, one action."""
    await driver.say(who, "/camket")
    await driver.press(who, CAN_BO)
    await driver.press(who, "Tiếp tục")
    await driver.say(who, "Còn ngại phát biểu trong sinh hoạt chi bộ")
    await driver.say(who, action)
    await driver.say(who, "trước 30/06/2027")
    await driver.say(who, "100% hồ sơ đúng hẹn, theo sổ theo dõi")
    await driver.press(who, "Xem lại và xác nhận")
    await driver.press(who, "Xác nhận đăng ký")


async def _versions(driver: Driver) -> list[tuple[int, str]]:
    async with driver.app.db.unit_of_work() as uow:
        rows = await uow.session.execute(
            text("SELECT version, actions FROM pledge_versions ORDER BY version")
        )
        return [(int(v), str(a)) for v, a in rows.tuples()]


async def test_a_member_registers_her_pledge_step_by_step(linked: Driver) -> None:
    first = await linked.say("mai", "/camket")
    shown = texts(first, "mai")
    assert "BẢN ĐĂNG KÝ HỌC TẬP VÀ LÀM THEO" in shown and "Bước 1" in shown
    contents = next(s for s in first if s.buttons)
    assert CAN_BO in contents.buttons and TU_LUC in contents.buttons and "Tiếp tục" in contents.buttons

    toggled = await linked.press("mai", CAN_BO)
    assert f"✓ {CAN_BO}" in next(s for s in toggled if s.buttons).buttons
    # nothing chosen yet is refused; "1, 5" typed picks several at once
    await linked.press("mai", f"✓ {CAN_BO}")
    refused = await linked.press("mai", "Tiếp tục")
    assert "Xin chọn ít nhất một nội dung" in texts(refused, "mai")
    # a number past the contents the library offers (at most 40) is refused, with the range
    assert "Xin gõ số của nội dung, từ 1 đến" in texts(await linked.say("mai", "1, 41"), "mai")
    step2 = await linked.say("mai", "1, 4")
    assert "Bước 2. Tự soi, tự sửa" in texts(step2, "mai")

    assert "Câu trả lời ngắn quá" in texts(await linked.say("mai", "ok"), "mai")
    step3 = await linked.say("mai", "Còn ngại phát biểu trong sinh hoạt chi bộ")
    assert "Việc làm cụ thể thứ 1" in texts(step3, "mai")
    asked = await linked.say("mai", "Giải quyết hồ sơ của dân đúng hẹn")
    assert "Thời hạn hoặc tần suất của việc «Giải quyết hồ sơ của dân đúng hẹn»" in texts(asked, "mai")
    bad = texts(await linked.say("mai", "mai mốt"), "mai")
    assert "chưa hiểu thời hạn này" in bad and "«30/06/2027»" in bad
    assert "đã qua" in texts(await linked.say("mai", "trước 01/06/2026"), "mai")
    assert "Kết quả của việc" in texts(await linked.say("mai", "trước 30/06/2027"), "mai")
    kept = await linked.say("mai", "100% hồ sơ đúng hẹn, theo sổ theo dõi")
    assert "Đã ghi việc làm thứ 1" in texts(kept, "mai")

    review = texts(await linked.press("mai", "Xem lại và xác nhận"), "mai")
    assert "chưa ghi cho tới khi bấm «Xác nhận đăng ký»" in review
    assert f"• {CAN_BO}" in review and f"• {TU_LUC}" in review
    assert "Tự soi, tự sửa — hạn chế, khuyết điểm cần khắc phục: Còn ngại phát biểu" in review
    assert (
        "Việc 1: Giải quyết hồ sơ của dân đúng hẹn — thời hạn: trước 30/06/2027; "
        "kết quả: 100% hồ sơ đúng hẹn, theo sổ theo dõi"
    ) in review
    assert await _versions(linked) == []  # nothing kept before the confirm

    done = texts(await linked.press("mai", "Xác nhận đăng ký"), "mai")
    assert "Đã ghi bản đăng ký năm 2026 ngày 01/12/2026" in done
    mine = await linked.say("mai", "/camket")
    assert "Họ và tên: Lê Thị Mai — Chi bộ Khu phố 1" in texts(mine, "mai")
    assert "(bản thứ 1)" in texts(mine, "mai") and "Sửa bản đăng ký" in mine[-1].buttons


async def test_a_change_is_a_new_version_and_the_lock_stops_changes(linked: Driver) -> None:
    await register_mai(linked)
    await linked.say("mai", "/camket")
    review = texts(await linked.press("mai", "Sửa bản đăng ký"), "mai")
    assert "Xem lại bản đăng ký" in review and "Giải quyết hồ sơ" in review
    await linked.press("mai", "Thêm một việc làm")
    await linked.say("mai", "Đọc một chương sách về Bác")
    await linked.say("mai", "hằng tháng")
    await linked.say("mai", "Ghi sổ tay, kể lại ở buổi sinh hoạt")
    await linked.press("mai", "Xem lại và xác nhận")
    changed = texts(await linked.press("mai", "Xác nhận đăng ký"), "mai")
    assert "bản thứ 2; các bản trước vẫn được lưu" in changed
    versions = await _versions(linked)
    assert [v for v, _ in versions] == [1, 2]
    assert "Đọc một chương" not in versions[0][1] and "Đọc một chương" in versions[1][1]

    # another member sees only their own: Đức has none, and is asked to register
    duc = texts(await linked.say("duc", "/camket"), "duc")
    assert "Bước 1" in duc and "Lê Thị Mai" not in duc and "Giải quyết hồ sơ" not in duc
    # only a secretary locks, and only her own branch's
    assert "dành cho bí thư" in texts(await linked.say("duc", "/camket khoa"), "duc")
    assert "Chi bộ Khu phố 2" in texts(await linked.say("tuan", "/camket khoa"), "tuan")
    locked = texts(await linked.say("lan", "/camket khoa"), "lan")
    assert "Đã khóa các bản đăng ký năm 2026 của Chi bộ Khu phố 1" in locked

    assert "Chi bộ đã khóa các bản đăng ký năm 2026" in texts(await linked.say("mai", "/camket sua"), "mai")
    mine = await linked.say("mai", "/camket")
    assert "Chi bộ đã khóa bản đăng ký" in texts(mine, "mai") and "Sửa bản đăng ký" not in mine[-1].buttons
    assert "Chi bộ đã khóa" in texts(await linked.say("duc", "/camket"), "duc")
    assert len(await _versions(linked)) == 2

    opened = texts(await linked.say("lan", "/camket mo"), "lan")
    assert "Đã mở lại" in opened
    assert "Xem lại bản đăng ký" in texts(await linked.say("mai", "/camket sua"), "mai")


async def test_in_a_group_the_pledge_is_asked_for_privately(linked: Driver) -> None:
    await linked.say("lan", "/lienket", group=True)
    await register_mai(linked)
    said = await linked.say("mai", "/camket", group=True)
    assert "xin nhắn /camket cho chibo trong tin nhắn riêng" in texts(said)
    assert "Giải quyết hồ sơ" not in texts(said) and all(s.to != GROUP or "riêng" in s.text for s in said)
