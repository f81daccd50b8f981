"""The organisers' workbook of a hội thi, on every transport: at the deadline the organiser
gets the results and the .xlsx (every answer, a summary by branch); `/bxh xuat` sends it
again, privately; a member and another branch's secretary are refused without a name. Speed
points, when the organiser turns them on, rank fast right answers above one more slow one."""

from __future__ import annotations

import io
from datetime import datetime, timedelta

from openpyxl import load_workbook
from sqlalchemy import text

from config.clock import VN_TZ
from handlers.quiz.buttons import ExportAnswers
from scheduler.due import due_jobs_tick
from tests.e2e.drivers import Driver, Seen, TelegramDriver, texts
from tests.e2e.test_quiz_scenarios import _letter, _link, _question, _with_bank
from tests.e2e.test_reminder_scenarios import deliver_due, received
from tests.e2e.test_report_scenarios import workbook_of
from tests.fakes.clock import FakeClock
from tests.fakes.quiz_banks import RIGHT

DEADLINE = datetime(2026, 12, 4, 17, 0, tzinfo=VN_TZ)
NAMES = ("Lê Thị Mai", "Phạm Văn Đức")


async def _take(driver: Driver, who: str, right: int, seconds: int, clock: FakeClock) -> None:
    """A go at the round: the first `right` answers right, each `seconds` after it was asked."""
    seen = await driver.press(who, "Làm bài hội thi")
    for i in range(3):
        question, choices = _question(seen, who)
        letter = (
            _letter(choices, RIGHT[question])
            if i < right
            else next(x for x, c in choices.items() if c != RIGHT[question])
        )
        clock.advance(seconds=seconds)
        seen = await driver.say(who, letter)


async def _round(driver: Driver, clock: FakeClock, extra: str = "") -> str:
    await _with_bank(driver)
    await _link(
        driver,
        ("son", "Ngô Thanh Sơn"),
        ("lan", "Nguyễn Thị Lan"),
        ("mai", "Lê Thị Mai"),
        ("duc", "Phạm Văn Đức"),
        ("tuan", "Đặng Quốc Tuấn"),
    )
    preview = texts(
        await driver.say("son", f"/thi hoithi 3 câu, hạn 04/12 17:00{extra}, chi bộ Khu phố 1"), "son"
    )
    await driver.press("son", "Mở hội thi")
    await deliver_due(driver, clock)
    # Mai: two right, each within a second; Đức: three right, 25 seconds each
    await _take(driver, "mai", 2, 0, clock)
    await _take(driver, "duc", 3, 25, clock)
    return preview


async def _close(driver: Driver, clock: FakeClock) -> str:
    clock.set(DEADLINE + timedelta(seconds=1))
    assert (await due_jobs_tick(driver.app.runtime())).done == 1
    await deliver_due(driver, clock)
    son = driver.user_id("son")
    if isinstance(driver, TelegramDriver):  # the workbook's caption is the document's
        captions = [c.text for c in driver.fake.calls if c.method == "sendDocument" and c.chat_id == son]
        return "\n".join([received(driver, son), *captions])
    return received(driver, son)


def _rows(data: bytes, sheet: str) -> tuple[tuple[object, ...], list[tuple[object, ...]]]:
    ws = load_workbook(io.BytesIO(data))[sheet]
    rows = list(ws.iter_rows(values_only=True))
    at = next(i for i, r in enumerate(rows) if r[0] == "STT")
    return rows[at], [r for r in rows[at + 1 :] if isinstance(r[0], int)]


