"""A district's online study session: 11,000 members tap «Có mặt» in their branch groups
within a few minutes, through the real Telegram adapter (aiohttp webhook → aiogram → core →
SQLite) against the fake Bot API; next to a bare aiogram echo bot (webhook → answer) against
the same fake in the same run. Prints throughput, p50/p99 handling latency, and checks that
every check-in is counted exactly once, Telegram's redeliveries and second taps included.

    .venv/bin/python -m bench.checkin_burst [members] [in-flight] [--pg]
    .venv/bin/python -m bench.checkin_burst --polling [members]   (bench/checkin_polling.py)
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from aiogram import Bot, Dispatcher, Router
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import CallbackQuery
from aiogram.webhook.aiohttp_server import SimpleRequestHandler
from aiohttp import ClientSession, TCPConnector, web
from sqlalchemy import func, insert, select

from bench.databases import postgresql
from bot.app import App, build_app, freeze_startup_heap, import_roster
from bot.telegram.runner import WEBHOOK_CONNECTIONS, build_bot, start_webhook
from config.settings import Settings
from handlers.attendance.summary import refresh_summaries
from storage.models import Account, Attendance, GroupChat
from storage.repos.attendance import NewMeeting
from tests.fakes.local_server import serve_locally
from tests.fakes.postgres import free_port
from tests.fakes.rosters import roster_rows, write_csv
from tests.fakes.telegram_api import FakeTelegram

MEMBERS = 11_000
BRANCHES = 145
IN_FLIGHT = WEBHOOK_CONNECTIONS  # webhook requests Telegram keeps open at once
SECRET = "bench-secret"
TELEGRAM_HEADER = "X-Telegram-Bot-Api-Secret-Token"
PROJECT = Path(__file__).resolve().parents[1]
FIRST_USER = 500_000


def group_of(branch_id: int) -> int:
    return -1_000_000_000 - branch_id


def tap(update_id: int, user_id: int, chat_id: int, data: str) -> dict[str, Any]:
    """The update Telegram posts when a member taps a button under a group message."""
    return {
        "update_id": update_id,
        "callback_query": {
            "id": str(update_id),
            "from": {"id": user_id, "is_bot": False, "first_name": f"U{user_id}", "language_code": "vi"},
            "message": {
                "message_id": 7,
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": "supergroup", "title": "Chi bộ"},
                "text": "Điểm danh",
            },
            "chat_instance": str(chat_id),
            "data": data,
        },
    }


async def burst(
    url: str, updates: Sequence[dict[str, Any]], in_flight: int, header: str = TELEGRAM_HEADER
) -> tuple[float, list[float]]:
    """Posts every update as Telegram does (at most `in_flight` at once) from a separate
    process, as Telegram's servers are: a client sharing the bot's event loop would add its
    own work to every latency. Returns the wall time and each request's latency."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(list(updates), f)
    try:
        child = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bench.checkin_burst",
            "--client",
            url,
            f.name,
            str(in_flight),
            header,
            stdout=asyncio.subprocess.PIPE,
            cwd=PROJECT,
            env={**os.environ, "PYTHONPATH": str(PROJECT)},
        )
        out, _ = await child.communicate()
    finally:
        os.unlink(f.name)
    if child.returncode != 0:
        raise SystemExit(f"webhook client failed ({child.returncode})")
    result = json.loads(out)
    return result["wall"], result["latencies"]


async def post_all(
    url: str, updates: Sequence[dict[str, Any]], in_flight: int, header: str
) -> tuple[float, list[float]]:
    latencies: list[float] = []
    queue = iter(updates)
    headers = {header: SECRET}

    async def worker(session: ClientSession) -> None:
        for update in queue:
            t0 = time.perf_counter()
            async with session.post(url, json=update, headers=headers) as resp:
                await resp.read()
                assert resp.status == 200, resp.status
            latencies.append(time.perf_counter() - t0)

    async with ClientSession(connector=TCPConnector(limit=in_flight)) as session:
        start = time.perf_counter()
        await asyncio.gather(*(worker(session) for _ in range(in_flight)))
        return time.perf_counter() - start, latencies


def client_main(url: str, path: str, in_flight: int, header: str) -> None:
    updates = json.loads(Path(path).read_text())
    wall, latencies = asyncio.run(post_all(url, updates, in_flight, header))
    print(json.dumps({"wall": wall, "latencies": latencies}))


