"""Broadcast bench: a secretary's /thongbao to a branch of N members, delivered by the
outbox worker through the real aiogram transport to the fake Bot API enforcing Telegram's
flood limits (ceiling scaled up so the run is short).

Measures delivered messages a second over the allowed rate, 429s received (edits count
towards the sender's chat limit), lost and duplicated messages, and when the secretary saw
each status figure and the delivery report; then the same after killing the worker process
(SIGKILL, a separate OS process on the same SQLite database) at a random moment and
starting a new one.

    .venv/bin/python -m bench.broadcast [--members 796] [--rate 300] [--seed 7]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bot.app import App, build_app, import_roster
from config.clock import local
from config.messages import ChatRef, Incoming, Sender
from config.settings import Settings
from scheduler.limiter import TELEGRAM, Limiters
from scheduler.outbox_worker import OutboxWorker
from tests.fakes.telegram_api import FakeTelegram, Limits

SECRETARY_ID = 500_000
FIRST_MEMBER_ID = 600_000
BLOCKED = 3  # members who blocked the bot
NOT_LINKED = 5  # members on the roster with no chat account


class DaytimeClock:
    """Real time, moved by a fixed offset so the bench runs in Vietnam's office hours
    whatever the hour (at night, private messages would wait for 06:30). The worker
    process gets the same offset."""

    def __init__(self, offset: timedelta | None = None) -> None:
        if offset is None:
            now = datetime.now(UTC)
            ten = local(now).replace(hour=10, minute=0, second=0, microsecond=0)
            offset = ten - now
        self.offset = offset

    def now(self) -> datetime:
        return datetime.now(UTC) + self.offset


class TimedFake(FakeTelegram):
    """The fake Bot API, noting when each message was accepted, and what the secretary saw
    when (new messages and edits)."""

    def __init__(self) -> None:
        super().__init__()
        self.accepted: list[tuple[float, str]] = []
        self.to_sender: list[tuple[float, str, str]] = []  # (when, method, text)

    async def _m_sendMessage(self, p: dict[str, Any]) -> Any:
        self.accepted.append((time.monotonic(), str(p["chat_id"])))
        if str(p["chat_id"]) == str(SECRETARY_ID):
            self.to_sender.append((time.monotonic(), "sendMessage", str(p["text"])))
        return await super()._m_sendMessage(p)

    async def _m_editMessageText(self, p: dict[str, Any]) -> Any:
        if str(p["chat_id"]) == str(SECRETARY_ID):
            self.to_sender.append((time.monotonic(), "editMessageText", str(p["text"])))
        return await super()._m_editMessageText(p)


def settings(db_url: str, api_base: str, token: str, data_dir: Path) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        database_url=db_url,
        data_dir=data_dir,
        telegram_bot_token=token,
        telegram_api_base=api_base,
        telegram_bot_username="chibo_bench_bot",
    )


async def prepare(app: App, members: int, folder: Path) -> None:
    roster = folder / "roster.csv"
    lines = [
        "Họ và tên,Chi bộ,Đảng bộ,Chức vụ,Loại",
        "Nguyễn Thị Lan,Chi bộ Khu phố 1,Đảng bộ Phường Mẫu,Bí thư,Chính thức",
    ]
    lines += [
        f"Đảng viên {i:04d},Chi bộ Khu phố 1,Đảng bộ Phường Mẫu,,Chính thức" for i in range(1, members + 1)
    ]
    roster.write_text("\n".join(lines), encoding="utf-8")
    await import_roster(app, roster)
    async with app.db.unit_of_work() as uow:
        now = app.clock.now()
        for person, _ in await uow.people.roster_with_links():
            if person.full_name == "Nguyễn Thị Lan":
                user_id = SECRETARY_ID
            else:
                index = int(person.full_name.rsplit(" ", 1)[1])
                if index > members - NOT_LINKED:
                    continue
                user_id = FIRST_MEMBER_ID + index
            account = await uow.accounts.get_or_create("telegram", str(user_id), person.full_name, now)
            await uow.accounts.link(account, person, now)
        await uow.commit()


async def announce(app: App, text: str) -> None:
    """The secretary's /thongbao and the press of «Gửi», through the core."""
    chat = ChatRef("telegram", str(SECRETARY_ID))
    sender = Sender(str(SECRETARY_ID), "Lan", "vi")
    await app.core.handle(Incoming(chat, sender, text=f"/thongbao {text}"))
    async with app.db.unit_of_work() as uow:
        offered = await uow.waits.offered("telegram", str(SECRETARY_ID), str(SECRETARY_ID), app.clock.now())
    assert offered is not None, "no preview offered"
    await app.core.handle(Incoming(chat, sender, callback_data=offered.choices[0]))


