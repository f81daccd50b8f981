"""On text-only chats (Zalo, the console) a typed number answers the latest message with
choices in that chat, including messages the outbox delivered later; an expired one says so."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from config.i18n import t
from tests.e2e.conftest import link_code
from tests.e2e.drivers import GROUP, ConsoleDriver, Driver, ZaloDriver, texts
from tests.e2e.test_announce_scenarios import deliver_outbox
from tests.fakes.clock import FakeClock


@pytest.fixture(params=["console", "zalo"])
def text_only(request: pytest.FixtureRequest) -> ConsoleDriver | ZaloDriver:
    return request.getfixturevalue(f"{request.param}_driver")  # type: ignore[no-any-return]


async def _link(driver: Driver, *people: tuple[str, str]) -> None:
    for who, name in people:
        await driver.say(who, f"/start {await link_code(driver.app, name)}")


async def test_one_answers_the_announcement_not_the_older_menu(
    text_only: ConsoleDriver | ZaloDriver, clock: FakeClock
) -> None:
    driver = text_only
    await _link(driver, ("lan", "Nguyễn Thị Lan"), ("mai", "Lê Thị Mai"))
    library = texts(await driver.say("mai", "/tailieu"), "mai")
    assert "1. " in library  # the library's own numbered menu came first

    await driver.say("lan", "/thongbao Họp chi bộ tối thứ Sáu, 19:30 tại nhà văn hóa.")
    await driver.press("lan", "Gửi, đề nghị trả lời «Đã nhận»")
    delivered = texts(await deliver_outbox(driver), "mai")
    assert "Họp chi bộ tối thứ Sáu" in delivered and "1. Đã nhận" in delivered

    answer = texts(await driver.say("mai", "1"), "mai")
    assert "đã nhận thông báo" in answer
    assert "Phần" not in answer and "Chuyên đề" not in answer  # not the library's choice 1
    status = texts(await driver.say("lan", "/thongbao"), "lan")
    assert "Đã nhận (trả lời): 1/1 người (100%)" in status, status

    clock.advance(days=8)  # the announcement's choices are kept a week
    late = texts(await driver.say("mai", "1"), "mai")
    assert t("vi", "choices.expired") in late


async def test_a_number_out_of_range_says_what_to_type(text_only: ConsoleDriver | ZaloDriver) -> None:
    driver = text_only
    await _link(driver, ("mai", "Lê Thị Mai"))
    menu = await driver.say("mai", "/tailieu")
    n = next(len(s.buttons) for s in reversed(menu) if s.buttons)
    answer = texts(await driver.say("mai", str(n + 5)), "mai")
    assert t("vi", "choices.out_of_range", n=n) in answer


async def test_one_in_the_group_answers_the_meeting_notice(text_only: ConsoleDriver | ZaloDriver) -> None:
    driver = text_only
    await _link(driver, ("lan", "Nguyễn Thị Lan"), ("mai", "Lê Thị Mai"))
    await driver.say("lan", "/lienket", group=True)
    created = await driver.say("lan", "/hop 20/12/2026 19:30 Sinh hoạt chi bộ tháng 12")
    if any("Tạo" in b or "Xác nhận" in b for s in created for b in s.buttons):
        label = next(b for s in created for b in s.buttons if "Tạo" in b or "Xác nhận" in b)
        created = await driver.press("lan", label)
    posted = await deliver_outbox(driver)
    notice = texts([*created, *posted], GROUP)
    assert "1. Sẽ tham dự" in notice, notice

    answered = texts(await driver.say("mai", "1", group=True))
    assert "sẽ tham dự Sinh hoạt chi bộ tháng 12" in answered, answered
    async with driver.app.db.unit_of_work() as uow:
        rows = (
            await uow.session.execute(
                text("SELECT p.full_name, a.status FROM attendance a JOIN people p ON p.id = a.person_id")
            )
        ).all()
    assert [tuple(r) for r in rows] == [("Lê Thị Mai", "will_attend")]


async def test_the_words_of_a_choice_press_it_but_one_stray_word_does_not(
    text_only: ConsoleDriver | ZaloDriver,
) -> None:
    driver = text_only
    await _link(driver, ("mai", "Lê Thị Mai"))
    await driver.say("mai", "/tailieu")
    opened = texts(await driver.say("mai", "1"), "mai")
    assert "1. Cán bộ là cái gốc của mọi công việc" in opened, opened
    # a choice's own words, typed without marks
    assert "Phần 1/3" in texts(await driver.say("mai", "can bo la cai goc cua moi cong viec"), "mai")
    # …and politely, or only two of its words
    assert "Phần 2/3" in texts(await driver.say("mai", "phan tiep theo a"), "mai")
    # "vâng" folds to «vắng»'s letters and one word is not enough: nothing is pressed, and
    # the hint says how to choose
    hint = texts(await driver.say("mai", "muc"), "mai")
    assert "xin gõ số thứ tự (từ 1 đến" in hint and "Phần" not in hint
    assert "Chọn phần để đọc:" in texts(await driver.say("mai", "muc luc"), "mai")


async def test_a_command_answered_without_choices_retires_the_older_ones(
    text_only: ConsoleDriver | ZaloDriver,
) -> None:
    driver = text_only
    await _link(driver, ("mai", "Lê Thị Mai"))
    assert "1. " in texts(await driver.say("mai", "/tailieu"), "mai")
    await driver.say("mai", "/trogiup")
    # "1" no longer opens the library's first topic
    answer = texts(await driver.say("mai", "1"), "mai")
    assert "📖" not in answer and "chibo chưa hiểu tin nhắn này" in answer
