"""`python -m bench.checkin_burst --polling`: a committee-wide online session checked in over
long polling. A fake Bot API server in its own process (as Telegram's servers are) queues
1,168 «Có mặt» taps for getUpdates: 568 at once, then 600 paced at 200 a second. Chibo's real
polling transport (bot/telegram/runner.py, with the ticker `chibo run` starts) and a bare
aiogram bot that only answers each tap take their turn against it, in the same run.

For each tap the server measures the time from the update being available to getUpdates to
its answerCallbackQuery arriving; it prints p50/p99 over the paced taps (a tap's own
latency), the burst's rate (568 taps over the time until the last is answered), both against
the bare bot, and checks that every tap was answered once and counted once."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from aiogram import Dispatcher, Router
from aiogram.types import CallbackQuery
from sqlalchemy import func, select

from bench.checkin_burst import PROJECT, bare_aiogram, prepare, settle_heap, tap
from bot.app import App, build_app
from bot.telegram.runner import build_bot, run_polling
from config.settings import Settings
from handlers.attendance.summary import refresh_summaries
from storage.models import Attendance
from tests.fakes.telegram_api import FakeTelegram

MEMBERS = 1_168
BURST = 568
PACED_RATE = 200.0  # taps a second after the burst
SETTLE = 0.5  # seconds between the bot's first getUpdates and the first tap, and after the burst
ANSWER_WAIT = 120.0  # seconds; a tap not answered by then fails the run


# -- the server side (its own process) ------------------------------------------------------------
class TimedTelegram(FakeTelegram):
    """Notes when each update became available and when its tap was answered."""

    def __init__(self) -> None:
        super().__init__()
        self.available: dict[str, float] = {}
        self.answered: dict[str, float] = {}
        self.answers: Counter[str] = Counter()
        self.polled = asyncio.Event()
        self.all_answered = asyncio.Event()
        self.expected = 0

    def push(self, update: dict[str, Any]) -> None:
        self.available[update["callback_query"]["id"]] = time.perf_counter()
        super().push(update)

    async def _m_getUpdates(self, p: dict[str, Any]) -> Any:
        self.polled.set()
        return await super()._m_getUpdates(p)

    async def _m_answerCallbackQuery(self, p: dict[str, Any]) -> Any:
        query = str(p["callback_query_id"])
        self.answered.setdefault(query, time.perf_counter())
        self.answers[query] += 1
        if len(self.answered) >= self.expected:
            self.all_answered.set()
        return True


async def _feed(fake: TimedTelegram, updates: list[dict[str, Any]]) -> dict[str, Any]:
    burst, paced = updates[:BURST], updates[BURST:]
    await asyncio.wait_for(fake.polled.wait(), ANSWER_WAIT)
    await asyncio.sleep(SETTLE)
    fake.expected = len(burst)
    fake.all_answered.clear()
    for update in burst:
        fake.push(update)
    await asyncio.wait_for(fake.all_answered.wait(), ANSWER_WAIT)
    await asyncio.sleep(SETTLE)
    fake.expected = len(updates)
    fake.all_answered.clear()
    start = time.perf_counter()
    for i, update in enumerate(paced):
        delay = start + i / PACED_RATE - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        fake.push(update)
    await asyncio.wait_for(fake.all_answered.wait(), ANSWER_WAIT)
    ids = [u["callback_query"]["id"] for u in updates]

    def latency(i: str) -> float:
        return fake.answered[i] - fake.available[i]

    burst_ids, paced_ids = ids[: len(burst)], ids[len(burst) :]
    return {
        "burst_wall": max(fake.answered[i] for i in burst_ids) - min(fake.available[i] for i in burst_ids),
        "burst": [latency(i) for i in burst_ids],
        "paced": [latency(i) for i in paced_ids],
        "paced_at": [fake.available[i] for i in paced_ids],  # time.perf_counter: the system's clock
        "paced_wall": max(fake.answered[i] for i in paced_ids) - min(fake.available[i] for i in paced_ids),
        "twice": sum(1 for i in ids if fake.answers[i] > 1),
        "unanswered": sum(1 for i in ids if i not in fake.answered),
    }


def serve_main(path: str) -> None:
    asyncio.run(serve(json.loads(Path(path).read_text())))


async def serve(updates: list[dict[str, Any]]) -> None:
    """Line 1: the server's URL and token; line 2, once every tap is answered: the figures;
    line 3, when stdin closes: what was sent to the groups (the summaries)."""
    fake = TimedTelegram()
    await fake.start()
    print(json.dumps({"base_url": fake.base_url, "token": fake.token}), flush=True)
    try:
        print(json.dumps(await _feed(fake, updates)), flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
        group = [
            {"method": c.method, "chat_id": c.chat_id, "text": c.text, "at": c.at}
            for c in fake.calls
            if c.method in ("sendMessage", "editMessageText") and c.chat_id.startswith("-")
        ]
        print(json.dumps(group), flush=True)
    finally:
        await fake.stop()


# -- the bots' side ----------------------------------------------------------------------------------
class Server:
    """The fake Bot API process for one bot's turn."""

    def __init__(self, child: asyncio.subprocess.Process, base_url: str, token: str) -> None:
        self.child, self.base_url, self.token = child, base_url, token

    @classmethod
    async def start(cls, updates_file: str) -> Server:
        child = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bench.checkin_burst",
            "--polling-server",
            updates_file,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            cwd=PROJECT,
            env={**os.environ, "PYTHONPATH": str(PROJECT)},
        )
        hello = json.loads(await cls._line(child))
        return cls(child, hello["base_url"], hello["token"])

    @staticmethod
    async def _line(child: asyncio.subprocess.Process) -> bytes:
        assert child.stdout is not None
        line = await child.stdout.readline()
        if not line:
            raise SystemExit(f"fake Bot API server ended ({await child.wait()})")
        return line

    async def figures(self) -> dict[str, Any]:
        result: dict[str, Any] = json.loads(await self._line(self.child))
        return result

    async def group_messages(self) -> list[dict[str, Any]]:
        assert self.child.stdin is not None
        self.child.stdin.close()
        sent: list[dict[str, Any]] = json.loads(await self._line(self.child))
        await self.child.wait()
        return sent

    async def stop(self) -> None:
        if self.child.returncode is None:
            self.child.kill()
            await self.child.wait()