async def start_worker(
    db_url: str, api_base: str, token: str, rate: float, folder: Path, clock: DaytimeClock
) -> asyncio.subprocess.Process:
    args = [
        sys.executable,
        "-m",
        "bench.broadcast",
        "--worker",
        db_url,
        api_base,
        token,
        str(rate),
        str(folder),
        str(clock.offset.total_seconds()),
    ]
    return await asyncio.create_subprocess_exec(*args, stdout=asyncio.subprocess.PIPE)


async def worker_main(
    db_url: str, api_base: str, token: str, rate: float, folder: Path, clock: DaytimeClock
) -> None:
    """In the child process: the outbox worker, as `chibo run` has it, until nothing is due."""
    from bot.telegram.runner import build_bot
    from bot.telegram.transport import TelegramTransport

    app = await build_app(settings(db_url, api_base, token, folder), clock)
    bot = build_bot(token, api_base)
    app.delivery.register(TelegramTransport(bot))
    limits = TELEGRAM.scaled(rate / TELEGRAM.per_second)
    worker = OutboxWorker(app.runtime(), Limiters({"telegram": limits}))
    stats = await worker.run_until_idle()
    print(json.dumps(stats.__dict__), flush=True)
    await bot.session.close()
    await app.close()


def figures(fake: TimedFake, members: int, rate: float) -> dict[str, Any]:
    member_ids = {str(FIRST_MEMBER_ID + i) for i in range(1, members + 1)}
    reachable = {str(FIRST_MEMBER_ID + i) for i in range(1, members - NOT_LINKED + 1)} - fake.blocked_chats
    got = Counter(chat for _, chat in fake.accepted if chat in member_ids)
    times = sorted(t for t, chat in fake.accepted if chat in member_ids)
    span = times[-1] - times[0] if len(times) > 1 else 0.0
    delivered_rate = (len(times) - 1) / span if span else 0.0
    return {
        "delivered": sum(got.values()),
        "msgs_per_s": delivered_rate,
        "ratio": delivered_rate / rate,
        "429s": fake.rate_limited,
        "lost": len([c for c in reachable if got[c] == 0]),
        "duplicated": sum(n - 1 for n in got.values() if n > 1),
        "span_s": span,
    }


def sender_saw(fake: TimedFake, pressed: float) -> list[str]:
    """When the secretary saw each progress figure and the final report, in seconds after
    «Gửi», in the order the Bot API accepted them."""
    lines = []
    for at, method, text in fake.to_sender:
        if "Đang gửi «" in text:
            figure = text.rsplit(": ", 1)[-1]
        elif "Báo cáo gửi" in text:
            figure = "final report"
        else:
            continue
        how = "edit" if method == "editMessageText" else "new message"
        lines.append(f"{at - pressed:6.2f} s  {how:<11}  {figure}")
    return lines


def _print_sender(fake: TimedFake, pressed: float) -> None:
    member_times = [t - pressed for t, chat in fake.accepted if chat != str(SECRETARY_ID)] or [0.0]
    print(
        "\n    what the secretary saw, in seconds after «Gửi» (members got the message from"
        f" {min(member_times):.2f} s to {max(member_times):.2f} s):"
    )
    for line in sender_saw(fake, pressed) or ["(nothing)"]:
        print("    " + line)


def report_text(fake: FakeTelegram) -> str:
    reports = [c.text for c in fake.sent("sendMessage", SECRETARY_ID) if "Báo cáo gửi" in c.text]
    return reports[-1] if reports else "(no report)"


