"""The same district session on Zalo, where most branches are: 11,000 members type "co mat"
in their private chat with the bot, posted to chibo's Zalo webhook (as Zalo's servers do,
from a separate process) while chibo answers each through its Zalo client against the fake
Zalo Bot API. Next to a bare webhook echo (read the event, send one message back) on the same
fake in the same run. Prints throughput, p50/p99, and checks that every member is counted
once and told once, redeliveries and second messages included.

    .venv/bin/python -m bench.checkin_burst_zalo [members] [in-flight]
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path
from typing import Any

from aiohttp import web
from sqlalchemy import func, select

from bench.checkin_burst import SECRET, describe, prepare, settle_heap
from bench.checkin_burst import burst as post_from_another_process
from bot.app import build_app
from bot.zalo.client import ZaloClient
from bot.zalo.convert import unwrap
from bot.zalo.runner import SECRET_HEADER, ZaloBot
from config.settings import Settings
from storage.models import Attendance
from tests.fakes.local_server import serve_locally
from tests.fakes.zalo_api import FakeZalo, ZUser

MEMBERS = 11_000
IN_FLIGHT = 40  # requests kept open at once, as for Telegram


def echo_app(client: ZaloClient) -> web.Application:
    """A bare Zalo bot: every text is answered with one message, nothing stored."""

    async def on_event(request: web.Request) -> web.Response:
        event = unwrap(await request.json())
        assert event is not None
        message = event["message"]
        await client.send_message(str(message["chat"]["id"]), f"Đã nhận: {message.get('text', '')}")
        return web.json_response({"ok": True})

    web_app = web.Application()
    web_app.router.add_post("/echo", on_event)
    return web_app


async def main(members: int, in_flight: int) -> None:
    fake = FakeZalo()
    await fake.start()
    client = ZaloClient(fake.token, fake.base_url)
    echo_client = ZaloClient(fake.token, fake.base_url)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            database_url=f"sqlite:///{work / 'bench.sqlite3'}",
            data_dir=work,
            zalo_bot_token=fake.token,
            zalo_api_base=fake.base_url,
            webhook_secret=SECRET,
            log_level="WARNING",
        )
        app = await build_app(settings)
        zalo = ZaloBot(app, client)
        await zalo.prepare()
        chibo_app = web.Application()
        zalo.add_routes(chibo_app)
        chibo_runner, chibo_base = await serve_locally(chibo_app)
        echo_runner, echo_base = await serve_locally(echo_app(echo_client))
        try:
            meeting_id, users = await prepare(app, work, members, platform="zalo")
            people = [ZUser(str(user), f"Đảng viên {user}") for user, _ in users]
            words = ("co mat", "có mặt", "Có mặt ạ")
            events = [fake.message(u, words[i % len(words)]) for i, u in enumerate(people)]
            print(
                f"chuẩn bị: {members:,} đảng viên chỉ dùng Zalo, 1 buổi học tập cho mọi chi bộ; "
                f"{in_flight} yêu cầu webhook song song"
            )
            settle_heap(bare=True)
            echo_wall, echo_lat = await post_from_another_process(
                echo_base + "/echo", events, in_flight, SECRET_HEADER
            )
            echo_rate = describe("echo Zalo (đọc tin, gửi 1 tin trả lời)", echo_wall, echo_lat)
            sent_before = len(fake.calls)
            settle_heap()
            url = chibo_base + settings.zalo_webhook_path
            wall, lat = await post_from_another_process(url, events, in_flight, SECRET_HEADER)
            rate = describe("chibo điểm danh «co mat» (Zalo → sqlite)", wall, lat)
            p99 = sorted(lat)[int(len(lat) * 0.99) - 1] * 1000
            print(f"tỷ lệ so với echo: {rate / echo_rate:.2f}; p99 {p99:.1f} ms")

            # Zalo redelivers some events, and some members write again
            again = events[: members // 20] + [fake.message(u, "có mặt") for u in people[: members // 20]]
            await post_from_another_process(url, again, in_flight, SECRET_HEADER)
            async with app.db.unit_of_work() as uow:
                counted = (
                    await uow.session.execute(
                        select(func.count(), func.count(func.distinct(Attendance.person_id))).where(
                            Attendance.meeting_id == meeting_id
                        )
                    )
                ).one()
            replies = [c for c in fake.calls[sent_before:] if c.method == "sendMessage"]
            done: dict[str, int] = {}
            for c in replies:
                if c.text.startswith("Đã điểm danh: "):
                    done[c.chat_id] = done.get(c.chat_id, 0) + 1
            told_again = sum(1 for c in replies if "đã điểm danh buổi này lúc" in c.text)
            ok = (
                tuple(counted) == (members, members)
                and len(done) == members
                and set(done.values()) == {1}
                and told_again == members // 20
            )
            print(
                f"đếm: {counted[0]:,} lượt có mặt, {counted[1]:,} người; {len(done):,} người được báo "
                f"«Đã điểm danh» đúng một lần; {told_again:,} tin «đã điểm danh lúc …» cho người gửi lại; "
                f"{members // 20:,} sự kiện Zalo gửi lại không được trả lời lần nữa — "
                f"{'ĐÚNG' if ok else 'SAI'}"
            )
            if not ok:
                raise SystemExit(1)
        finally:
            await chibo_runner.cleanup()
            await echo_runner.cleanup()
            await client.close()
            await echo_client.close()
            await app.close()
            await fake.stop()


def _args(argv: list[str]) -> tuple[int, int]:
    values: list[Any] = [int(a) for a in argv]
    return (values[0] if values else MEMBERS), (values[1] if len(values) > 1 else IN_FLIGHT)


if __name__ == "__main__":
    asyncio.run(main(*_args(sys.argv[1:])))