async def bare_bot(updates_file: str) -> dict[str, Any]:
    """A bare aiogram bot over long polling that answers every tap, and nothing else."""
    server = await Server.start(updates_file)
    bot = bare_aiogram(server.token, server.base_url)
    router = Router()

    @router.callback_query()
    async def on_tap(query: CallbackQuery) -> None:
        await query.answer(query.data)

    dp = Dispatcher()
    dp.include_router(router)
    polling = asyncio.create_task(dp.start_polling(bot, handle_signals=False))
    try:
        settle_heap(bare=True)
        return await server.figures()
    finally:
        with contextlib.suppress(RuntimeError):
            await dp.stop_polling()
        await asyncio.wait([polling], timeout=5)
        polling.cancel()
        await bot.session.close()
        await server.stop()


async def chibo_bot(work: Path, updates_file: str) -> tuple[App, dict[str, Any], list[dict[str, Any]], int]:
    """Chibo as `chibo run` polls: the Telegram polling transport and the ticker."""
    server = await Server.start(updates_file)
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        database_url=f"sqlite:///{work / 'bench.sqlite3'}",
        data_dir=work,
        telegram_bot_token=server.token,
        telegram_api_base=server.base_url,
        log_level="WARNING",
    )
    app = await build_app(settings)
    bot = build_bot(server.token, server.base_url)
    ticker = app.ticker()
    polling = asyncio.create_task(run_polling(app, bot))
    try:
        settle_heap()
        ticker.start()
        figures = await server.figures()
        polling.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await polling
        await ticker.stop()
        refreshed = await refresh_summaries(app.runtime())
        return app, figures, await server.group_messages(), refreshed
    finally:
        polling.cancel()
        await ticker.stop()
        await bot.session.close()
        await server.stop()