def bare_aiogram(token: str, base_url: str) -> Bot:
    """aiogram as it comes, without what chibo's build_bot adds."""
    return Bot(token, session=AiohttpSession(api=TelegramAPIServer.from_base(base_url)))


async def echo_bot(fake: FakeTelegram) -> tuple[web.AppRunner, str, Bot]:
    """A bare aiogram bot: answers every button tap, echoes every message."""
    bot = bare_aiogram(fake.token, fake.base_url)
    router = Router()

    @router.callback_query()
    async def on_tap(query: CallbackQuery) -> None:
        await query.answer(query.data)

    dp = Dispatcher()
    dp.include_router(router)
    web_app = web.Application()
    SimpleRequestHandler(dispatcher=dp, bot=bot, secret_token=SECRET, handle_in_background=False).register(
        web_app, path="/echo"
    )
    runner, base = await serve_locally(web_app)
    return runner, f"{base}/echo", bot


async def prepare(
    app: App, work: Path, members: int, now: datetime | None = None, platform: str = "telegram"
) -> tuple[int, list[tuple[int, int]]]:
    """The roster, every member linked to a Telegram account, one group per branch, and a
    study session for every branch starting in ten minutes. Returns the meeting and
    (user id, group chat id) of every member."""
    branches = max(1, round(members * BRANCHES / MEMBERS))
    await import_roster(app, write_csv(work / "ds.csv", roster_rows(branches, members, "Đảng bộ Quận Mẫu")))
    now = now or datetime.now(UTC)
    async with app.db.unit_of_work() as uow:
        people = [p for p, _ in await uow.people.roster_with_links()]
        s = uow.session
        await s.execute(
            insert(Account),
            [
                {
                    "platform": platform,
                    "user_id": str(FIRST_USER + i),
                    "person_id": p.id,
                    "display_name": p.full_name,
                    "language": "vi",
                    "linked_at": now,
                    "created_at": now,
                }
                for i, p in enumerate(people)
            ],
        )
        branch_ids = sorted({p.branch_id for p in people})
        # Zalo has no groups for bots (yet): its members check in privately
        groups = branch_ids if platform == "telegram" else []
        if groups:
            await s.execute(
                insert(GroupChat),
                [
                    {
                        "platform": "telegram",
                        "chat_id": str(group_of(b)),
                        "branch_id": b,
                        "bound_by_person_id": people[0].id,
                        "bound_at": now,
                    }
                    for b in groups
                ],
            )
        committee_id = people[0].branch.committee_id
        start = now + timedelta(minutes=10)
        (meeting,) = await uow.attendance.create_meetings(
            [
                NewMeeting(
                    "hoc_tap",
                    "Học tập Nghị quyết",
                    start,
                    start + timedelta(hours=3),
                    committee_id,
                    branch_ids,
                )
            ],
            now,
        )
        for b in groups:
            await uow.attendance.touch_summary(meeting.id, "telegram", str(group_of(b)), b, now)
        await uow.commit()
    return meeting.id, [(FIRST_USER + i, group_of(p.branch_id)) for i, p in enumerate(people)]


PYTHON_GC_THRESHOLD = (700, 10, 10)


def settle_heap(*, bare: bool = False) -> None:
    """What `chibo run` does once started, again before each run here: the fake Bot API's
    call log grows with every run and is not garbage either. `bare`: a bare bot keeps
    Python's own collection thresholds (chibo's run before it set its own)."""
    freeze_startup_heap()
    if bare:
        gc.set_threshold(*PYTHON_GC_THRESHOLD)


def describe(label: str, wall: float, latencies: list[float]) -> float:
    q = statistics.quantiles(latencies, n=100)
    rate = len(latencies) / wall
    print(
        f"{label:34} {len(latencies):>6} cập nhật trong {wall:6.2f} s: {rate:7.0f}/s, "
        f"p50 {q[49] * 1000:6.1f} ms, p99 {q[98] * 1000:6.1f} ms"
    )
    return rate


