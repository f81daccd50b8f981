"""A live contest in a branch's group as the organiser and the members live it: started by
the secretary in the group; on Telegram each question is a native quiz poll (non-anonymous,
each tap a `poll_answer` timed by chibo's clock), on the console a message answered by typing
the choice's number in the group, on Zalo the question in each member's private chat at the
same pace; one answer per question per person, late answers refused; each question's answer
posted when its time is up; at the end the group gets counts, the organiser the names."""

from __future__ import annotations

import io
import re

from openpyxl import load_workbook
from sqlalchemy import text as sql

from handlers.quiz.buttons import ExportAnswers
from handlers.quiz.contest import advance_contests
from tests.e2e.drivers import GROUP, ConsoleDriver, Driver, Seen, TelegramDriver, ZaloDriver, texts
from tests.e2e.test_quiz_scenarios import _link, _with_bank
from tests.e2e.test_reminder_scenarios import deliver_due, received
from tests.e2e.test_report_scenarios import workbook_of
from tests.fakes.clock import FakeClock
from tests.fakes.quiz_banks import RIGHT

_CHOICE = re.compile(r"^([A-F])\. (.+)$")
_HEAD = re.compile(r"^Câu \d+/\d+ \(\d+ giây\):$")


def _asked(text: str) -> tuple[str, dict[str, str]]:
    lines = text.splitlines()
    head = next(i for i, line in enumerate(lines) if _HEAD.match(line))
    return lines[head + 1], {m.group(1): m.group(2) for m in map(_CHOICE.match, lines) if m}


def _last_poll(driver: TelegramDriver) -> tuple[str, str, dict[str, str]]:
    """The last quiz poll sent to the group: its id, its whole question, its options by letter."""
    call = next(c for c in reversed(driver.fake.calls) if c.method == "sendPoll")
    assert call.chat_id == str(driver.GROUP_ID) and call.params["type"] == "quiz"
    assert call.params.get("is_anonymous") in (False, "false", "False"), call.params
    options = [o if isinstance(o, str) else o["text"] for o in call.params["options"]]
    return (
        str(call.result["poll"]["id"]),
        str(call.params["question"]),
        dict(zip("ABCDEF", options, strict=False)),
    )


def _current(driver: Driver, seen: list[Seen], who: str) -> tuple[str, dict[str, str]]:
    """The question last put to `who`: a poll in the group, a message in it, or privately on Zalo."""
    if isinstance(driver, TelegramDriver):
        _, question, options = _last_poll(driver)
        return question.split("): ", 1)[1], options
    if isinstance(driver, ZaloDriver):
        return _asked("Câu " + received(driver, driver.user_id(who)).split("Câu ")[-1])
    return _asked([s.text for s in seen if s.to == GROUP and re.search(r"Câu \d+/\d+ \(", s.text)][-1])


async def _answer(driver: Driver, who: str, letter: str) -> str:
    """`who` answers; what they are told (on Telegram, a tap that counts is not answered: the
    poll shows it; one that does not is told why privately)."""
    if isinstance(driver, TelegramDriver):
        update = driver.fake.poll_answer(driver.user(who), _last_poll(driver)[0], ["ABCDEF".index(letter)])
        seen = await driver.deliver(update)
        assert all(s.to == who for s in seen), seen
        return texts(seen, who)
    if isinstance(driver, ConsoleDriver):
        return texts(await driver.say(who, str("ABCDEF".index(letter) + 1), group=True), who)
    return texts(await driver.say(who, letter.lower()), who)


