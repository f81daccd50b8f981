"""What only Telegram has: long polling, the webhook secret, redelivery, the command menu,
sharing a phone contact, language codes, documents, photos and polls."""

from __future__ import annotations

import asyncio
import contextlib
import time
from pathlib import Path

from bot.app import build_app, import_roster
from bot.telegram.runner import build_bot, run_polling
from bot.telegram.transport import TelegramTransport
from config.messages import Button, Document, Image, Poll, Reply
from tests.conftest import make_settings
from tests.e2e.conftest import ROSTER, link_code
from tests.e2e.drivers import TelegramDriver, texts
from tests.fakes.clock import FakeClock
from tests.fakes.rosters import write_csv
from tests.fakes.telegram_api import FakeTelegram, TgUser


async def wait_for(predicate: object, limit: float = 10.0) -> None:
    deadline = time.monotonic() + limit
    while not predicate():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.02)


async def test_long_polling_against_a_self_hosted_api_base(
    tmp_path: Path, clock: FakeClock, fake_telegram: FakeTelegram
) -> None:
    app = await build_app(
        make_settings(
            tmp_path, telegram_bot_token=fake_telegram.token, telegram_api_base=fake_telegram.base_url
        ),
        clock,
    )
    await import_roster(app, write_csv(tmp_path / "r.csv", ROSTER))
    bot = build_bot(fake_telegram.token, fake_telegram.base_url)
    task = asyncio.create_task(run_polling(app, bot))
    try:
        mai = TgUser(501, "Mai")
        fake_telegram.push(fake_telegram.message(mai, f"/start {await link_code(app, 'Lê Thị Mai')}"))
        await wait_for(lambda: any("Đã liên kết" in c.text for c in fake_telegram.sent("sendMessage", 501)))
        fake_telegram.push(fake_telegram.message(mai, "/trogiup"))
        await wait_for(lambda: any("Các lệnh" in c.text for c in fake_telegram.sent("sendMessage", 501)))
        assert fake_telegram.sent("deleteWebhook")
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        await bot.session.close()
        await app.close()


async def test_the_webhook_refuses_a_wrong_secret(telegram_driver: TelegramDriver) -> None:
    fake = telegram_driver.fake
    assert fake.webhook_url.endswith("/telegram/webhook") and fake.webhook_secret == "s3cret-token"
    # a burst arrives on Telegram's 40 connections at once, and is recorded in batches
    (set_webhook,) = fake.sent("setWebhook")
    assert str(set_webhook.params["max_connections"]) == "40"
    before = len(fake.calls)
    status = await fake.post_webhook(fake.message(TgUser(7, "X"), "/start"), secret="wrong")
    assert status == 401
    assert fake.calls[before:] == []


async def test_a_redelivered_update_is_handled_once(telegram_driver: TelegramDriver) -> None:
    fake = telegram_driver.fake
    update = fake.message(
        telegram_driver.user("mai"), f"/start {await link_code(telegram_driver.app, 'Lê Thị Mai')}"
    )
    first = await telegram_driver.deliver(update)
    assert "Đã liên kết" in texts(first)
    assert await telegram_driver.deliver(update) == []


async def test_the_command_menu_is_set_in_both_languages(telegram_driver: TelegramDriver) -> None:
    menus = telegram_driver.fake.sent("setMyCommands")
    by_lang = {c.params.get("language_code", ""): [x["command"] for x in c.params["commands"]] for c in menus}
    assert by_lang[""][:4] == ["start", "trogiup", "lienket", "ngonngu"]
    assert by_lang["en"][:4] == ["start", "help", "link", "language"]
    vi = next(c for c in menus if "language_code" not in c.params)
    assert vi.params["commands"][1]["description"] == "các lệnh dùng được"


async def test_sharing_my_own_phone_links_me(telegram_driver: TelegramDriver) -> None:
    fake = telegram_driver.fake
    start = await telegram_driver.say("duc", "/start")
    keyboard = next(c for c in fake.sent("sendMessage") if "keyboard" in (c.params.get("reply_markup") or {}))
    assert keyboard.params["reply_markup"]["keyboard"][0][0]["request_contact"] is True
    assert "Chia sẻ số điện thoại" in texts(start)
    other = await telegram_driver.deliver(
        fake.contact(telegram_driver.user("duc"), "+84901000004", own=False)
    )
    assert "số điện thoại của chính đồng chí" in texts(other)
    unknown = await telegram_driver.deliver(fake.contact(telegram_driver.user("duc"), "0999999999"))
    assert "Số 0999999999 không có trong danh sách" in texts(unknown)
    linked = await telegram_driver.deliver(fake.contact(telegram_driver.user("duc"), "+84 901 000 004"))
    assert "Đã liên kết: đồng chí Phạm Văn Đức" in texts(linked)


async def test_an_english_client_gets_english(telegram_driver: TelegramDriver) -> None:
    telegram_driver.language_code = "en"
    seen = await telegram_driver.say("guest", "/help")
    assert "Commands you can use:" in texts(seen)
    assert "/help" in texts(seen)


async def test_documents_photos_polls_and_long_texts_reach_telegram(fake_telegram: FakeTelegram) -> None:
    bot = build_bot(fake_telegram.token, fake_telegram.base_url)
    transport = TelegramTransport(bot)
    try:
        doc = await transport.send(
            "42", Reply("Báo cáo tháng 12", document=Document("bao-cao.xlsx", b"PK\x03\x04"))
        )
        photo = await transport.send("42", Reply(image=Image("bieu-do.png", b"\x89PNG", "Tỷ lệ tham dự")))
        poll = await transport.send(
            "42", Reply(poll=Poll("Câu 1?", ("A", "B", "C"), correct=(1,), open_period=30))
        )
        long = await transport.send("42", Reply("dòng\n" * 2000, buttons=((Button("Đã đọc", "read:1"),),)))
        assert doc.ok and photo.ok and poll.ok and long.ok
        sent = fake_telegram.sent(chat_id=42)
        assert [c.method for c in sent] == [
            "sendDocument",
            "sendPhoto",
            "sendPoll",
            "sendMessage",
            "sendMessage",
            "sendMessage",
        ]
        assert sent[0].files["document"] == b"PK\x03\x04" and sent[0].params["caption"] == "Báo cáo tháng 12"
        assert sent[1].files["photo"] == b"\x89PNG"
        assert sent[2].params["type"] == "quiz" and sent[2].params["correct_option_ids"] == [1]
        assert sent[2].params["is_anonymous"] == "false" and sent[2].params["open_period"] == "30"
        assert poll.poll_id == sent[2].result["poll"]["id"] and not poll.poll_typed
        assert (
            all(len(c.text) <= 4096 for c in sent[3:])
            and "\n".join(c.text for c in sent[3:]) == ("dòng\n" * 2000).strip()
        )
        assert sent[-1].button_rows and not sent[3].button_rows
        fake_telegram.blocked_chats.add("43")
        blocked = await transport.send("43", Reply("xin chào"))
        assert not blocked.ok and blocked.blocked
    finally:
        await bot.session.close()
