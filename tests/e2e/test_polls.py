"""Polls as a platform service, through the real adapters: a feature defined here (not in
handlers/features.py) sends a quiz poll and records the answers. On Telegram the answer is a
`poll_answer` update from the fake Bot API; on Zalo and the console it is typed ("2", "B" or
the choice's text). Either way it reaches the same handler, checked like a button press."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Annotated, NamedTuple

import pytest
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import InputPollOption
from sqlalchemy import text

from bot.telegram.runner import build_bot
from config.i18n import t
from config.messages import ChatRef, Poll, Reply, fits_poll, poll_problems
from handlers.buttons import Bounds, ButtonData
from handlers.context import Ctx
from handlers.feature import MEMBERS, Command, Feature, PollAnswer, PollAnswers
from handlers.features import FEATURES
from handlers.registry import FeatureClash, compose
from scheduler.outbox import outbox_item
from tests.e2e.conftest import link_code
from tests.e2e.drivers import GROUP, ConsoleDriver, Driver, Seen, TelegramDriver, ZaloDriver, texts
from tests.e2e.test_announce_scenarios import deliver_outbox
from tests.fakes.clock import FakeClock
from tests.fakes.telegram_api import FakeTelegram

QUESTION = "Chi bộ sinh hoạt thường kỳ mấy lần một tháng?"
OPTIONS = ("Một lần", "Hai lần", "Ba lần")
EXPLANATION = "Điều lệ Đảng: chi bộ sinh hoạt thường kỳ mỗi tháng một lần."


@dataclass(frozen=True, slots=True)
class Asked(ButtonData, prefix="tpq"):
    question: Annotated[int, Bounds(1, 99)]


@dataclass(frozen=True, slots=True)
class Got:
    who: str
    question: int
    options: tuple[int, ...]
    correct: bool
    typed: bool
    chat: ChatRef
    seconds: float


def _poll(question: int) -> Poll:
    return Poll(QUESTION, OPTIONS, (0,), EXPLANATION, open_period=60, key=Asked(question).pack())


def install(driver: Driver) -> list[Got]:
    """The throwaway feature (installed after linking: /trogiup, which /start shows, has no
    help text for its commands): /hoithu N asks question N here; /hoisau N asks it through the
    outbox; each answer is recorded, and a typed one is told it was."""
    got: list[Got] = []

    async def ask(ctx: Ctx) -> None:
        ctx.reply("", poll=_poll(int(ctx.args or "1")))

    async def ask_later(ctx: Ctx) -> None:
        chat = ctx.inc.chat
        reply = Reply(f"Câu {ctx.args or '1'}:", poll=_poll(int(ctx.args or "1")))
        await ctx.uow.outbox.enqueue(
            [outbox_item(chat.platform, chat.chat_id, reply, ctx.now, is_group=chat.is_group)]
        )

    async def answered(ctx: Ctx, key: Asked, answer: PollAnswer) -> None:
        assert ctx.person is not None
        got.append(
            Got(
                ctx.person.full_name,
                key.question,
                answer.options,
                answer.is_correct,
                answer.typed,
                answer.chat,
                answer.seconds,
            )
        )
        if answer.typed:
            ctx.send(ChatRef(ctx.inc.platform, ctx.inc.sender.user_id), f"Đã ghi câu {key.question}.")

    feature = Feature(
        "polltest",
        commands=(
            Command("hoithu", "asktest", MEMBERS, ask),
            Command("hoisau", "asklater", MEMBERS, ask_later),
        ),
        polls=(PollAnswers(Asked, answered, who=MEMBERS),),
    )
    registry = compose([*FEATURES, feature])
    driver.app.registry = registry
    driver.app.core.registry = registry
    return got


async def _link(driver: Driver, *people: tuple[str, str]) -> None:
    for who, name in people:
        await driver.say(who, f"/start {await link_code(driver.app, name)}")


def _last_poll(driver: TelegramDriver, chat_id: str) -> str:
    call = next(c for c in reversed(driver.fake.calls) if c.method == "sendPoll" and c.chat_id == chat_id)
    return str(call.result["poll"]["id"])


async def tap(driver: Driver, who: str, option: int, *, group: bool = False, typed: str = "") -> list[Seen]:
    """`who` answers the latest poll: taps option `option` on Telegram; elsewhere types
    `typed`, or the option's number."""
    if isinstance(driver, TelegramDriver):
        chat = str(driver.GROUP_ID) if group else driver.user_id(who)
        update = driver.fake.poll_answer(driver.user(who), _last_poll(driver, chat), [option])
        return await driver.deliver(update)
    return await driver.say(who, typed or str(option + 1), group=group)