async def test_a_live_contest_in_the_group(driver: Driver, clock: FakeClock) -> None:
    await _with_bank(driver)
    await _link(driver, ("lan", "Nguyễn Thị Lan"), ("mai", "Lê Thị Mai"), ("duc", "Phạm Văn Đức"))
    await driver.say("lan", "/lienket", group=True)
    assert "Luyện thi làm trong tin nhắn riêng" in texts(await driver.say("mai", "/thi 2 câu", group=True))
    polls = isinstance(driver, TelegramDriver)
    group = str(driver.GROUP_ID) if isinstance(driver, TelegramDriver) else "group"

    seen = await driver.say("lan", "/thi 2 câu 20 giây", group=True)
    assert "🎯 Bắt đầu thi «Thi thử chuyên đề toàn khóa»: 2 câu, mỗi câu 20 giây." in texts(seen)
    if polls:
        assert _last_poll(driver)[1].startswith("Câu 1/2 (20 giây): ")  # type: ignore[arg-type]
    await deliver_due(driver, clock)  # the private copies on Zalo
    question, choices = _current(driver, seen, "mai")
    right = next(x for x, c in choices.items() if c == RIGHT[question])
    wrong = next(x for x, c in choices.items() if c != RIGHT[question])

    clock.advance(seconds=3)
    told = await _answer(driver, "mai", right)
    assert told == "" if polls else f"Đã ghi nhận: {right}." in told
    clock.advance(seconds=5)
    told = await _answer(driver, "duc", wrong)
    assert polls or f"Đã ghi nhận: {wrong}." in told
    told = await _answer(driver, "mai", wrong)  # one answer per question: a second does not count
    assert polls or "đã trả lời câu này" in told

    before = len(received(driver, driver.user_id("duc")))
    clock.advance(seconds=13)  # 21 s: the first question's time is up
    assert await advance_contests(driver.app.runtime()) == 1
    await deliver_due(driver, clock)
    posted = received(driver, group)
    assert f"⏱ Hết giờ câu 1. Đáp án: {right}. {RIGHT[question]}. 1/2 câu trả lời đúng." in posted
    if polls:
        assert _last_poll(driver)[1].startswith("Câu 2/2 (20 giây): ")  # type: ignore[arg-type]
    else:
        assert "Câu 2/2 (20 giây):" in posted
    if isinstance(driver, ZaloDriver):
        assert "Câu 2/2 (20 giây):" in received(driver, driver.user_id("duc"))[before:]

    # the second question: Đức answers right, Mai too late
    question, choices = _current(driver, [Seen(GROUP, posted.split("⏱")[-1])], "duc")
    right = next(x for x, c in choices.items() if c == RIGHT[question])
    clock.advance(seconds=4)
    told = await _answer(driver, "duc", right)
    assert polls or "Đã ghi nhận" in told
    clock.advance(seconds=17)
    told = await _answer(driver, "mai", right)
    assert "hết giờ" in told
    assert await advance_contests(driver.app.runtime()) == 1
    await deliver_due(driver, clock)
    posted = received(driver, group)
    assert "🏁 Kết thúc cuộc thi: 2 đồng chí tham gia; cao nhất 1/2 (2 đồng chí)." in posted
    assert "Lê Thị Mai" not in posted and "Phạm Văn Đức" not in posted
    organiser = received(driver, driver.user_id("lan"))
    assert "🏁 Kết quả cuộc thi trong nhóm: 2 đồng chí tham gia" in organiser
    # timed from each question being asked (delivering takes the test clock a second each time)
    assert "1. Lê Thị Mai: 1/2, 4 giây" in organiser and "2. Phạm Văn Đức: 1/2, 14 giây" in organiser
    assert "🏁 Cuộc thi trong nhóm: đồng chí đúng 1/2 câu, đứng thứ 2/2." in received(
        driver, driver.user_id("duc")
    )
    assert await advance_contests(driver.app.runtime()) == 0  # over

    # every answer as .xlsx, for the branch's secretary, privately: /bxh xuat (or the button)
    assert "/bxh xuat" in organiser
    in_group = texts(await driver.say("lan", "/bxh xuat", group=True))
    assert "chỉ gửi trong tin nhắn riêng" in in_group and "Lê Thị Mai" not in in_group
    seen = await driver.say("lan", "/bxh xuat")
    assert "📎 Bảng .xlsx «Thi thử chuyên đề toàn khóa»: 3 câu trả lời của 2 người" in texts(seen, "lan")
    data = await workbook_of(driver, seen)
    wb = load_workbook(io.BytesIO(data))
    summary = [r for r in wb["Tổng hợp theo chi bộ"].iter_rows(values_only=True) if r[0] == 1]
    assert summary == [(1, "Chi bộ Khu phố 1", 3, 2, 2 / 3, 0.5, 0.5)]
    cells = [c for r in wb["Tổng hợp theo chi bộ"].iter_rows(values_only=True) for c in r if c]
    assert "T/M CHI BỘ" in cells and "Nguyễn Thị Lan" in cells  # she signs as the bí thư
    answers = [r for r in wb["Bài làm"].iter_rows(values_only=True) if isinstance(r[0], int)]
    assert sorted((r[1], r[4], r[8]) for r in answers) == [  # Mai's late answer is not there
        ("Lê Thị Mai", 1, "Đúng"),
        ("Phạm Văn Đức", 1, "Sai"),
        ("Phạm Văn Đức", 2, "Đúng"),
    ]
    if isinstance(driver, TelegramDriver):  # the button under the results does the same
        before = len([c for c in driver.fake.calls if c.method == "sendDocument"])
        await driver.press("lan", "📎 Tải bảng .xlsx")
        assert len([c for c in driver.fake.calls if c.method == "sendDocument"]) == before + 1
    async with driver.app.db.unit_of_work() as uow:
        contest = (await uow.session.execute(sql("SELECT id FROM quiz_contests"))).scalar_one()
    await _link(driver, ("tuan", "Đặng Quốc Tuấn"))
    for who in ("mai", "tuan"):  # a member; another branch's secretary
        told = texts(await driver.forge(who, ExportAnswers("contest", contest).pack()))
        told += texts(await driver.say(who, "/bxh xuat"), who)
        assert "Lê Thị Mai" not in told and "Phạm Văn Đức" not in told and "📎" not in told
    told = texts(await driver.forge("tuan", ExportAnswers("contest", contest).pack()), "tuan")
    assert "Bảng bài làm chỉ dành cho ban tổ chức" in told
