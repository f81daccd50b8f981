"""What the sender of a large broadcast sees while it goes, on every transport, at a scaled
ceiling: one status message (edited in place on Telegram; at most two on Zalo and the
console, which cannot edit), shown while the batch is still going and never ahead of what
was delivered, and the delivery report as the very last word."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.app import import_roster
from scheduler.limiter import CONSOLE, TELEGRAM, ZALO, Limiters, Limits
from scheduler.outbox_worker import OutboxWorker, WorkerConfig
from scheduler.progress import ReportConfig
from tests.e2e.conftest import ROSTER, link_code
from tests.e2e.drivers import ConsoleDriver, Driver, TelegramDriver, ZaloDriver
from tests.fakes.rosters import write_csv
from tests.fakes.telegram_api import Limits as FakeLimits

MEMBERS = 300
RATE = 100.0  # messages a second: Telegram's 30 scaled up, so the batch lasts about 3 s
FIRST_ID = 700_000
_FIGURE = re.compile(r"(\d+)/(\d+) tin")


@dataclass(frozen=True)
class ToSender:
    """One thing the sender was shown: a new message or an edit, and where it stood among
    everything the platform received."""

    index: int
    edit: bool
    text: str
    message_id: str = ""

    @property
    def figure(self) -> int:
        m = _FIGURE.search(self.text)
        assert m is not None, self.text
        return int(m.group(1))


def member_chat(driver: Driver, i: int) -> str:
    return f"u-m{i}" if isinstance(driver, ConsoleDriver) else str(FIRST_ID + i)


async def a_large_branch(driver: Driver) -> None:
    """Lan's branch grows by MEMBERS people, each with a linked account on the driver's platform."""
    app = driver.app
    rows = ROSTER + [
        [f"Đảng viên {i:03d}", "Chi bộ Khu phố 1", "Đảng bộ Phường Mẫu", "", "Chính thức", "", ""]
        for i in range(MEMBERS)
    ]
    await import_roster(app, write_csv(app.settings.data_dir / "large.csv", rows))
    await driver.say("lan", f"/start {await link_code(app, 'Nguyễn Thị Lan')}")
    async with app.db.unit_of_work() as uow:
        now = app.clock.now()
        for person, _ in await uow.people.roster_with_links():
            if person.full_name.startswith("Đảng viên "):
                i = int(person.full_name.rsplit(" ", 1)[1])
                account = await uow.accounts.get_or_create(
                    driver.platform, member_chat(driver, i), person.full_name, now
                )
                await uow.accounts.link(account, person, now)
        await uow.commit()


def limiters(driver: Driver) -> Limiters:
    base = {"telegram": TELEGRAM, "zalo": ZALO, "console": CONSOLE}[driver.platform]
    return Limiters(
        {driver.platform: Limits(RATE, base.chat_interval, base.group_per_minute, adaptive=False)}
    )


def seen_by(driver: Driver, since: int) -> tuple[list[ToSender], list[int]]:
    """Messages and edits to the sender, and the indices of the members' messages."""
    sender = driver.user_id("lan")
    to_sender: list[ToSender] = []
    to_members: list[int] = []
    if isinstance(driver, TelegramDriver):
        calls = [
            (c.chat_id, c.method == "editMessageText", c.text, str((c.result or {}).get("message_id", "")))
            for c in driver.fake.calls[since:]
            if c.method in ("sendMessage", "editMessageText")
        ]
    elif isinstance(driver, ZaloDriver):
        calls = [
            (c.chat_id, False, c.text, "") for c in driver.fake.calls[since:] if c.method == "sendMessage"
        ]
    else:
        assert isinstance(driver, ConsoleDriver)
        calls = [(chat or "", False, text, "") for text, chat in driver.lines[since:]]
    for index, (chat, edit, text, message_id) in enumerate(calls):
        if chat == sender:
            to_sender.append(ToSender(index, edit, text, message_id))
        elif "THÔNG BÁO" in text:
            to_members.append(index)
    return to_sender, to_members


async def test_the_sender_sees_one_status_while_it_goes_and_the_report_last(driver: Driver) -> None:
    await a_large_branch(driver)
    await driver.say("lan", "/thongbao Họp chi bộ mở rộng lúc 14:00 thứ Sáu, 04/12/2026.")
    await driver.press("lan", "Gửi")
    if isinstance(driver, TelegramDriver):
        # the fake refuses what Telegram would: over the ceiling, a chat (edits too) faster than 1/s
        driver.fake.limits = FakeLimits(per_second=RATE, chat_interval=1.0, edits_count=True)
    since = len(driver.lines if isinstance(driver, ConsoleDriver) else driver.fake.calls)  # type: ignore[attr-defined]

    config = WorkerConfig(reports=ReportConfig(status_every=0.5))
    stats = await OutboxWorker(driver.app.runtime(), limiters(driver), config).run_until_idle()
    assert stats.sent == MEMBERS

    to_sender, to_members = seen_by(driver, since)
    assert len(to_members) == MEMBERS
    statuses = [s for s in to_sender if "Đang gửi «Họp chi bộ mở rộng" in s.text]
    finals = [s for s in to_sender if "Báo cáo gửi «Họp chi bộ mở rộng" in s.text]
    assert len(statuses) + len(finals) == len(to_sender)

    # the report is the last word: after every member's message and after every status
    assert len(finals) == 1 and to_sender[-1] == finals[0]
    assert finals[0].index > max(to_members)
    assert f"Đã gửi tin riêng: {MEMBERS}/{MEMBERS + 2} người" in finals[0].text  # Mai and Đức: not linked

    # a status is shown while the batch goes (not queued behind it), its figures only grow,
    # and never claim more than the members had been sent at that moment
    assert statuses and statuses[0].index < max(to_members)
    figures = [s.figure for s in statuses]
    assert figures == sorted(set(figures)) and figures[-1] < MEMBERS
    for s in statuses:
        assert s.figure <= sum(1 for i in to_members if i < s.index)

    if isinstance(driver, TelegramDriver):
        # one message, edited in place
        first, *edits = statuses
        assert not first.edit and edits and all(e.edit for e in edits)
        assert {str(c.params["message_id"]) for c in driver.fake.sent("editMessageText")} == {
            first.message_id
        }
        assert driver.fake.rate_limited == 0  # neither the ceiling nor the sender's chat was overrun
    else:
        # no editing: at most a message at the start and one at half
        assert 1 <= len(statuses) <= 2
        if len(statuses) == 2:
            assert statuses[0].figure * 2 < MEMBERS <= statuses[1].figure * 2
