"""A hội thi as the committee and the members live it, on every transport: committee staff
open a round for one branch (a preview, then «Mở hội thi»), the members are told privately,
take it at their own moment within their goes, those who have not are reminded twice, and
at the deadline the organiser gets the results."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import text

from config.clock import VN_TZ
from handlers.quiz.buttons import ImportBank, OpenRound, TakeRound
from scheduler.due import due_jobs_tick
from tests.e2e.drivers import Driver, TelegramDriver, texts
from tests.e2e.test_quiz_scenarios import _letter, _link, _question, _with_bank
from tests.e2e.test_reminder_scenarios import deliver_due, received
from tests.fakes.clock import FakeClock
from tests.fakes.quiz_banks import RIGHT

DEADLINE = datetime(2026, 12, 4, 17, 0, tzinfo=VN_TZ)  # the clock starts 01/12/2026 08:00


async def _take_round(driver: Driver, who: str, right: int, clock: FakeClock) -> str:
    seen = await driver.press(who, "Làm bài hội thi")
    assert "Bắt đầu hội thi «Thi thử chuyên đề toàn khóa»: 3 câu." in texts(seen, who)
    for i in range(3):
        question, choices = _question(seen, who)
        letter = (
            _letter(choices, RIGHT[question])
            if i < right
            else next(x for x, c in choices.items() if c != RIGHT[question])
        )
        clock.advance(seconds=6)
        seen = await driver.say(who, letter)
    return texts(seen, who)


async def test_a_round_is_opened_taken_reminded_and_its_results_reach_the_organiser(
    driver: Driver, clock: FakeClock
) -> None:
    await _with_bank(driver)
    await _link(
        driver,
        ("son", "Ngô Thanh Sơn"),
        ("lan", "Nguyễn Thị Lan"),
        ("mai", "Lê Thị Mai"),
        ("duc", "Phạm Văn Đức"),
        ("tuan", "Đặng Quốc Tuấn"),
    )
    said = texts(await driver.say("mai", "/thi hoithi 3 câu, hạn 04/12 17:00"), "mai")
    assert "Mở hội thi dành cho cán bộ Đảng ủy." in said

    said = texts(await driver.say("son", "/thi hoithi 3 câu, hạn 04/12 17:00, chi bộ Khu phố 1"), "son")
    assert (
        "Hội thi «Thi thử chuyên đề toàn khóa»: 3 câu mỗi lượt, hạn thứ Sáu, 04/12/2026, 17:00, mỗi người 1 lượt"
        in said
    )
    assert "Dành cho 1 chi bộ (Chi bộ Khu phố 1): 3 người, 3 người đã liên kết tài khoản" in said
    said = texts(await driver.press("son", "Mở hội thi"), "son")
    assert "Đã mở hội thi «Thi thử chuyên đề toàn khóa»" in said and "gửi thông báo tới 3 đồng chí" in said

    await deliver_due(driver, clock)
    mai = driver.user_id("mai")
    assert "📣 Hội thi «Thi thử chuyên đề toàn khóa»: 3 câu, hạn thứ Sáu, 04/12/2026, 17:00" in received(
        driver, mai
    )
    assert "Hội thi" not in received(driver, driver.user_id("tuan"))  # another branch

    # Mai takes it from the invitation; her one go is then used
    result = await _take_round(driver, "mai", 2, clock)
    assert "🏁 Kết quả «Thi thử chuyên đề toàn khóa»: 2/3 câu đúng" in result
    assert "Kết quả hội thi được gửi tới ban tổ chức khi hết hạn" in result
    if isinstance(driver, TelegramDriver):  # the invitation's button is still there to press
        said = texts(await driver.press("mai", "Làm bài hội thi"), "mai")
        assert "Đồng chí đã dùng hết 1 lượt của hội thi này." in said
    # /thi now offers practice, the round being done
    assert "Hội thi «" not in texts(await driver.say("mai", "/thi"), "mai")

    # Đức opens /thi: the round is offered first
    said = texts(await driver.say("duc", "/thi"), "duc")
    assert (
        "📣 Hội thi «Thi thử chuyên đề toàn khóa» đang mở, hạn thứ Sáu, 04/12/2026, 17:00; đồng chí còn 1 lượt."
        in said
    )
    await _take_round(driver, "duc", 3, clock)

    # the first reminder, due halfway (00:30, sent after quiet hours): only Lan has not taken it
    clock.set(datetime(2026, 12, 3, 8, 0, tzinfo=VN_TZ))
    assert (await due_jobs_tick(driver.app.runtime())).done == 1
    await deliver_due(driver, clock)
    assert "⏰ Nhắc: đồng chí chưa làm bài hội thi «Thi thử chuyên đề toàn khóa»" in received(
        driver, driver.user_id("lan")
    )
    assert "⏰ Nhắc" not in received(driver, mai) and "⏰ Nhắc" not in received(driver, driver.user_id("duc"))
    seen_before = len(received(driver, driver.user_id("lan")))

    # the second at three quarters of the way (later than a day before); then no more
    clock.set(datetime(2026, 12, 3, 21, 0, tzinfo=VN_TZ))
    assert (await due_jobs_tick(driver.app.runtime())).done == 1
    await deliver_due(driver, clock)
    assert received(driver, driver.user_id("lan")).count("⏰ Nhắc") == 2
    assert len(received(driver, driver.user_id("lan"))) > seen_before

    # at the deadline: closed, the results to Sơn; a late answer does not count
    seen = await driver.press("lan", "Làm bài hội thi")
    clock.set(DEADLINE + timedelta(seconds=1))
    assert (await due_jobs_tick(driver.app.runtime())).done == 1
    await deliver_due(driver, clock)
    results = received(driver, driver.user_id("son"))
    assert "🏁 Kết quả hội thi «Thi thử chuyên đề toàn khóa»: 2/3 người đã làm bài (66,7%)" in results
    assert "1. Phạm Văn Đức (Chi bộ Khu phố 1): 3/3" in results
    assert "2. Lê Thị Mai (Chi bộ Khu phố 1): 2/3" in results
    assert "- Chi bộ Khu phố 1: 2/3 người đã làm (66,7%), điểm trung bình 83,3%" in results
    question, choices = _question(seen, "lan")
    late = texts(await driver.say("lan", _letter(choices, RIGHT[question])), "lan")
    assert "Hội thi đã hết hạn; câu trả lời sau hạn không được tính." in late
    assert "Mai" not in received(driver, driver.user_id("lan"))  # results only to the organiser


async def test_a_round_and_a_bank_draft_act_only_for_those_they_belong_to(driver: Driver) -> None:
    await _with_bank(driver)
    await _link(
        driver,
        ("son", "Ngô Thanh Sơn"),
        ("lan", "Nguyễn Thị Lan"),
        ("mai", "Lê Thị Mai"),
        ("tuan", "Đặng Quốc Tuấn"),
    )
    said = texts(await driver.say("lan", "/thi hoithi 3 câu, hạn 04/12 17:00"), "lan")
    assert "Mở hội thi dành cho cán bộ Đảng ủy." in said
    await driver.say("son", "/thi hoithi 3 câu, hạn 04/12 17:00, chi bộ Khu phố 1")
    async with driver.app.db.unit_of_work() as uow:
        round_id = (await uow.session.execute(text("SELECT id FROM quiz_rounds"))).scalar_one()

    # a secretary pressing the staff member's «Mở hội thi»: not for her; the round stays a draft
    refused = texts(await driver.forge("lan", OpenRound(round_id, "ok").pack()))
    assert "Đã mở hội thi" not in refused
    async with driver.app.db.unit_of_work() as uow:
        assert (await uow.quiz.round(round_id)).status == "draft"  # type: ignore[union-attr]
    # a member pressing «Làm bài hội thi» of a draft round, then of another branch's
    said = texts(await driver.forge("mai", TakeRound(round_id).pack()))
    assert "Hội thi này không còn" in said
    await driver.press("son", "Mở hội thi")
    said = texts(await driver.forge("tuan", TakeRound(round_id).pack()))
    assert "Hội thi này không dành cho chi bộ của đồng chí." in said and "Câu 1/" not in said

    # a bank preview's «Nhập» pressed by someone else: nothing imported
    said = texts(await driver.forge("tuan", ImportBank(123, "ok").pack()))
    assert "Đã nhập" not in said
    async with driver.app.db.unit_of_work() as uow:
        assert len(await uow.quiz.banks_for(1, 1)) == 1  # the test bank only
