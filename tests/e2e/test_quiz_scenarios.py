"""Quizzes as members and secretaries meet them on every transport: a question bank sent as
a file, previewed and added on «Nhập»; a private practice answered by button, letter, number
or the choice's words; the score with what to read again; a retake; a practice resumed."""

from __future__ import annotations

import re

from sqlalchemy import text

from tests.e2e.conftest import link_code
from tests.e2e.drivers import Driver, Seen, TelegramDriver, texts
from tests.fakes.quiz_banks import RIGHT, small_bank

_CHOICE = re.compile(r"^([A-F])\. (.+)$")


async def _link(driver: Driver, *people: tuple[str, str]) -> None:
    for who, name in people:
        await driver.say(who, f"/start {await link_code(driver.app, name)}")


async def _with_bank(driver: Driver) -> None:
    async with driver.app.db.unit_of_work() as uow:
        await uow.quiz.sync_bundled([small_bank()], driver.app.clock.now())
        await uow.commit()


def _question(seen: list[Seen], who: str) -> tuple[str, dict[str, str]]:
    """The question last asked of `who` and its choices by letter."""
    said = [s for s in seen if s.to == who and "Câu " in s.text and "/" in s.text]
    assert said, texts(seen)
    lines = said[-1].text.splitlines()
    head = next(i for i, line in enumerate(lines) if re.match(r"^Câu \d+/\d+:$", line))
    choices = {m.group(1): m.group(2) for m in map(_CHOICE.match, lines) if m}
    return lines[head + 1], choices


def _letter(choices: dict[str, str], wanted: str) -> str:
    return next(letter for letter, choice in choices.items() if choice == wanted)


async def _attempts(driver: Driver) -> list[tuple[str, int, int, int]]:
    async with driver.app.db.unit_of_work() as uow:
        rows = await uow.session.execute(
            text("SELECT status, position, correct, total FROM quiz_attempts ORDER BY id")
        )
        return [(str(s), int(p), int(c), int(t)) for s, p, c, t in rows.tuples()]


async def test_a_member_practises_and_gets_a_score_with_what_to_read_again(driver: Driver) -> None:
    await _with_bank(driver)
    await _link(driver, ("mai", "Lê Thị Mai"))

    seen = await driver.say("mai", "/thi 3")
    said = texts(seen, "mai")
    assert "Bắt đầu «Thi thử chuyên đề toàn khóa»: 3 câu." in said
    question, choices = _question(seen, "mai")
    assert "Câu 1/3:" in said and question in RIGHT

    # the first right, typed as a letter in lower case
    seen = await driver.say("mai", _letter(choices, RIGHT[question]).lower())
    assert "✅ Đúng!" in texts(seen, "mai")
    question, choices = _question(seen, "mai")
    assert "Câu 2/3:" in texts(seen, "mai")

    # the second right, by its number (a press of the button on Telegram)
    number = "ABCDEF".index(_letter(choices, RIGHT[question])) + 1
    seen = await driver.say("mai", str(number))
    assert "✅ Đúng!" in texts(seen, "mai")
    question, choices = _question(seen, "mai")

    # the third wrong, by a wrong choice's words without diacritics
    wrong = next(c for c in choices.values() if c != RIGHT[question])
    from config.text import fold

    seen = await driver.say("mai", fold(wrong))
    said = texts(seen, "mai")
    assert "❌ Chưa đúng. Đáp án đúng: " in said and RIGHT[question] in said
    assert "🏁 Kết quả «Thi thử chuyên đề toàn khóa»: 2/3 câu đúng (66,7%)" in said
    assert "Nên đọc lại:" in said and "- Phần " in said
    assert await _attempts(driver) == [("done", 3, 2, 3)]

    # an answer after the end counts for nothing
    seen = await driver.say("mai", "A")
    assert await _attempts(driver) == [("done", 3, 2, 3)]

    # a retake draws again
    seen = await driver.press("mai", "Làm lại")
    assert "Câu 1/3:" in texts(seen, "mai")
    assert [a[0] for a in await _attempts(driver)] == ["done", "open"]


async def test_an_interrupted_practice_goes_on_where_it_stopped(driver: Driver) -> None:
    await _with_bank(driver)
    await _link(driver, ("mai", "Lê Thị Mai"))
    seen = await driver.say("mai", "/thi 4")
    question, choices = _question(seen, "mai")
    await driver.say("mai", _letter(choices, RIGHT[question]))
    await driver.say("mai", "/lich")  # something else in between: the answer is no longer awaited

    seen = await driver.say("mai", "/thi")
    said = texts(seen, "mai")
    assert "đang làm dở bài «Thi thử chuyên đề toàn khóa»: đã trả lời 1/4 câu" in said
    seen = await driver.press("mai", "Tiếp tục")
    assert "Câu 2/4:" in texts(seen, "mai")
    question, choices = _question(seen, "mai")
    wrong = next(letter for letter, c in choices.items() if c != RIGHT[question])
    if isinstance(driver, TelegramDriver):
        seen = await driver.press("mai", wrong)
    else:
        seen = await driver.say("mai", f"đáp án {wrong}")
    assert "❌ Chưa đúng." in texts(seen, "mai") and "Câu 3/4:" in texts(seen, "mai")
    assert await _attempts(driver) == [("open", 2, 1, 4)]

    # not an answer: told what to type, still waiting
    seen = await driver.say("mai", "không biết")
    assert "chibo chưa hiểu câu trả lời" in texts(seen, "mai")
    assert await _attempts(driver) == [("open", 2, 1, 4)]


async def test_practice_is_private_and_needs_a_link(driver: Driver) -> None:
    await _with_bank(driver)
    await _link(driver, ("lan", "Nguyễn Thị Lan"))
    await driver.say("lan", "/lienket", group=True)
    said = texts(await driver.say("lan", "/thi", group=True))
    assert "Luyện thi làm trong tin nhắn riêng" in said
    said = texts(await driver.say("stranger", "/thi"))
    assert "/start" in said and "Câu 1/" not in said
