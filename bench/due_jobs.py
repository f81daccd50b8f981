"""Meeting reminders for a committee of 200 branches and 4,000 linked members, two meetings
per branch, three reminder waves (3 days, 1 day, 1 hour before), run by two workers racing
on the same database: how fast due jobs are claimed and turned into outbox rows, and proof
that none ran twice. SQLite, and PostgreSQL when installed.

    .venv/bin/python -m bench.due_jobs
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from bench.databases import on_each_database
from bot.app import App, build_app, import_roster
from config.settings import Settings
from handlers.attendance.reminders import KIND, plan_for_meetings
from scheduler.due import RunCounts, run_due
from storage.models import Account, DueJob, OutboxMessage
from storage.repos.attendance import NewMeeting
from tests.fakes.clock import FakeClock
from tests.fakes.rosters import roster_rows, write_csv

BRANCHES, PEOPLE, MEETINGS_PER_BRANCH = 200, 4_000, 2
START = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)


async def seed(app: App, work: Path) -> None:
    await import_roster(app, write_csv(work / "ds.csv", roster_rows(BRANCHES, PEOPLE, "Đảng bộ Bench")))
    now = START
    async with app.db.unit_of_work() as uow:
        people = [p for p, _ in await uow.people.roster_with_links()]
        uow.session.add_all(
            Account(
                platform="telegram",
                user_id=str(10_000 + p.id),
                person_id=p.id,
                display_name=p.full_name,
                language="",
                linked_at=now,
                created_at=now,
            )
            for p in people
        )
        branches = sorted({(p.branch_id, p.branch.committee_id) for p in people})
        for branch_id, _ in branches:
            await uow.chats.bind_group("telegram", f"-{branch_id}", branch_id, people[0].id, now)
        new = [
            NewMeeting(
                "sinh_hoat",
                f"Sinh hoạt {i}",
                START + timedelta(days=10, minutes=30 * i),
                START + timedelta(days=10, minutes=30 * i + 120),
                committee,
                [branch],
                "Hội trường",
            )
            for branch, committee in branches
            for i in range(MEETINGS_PER_BRANCH)
        ]
        meetings = await uow.attendance.create_meetings(new, now)
        await plan_for_meetings(uow, meetings, now)
        await uow.commit()


async def wave(apps: list[App], now: datetime) -> tuple[RunCounts, float, str]:
    async def worker(app: App, name: str) -> RunCounts:
        total = RunCounts()
        while True:
            counts = await run_due(app.db, now, name, app.registry.due_jobs)
            total.add(counts)
            if counts.claimed == 0:
                return total

    t0 = time.perf_counter()
    results = await asyncio.gather(*(worker(a, f"w{i}") for i, a in enumerate(apps)))
    elapsed = time.perf_counter() - t0
    total = RunCounts()
    for r in results:
        total.add(r)
    return total, elapsed, "/".join(str(r.claimed) for r in results)


async def measure(database_url: str, work: Path, label: str) -> None:
    clock = FakeClock(START)
    settings = Settings(_env_file=None, database_url=database_url, data_dir=work)  # type: ignore[call-arg]
    first = await build_app(settings, clock)
    second = await build_app(settings, clock)
    try:
        t0 = time.perf_counter()
        await seed(first, work)
        print(
            f"{label:10} chuẩn bị: {BRANCHES} chi bộ, {PEOPLE} người, "
            f"{BRANCHES * MEETINGS_PER_BRANCH} buổi họp ({time.perf_counter() - t0:.1f} s)"
        )
        for name, before in (
            ("3 ngày", timedelta(days=3)),
            ("1 ngày", timedelta(days=1)),
            ("1 giờ", timedelta(hours=1)),
        ):
            now = START + timedelta(days=10, minutes=30 * (MEETINGS_PER_BRANCH - 1)) - before
            async with first.db.unit_of_work() as uow:
                rows_before = (
                    await uow.session.execute(select(func.count()).select_from(OutboxMessage))
                ).scalar_one()
            counts, elapsed, split = await wave([first, second], now)
            async with first.db.unit_of_work() as uow:
                rows_after = (
                    await uow.session.execute(select(func.count()).select_from(OutboxMessage))
                ).scalar_one()
            rows = rows_after - rows_before
            print(
                f"{label:10} đợt {name:7}: {counts.claimed:>4} việc đến hạn, {counts.done:>4} đã gửi, "
                f"{counts.skipped:>3} bỏ qua (2 worker: {split}), {rows:>6} tin vào outbox trong {elapsed:5.2f} s "
                f"= {counts.claimed / elapsed:6.0f} việc/s, {rows / elapsed:7.0f} tin/s"
            )
        async with first.db.unit_of_work() as uow:
            twice = (
                await uow.session.execute(
                    select(func.count()).select_from(DueJob).where(DueJob.kind == KIND, DueJob.attempts != 1)
                )
            ).scalar_one()
            dup = (
                await uow.session.execute(
                    select(func.count() - func.count(func.distinct(OutboxMessage.dedup_key))).select_from(
                        OutboxMessage
                    )
                )
            ).scalar_one()
        print(f"{label:10} việc chạy hơn một lần: {twice}; tin trùng: {dup}")
    finally:
        await first.close()
        await second.close()


async def main() -> None:
    await on_each_database(measure)


if __name__ == "__main__":
    asyncio.run(main())