async def main(members: int, in_flight: int, database_url: str | None = None) -> None:
    fake = FakeTelegram()
    await fake.start()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        port = free_port()
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            database_url=database_url or f"sqlite:///{work / 'bench.sqlite3'}",
            data_dir=work,
            telegram_bot_token=fake.token,
            telegram_api_base=fake.base_url,
            webhook_base_url=f"http://127.0.0.1:{port}",
            webhook_host="127.0.0.1",
            webhook_port=port,
            webhook_secret=SECRET,
            log_level="WARNING",
        )
        app = await build_app(settings)
        bot = build_bot(fake.token, fake.base_url)
        runner = await start_webhook(app, bot)
        echo_runner, echo_url, echo = await echo_bot(fake)
        try:
            t0 = time.perf_counter()
            meeting_id, taps = await prepare(app, work, members)
            print(
                f"chuẩn bị: {members:,} đảng viên đã liên kết, 1 buổi học tập cho mọi chi bộ "
                f"({time.perf_counter() - t0:.1f} s); {in_flight} yêu cầu webhook song song"
            )
            updates = [
                tap(10_000_000 + i, user, chat, f"ci:{meeting_id}") for i, (user, chat) in enumerate(taps)
            ]
            url = settings.webhook_base_url + settings.webhook_path_telegram

            settle_heap(bare=True)
            echo_wall, echo_lat = await burst(echo_url, updates, in_flight)
            echo_rate = describe("aiogram echo (trả lời nút bấm)", echo_wall, echo_lat)
            calls_before = len(fake.calls)
            settle_heap()
            wall, lat = await burst(url, updates, in_flight)
            rate = describe(f"chibo điểm danh (webhook → {app.db.dialect})", wall, lat)
            print(
                f"tỷ lệ so với echo: {rate / echo_rate:.2f} (mục tiêu ≥ 0,5); "
                f"p99 {statistics.quantiles(lat, n=100)[98] * 1000:.1f} ms (mục tiêu < 100 ms)"
            )

            group_messages = [c for c in fake.calls[calls_before:] if c.method == "sendMessage"]
            # Telegram redelivers some updates, and some members tap twice
            again = updates[: members // 20] + [
                tap(20_000_000 + i, user, chat, f"ci:{meeting_id}")
                for i, (user, chat) in enumerate(taps[: members // 20])
            ]
            await burst(url, again, in_flight)
            async with app.db.unit_of_work() as uow:
                counted = (
                    await uow.session.execute(
                        select(
                            func.count(),
                            func.count(func.distinct(Attendance.person_id)),
                            func.count().filter(Attendance.exempt.is_(False)),
                        ).where(
                            Attendance.meeting_id == meeting_id, Attendance.status.in_(("present", "late"))
                        )
                    )
                ).one()
            refreshed = await refresh_summaries(app.runtime())
            summaries = [
                c.text for c in fake.calls if c.method == "sendMessage" and c.text.startswith("Đã điểm danh")
            ]
            shown = sum(int(s.split()[3].split("/")[0]) for s in summaries)
            # the group summaries count members who are not exempted from meetings
            ok = tuple(counted[:2]) == (members, members) and shown == counted[2] and not group_messages
            print(
                f"đếm: {counted[0]:,} lượt có mặt, {counted[1]:,} người khác nhau, sau {len(again):,} lần gửi lại/bấm lại; "
                f"{refreshed} tin tổng hợp nhóm cộng lại {shown:,} (= {counted[2]:,} không miễn sinh hoạt); "
                f"tin nhắn nhóm trong lúc điểm danh: "
                f"{len(group_messages)} — {'ĐÚNG, mỗi người một lần' if ok else 'SAI'}"
            )
            if not ok:
                raise SystemExit(1)
        finally:
            await runner.cleanup()
            await echo_runner.cleanup()
            await bot.session.close()
            await echo.session.close()
            await app.close()
            await fake.stop()


async def on_postgres(members: int, in_flight: int) -> None:
    with postgresql() as url:
        if url is not None:
            await main(members, in_flight, url)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--client"]:
        client_main(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5])
        raise SystemExit(0)
    if sys.argv[1:2] in (["--polling"], ["--polling-server"]):
        from bench import checkin_polling

        if sys.argv[1] == "--polling-server":
            checkin_polling.serve_main(sys.argv[2])
        else:
            asyncio.run(checkin_polling.main(int(sys.argv[2]) if sys.argv[2:] else checkin_polling.MEMBERS))
        raise SystemExit(0)
    # python -m bench.checkin_burst [members] [in-flight] [--pg]
    pg = "--pg" in sys.argv
    args = [int(a) for a in sys.argv[1:] if a != "--pg"]
    members, in_flight = (args[0] if args else MEMBERS), (args[1] if len(args) > 1 else IN_FLIGHT)
    asyncio.run(on_postgres(members, in_flight) if pg else main(members, in_flight))
