"""What only Zalo has: one event per getUpdates with 408 when none, the webhook secret,
wrapped and unwrapped bodies, redelivery, 2,000-character messages, files as links, 429s
and unreachable users, stickers and images, and groups behind a setting."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from pathlib import Path

import aiohttp

from bot.app import build_app, import_roster
from bot.web import FileShelf
from bot.zalo.client import ZaloAPIError, ZaloClient
from bot.zalo.runner import ZaloBot, build_client
from bot.zalo.transport import ZaloTransport
from config.messages import Button, Document, Image, Poll, Reply
from tests.conftest import make_settings
from tests.e2e.conftest import ROSTER, link_code
from tests.e2e.drivers import GROUP, ZaloDriver, texts
from tests.fakes.clock import FakeClock
from tests.fakes.rosters import write_csv
from tests.fakes.zalo_api import FakeZalo, ZUser


async def wait_for(predicate: Callable[[], bool], limit: float = 10.0) -> None:
    deadline = time.monotonic() + limit
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.02)


async def test_long_polling_takes_one_event_per_call(
    tmp_path: Path, clock: FakeClock, fake_zalo: FakeZalo
) -> None:
    app = await build_app(
        make_settings(tmp_path, zalo_bot_token=fake_zalo.token, zalo_api_base=fake_zalo.base_url), clock
    )
    await import_roster(app, write_csv(tmp_path / "r.csv", ROSTER))
    client = build_client(app)
    fake_zalo.webhook_url = "https://old.example/hook"  # getUpdates refuses while a webhook is set
    task = asyncio.create_task(ZaloBot(app, client).run_polling(poll_timeout=1))
    try:
        mai = ZUser("a1b2c3d4e5", "Lê Thị Mai")
        fake_zalo.push(fake_zalo.message(mai, f"/start {await link_code(app, 'Lê Thị Mai')}"))
        fake_zalo.push(fake_zalo.message(mai, "/trogiup"))
        await wait_for(lambda: any("Các lệnh" in c.text for c in fake_zalo.sent("sendMessage", mai.id)))
        first = fake_zalo.sent("sendMessage", mai.id)[0]
        assert "Đã liên kết: đồng chí Lê Thị Mai, Chi bộ Khu phố 1" in first.text
        assert fake_zalo.sent("deleteWebhook") and fake_zalo.webhook_url == ""
        await asyncio.sleep(1.2)  # an empty queue answers 408 after the timeout: polling goes on
        fake_zalo.push(fake_zalo.message(mai, "/ngonngu"))
        await wait_for(lambda: "English" in fake_zalo.sent("sendMessage", mai.id)[-1].text)
        assert not task.done()
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        await client.close()
        await app.close()


async def test_the_client_reports_408_as_no_update_and_raises_other_errors(fake_zalo: FakeZalo) -> None:
    client = ZaloClient(fake_zalo.token, fake_zalo.base_url)
    try:
        assert await client.get_update(poll_seconds=0) is None
        fake_zalo.push({"event_name": "message.text.received", "message": {"message_id": "x"}})
        assert (await client.get_update(poll_seconds=0) or {})["message"] == {"message_id": "x"}
        assert (await client.get_me())["id"] == "7788990011"
        await client.send_chat_action("u1")
        assert await client.get_webhook_info() == {"url": "", "updated_at": await _any_int()}
        wrong = ZaloClient("nope", fake_zalo.base_url)
        try:
            await wrong.get_me()
            raise AssertionError("a wrong token must raise")
        except ZaloAPIError as exc:
            assert exc.code == 401
        finally:
            await wrong.close()
    finally:
        await client.close()


async def test_the_client_sends_a_sticker(fake_zalo: FakeZalo) -> None:
    client = ZaloClient(fake_zalo.token, fake_zalo.base_url)
    try:
        sent = await client.send_sticker("u1", "c3ba6d2b5a0eb350ea1f")
        assert sent["message_id"] and isinstance(sent["date"], int)
        assert [c.params for c in fake_zalo.sent("sendSticker")] == [
            {"chat_id": "u1", "sticker": "c3ba6d2b5a0eb350ea1f"}
        ]
        try:
            await client.send_sticker("u1", "")
            raise AssertionError("a sticker without an id must raise")
        except ZaloAPIError as exc:
            assert exc.code == 400
    finally:
        await client.close()


async def _any_int() -> object:
    class AnyInt:
        def __eq__(self, other: object) -> bool:
            return isinstance(other, int)

    return AnyInt()


async def test_the_webhook_checks_the_secret(zalo_driver: ZaloDriver) -> None:
    fake = zalo_driver.fake
    assert fake.webhook_url.endswith("/zalo/webhook") and fake.webhook_secret == "zalo-s3cret-token"
    before = len(fake.calls)
    assert await fake.post_webhook(fake.message(ZUser("u7", "X"), "/start"), secret="wrong") == 401
    assert await fake.post_webhook(fake.message(ZUser("u7", "X"), "/start"), secret="") == 401
    assert fake.calls[before:] == []


async def test_wrapped_and_unwrapped_bodies_and_redelivery(zalo_driver: ZaloDriver) -> None:
    fake = zalo_driver.fake
    code = await link_code(zalo_driver.app, "Lê Thị Mai")
    event = fake.message(zalo_driver.user("mai"), f"/start {code}")
    first = await zalo_driver.deliver(event, wrapped=True)
    assert "Đã liên kết: đồng chí Lê Thị Mai" in texts(first, "mai")
    assert await zalo_driver.deliver(event) == []  # the same message id again: handled once
    unwrapped = await zalo_driver.deliver(fake.message(zalo_driver.user("mai"), "/trogiup"))
    assert "Các lệnh đồng chí dùng được:" in texts(unwrapped, "mai")


async def test_stickers_images_and_unsupported_messages(zalo_driver: ZaloDriver) -> None:
    fake, mai = zalo_driver.fake, zalo_driver.user("mai")
    unlinked = await zalo_driver.deliver(fake.message(mai, event="message.sticker.received", sticker="s1"))
    assert "chưa liên kết" in texts(unlinked, "mai")
    code = await link_code(zalo_driver.app, "Lê Thị Mai")
    image = await zalo_driver.deliver(
        fake.message(mai, f"/start {code}", event="message.image.received", photo="https://x/y.jpg")
    )
    assert "Đã liên kết" in texts(image, "mai")  # an image's caption is read as its text
    sticker = await zalo_driver.deliver(
        fake.message(mai, event="message.sticker.received", sticker="s1", url="https://zalo.me/s1.webp")
    )
    # a short hint of what to type, not an apology for an error
    assert texts(sticker) == "chibo chưa hiểu tin nhắn này. Gõ /trogiup để xem các lệnh."
    assert [s.to for s in sticker] == ["mai"]
    voice = await zalo_driver.deliver(
        fake.message(mai, event="message.voice.received", voice_url="https://zalo.me/v1.aac")
    )
    assert texts(voice).startswith("chibo chưa nghe được tin nhắn thoại. Xin gõ chữ")
    unsupported = await zalo_driver.deliver(fake.message(mai, event="message.unsupported.received"))
    assert "/trogiup" in texts(unsupported, "mai")
    # a sticker in the middle of a choice leaves the choice as it was
    await zalo_driver.say("mai", "/ngonngu")
    await zalo_driver.deliver(fake.message(mai, event="message.sticker.received", sticker="s2"))
    assert "English selected." in texts(await zalo_driver.say("mai", "2"))


async def test_choices_are_numbered_and_answered_by_number(zalo_driver: ZaloDriver) -> None:
    offered = await zalo_driver.say("mai", "/ngonngu")
    assert offered[0].buttons == ["Tiếng Việt", "English"]
    assert "1. Tiếng Việt\n2. English\nGõ số thứ tự để chọn." in offered[0].text
    assert "Xin gõ một số từ 1 đến 2." in texts(await zalo_driver.say("mai", "7"))
    assert "English selected." in texts(await zalo_driver.say("mai", "2"))


async def test_groups_only_when_enabled_and_only_what_is_for_the_bot(
    zalo_driver: ZaloDriver, tmp_path: Path, clock: FakeClock, fake_zalo: FakeZalo
) -> None:
    fake = zalo_driver.fake
    lan = zalo_driver.user("lan")
    await zalo_driver.say("lan", f"/start {await link_code(zalo_driver.app, 'Nguyễn Thị Lan')}")
    not_for_the_bot = fake.message(lan, "/lienket", ZaloDriver.GROUP_ID)
    assert await zalo_driver.deliver(not_for_the_bot) == []
    mentioned = await zalo_driver.say("lan", "/lienket", group=True)
    assert "Đã gắn nhóm này với Chi bộ Khu phố 1" in texts(mentioned, GROUP)
    reply_to_bot = fake.message(
        lan, "/trogiup", ZaloDriver.GROUP_ID, reply_to_message={"from": {"id": "7788990011"}}
    )
    assert "/trogiup" in texts(await zalo_driver.deliver(reply_to_bot), GROUP)

    # the same event with groups off (Zalo's default today): nothing is answered
    app = await build_app(
        make_settings(tmp_path / "off", zalo_bot_token=fake.token, zalo_api_base=fake.base_url), clock
    )
    client = build_client(app)
    try:
        bot = ZaloBot(app, client)
        await bot.prepare()
        before = len(fake.calls)
        await bot.handle(fake.message(lan, "@chibo /trogiup", ZaloDriver.GROUP_ID))
        assert fake.calls[before:] == []
        await bot.handle(fake.message(lan, "/trogiup"))
        assert [c.method for c in fake.calls[before:]] == ["sendMessage"]
    finally:
        await client.close()
        await app.close()


async def test_long_texts_are_split_at_2000_on_line_boundaries(fake_zalo: FakeZalo) -> None:
    client = ZaloClient(fake_zalo.token, fake_zalo.base_url)
    try:
        transport = ZaloTransport(client)
        text = "\n".join(f"Dòng {i}: nội dung bài học" for i in range(300))
        result = await transport.send("u1", Reply(text, buttons=((Button("Đã đọc", "read:1"),),)))
        assert result.ok and result.message_id
        sent = fake_zalo.sent("sendMessage", "u1")
        assert len(sent) > 1 and all(len(c.text) <= 2000 for c in sent)
        assert all(c.text.split("\n")[0].startswith("Dòng") for c in sent)  # no line cut in two
        assert "\n".join(c.text for c in sent).startswith(text)
        assert sent[-1].text.endswith("1. Đã đọc\nGõ số thứ tự để chọn.")
        edited = await transport.edit("u1", "m1", Reply("Đã cập nhật"))
        assert edited.ok and fake_zalo.sent("sendMessage", "u1")[-1].text == "Đã cập nhật"
    finally:
        await client.close()


async def test_a_429_between_the_parts_of_a_long_text_is_waited_out(fake_zalo: FakeZalo) -> None:
    client = ZaloClient(fake_zalo.token, fake_zalo.base_url)
    try:
        transport = ZaloTransport(client)
        fake_zalo.throttle, fake_zalo.throttle_after, fake_zalo.retry_after = 1, 1, 1
        text = "\n".join(f"Dòng {i}: nội dung bài học" for i in range(150))  # two parts
        result = await transport.send("u1", Reply(text))
        assert result.ok  # not handed back to the outbox, which would send the first part again
        sent = [c.text for c in fake_zalo.sent("sendMessage", "u1")]
        assert len(sent) == 3 and sent[1] == sent[2]  # the second part: refused, then sent
        assert "\n".join([sent[0], sent[2]]) == text
    finally:
        await client.close()


async def test_files_become_links_served_by_chibo(fake_zalo: FakeZalo, tmp_path: Path) -> None:
    from aiohttp import web

    from bot.web import start_server
    from tests.fakes.postgres import free_port

    port = free_port()
    shelf = FileShelf(tmp_path / "files", f"http://127.0.0.1:{port}")
    web_app = web.Application()
    shelf.add_routes(web_app)
    runner = await start_server(web_app, "127.0.0.1", port)
    client = ZaloClient(fake_zalo.token, fake_zalo.base_url)
    try:
        transport = ZaloTransport(client, shelf)
        report = Reply(
            "Báo cáo tháng 12: 45/50 đảng viên dự họp.", document=Document("Báo cáo T12.xlsx", b"PK\x03\x04")
        )
        chart = Reply(image=Image("bieu-do.png", b"\x89PNG", "Tỷ lệ tham dự"))
        assert (await transport.send("u1", report)).ok and (await transport.send("u1", chart)).ok
        doc_msg, photo = fake_zalo.sent(chat_id="u1")
        assert doc_msg.method == "sendMessage" and doc_msg.text.startswith("Báo cáo tháng 12: 45/50")
        url = next(w for w in doc_msg.text.split() if w.startswith("http"))
        assert url.endswith("/Bao-cao-T12.xlsx") and len(url.split("/")[-2]) >= 32
        assert photo.method == "sendPhoto" and photo.params["caption"] == "Tỷ lệ tham dự"
        before = len(fake_zalo.calls)
        assert (await transport.send("u1", Reply("Biểu đồ tháng 12", image=Image("b.png", b"1")))).ok
        said_once = fake_zalo.calls[before:]
        assert [(c.method, c.text) for c in said_once] == [("sendPhoto", "Biểu đồ tháng 12")]
        async with aiohttp.ClientSession() as http:
            async with http.get(url) as resp:
                assert resp.status == 200 and await resp.read() == b"PK\x03\x04"
            async with http.get(str(photo.params["photo"])) as resp:
                assert resp.status == 200 and await resp.read() == b"\x89PNG"
            guessed = url.rsplit("/", 2)[0] + "/" + "A" * 32 + "/Bao-cao-T12.xlsx"
            async with http.get(guessed) as resp:
                assert resp.status == 404
    finally:
        await client.close()
        await runner.cleanup()


async def test_without_a_public_address_files_are_pointed_elsewhere(fake_zalo: FakeZalo) -> None:
    client = ZaloClient(fake_zalo.token, fake_zalo.base_url)
    try:
        transport = ZaloTransport(client)
        report = Reply("Báo cáo tháng 12: 45/50 đảng viên dự họp.", document=Document("bao-cao.xlsx", b"PK"))
        chart = Reply("Tỷ lệ tham dự theo tháng", image=Image("bieu-do.png", b"\x89PNG", "Biểu đồ"))
        quiz = Reply(poll=Poll("Câu 1: Chi bộ sinh hoạt mấy lần một tháng?", ("1", "2")))
        for reply in (report, chart, quiz):
            assert (await transport.send("u1", reply)).ok
        doc_msg, chart_msg, quiz_msg = fake_zalo.sent("sendMessage", "u1")
        assert doc_msg.text.startswith("Báo cáo tháng 12: 45/50 đảng viên dự họp.")
        assert (
            "không gửi được qua Zalo" in doc_msg.text
            and "Telegram" in doc_msg.text
            and "bí thư" in doc_msg.text
        )
        assert chart_msg.text.startswith("Tỷ lệ tham dự theo tháng") and "Biểu đồ" in chart_msg.text
        assert "1. 1\n2. 2" in quiz_msg.text
        assert not fake_zalo.sent("sendPhoto")
    finally:
        await client.close()


async def test_429_backs_off_and_an_unreachable_user_is_blocked(fake_zalo: FakeZalo) -> None:
    client = ZaloClient(fake_zalo.token, fake_zalo.base_url)
    try:
        transport = ZaloTransport(client)
        fake_zalo.throttle = 3
        waits = [(await transport.send("u1", Reply("xin chào"))).retry_after for _ in range(3)]
        assert waits == [1.0, 2.0, 4.0]  # Zalo says nothing: back off, doubling
        assert (await transport.send("u1", Reply("xin chào"))).ok
        fake_zalo.throttle, fake_zalo.retry_after = 1, 7
        limited = await transport.send("u1", Reply("xin chào"))
        assert not limited.ok and limited.retry_after == 7.0 and not limited.blocked
        fake_zalo.unreachable_chats.add("u2")
        gone = await transport.send("u2", Reply("xin chào"))
        assert not gone.ok and gone.blocked and gone.retry_after is None
    finally:
        await client.close()


async def test_a_reply_hit_by_a_short_429_still_arrives(zalo_driver: ZaloDriver) -> None:
    zalo_driver.fake.throttle = 1
    seen = await zalo_driver.say("mai", "/trogiup")
    assert "Các lệnh đồng chí dùng được:" in texts(seen, "mai")
    methods = [c.method for c in zalo_driver.fake.calls[-2:]]
    assert methods == ["sendMessage", "sendMessage"]  # the first answered 429, then a retry
