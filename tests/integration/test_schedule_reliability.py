"""Due jobs fire once: across a restart (a new App on the same SQLite file), with two
workers racing on the same database (SQLite and a real PostgreSQL server), after a worker
died holding jobs; failing handlers are retried, then recorded as failed."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

from bot.app import App, build_app
from handlers.attendance.reminders import KIND
from scheduler import due
from scheduler.due import DueHandler, Outcome, RunCounts, run_due, schedule
from storage.repos.schedule import ClaimedJob
from storage.uow import UnitOfWork
from tests.conftest import make_settings
from tests.fakes.clock import FakeClock
from tests.integration.test_schedule import (
    GROUP,
    WORKER,
    branch_of,
    create_meeting,
    job_states,
    outbox,
    setup_branch,
    text_of,
    vn,
)

CALLS: Counter[str] = Counter()


async def _announce(uow: UnitOfWork, job: ClaimedJob, now: datetime) -> Outcome:
    CALLS[job.key] += 1
    return Outcome.done(f"said {job.payload['text']}")


async def _flaky(uow: UnitOfWork, job: ClaimedJob, now: datetime) -> Outcome:
    CALLS[job.key] += 1
    raise RuntimeError("the platform is down")


def _with_test_kinds(app: App) -> dict[str, DueHandler]:
    return {**app.registry.due_jobs, "test_announcement": _announce, "test_flaky": _flaky}


async def test_reminders_missed_while_down_are_sent_once_after_restart_or_skipped_once_started(
    app: App, tmp_path: Path, clock: FakeClock
) -> None:
    ids = await setup_branch(app, tmp_path)
    branch, committee = await branch_of(app, ids["Nguyễn Thị Lan"])
    soon = await create_meeting(app, [branch], committee, vn(10, 14), "Sinh hoạt chi bộ tháng 12")
    gone = await create_meeting(app, [branch], committee, vn(9, 8), "Học tập chuyên đề")
    await app.close()

    # chibo is down from 01/12 until 09/12 20:00: the 3-day and 1-day reminders of the
    # meeting on 10/12 passed, the session on 09/12 08:00 has already started
    clock.set(vn(9, 20))
    restarted = await build_app(make_settings(tmp_path), clock)
    try:
        counts = await run_due(restarted.db, clock.now(), "after-restart", restarted.registry.due_jobs)
        # due: 2 (soon: 3 days and 1 day before) + 3 (gone) = 5; sent: the latest reminder of
        # `soon`; skipped: its superseded 3-day reminder and the 3 of the session that started
        assert (counts.claimed, counts.done, counts.skipped) == (5, 1, 4)
        assert await job_states(restarted, f"meeting:{soon}") == [
            ("4320", "skipped"),
            ("1440", "done"),
            ("60", "pending"),
        ]
        assert await job_states(restarted, f"meeting:{gone}") == [
            ("4320", "skipped"),
            ("1440", "skipped"),
            ("60", "skipped"),
        ]
        sent = await outbox(restarted)
        assert sorted(r.chat_id for r in sent) == sorted([GROUP, "1", "2", "3"])
        assert all("còn 18 giờ" in text_of(r) for r in sent)  # says the real time left
        assert all("Nội dung" in text_of(r) for r in sent)
    finally:
        await restarted.close()

    # a second restart on the same file sends nothing again; the 1-hour reminder still comes
    again = await build_app(make_settings(tmp_path), clock)
    try:
        assert (await run_due(again.db, clock.now(), "second-restart", again.registry.due_jobs)).claimed == 0
        clock.set(vn(10, 13))
        assert (await run_due(again.db, clock.now(), "second-restart", again.registry.due_jobs)).done == 1
        assert len(await outbox(again)) == 8
        async with again.db.unit_of_work() as uow:
            assert await uow.schedule.counts(KIND) == {"done": 2, "skipped": 4}
    finally:
        await again.close()


async def test_two_workers_racing_on_the_same_database_send_each_reminder_once(
    app_any_db: App, tmp_path: Path, clock: FakeClock, database_url: str
) -> None:
    app = app_any_db
    ids = await setup_branch(app, tmp_path)
    branch, committee = await branch_of(app, ids["Nguyễn Thị Lan"])
    async with app.db.unit_of_work() as uow:
        await uow.schedule.save_branch_settings(branch, (60,), 20, None, clock.now())
        await uow.commit()
    meetings = [await create_meeting(app, [branch], committee, vn(10, 14), f"Buổi {i}") for i in range(120)]
    clock.set(vn(10, 13, 30))

    second = await build_app(make_settings(tmp_path, database_url), clock)
    try:

        async def worker(db_app: App, name: str) -> RunCounts:
            total = RunCounts()
            while True:
                counts = await run_due(db_app.db, clock.now(), name, db_app.registry.due_jobs, limit=4)
                total.add(counts)
                if counts.claimed == 0:
                    return total
                # a breath between rounds, as the ticker has: SQLite's lock is not fair, and a
                # worker that comes straight back can take every round from one waiting in
                # SQLite's busy handler
                await asyncio.sleep(0.01)

        a, b = await asyncio.gather(worker(app, "worker-a"), worker(second, "worker-b"))
    finally:
        await second.close()
    assert a.claimed + b.claimed == 120
    assert a.done + b.done == 120 and a.skipped + b.skipped == 0 and a.lost + b.lost == 0
    assert a.claimed > 0 and b.claimed > 0  # both really worked
    async with app.db.unit_of_work() as uow:
        jobs = await uow.schedule.jobs(kind=KIND)
    assert len(jobs) == 120
    assert {(j.status, j.attempts) for j in jobs} == {("done", 1)}
    assert Counter(j.claimed_by for j in jobs) == {"worker-a": a.claimed, "worker-b": b.claimed}
    rows = await outbox(app)
    # each of the 120 reminders: the group, Lan, Mai and Đức (Hoa is exempted, Bình unlinked)
    assert len(rows) == 120 * 4
    assert len({r.dedup_key for r in rows}) == len(rows)
    assert len(meetings) == 120


async def test_any_feature_can_schedule_its_own_kind_of_job(app_any_db: App, clock: FakeClock) -> None:
    app = app_any_db
    now = clock.now()
    async with app.db.unit_of_work() as uow:
        assert await schedule(
            uow, "test_announcement", "announce:1", now + timedelta(hours=2), now, {"text": "Họp chi bộ"}
        )
        # planned again: moved, not doubled
        await schedule(uow, "test_announcement", "announce:1", now + timedelta(hours=3), now, {"text": "Họp"})
        await schedule(uow, "test_announcement", "announce:2", now + timedelta(hours=1), now, {"text": "x"})
        await schedule(
            uow, "test_announcement", "announce:3", now + timedelta(hours=1), now, {"text": "y"}, ref="quiz:7"
        )
        assert await due.cancel(uow, "quiz:7", now) == 1
        await uow.commit()
    clock.advance(hours=2)
    counts = await run_due(app.db, clock.now(), WORKER, _with_test_kinds(app), kinds=["test_announcement"])
    assert (counts.claimed, counts.done) == (1, 1)
    assert CALLS["announce:2"] == 1 and CALLS["announce:1"] == 0 and CALLS["announce:3"] == 0
    clock.advance(hours=1)
    await run_due(app.db, clock.now(), WORKER, _with_test_kinds(app), kinds=["test_announcement"])
    await run_due(app.db, clock.now(), WORKER, _with_test_kinds(app), kinds=["test_announcement"])
    assert CALLS["announce:1"] == 1
    async with app.db.unit_of_work() as uow:
        # done is never redone, even when planned again
        assert not await schedule(
            uow, "test_announcement", "announce:1", clock.now(), clock.now(), {"text": "!"}
        )
        await uow.commit()
    assert (
        await run_due(app.db, clock.now(), WORKER, _with_test_kinds(app), kinds=["test_announcement"])
    ).claimed == 0
    CALLS.clear()


async def test_a_failing_job_is_retried_then_recorded_as_failed(app_any_db: App, clock: FakeClock) -> None:
    app = app_any_db
    async with app.db.unit_of_work() as uow:
        await schedule(uow, "test_flaky", "flaky:1", clock.now(), clock.now(), {})
        await uow.commit()
    results = []
    for _ in range(5):
        counts = await run_due(app.db, clock.now(), WORKER, _with_test_kinds(app), kinds=["test_flaky"])
        results.append((counts.claimed, counts.retried, counts.failed))
        clock.advance(minutes=5)
    assert results == [(1, 1, 0), (1, 1, 0), (1, 0, 1), (0, 0, 0), (0, 0, 0)]
    async with app.db.unit_of_work() as uow:
        [job] = await uow.schedule.jobs(kind="test_flaky")
    assert (job.status, job.attempts) == ("failed", 3)
    assert "the platform is down" in job.result
    assert CALLS["flaky:1"] == 3
    CALLS.clear()


async def test_jobs_of_a_worker_that_died_go_back_to_pending_after_the_lease(
    app_any_db: App, clock: FakeClock
) -> None:
    app = app_any_db
    async with app.db.unit_of_work() as uow:
        await schedule(uow, "test_announcement", "announce:dead", clock.now(), clock.now(), {"text": "x"})
        await uow.commit()
    async with app.db.unit_of_work() as uow:
        [claimed] = await uow.schedule.claim("dead-worker", clock.now(), 10, ["test_announcement"])
        await uow.commit()
    assert (
        await run_due(app.db, clock.now(), WORKER, _with_test_kinds(app), kinds=["test_announcement"])
    ).claimed == 0
    clock.advance(minutes=11)
    counts = await run_due(app.db, clock.now(), WORKER, _with_test_kinds(app), kinds=["test_announcement"])
    assert (counts.claimed, counts.done) == (1, 1)
    async with app.db.unit_of_work() as uow:
        # the dead worker coming back cannot record a second outcome
        assert not await uow.schedule.finish(claimed.id, "dead-worker", "done", clock.now())
    assert CALLS["announce:dead"] == 1
    CALLS.clear()