async def test_a_poll_is_asked_and_answered_on_every_transport(driver: Driver, clock: FakeClock) -> None:
    await _link(driver, ("mai", "Lê Thị Mai"))
    got = install(driver)
    asked = await driver.say("mai", "/hoithu 3")
    shown = texts(asked, "mai")
    assert QUESTION in shown
    if isinstance(driver, TelegramDriver):
        (call,) = [c for c in driver.fake.calls if c.method == "sendPoll"]
        p = call.params
        assert [o["text"] for o in p["options"]] == list(OPTIONS)
        assert (p["type"], p["is_anonymous"], p["correct_option_ids"]) == ("quiz", "false", [0])
        assert (p["explanation"], p["open_period"]) == (EXPLANATION, "60")
    else:
        assert "1. Một lần\n2. Hai lần\n3. Ba lần" in shown
        assert t("vi", "poll.hint") in shown

    clock.advance(seconds=7)
    answered = await tap(driver, "mai", 1)
    private = ChatRef(driver.platform, driver.user_id("mai"))
    assert got == [Got("Lê Thị Mai", 3, (1,), False, driver.platform != "telegram", private, 7.0)]
    if isinstance(driver, TelegramDriver):
        assert answered == []  # Telegram showed right or wrong itself; the feature said nothing
    else:
        assert texts(answered, "mai") == "Đã ghi câu 3."
    assert t("vi", "error.apology") not in texts(answered)


@pytest.fixture(params=["console", "zalo"])
def text_only(request: pytest.FixtureRequest) -> ConsoleDriver | ZaloDriver:
    return request.getfixturevalue(f"{request.param}_driver")  # type: ignore[no-any-return]


async def test_a_typed_letter_or_the_choice_itself_answers(text_only: ConsoleDriver | ZaloDriver) -> None:
    driver = text_only
    await _link(driver, ("mai", "Lê Thị Mai"), ("duc", "Phạm Văn Đức"))
    got = install(driver)
    await driver.say("mai", "/hoithu 1")
    await driver.say("mai", "B")
    await driver.say("mai", "/hoithu 2")
    await driver.say("mai", "mot lan")  # without diacritics
    await driver.say("duc", "/hoithu 3")
    await driver.say("duc", "c.")
    assert [(g.who, g.question, g.options, g.correct) for g in got] == [
        ("Lê Thị Mai", 1, (1,), False),
        ("Lê Thị Mai", 2, (0,), True),
        ("Phạm Văn Đức", 3, (2,), False),
    ]
    # a letter the poll has not: what to type instead
    await driver.say("duc", "/hoithu 4")
    wrong = texts(await driver.say("duc", "H"), "duc")
    assert t("vi", "choices.out_of_range", n=3) in wrong and len(got) == 3


async def test_a_group_poll_counts_each_member_and_not_a_stranger(
    telegram_driver: TelegramDriver,
) -> None:
    driver = telegram_driver
    await _link(driver, ("lan", "Nguyễn Thị Lan"), ("mai", "Lê Thị Mai"), ("duc", "Phạm Văn Đức"))
    got = install(driver)
    await driver.say("lan", "/hoithu 5", group=True)
    group = ChatRef("telegram", str(driver.GROUP_ID), is_group=True)
    assert await tap(driver, "mai", 0, group=True) == []
    assert await tap(driver, "duc", 2, group=True) == []
    stranger = await tap(driver, "guest", 0, group=True)
    assert [(g.who, g.options, g.correct, g.chat) for g in got] == [
        ("Lê Thị Mai", (0,), True, group),
        ("Phạm Văn Đức", (2,), False, group),
    ]
    # the stranger is told how to link, privately, as after a button press; the group hears nothing
    assert not [s for s in stranger if s.to == GROUP]
    assert t("vi", "link.how") in texts(stranger, "guest")


async def test_a_poll_the_outbox_delivers_is_answered_too(driver: Driver, clock: FakeClock) -> None:
    await _link(driver, ("mai", "Lê Thị Mai"))
    got = install(driver)
    await driver.say("mai", "/hoisau 8")
    delivered = texts(await deliver_outbox(driver), "mai")
    assert "Câu 8:" in delivered and QUESTION in delivered
    clock.advance(seconds=3)
    await tap(driver, "mai", 0)
    assert [(g.question, g.options, g.correct, g.seconds) for g in got] == [(8, (0,), True, 3.0)]


async def test_a_typed_answer_after_the_poll_closed_is_refused(
    text_only: ConsoleDriver | ZaloDriver, clock: FakeClock
) -> None:
    driver = text_only
    await _link(driver, ("mai", "Lê Thị Mai"))
    got = install(driver)
    await driver.say("mai", "/hoithu 1")
    clock.advance(seconds=61)  # open for 60
    for late in ("1", "A", "Một lần"):
        assert t("vi", "choices.expired") in texts(await driver.say("mai", late), "mai")
    assert got == []


async def test_unknown_polls_and_forged_answers_are_dropped_quietly(
    telegram_driver: TelegramDriver, caplog: pytest.LogCaptureFixture
) -> None:
    driver = telegram_driver
    await _link(driver, ("mai", "Lê Thị Mai"))
    got = install(driver)
    await driver.say("mai", "/hoithu 1")
    poll_id = _last_poll(driver, driver.user_id("mai"))
    mai = driver.user("mai")
    caplog.set_level(logging.INFO)
    for update in (
        driver.fake.poll_answer(mai, "5999999999999999999", [0]),  # a poll chibo never sent
        driver.fake.poll_answer(mai, poll_id, [7]),  # an option the poll has not
        driver.fake.poll_answer(mai, poll_id, [0, 1]),  # two answers to a one-answer quiz
        driver.fake.poll_answer(mai, poll_id, [-1]),
        driver.fake.poll_answer(mai, poll_id, []),  # a vote taken back
    ):
        assert await driver.deliver(update) == []
    assert got == []
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING or r.exc_info]
    # the same update twice counts once
    real = driver.fake.poll_answer(mai, poll_id, [0])
    await driver.deliver(real)
    await driver.deliver(real)
    assert [g.options for g in got] == [(0,)]