def _ms(values: list[float], n: int) -> float:
    return float(statistics.quantiles(values, n=100)[n - 1]) * 1000


def describe(label: str, figures: dict[str, Any]) -> float:
    paced, burst = figures["paced"], figures["burst"]
    rate = len(burst) / float(figures["burst_wall"])
    print(
        f"{label:34} loạt {len(burst)} nút trong {figures['burst_wall']:5.2f} s: {rate:6.0f}/s "
        f"(p50 {_ms(burst, 50):5.0f} ms); {len(paced)} nút đều {PACED_RATE:.0f}/s: "
        f"p50 {_ms(paced, 50):5.1f} ms, p99 {_ms(paced, 99):6.1f} ms"
    )
    return rate


async def main(members: int = MEMBERS) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        # the roster and the session first, in the database chibo then polls for
        setup = await build_app(
            Settings(
                _env_file=None,  # type: ignore[call-arg]
                database_url=f"sqlite:///{work / 'bench.sqlite3'}",
                data_dir=work,
                log_level="WARNING",
            )
        )
        try:
            t0 = time.perf_counter()
            meeting_id, taps = await prepare(setup, work, members)
        finally:
            await setup.close()
        print(
            f"chuẩn bị: {members:,} đảng viên đã liên kết, 1 buổi học tập ({time.perf_counter() - t0:.1f} s); "
            f"long polling: {min(BURST, members)} nút cùng lúc, rồi {max(0, members - BURST)} nút {PACED_RATE:.0f}/s"
        )
        updates = [tap(10_000_000 + i, user, chat, f"ci:{meeting_id}") for i, (user, chat) in enumerate(taps)]
        updates_file = work / "updates.json"
        updates_file.write_text(json.dumps(updates))

        bare = await bare_bot(str(updates_file))
        bare_rate = describe("aiogram trần (long polling)", bare)
        app, mine, group, refreshed = await chibo_bot(work, str(updates_file))
        try:
            rate = describe("chibo điểm danh (long polling)", mine)
            p99 = _ms(mine["paced"], 99)
            print(
                f"tỷ lệ tốc độ loạt so với bot trần: {rate / bare_rate:.2f} (mục tiêu ≥ 0,8); "
                f"p99 {p99:.1f} ms vs {_ms(bare['paced'], 99):.1f} ms (mục tiêu < 100 ms)"
            )
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
        finally:
            await app.close()
        latest: dict[str, str] = {}
        for message in sorted(group, key=lambda m: m["at"]):
            if message["text"].startswith("Đã điểm danh"):
                latest[message["chat_id"]] = message["text"]
        shown = sum(int(s.split()[3].split("/")[0]) for s in latest.values())
        others = [m for m in group if not m["text"].startswith("Đã điểm danh")]
        ok = (
            tuple(counted[:2]) == (members, members)
            and shown == counted[2]
            and not others
            and mine["twice"] == mine["unanswered"] == 0
        )
        print(
            f"đếm: {counted[0]:,} lượt có mặt, {counted[1]:,} người khác nhau; mỗi nút trả lời "
            f"{'đúng một lần' if not (mine['twice'] or mine['unanswered']) else 'SAI'}; "
            f"{len(latest)} tin tổng hợp nhóm ({len(group)} lần gửi/sửa, lần cuối {refreshed} tin) cộng lại "
            f"{shown:,} (= {counted[2]:,} không miễn sinh hoạt); tin khác vào nhóm: {len(others)} — "
            f"{'ĐÚNG, mỗi người một lần' if ok else 'SAI'}"
        )
        if not ok:
            raise SystemExit(1)
