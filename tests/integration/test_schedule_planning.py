"""The monthly planning nudge to secretaries, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from bot.app import App
from handlers.attendance.planning import KIND, plan_month, planning_tick
from scheduler.due import run_due
from tests.fakes.clock import FakeClock
from tests.integration.test_schedule import (
    WORKER,
    branch_of,
    create_meeting,
    outbox,
    setup_branch,
    text_of,
    vn,
)


async def test_secretaries_are_reminded_to_set_next_months_meeting_unless_it_is_set(
    app_any_db: App, tmp_path: Path, clock: FakeClock
) -> None:
    app = app_any_db
    ids = await setup_branch(app, tmp_path)
    kp1, committee = await branch_of(app, ids["Nguyễn Thị Lan"])
    kp2, _ = await branch_of(app, ids["Đặng Quốc Tuấn"])
    async with app.db.unit_of_work() as uow:
        await uow.schedule.save_branch_settings(kp2, (4320, 1440, 60), 18, None, clock.now())
        await uow.commit()

    assert await planning_tick(app.runtime()) == 2
    async with app.db.unit_of_work() as uow:
        assert await plan_month(uow, clock.now()) == 0  # planned once a month, not once a tick
        await uow.commit()
        jobs = {j.key: j.due_at for j in await uow.schedule.jobs(kind=KIND)}
    assert jobs == {f"planning:{kp1}:2026-12": vn(20, 8), f"planning:{kp2}:2026-12": vn(18, 8)}

    await create_meeting(app, [kp1], committee, vn(8, 14, month=1, year=2027), "Sinh hoạt chi bộ tháng 1")
    before = len(await outbox(app))
    clock.set(vn(18, 8))
    counts = await run_due(app.db, clock.now(), WORKER, app.registry.due_jobs, kinds=[KIND])
    assert (counts.claimed, counts.done) == (1, 1)
    [nudge] = [r for r in await outbox(app)][before:]
    assert nudge.chat_id == "7" and not nudge.is_group  # Tuấn, secretary of Khu phố 2
    assert "chưa có lịch sinh hoạt tháng 01/2027" in text_of(nudge)
    assert "/hop 05/01/2027 14:00" in text_of(nudge)

    clock.set(vn(20, 8))
    counts = await run_due(app.db, clock.now(), WORKER, app.registry.due_jobs, kinds=[KIND])
    assert (counts.claimed, counts.done, counts.skipped) == (1, 0, 1)  # Khu phố 1 has set January's
    assert len(await outbox(app)) == before + 1

    # January: a new month, new nudges
    clock.set(vn(2, 8, month=1, year=2027))
    assert await planning_tick(app.runtime()) == 2


async def test_the_ticker_runs_due_jobs_and_the_planning_job(app_any_db: App) -> None:
    ticker = app_any_db.ticker()
    names = [name for name, _, _ in ticker._every]
    assert "due_jobs" in names and "monthly_planning" in names
