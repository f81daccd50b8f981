"""Paid broadcast, on every transport: committee staff whose /thongbao reaches 1,000
Telegram messages are told how long it takes at Telegram's ceiling and offered «Gửi nhanh
(trả phí)» with its time and price; chosen, that batch's Telegram messages carry
`allow_paid_broadcast` and go at the paid ceiling (the fake Bot API counts them apart, at
1,000 a second, and everything else at 30). A branch secretary is never offered it."""

from __future__ import annotations

import json
import time

from sqlalchemy import select

from bot.app import import_roster
from scheduler.outbox_worker import OutboxWorker
from storage.models import OutboxMessage
from tests.e2e.conftest import ROSTER, link_code
from tests.e2e.drivers import Driver, TelegramDriver, texts
from tests.fakes.rosters import write_csv
from tests.fakes.telegram_api import Limits as FakeLimits
from tests.fakes.telegram_api import is_paid

MEMBERS = 1_000  # Telegram messages from which the fast choice is offered
FIRST_ID = 800_000
TEXT = "Hội nghị quán triệt Nghị quyết lúc 08:00 thứ Hai, 07/12/2026, trực tuyến tại các điểm cầu."


async def a_thousand_on_telegram(driver: Driver, sender: str) -> None:
    """Khu phố 1 grows by MEMBERS people, each linked on Telegram whatever the sender's
    platform (a Zalo or console sender reaches Telegram members too); the sender links."""
    app = driver.app
    rows = ROSTER + [
        [f"Đảng viên {i:04d}", "Chi bộ Khu phố 1", "Đảng bộ Phường Mẫu", "", "Chính thức", "", ""]
        for i in range(MEMBERS)
    ]
    await import_roster(app, write_csv(app.settings.data_dir / "large.csv", rows))
    name = {"son": "Ngô Thanh Sơn", "lan": "Nguyễn Thị Lan"}[sender]
    await driver.say(sender, f"/start {await link_code(app, name)}")
    async with app.db.unit_of_work() as uow:
        now = app.clock.now()
        for person, _ in await uow.people.roster_with_links():
            if person.full_name.startswith("Đảng viên "):
                i = int(person.full_name.rsplit(" ", 1)[1])
                account = await uow.accounts.get_or_create(
                    "telegram", str(FIRST_ID + i), person.full_name, now
                )
                await uow.accounts.link(account, person, now)
        await uow.commit()


async def queued(driver: Driver) -> list[tuple[str, bool]]:
    """(platform, paid broadcast) of every message the outbox holds."""
    async with driver.app.db.unit_of_work() as uow:
        rows = (await uow.session.execute(select(OutboxMessage.platform, OutboxMessage.payload))).tuples()
        return [(platform, bool(json.loads(payload).get("paid_broadcast"))) for platform, payload in rows]


async def test_committee_staff_choose_the_costed_fast_send_and_it_goes_at_the_paid_ceiling(
    driver: Driver,
) -> None:
    await a_thousand_on_telegram(driver, "son")
    preview = await driver.say("son", f"/thongbao {TEXT}")
    shown = texts(preview, "son")
    # the normal time, the fast one and its price, before anything is sent
    assert "⏱ 1.000 tin Telegram: gửi thường (tối đa 30 tin/giây) mất khoảng 33 giây." in shown
    assert (
        "«Gửi nhanh (trả phí)»: tối đa 1.000 tin/giây, khoảng 1 giây; Telegram trừ khoảng 97 Stars "
        "vào số dư của bot (0,1 Star mỗi tin vượt mức 30 tin/giây miễn phí)."
    ) in shown
    assert "tất cả 2 chi bộ của Đảng bộ Phường Mẫu" in shown
    assert {"Gửi", "Gửi nhanh (trả phí)", "Hủy"} <= set(preview[-1].buttons)

    sending = texts(await driver.press("son", "Gửi nhanh (trả phí)"), "son")
    assert "Đang gửi thông báo tới 1.000 người" in sending
    assert "Gửi nhanh (trả phí) 1.000 tin Telegram: khoảng 1 giây, khoảng 97 Stars." in sending
    rows = await queued(driver)
    assert len(rows) == MEMBERS and all(paid for platform, paid in rows if platform == "telegram")

    if not isinstance(driver, TelegramDriver):
        return  # no Telegram transport runs beside a Zalo or console chibo: the rows are what it sends
    fake = driver.fake
    # Telegram's own limits: 30 a second, and 1,000 a second for what carries the flag
    fake.limits = FakeLimits(per_second=30, chat_interval=1.0, edits_count=True)
    since = len(fake.calls)
    started = time.monotonic()
    stats = await OutboxWorker(driver.app.runtime()).run_until_idle()
    took = time.monotonic() - started
    assert stats.sent == MEMBERS and fake.rate_limited == 0

    to_members = [c for c in fake.calls[since:] if c.method == "sendMessage" and "THÔNG BÁO" in c.text]
    assert len(to_members) == MEMBERS and all(is_paid(c.params) for c in to_members)
    assert fake.paid_broadcasts == MEMBERS  # the Stars spent: these messages and no other
    # the sender's status and report are ordinary messages, under the free ceiling
    to_sender = [c for c in fake.calls[since:] if c.chat_id == driver.user_id("son")]
    assert to_sender and not any(is_paid(c.params) for c in to_sender)
    assert "Báo cáo gửi «Hội nghị quán triệt" in to_sender[-1].text
    # faster than the free ceiling allows: more than 30 in one second, well under 33 s in all
    arrivals = [c.at for c in to_members]
    busiest = max(sum(1 for a in arrivals if t <= a < t + 1.0) for t in arrivals)
    assert busiest > 30, busiest
    assert took < MEMBERS / 30 / 2, took


async def test_a_branch_secretary_is_not_offered_paid_broadcast(driver: Driver) -> None:
    await a_thousand_on_telegram(driver, "lan")
    preview = await driver.say("lan", f"/thongbao {TEXT}")
    shown = texts(preview, "lan")
    assert "Xem trước thông báo tới Chi bộ Khu phố 1: 1.002 người (1.000 đã liên kết tài khoản)" in shown
    assert "trả phí" not in shown and "Stars" not in shown
    assert "Gửi nhanh (trả phí)" not in preview[-1].buttons

    # the choice pressed anyway (forged data): refused, nothing queued
    (ann_id,) = {int(b.split(":")[-1]) for b in await offered_data(driver, "lan") if b.startswith("tb:s:")}
    refused = texts(await driver.forge("lan", f"tb:f:{ann_id}"), "lan")
    assert "Gửi nhanh (trả phí) chỉ dành cho cán bộ Đảng ủy" in refused
    assert await queued(driver) == []

    # «Gửi», the choice she was offered (pressed by its data: on Zalo and the console the
    # forged choice above is now the latest numbered one)
    await driver.forge("lan", f"tb:s:{ann_id}")
    rows = await queued(driver)
    assert len(rows) == MEMBERS and not any(paid for _, paid in rows)


async def offered_data(driver: Driver, who: str) -> list[str]:
    """The button data of the choices last offered to `who` in their private chat."""
    async with driver.app.db.unit_of_work() as uow:
        user = driver.user_id(who)
        offer = await uow.waits.offered(driver.platform, user, user, driver.app.clock.now())
    return list(offer.choices) if offer is not None else []
