"""`chibo run` with both tokens: Telegram and Zalo together on one core, one branch."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path

from bot.app import build_app, import_roster
from bot.cli import _run_platforms
from config.messages import Image, Reply
from scheduler.outbox import outbox_item
from scheduler.outbox_worker import drain
from tests.conftest import make_settings
from tests.e2e.conftest import ROSTER, link_code
from tests.e2e.test_zalo import wait_for
from tests.fakes.clock import FakeClock
from tests.fakes.rosters import write_csv
from tests.fakes.telegram_api import FakeTelegram, TgUser
from tests.fakes.zalo_api import FakeZalo, ZUser


async def test_one_branch_across_telegram_and_zalo(
    tmp_path: Path, clock: FakeClock, fake_telegram: FakeTelegram, fake_zalo: FakeZalo
) -> None:
    settings = make_settings(
        tmp_path,
        telegram_bot_token=fake_telegram.token,
        telegram_api_base=fake_telegram.base_url,
        zalo_bot_token=fake_zalo.token,
        zalo_api_base=fake_zalo.base_url,
    )
    app = await build_app(settings, clock)
    await import_roster(app, write_csv(tmp_path / "r.csv", ROSTER))
    task = asyncio.create_task(_run_platforms(app))
    try:
        lan, mai = TgUser(501, "Lan"), ZUser("zmai01", "Lê Thị Mai")
        fake_telegram.push(fake_telegram.message(lan, f"/start {await link_code(app, 'Nguyễn Thị Lan')}"))
        fake_zalo.push(fake_zalo.message(mai, f"/start {await link_code(app, 'Lê Thị Mai')}"))
        await wait_for(lambda: any("Đã liên kết" in c.text for c in fake_telegram.sent("sendMessage", 501)))
        await wait_for(lambda: any("Đã liên kết" in c.text for c in fake_zalo.sent("sendMessage", mai.id)))
        assert "Chi bộ Khu phố 1" in fake_zalo.sent("sendMessage", mai.id)[0].text

        async with app.db.unit_of_work() as uow:
            lan_p = (await uow.people.by_name_key("nguyen thi lan"))[0]
            roster = await uow.people.in_branch(lan_p.branch_id)
            linked = {a.platform: p.full_name for p in roster for a in await uow.accounts.linked_to(p.id)}
        assert linked == {"telegram": "Nguyễn Thị Lan", "zalo": "Lê Thị Mai"}  # one roster

        # one broadcast to the branch, through the outbox, reaches each member on their platform
        notice = Reply(
            "Thông báo: họp chi bộ 19:30 ngày 25/11/2026.\n" + "\n".join(["Nội dung chuẩn bị."] * 150)
        )
        async with app.db.unit_of_work() as uow:
            items = [
                outbox_item(
                    a.platform, a.user_id, notice, clock.now(), person_id=p.id, dedup_key=f"b1:{p.id}:{a.id}"
                )
                for p in roster
                for a in await uow.accounts.linked_to(p.id)
            ]
            assert await uow.outbox.enqueue(items) == 2
            assert await uow.outbox.enqueue(items) == 0  # enqueueing again is harmless
            await uow.commit()
        stats = await drain(app.runtime())
        assert (stats.sent, stats.failed, stats.blocked) == (2, 0, 0)
        tg_text = fake_telegram.sent("sendMessage", 501)[-1].text
        zalo_parts = [c.text for c in fake_zalo.sent("sendMessage", mai.id) if "chuẩn bị" in c.text]
        assert tg_text == notice.text and len(zalo_parts) == 2  # 2,000 characters a message on Zalo
        assert "\n".join(zalo_parts) == notice.text
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        await app.close()


async def test_both_webhooks_and_file_links_share_one_port(
    tmp_path: Path, clock: FakeClock, fake_telegram: FakeTelegram, fake_zalo: FakeZalo
) -> None:
    from tests.fakes.postgres import free_port

    port = free_port()
    settings = make_settings(
        tmp_path,
        telegram_bot_token=fake_telegram.token,
        telegram_api_base=fake_telegram.base_url,
        zalo_bot_token=fake_zalo.token,
        zalo_api_base=fake_zalo.base_url,
        webhook_base_url=f"http://127.0.0.1:{port}",
        webhook_host="127.0.0.1",
        webhook_port=port,
        webhook_secret="one-s3cret-for-both",
    )
    app = await build_app(settings, clock)
    await import_roster(app, write_csv(tmp_path / "r.csv", ROSTER))
    task = asyncio.create_task(_run_platforms(app))
    try:
        await wait_for(lambda: bool(fake_telegram.webhook_url and fake_zalo.webhook_url))
        assert fake_telegram.webhook_url == f"http://127.0.0.1:{port}/telegram/webhook"
        assert fake_zalo.webhook_url == f"http://127.0.0.1:{port}/zalo/webhook"
        assert fake_zalo.webhook_secret == "one-s3cret-for-both"
        assert await fake_telegram.post_webhook(fake_telegram.message(TgUser(501, "Lan"), "/trogiup")) == 200
        assert await fake_zalo.post_webhook(fake_zalo.message(ZUser("zmai01", "Mai"), "/trogiup")) == 200
        assert "/trogiup" in fake_telegram.sent("sendMessage", 501)[-1].text
        assert "/trogiup" in fake_zalo.sent("sendMessage", "zmai01")[-1].text
        transport = app.delivery.transport("zalo")
        assert transport is not None
        chart = Reply("Tỷ lệ tham dự", image=Image("t.png", b"\x89PNG"))
        assert (await transport.send("zmai01", chart)).ok
        assert fake_zalo.sent("sendPhoto")[-1].params["photo"].startswith(f"http://127.0.0.1:{port}/files/")
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        await app.close()