async def test_the_organiser_gets_every_answer_as_xlsx_and_nobody_else_gets_a_name(
    driver: Driver, clock: FakeClock
) -> None:
    preview = await _round(driver, clock)
    assert "không cộng điểm tốc độ" in preview
    results = await _close(driver, clock)
    # no speed points: more right answers first, whatever the time
    assert "1. Phạm Văn Đức (Chi bộ Khu phố 1): 3/3" in results
    assert "2. Lê Thị Mai (Chi bộ Khu phố 1): 2/3" in results
    assert "📎 Bảng .xlsx «Thi thử chuyên đề toàn khóa»: 6 câu trả lời của 2 người" in results
    data = await workbook_of(driver, [Seen("son", results)])

    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["Tổng hợp theo chi bộ", "Bài làm"]
    summary = wb["Tổng hợp theo chi bộ"]
    assert summary["A4"].value == "KẾT QUẢ HỘI THI «Thi thử chuyên đề toàn khóa»"
    cells = [c for row in summary.iter_rows(values_only=True) for c in row if c is not None]
    assert "T/M ĐẢNG ỦY" in cells and "BÍ THƯ" in cells
    header, branches = _rows(data, "Tổng hợp theo chi bộ")
    assert header[:7] == (
        "STT",
        "Chi bộ",
        "Số người",
        "Đã làm",
        "Tỷ lệ tham gia",
        "Điểm trung bình",
        "Cao nhất",
    )
    assert branches == [(1, "Chi bộ Khu phố 1", 3, 2, 2 / 3, 5 / 6, 1.0)]

    header, answers = _rows(data, "Bài làm")
    assert header == (
        "STT",
        "Họ và tên",
        "Chi bộ",
        "Lượt",
        "Câu số",
        "Câu hỏi",
        "Đã chọn",
        "Đáp án đúng",
        "Kết quả",
        "Số giây",
        "Lúc trả lời",
    )
    assert len(answers) == 6
    by_name = {n: [r for r in answers if r[1] == n] for n in NAMES}
    assert [r[8] for r in by_name["Lê Thị Mai"]] == ["Đúng", "Đúng", "Sai"]
    assert [r[9] for r in by_name["Phạm Văn Đức"]] == [25.0, 25.0, 25.0]
    assert {r[2] for r in answers} == {"Chi bộ Khu phố 1"} and [r[4] for r in by_name["Lê Thị Mai"]] == [
        1,
        2,
        3,
    ]
    for r in answers:
        assert str(r[5]) in RIGHT and str(r[7]).endswith(RIGHT[str(r[5])])  # the question and its answer
        assert (r[6] == r[7]) == (r[8] == "Đúng")
        assert isinstance(r[10], datetime)

    # /bxh xuat: the same file again, privately
    seen = await driver.say("son", "/bxh xuat")
    assert "📎 Bảng .xlsx «Thi thử chuyên đề toàn khóa»" in texts(seen, "son")
    _, again = _rows(await workbook_of(driver, seen), "Bài làm")
    assert len(again) == 6

    # a member, and the secretary of another branch: refused, no name, no file
    documents = _documents(driver)
    async with driver.app.db.unit_of_work() as uow:
        round_id = (await uow.session.execute(text("SELECT id FROM quiz_rounds"))).scalar_one()
    for who in ("mai", "tuan"):
        told = texts(await driver.say(who, "/bxh xuat"), who)
        assert "Bảng bài làm chỉ dành cho ban tổ chức" in told or "Chưa có hội thi" in told
        told += texts(await driver.forge(who, ExportAnswers("round", round_id).pack()))
        assert not any(name in told for name in NAMES) and "📎" not in told
    told = texts(await driver.forge("tuan", ExportAnswers("round", round_id).pack()), "tuan")
    assert "Bảng bài làm chỉ dành cho ban tổ chức" in told
    assert _documents(driver) == documents


def _documents(driver: Driver) -> int:
    if isinstance(driver, TelegramDriver):
        return len([c for c in driver.fake.calls if c.method == "sendDocument"])
    return 0


async def test_speed_points_when_the_organiser_turns_them_on(driver: Driver, clock: FakeClock) -> None:
    preview = await _round(driver, clock, ", tính điểm tốc độ")
    assert "điểm: mỗi câu đúng 100 điểm cộng điểm tốc độ" in preview
    assert "⚡ Hội thi có tính điểm tốc độ" in received(driver, driver.user_id("mai"))
    results = await _close(driver, clock)
    assert "Xếp hạng (lần tốt nhất: điểm cao trước, có cộng điểm tốc độ)" in results
    # two right within a second (200 each) above three right at 25 s (100 each)
    assert "1. Lê Thị Mai (Chi bộ Khu phố 1): 400 điểm, 2/3" in results
    assert "2. Phạm Văn Đức (Chi bộ Khu phố 1): 300 điểm, 3/3" in results
    data = await workbook_of(driver, [Seen("son", results)])
    header, branches = _rows(data, "Tổng hợp theo chi bộ")
    assert header[-1] == "Điểm" and branches[0][-1] == 400
    header, answers = _rows(data, "Bài làm")
    points = {n: [r[-1] for r in answers if r[1] == n] for n in NAMES}
    assert points == {"Lê Thị Mai": [200, 200, 0], "Phạm Văn Đức": [100, 100, 100]}