async def test_a_forged_typed_poll_choice_is_dropped_quietly(text_only: ConsoleDriver | ZaloDriver) -> None:
    driver = text_only
    await _link(driver, ("mai", "Lê Thị Mai"), ("duc", "Phạm Văn Đức"))
    got = install(driver)
    assert await driver.forge("mai", "#poll:deadbeef:0") == []
    # a poll asked in Đức's chat, offered as though in Mai's: not hers to answer
    await driver.say("duc", "/hoithu 1")
    async with driver.app.db.unit_of_work() as uow:
        rows = await uow.session.execute(
            text("SELECT poll_id FROM sent_polls WHERE chat_id = :c"), {"c": driver.user_id("duc")}
        )
        duc_poll = rows.scalar_one()
    assert await driver.forge("mai", f"#poll:{duc_poll}:0") == []
    assert got == []


class Bad(NamedTuple):
    question: str
    options: tuple[str, ...] = ("A", "B")
    correct: tuple[int, ...] = ()
    explanation: str = ""
    open_period: int | None = None


BAD_POLLS = {
    "question over 300": Bad("x" * 301),
    "empty question": Bad(" "),
    "13 options": Bad("Q?", tuple(f"Lựa chọn {i}" for i in range(13))),
    "no options": Bad("Q?", ()),
    "option over 100": Bad("Q?", ("A", "ô" * 101)),
    "emoji count two": Bad("Q?", ("A", "🙂" * 51)),
    "same option twice": Bad("Q?", ("A", "A")),
    "explanation over 200": Bad("Q?", correct=(0,), explanation="y" * 201),
    "three line feeds": Bad("Q?", correct=(0,), explanation="a\nb\nc\nd"),
    "correct out of range": Bad("Q?", correct=(2,)),
    "open 4 s": Bad("Q?", correct=(0,), open_period=4),
    "open over a month": Bad("Q?", correct=(0,), open_period=2_628_001),
}


@pytest.mark.parametrize("case", sorted(BAD_POLLS))
async def test_a_poll_over_telegrams_limits_is_refused_before_sending(
    case: str, fake_telegram: FakeTelegram
) -> None:
    """The checker refuses what the Bot API would refuse, and the fake Bot API agrees."""
    bad = BAD_POLLS[case]
    assert poll_problems(*bad)
    assert not fits_poll(bad.question, bad.options, bad.correct, bad.explanation) or bad.open_period
    with pytest.raises(ValueError, match="Telegram's limits"):
        Poll(*bad)
    bot = build_bot(fake_telegram.token, fake_telegram.base_url)
    try:
        with pytest.raises(TelegramBadRequest):
            await bot.send_poll(
                42,
                question=bad.question,
                options=[InputPollOption(text=o) for o in bad.options],
                type="quiz" if bad.correct else "regular",
                correct_option_ids=list(bad.correct) or None,
                explanation=bad.explanation or None,
                open_period=bad.open_period,
                is_anonymous=False,
            )
    finally:
        await bot.session.close()
    assert len(fake_telegram.violations) == 1 and fake_telegram.violations[0].startswith("sendPoll: ")


async def test_a_poll_at_the_limits_goes(fake_telegram: FakeTelegram) -> None:
    from bot.telegram.transport import TelegramTransport

    poll = Poll(
        "Đ" * 300,
        tuple(f"{i:02d}" + "ê" * 98 for i in range(12)),
        (0, 11),
        "z" * 196 + "\n\nok",
        open_period=5,
        key=Asked(99).pack(),
    )
    assert fits_poll(poll.question, poll.options, poll.correct, poll.explanation)
    assert not fits_poll(poll.question + "?", poll.options)
    bot = build_bot(fake_telegram.token, fake_telegram.base_url)
    try:
        result = await TelegramTransport(bot).send("42", Reply(poll=poll))
    finally:
        await bot.session.close()
    assert result.ok and result.poll_id and not fake_telegram.violations
    (call,) = fake_telegram.sent("sendPoll")
    assert call.params["correct_option_ids"] == [0, 11] and call.params["allows_multiple_answers"] == "true"


def test_two_features_taking_one_poll_prefix_stop_the_start() -> None:
    async def nothing(ctx: Ctx, key: Asked, answer: PollAnswer) -> None:
        return None

    one = Feature("one", polls=(PollAnswers(Asked, nothing),))
    two = Feature("two", polls=(PollAnswers(Asked, nothing),))
    with pytest.raises(FeatureClash, match="poll key prefix 'tpq'"):
        compose([one, two])