async def run(members: int, rate: float, seed: int) -> None:
    rng = random.Random(seed)
    folder = Path(tempfile.mkdtemp(prefix="chibo-bench-"))
    db_url = f"sqlite:///{folder / 'bench.sqlite3'}"
    fake = TimedFake()
    await fake.start()
    fake.limits = Limits(
        per_second=rate, chat_interval=1.0, group_per_minute=20, retry_after=1, edits_count=True
    )
    fake.blocked_chats = {str(FIRST_MEMBER_ID + i) for i in range(1, BLOCKED + 1)}
    clock = DaytimeClock()
    app = await build_app(settings(db_url, fake.base_url, fake.token, folder), clock)
    await prepare(app, members, folder)
    print(f"broadcast bench: {members} members ({BLOCKED} blocked the bot, {NOT_LINKED} not linked),")
    print(
        f"fake Bot API limits: {rate:g} msg/s overall, 1/s per chat, 20/min per group (Telegram's 30/s scaled)"
    )

    # 1. a clean run
    pressed = time.monotonic()
    await announce(app, "Họp chi bộ định kỳ tháng 12 lúc 14:00 ngày 05/12/2026 tại hội trường khu phố.")
    proc = await start_worker(db_url, fake.base_url, fake.token, rate, folder, clock)
    out, _ = await proc.communicate()
    clean = figures(fake, members, rate)
    print("\n[1] uninterrupted worker process")
    _print(clean, rate)
    print("    worker:", out.decode().strip())
    _print_sender(fake, pressed)
    print(
        "\n    the secretary's delivery report:\n"
        + "\n".join("    | " + line for line in report_text(fake).splitlines())
    )

    # 2. the worker process killed (SIGKILL) mid-broadcast, then a new one on the same database
    fake.accepted.clear()
    fake.to_sender.clear()
    fake.rate_limited = 0
    pressed = time.monotonic()
    await announce(app, "Thông báo thứ hai: nộp đảng phí quý IV trước ngày 10/12/2026.")
    target = int(members * rng.uniform(0.2, 0.8))  # kill once this many have gone out
    proc = await start_worker(db_url, fake.base_url, fake.token, rate, folder, clock)
    for _ in range(60_000):
        if len(fake.accepted) >= target:
            break
        await asyncio.sleep(0.001)
    os.kill(proc.pid, signal.SIGKILL)
    before_kill = len(fake.accepted)
    await proc.wait()
    print(
        f"\n[2] worker process killed (SIGKILL) at a random moment: after {before_kill} of {members} messages"
        " were accepted; a new worker process started on the same database"
    )
    proc = await start_worker(db_url, fake.base_url, fake.token, rate, folder, clock)
    out, _ = await proc.communicate()
    crash = figures(fake, members, rate)
    crash.pop("msgs_per_s")
    crash.pop("ratio")
    crash.pop("span_s")
    print(
        f"    delivered {crash['delivered']}, 429s {crash['429s']}, lost {crash['lost']}, duplicated {crash['duplicated']}"
        " (a duplicate is a message on the wire or answered but not yet recorded when the process died)"
    )
    print("    restarted worker:", out.decode().strip())
    async with app.db.unit_of_work() as uow:
        counts = await uow.outbox.batch_counts(2)
    print("    outbox rows of the batch:", dict(sorted(counts.items())))
    _print_sender(fake, pressed)
    print(
        "\n    the secretary's delivery report:\n"
        + "\n".join("    | " + line for line in report_text(fake).splitlines())
    )
    await app.close()
    await fake.stop()


def _print(f: dict[str, Any], rate: float) -> None:
    print(
        f"    delivered {f['delivered']} in {f['span_s']:.2f} s = {f['msgs_per_s']:.1f} msg/s;"
        f" allowed {rate:g} msg/s → ratio {f['ratio']:.3f} (target ≥ 0.95)"
    )
    print(f"    429s received {f['429s']}, lost {f['lost']}, duplicated {f['duplicated']}")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        db_url, api_base, token, rate, folder, offset = sys.argv[2:8]
        clock = DaytimeClock(timedelta(seconds=float(offset)))
        asyncio.run(worker_main(db_url, api_base, token, float(rate), Path(folder), clock))
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=796)
    parser.add_argument("--rate", type=float, default=300.0)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    asyncio.run(run(args.members, args.rate, args.seed))


if __name__ == "__main__":
    main()
