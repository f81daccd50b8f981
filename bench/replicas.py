"""Replicas bench: several `chibo run` processes in webhook mode, each on its own port, on
one PostgreSQL database, against the fake Bot API enforcing Telegram's limits (ceiling
scaled up so the run is short).

1. check-ins: members tap «Có mặt» in the branch group, the taps split between the
   replicas' webhooks, some redelivered to another replica, some tapped twice;
2. a meeting reminder falls due while every replica's ticker is looking for due jobs;
3. a /thongbao to every member; the replica holding Telegram's sender lock is killed
   (SIGKILL) mid-broadcast.

Prints the combined rate over the ceiling, the worst one-second window of send attempts
against the ceiling, lost and doubled messages, the takeover time (from the kill to the
next accepted message), and whether the reminder fired once and the check-ins counted once.

The combined rate is the messages delivered (each chat once) ÷ (ceiling × the seconds
during which some replica held Telegram's sender lock): from the first message to the kill,
and from the moment the survivor took the lock to the last message. The seconds between
the kill and the takeover, when no replica may send, are the takeover time, printed on
their own; the raw whole-run figure (every accepted message ÷ ceiling × first-to-last,
takeover gap included) is printed beside it. The senders' CPU per message and the load
average tell whether a shortfall is the code or the machine (2 cores shared).

    .venv/bin/python -m bench.replicas [--members 4000] [--replicas 3] [--rate 300]
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import logging
import os
import signal
import socket
import sys
import tempfile
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Any

from aiohttp import ClientSession, TCPConnector
from sqlalchemy import func, select, text

from bench.broadcast import BLOCKED, FIRST_MEMBER_ID, NOT_LINKED, DaytimeClock, announce, prepare
from bench.checkin_burst import TELEGRAM_HEADER, tap
from bench.databases import postgresql
from bot.app import App, build_app
from config.settings import Settings
from storage.locks import lock_key
from storage.models import Attendance, DueJob, GroupChat
from storage.repos.attendance import NewMeeting
from tests.fakes.postgres import free_port
from tests.fakes.telegram_api import SEND_METHODS, FakeTelegram, Limits

SECRET = "bench-replicas-secret"
GROUP = "-1000000000001"
ON_THE_WIRE = 0.05  # seconds
PROJECT = Path(__file__).resolve().parents[1]
REMINDED_TITLE = "Sinh hoạt chi bộ định kỳ tháng 12"
BROADCAST = "Thông báo: nộp đảng phí quý IV trước ngày 10/12/2026 tại văn phòng chi bộ."


class CountingFake(FakeTelegram):
    """The fake Bot API, noting every send attempt (refused or not) and what it accepted."""

    def __init__(self) -> None:
        super().__init__()
        self.attempts: list[float] = []
        self.accepted: list[tuple[float, str, str]] = []  # (when, chat, text)

    def _flood_wait(self, method: str, params: dict[str, Any]) -> int:
        wait = super()._flood_wait(method, params)
        if method in SEND_METHODS and params.get("chat_id") is not None:
            now = time.monotonic()
            self.attempts.append(now)
            if not wait:
                self.accepted.append((now, str(params["chat_id"]), str(params.get("text", ""))))
        return wait


def settings(db_url: str, fake_base: str, token: str, folder: Path, port: int = 0) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        database_url=db_url,
        data_dir=folder,
        telegram_bot_token=token,
        telegram_api_base=fake_base,
        telegram_bot_username="chibo_bench_bot",
        webhook_base_url=f"http://127.0.0.1:{port}" if port else "",
        webhook_host="127.0.0.1",
        webhook_port=port or 8080,
        webhook_secret=SECRET,
        log_level="WARNING",
    )


# -- a replica (child process): `chibo run` with the bench's clock and scaled ceiling ---------
async def replica_main(
    db_url: str, fake_base: str, token: str, rate: float, port: int, folder: Path, offset: float
) -> None:
    from bot.cli import _run
    from scheduler import limiter

    # the fake's ceiling is Telegram's scaled up: so is the limiter's (as bench.broadcast does)
    limiter.DEFAULTS["telegram"] = limiter.TELEGRAM.scaled(rate / limiter.TELEGRAM.per_second)
    clock = DaytimeClock(timedelta(seconds=offset))
    app = await build_app(settings(db_url, fake_base, token, folder, port), clock)
    try:
        await _run(app)
    finally:
        await app.close()


async def start_replica(
    db_url: str, fake: FakeTelegram, rate: float, port: int, folder: Path, clock: DaytimeClock
) -> asyncio.subprocess.Process:
    log = (folder / f"replica-{port}.log").open("w")
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bench.replicas",
        "--replica",
        db_url,
        fake.base_url,
        fake.token,
        str(rate),
        str(port),
        str(folder),
        str(clock.offset.total_seconds()),
        stdout=log,
        stderr=log,
        cwd=PROJECT,
        env={**os.environ, "PYTHONPATH": str(PROJECT)},
    )


async def listening(port: int, seconds: float = 120.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            await asyncio.sleep(0.2)
    raise SystemExit(f"replica on port {port} did not start")


# -- the parent: data, traffic, figures ---------------------------------------------------------
async def prepare_meetings(app: App) -> int:
    """The branch group, a study session open for check-in now, and a meeting whose
    1-hour reminder falls due in 20 seconds. Returns the study session."""
    from handlers.attendance.reminders import plan_for_meeting

    now = app.clock.now()
    async with app.db.unit_of_work() as uow:
        person = (await uow.people.roster_with_links())[0][0]
        branch_id, committee_id = person.branch_id, person.branch.committee_id
        uow.session.add(
            GroupChat(
                platform="telegram",
                chat_id=GROUP,
                branch_id=branch_id,
                bound_by_person_id=person.id,
                bound_at=now,
            )
        )
        start = now + timedelta(minutes=10)
        session, reminded = await uow.attendance.create_meetings(
            [
                NewMeeting(
                    "hoc_tap",
                    "Học tập Nghị quyết",
                    start,
                    start + timedelta(hours=3),
                    committee_id,
                    [branch_id],
                ),
                NewMeeting(
                    "hoc_tap",
                    REMINDED_TITLE,
                    now + timedelta(minutes=60, seconds=20),
                    now + timedelta(minutes=180),
                    committee_id,
                    [branch_id],
                ),
            ],
            now,
        )
        await uow.attendance.touch_summary(session.id, "telegram", GROUP, branch_id, now)
        await plan_for_meeting(uow, reminded, now)
        await uow.commit()
    return session.id


async def check_ins(app: App, ports: list[int], meeting_id: int, tappers: int) -> tuple[int, int, int]:
    """Each tap to one replica; a tenth redelivered (same update) to another, a twentieth
    tapped again (a new update) on a third. Returns (updates posted, rows, people)."""
    first = [
        tap(70_000_000 + i, FIRST_MEMBER_ID + i, int(GROUP), f"ci:{meeting_id}")
        for i in range(1, tappers + 1)
    ]
    posts = [(ports[i % len(ports)], u) for i, u in enumerate(first)]
    posts += [(ports[(i + 1) % len(ports)], u) for i, u in enumerate(first) if i % 10 == 0]
    posts += [
        (
            ports[(i + 2) % len(ports)],
            tap(80_000_000 + i, FIRST_MEMBER_ID + i + 1, int(GROUP), f"ci:{meeting_id}"),
        )
        for i in range(0, tappers, 20)
    ]
    queue = iter(posts)

    async def client(session: ClientSession) -> None:
        for port, update in queue:
            url = f"http://127.0.0.1:{port}/telegram/webhook"
            async with session.post(url, json=update, headers={TELEGRAM_HEADER: SECRET}) as resp:
                await resp.read()
                assert resp.status == 200, resp.status

    async with ClientSession(connector=TCPConnector(limit=40)) as session:
        await asyncio.gather(*(client(session) for _ in range(40)))
    async with app.db.unit_of_work() as uow:
        rows, people = (
            await uow.session.execute(
                select(func.count(), func.count(func.distinct(Attendance.person_id))).where(
                    Attendance.meeting_id == meeting_id, Attendance.status.in_(("present", "late"))
                )
            )
        ).one()
    return len(posts), int(rows), int(people)


async def wait_for(fake: CountingFake, needle: str, count: int, seconds: float, start: int = 0) -> int:
    """Waits until `count` private messages containing `needle` were accepted (counting only
    what arrived since the last look: the fake shares this process's CPU). Returns how many."""
    deadline = time.monotonic() + seconds
    seen = 0
    while True:
        end = len(fake.accepted)
        seen += sum(
            1 for _, chat, body in fake.accepted[start:end] if needle in body and not chat.startswith("-")
        )
        start = end
        if seen >= count or time.monotonic() >= deadline:
            return seen
        await asyncio.sleep(0.01)


async def sender_pid(app: App) -> int | None:
    """The replica sending for Telegram: its worker's name is host:pid."""
    async with app.db.unit_of_work() as uow:
        claimer = (
            await uow.session.execute(
                text(
                    "SELECT claimed_by FROM outbox WHERE status = 'sending' AND platform = 'telegram' LIMIT 1"
                )
            )
        ).scalar_one_or_none()
    if not claimer or ":" not in claimer:
        return None
    return int(claimer.rsplit(":", 1)[1])


async def lock_holder(app: App, name: str) -> int | None:
    """The PostgreSQL backend holding the advisory lock `name`, if any."""
    key = lock_key(name) & 0xFFFF_FFFF_FFFF_FFFF
    async with app.db.unit_of_work() as uow:
        rows = (
            await uow.session.execute(
                text(
                    "SELECT pid, classid::bigint, objid::bigint FROM pg_locks "
                    "WHERE locktype = 'advisory' AND granted AND objsubid = 1"
                )
            )
        ).all()
    return next((int(pid) for pid, hi, lo in rows if (int(hi) << 32) | int(lo) == key), None)


async def taken_again(app: App, name: str, dead: int | None, seconds: float = 60.0) -> float:
    """The moment (time.monotonic) a backend other than `dead` holds the lock."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if await lock_holder(app, name) not in (None, dead):
            return time.monotonic()
        await asyncio.sleep(0.005)
    raise SystemExit(f"nobody took the {name} lock over")


def cpu_seconds(pid: int) -> float:
    """User + system CPU a process has used so far (Linux)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def worst_window(times: list[float]) -> int:
    """The most events in any one-second window."""
    times = sorted(times)
    return max((bisect.bisect_right(times, t + 1.0 - 1e-9) - i for i, t in enumerate(times)), default=0)


def bulk(times: list[float]) -> tuple[int, float]:
    """(messages, seconds) of one sender's run, from its 1st to its 99th percentile: the
    few retried a second later after a 429 do not stretch its pace."""
    if len(times) < 100:
        return 0, 0.0
    lo, hi = len(times) // 100, len(times) * 99 // 100
    return hi - lo, times[hi] - times[lo]


def per_chat(fake: CountingFake, needle: str, members: int) -> tuple[Counter[str], int, int]:
    reachable = {str(FIRST_MEMBER_ID + i) for i in range(1, members - NOT_LINKED + 1)} - fake.blocked_chats
    got = Counter(chat for _, chat, body in fake.accepted if needle in body and not chat.startswith("-"))
    lost = sum(1 for c in reachable if got[c] == 0)
    doubled = sum(n - 1 for n in got.values() if n > 1)
    return got, lost, doubled


async def run(members: int, replicas: int, rate: float, tappers: int) -> None:
    with postgresql() as db_url:
        if db_url is None:
            return
        folder = Path(tempfile.mkdtemp(prefix="chibo-replicas-"))
        fake = CountingFake()
        await fake.start()
        fake.limits = Limits(per_second=rate, chat_interval=1.0, group_per_minute=20, retry_after=1)
        fake.blocked_chats = {str(FIRST_MEMBER_ID + i) for i in range(1, BLOCKED + 1)}
        clock = DaytimeClock()
        app = await build_app(settings(db_url, fake.base_url, fake.token, folder), clock)
        await prepare(app, members, folder)
        meeting_id = await prepare_meetings(app)
        ports = [free_port() for _ in range(replicas)]
        procs = {port: await start_replica(db_url, fake, rate, port, folder, clock) for port in ports}
        try:
            await asyncio.gather(*(listening(p) for p in ports))
            print(
                f"replicas bench: {replicas} `chibo run` replicas (webhook, ports {', '.join(map(str, ports))}) on one "
                f"PostgreSQL; {members:,} members ({BLOCKED} blocked the bot, {NOT_LINKED} not linked); fake Bot API "
                f"ceiling {rate:g} msg/s overall, 1/s per chat, 20/min per group (Telegram's 30/s scaled)"
            )
            reachable = members - NOT_LINKED - BLOCKED

            # 1. check-ins split between the replicas
            posted, rows, people = await check_ins(app, ports, meeting_id, tappers)
            print(
                f"\n[1] check-ins: {posted:,} webhook posts for {tappers:,} members over {replicas} replicas "
                f"(redeliveries to another replica, second taps): {rows:,} rows for {people:,} people "
                f"→ {'counted once' if rows == people == tappers else 'WRONG'}"
            )

            # 2. the reminder, with every replica's ticker looking for due jobs
            await wait_for(fake, REMINDED_TITLE, reachable, 90)
            await asyncio.sleep(3)  # a second firing would show by now
            _, lost, doubled = per_chat(fake, REMINDED_TITLE, members)
            async with app.db.unit_of_work() as uow:
                jobs = (
                    await uow.session.execute(
                        select(DueJob.status, func.count())
                        .where(DueJob.kind == "meeting_reminder")
                        .group_by(DueJob.status)
                    )
                ).all()
            group_posts = sum(
                1 for _, chat, body in fake.accepted if chat == GROUP and REMINDED_TITLE in body
            )
            print(
                f"\n[2] reminder: due jobs {dict(tuple(j) for j in jobs)}; {reachable - lost:,} of {reachable:,} members reminded, "
                f"{doubled} twice; {group_posts} group post(s)"
                f" → {'fired once' if not lost and not doubled and group_posts == 1 else 'WRONG'}"
            )

            # 3. a broadcast; the replica sending it is killed
            attempts_before = len(fake.attempts)
            accepted_before = len(fake.accepted)
            limited_before = fake.rate_limited
            load_before = os.getloadavg()[0]
            cpu_before = {proc.pid: cpu_seconds(proc.pid) for proc in procs.values()}
            await announce(app, BROADCAST)
            target = int(reachable * 0.4)
            pid = None
            while pid is None:
                pid = await sender_pid(app)
                await asyncio.sleep(0.05)
            sent = await wait_for(fake, BROADCAST, target, 120, accepted_before)
            victim_cpu = cpu_seconds(pid) - cpu_before[pid]
            holding = await lock_holder(app, "outbox:telegram")
            taking = asyncio.create_task(taken_again(app, "outbox:telegram", holding))
            await asyncio.sleep(0)
            os.kill(pid, signal.SIGKILL)
            killed_at = time.monotonic()
            victim = next(port for port, proc in procs.items() if proc.pid == pid)
            await procs.pop(victim).wait()
            taken_at = await taking
            await wait_for(fake, BROADCAST, reachable, 120, accepted_before)
            await asyncio.sleep(3)  # late duplicates show by now
            load_after = os.getloadavg()[0]
            taker_cpu = max(cpu_seconds(p.pid) - cpu_before[p.pid] for p in procs.values())

            _, lost, doubled = per_chat(fake, BROADCAST, members)
            times = sorted(
                t
                for t, chat, body in fake.accepted[accepted_before:]
                if BROADCAST in body and not chat.startswith("-")
            )
            before = [t for t in times if t <= killed_at]
            # the killed replica's last messages on the wire land within milliseconds of the
            # kill: the next sender's first message is the first one later than that
            after = [t for t in times if t > killed_at + ON_THE_WIRE]
            resumed = after[0] if after else killed_at
            span = times[-1] - times[0] if len(times) > 1 else 0.0
            raw = (len(times) - 1) / span if span else 0.0
            held = (killed_at - times[0]) + (times[-1] - taken_at) if times else 0.0
            delivered = reachable - lost
            combined = delivered / held if held > 0 else 0.0
            first, second = bulk(before), bulk(after)
            first_rate = first[0] / first[1] if first[1] else 0.0
            second_rate = second[0] / second[1] if second[1] else 0.0
            window = worst_window(fake.attempts[attempts_before:])
            window_all = worst_window(fake.attempts)
            released = sum(
                int(line.split(" telegram messages left by the previous sender")[0].rsplit(" ", 1)[1])
                for port in procs
                for line in (folder / f"replica-{port}.log").read_text().splitlines()
                if "telegram messages left by the previous sender" in line
            )
            print(
                f"\n[3] broadcast to {members:,} members; the sending replica (port {victim}, pid {pid}) killed "
                f"(SIGKILL) after {sent:,} were accepted; load average {load_before:.1f} → {load_after:.1f} "
                f"on {os.cpu_count()} cores"
            )
            print(
                f"    combined rate {combined:.1f} msg/s = {combined / rate:.3f} of the ceiling (target ≥ 0.9): "
                f"{delivered:,} delivered ÷ {held:.2f} s during which a replica held the sender lock "
                f"({killed_at - times[0]:.2f} s before the kill, {times[-1] - taken_at:.2f} s after the takeover)"
            )
            print(
                f"    raw whole run {raw:.1f} msg/s = {raw / rate:.3f}: {len(times):,} accepted (doubles included) "
                f"over {span:.2f} s from the first to the last, takeover gap included"
            )
            print(
                f"    each sender's bulk (1st–99th percentile of its messages): the first {first_rate:.1f} msg/s "
                f"({first_rate / rate:.3f}), the one that took over {second_rate:.1f} msg/s ({second_rate / rate:.3f}); "
                f"CPU {1000 * victim_cpu / max(len(before), 1):.2f} and "
                f"{1000 * taker_cpu / max(len(times) - len(before), 1):.2f} ms per message"
            )
            print(
                f"    worst one-second window of send attempts: {window} (whole run {window_all}) vs ceiling "
                f"{rate:g} → {'never over' if window_all <= rate else 'OVER'}; 429s during the broadcast "
                f"{fake.rate_limited - limited_before}"
            )
            print(
                f"    lost {lost}, doubled {doubled} (a doubled message was on the wire, or answered and not yet "
                f"recorded, when its replica died); {released} claimed rows of the dead sender put back"
            )
            print(
                f"    takeover: {resumed - killed_at:.2f} s from the kill to the next accepted message "
                f"(lock taken {taken_at - killed_at:.2f} s after the kill)"
            )
        finally:
            for proc in procs.values():
                if proc.returncode is None:
                    proc.terminate()
                    await proc.wait()
            await app.close()
            await fake.stop()


def main() -> None:
    if sys.argv[1:2] == ["--replica"]:
        db_url, fake_base, token, rate, port, folder, offset = sys.argv[2:9]
        logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(message)s")
        asyncio.run(
            replica_main(db_url, fake_base, token, float(rate), int(port), Path(folder), float(offset))
        )
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=4000)
    parser.add_argument("--replicas", type=int, default=3)
    parser.add_argument("--rate", type=float, default=300.0)
    parser.add_argument("--tappers", type=int, default=1000)
    args = parser.parse_args()
    asyncio.run(run(args.members, args.replicas, args.rate, args.tappers))


if __name__ == "__main__":
    main()
