"""Idle memory of `chibo run` next to a bare aiogram bot, both long polling the fake Bot API
on 127.0.0.1, each in its own process; and the time `import bot.app` takes.

    python -m bench.idle_rss [--settle SECONDS]

The target: chibo's idle resident memory at most 1.2 times the bare bot's."""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import subprocess
import sys
import tempfile
import time
from asyncio.subprocess import Process
from pathlib import Path
from typing import Any

from tests.fakes.telegram_api import FakeTelegram

TARGET = 1.2
ROOT = Path(__file__).resolve().parent.parent

# the bare bot imports nothing of chibo's: aiogram alone, answering every message
BARE_BOT = """
import asyncio, sys
from aiogram import Bot, Dispatcher, Router
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import Message

async def main(token: str, base: str) -> None:
    bot = Bot(token, session=AiohttpSession(api=TelegramAPIServer.from_base(base)))
    router = Router()

    @router.message()
    async def echo(message: Message) -> None:
        await message.answer(message.text or "")

    dp = Dispatcher()
    dp.include_router(router)
    await dp.start_polling(bot, handle_signals=False)

asyncio.run(main(sys.argv[1], sys.argv[2]))
"""


def rss_kib(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    match = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
    return int(match.group(1)) if match else 0


class PolledTelegram(FakeTelegram):
    """The fake Bot API, counting getUpdates calls (it records every other call)."""

    polls = 0

    async def _m_getUpdates(self, p: dict[str, Any]) -> Any:
        self.polls += 1
        return await super()._m_getUpdates(p)


async def wait_polling(fake: PolledTelegram, proc: Process, label: str, limit: float) -> None:
    deadline = time.monotonic() + limit
    while fake.polls < 2:  # the second poll: start-up is over
        if proc.returncode is not None:
            raise SystemExit(f"{label} exited with {proc.returncode}")
        if time.monotonic() > deadline:
            raise SystemExit(f"{label} did not start polling within {limit:.0f} s")
        await asyncio.sleep(0.1)


async def idle_rss(settle: float) -> tuple[int, int]:
    bare_api, chibo_api = PolledTelegram(), PolledTelegram()
    await bare_api.start()
    await chibo_api.start()
    procs: list[Process] = []
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": chibo_api.token,
            "TELEGRAM_API_BASE": chibo_api.base_url,
            "DATABASE_URL": f"sqlite:///{tmp}/chibo.sqlite3",
            "DATA_DIR": tmp,
            "WEBHOOK_BASE_URL": "",
            "ZALO_BOT_TOKEN": "",
        }
        try:
            bare = await asyncio.create_subprocess_exec(
                sys.executable, "-c", BARE_BOT, bare_api.token, bare_api.base_url, cwd=tmp
            )
            procs.append(bare)
            chibo = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", "run", cwd=tmp, env={**env, "PYTHONPATH": str(ROOT)}
            )
            procs.append(chibo)
            await wait_polling(bare_api, bare, "the bare bot", 60)
            await wait_polling(chibo_api, chibo, "chibo run", 120)
            await asyncio.sleep(settle)  # a few rounds of the ticker and of polling
            return rss_kib(bare.pid), rss_kib(chibo.pid)
        finally:
            for proc in procs:
                proc.terminate()
            for proc in procs:
                await asyncio.wait_for(proc.wait(), 10)
            await bare_api.stop()
            await chibo_api.stop()


def import_time(runs: int = 3) -> tuple[float, float]:
    """Seconds: the wall time of `import bot.app` and the cumulative figure
    `python -X importtime` gives it (best of `runs` fresh interpreters)."""
    walls: list[float] = []
    cumulative: list[float] = []
    code = "import time; t = time.perf_counter(); import bot.app; print(time.perf_counter() - t)"
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", code],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        walls.append(float(done.stdout.strip()))
        line = next(ln for ln in done.stderr.splitlines() if ln.rstrip().endswith("| bot.app"))
        cumulative.append(int(line.split("|")[1]) / 1e6)
    return min(walls), min(cumulative)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.idle_rss")
    parser.add_argument("--settle", type=float, default=8.0, help="seconds of idling before measuring")
    args = parser.parse_args()
    bare, chibo = asyncio.run(idle_rss(args.settle))
    ratio = chibo / bare
    print(f"bare aiogram bot, idle:  {bare / 1024:.1f} MB resident")
    print(f"chibo run, idle:         {chibo / 1024:.1f} MB resident")
    print(f"ratio:                   {ratio:.2f} (target ≤ {TARGET})")
    wall, cumulative = import_time()
    print(f"import bot.app:          {wall:.2f} s wall, {cumulative:.2f} s by -X importtime (best of 3)")


if __name__ == "__main__":
    main()
