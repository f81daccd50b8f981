"""The monthly planning nudge: around the 20th (each branch may pick its day), the branch's
secretaries are reminded privately to set next month's meeting date and topic, unless it is
already set. One due job per branch and month; APScheduler's CronTrigger says when."""

from __future__ import annotations

from datetime import datetime, timedelta

from apscheduler.triggers.cron import CronTrigger

from config.clock import VN_TZ, local
from config.i18n import t
from config.messages import Reply
from scheduler.due import Outcome
from scheduler.outbox import outbox_item
from scheduler.quiet_hours import deliverable_at
from scheduler.ticker import Runtime
from storage.repos.schedule import ClaimedJob, NewJob
from storage.uow import UnitOfWork

KIND = "monthly_planning"
DEFAULT_DAY = 20
HOUR = 8  # in the morning, Vietnam time
MEETING_KIND = "sinh_hoat"
TICK_SECONDS = 600


def month_start(when: datetime) -> datetime:
    wall = local(when)
    return wall.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def next_month_start(start: datetime) -> datetime:
    return (start + timedelta(days=32)).replace(day=1)


def planning_time(start: datetime, day: int) -> datetime:
    """The planning nudge of the month beginning at `start`, on `day` at 08:00."""
    fire: datetime = CronTrigger(day=day, hour=HOUR, minute=0, timezone=VN_TZ).get_next_fire_time(None, start)
    return fire


async def plan_month(uow: UnitOfWork, now: datetime) -> int:
    """This month's nudge for every branch (one statement whatever the number of branches);
    a nudge planned before is moved if the branch changed its day, never redone."""
    start = month_start(now)
    month = start.strftime("%Y-%m")
    end = next_month_start(start)
    times: dict[int, datetime] = {}
    jobs = []
    for branch_id, day in await uow.schedule.planning_days():
        day = day or DEFAULT_DAY
        if day not in times:
            times[day] = planning_time(start, day)
        jobs.append(
            NewJob(
                KIND,
                f"planning:{branch_id}:{month}",
                times[day],
                {"branch_id": branch_id, "month": local(end).strftime("%Y-%m")},
                ref=f"branch:{branch_id}",
                not_after=end,
            )
        )
    return await uow.schedule.add(jobs, now)


async def planning_tick(runtime: Runtime) -> int:
    async with runtime.db.unit_of_work() as uow:
        planned = await plan_month(uow, runtime.clock.now())
        await uow.commit()
    return planned


async def send_planning_reminder(uow: UnitOfWork, job: ClaimedJob, now: datetime) -> Outcome:
    branch_id = int(job.payload["branch_id"])
    year, month = (int(x) for x in str(job.payload["month"]).split("-"))
    start = datetime(year, month, 1, tzinfo=VN_TZ)
    end = next_month_start(start)
    if branch_id in await uow.attendance.branches_with_meeting_between([branch_id], start, end, MEETING_KIND):
        return Outcome.skipped("next month's meeting is already set")
    secretaries = (await uow.schedule.secretaries([branch_id])).get(branch_id, [])
    if not secretaries:
        return Outcome.skipped("no linked secretary")
    items = []
    month_text = f"{month:02d}/{year}"
    example_day = f"05/{month:02d}/{year}"
    for s in secretaries:
        lang = s.language or "vi"
        text = t(lang, "schedule.planning.text", name=s.full_name, month=month_text, day=example_day)
        at = deliverable_at(now)
        items.append(
            outbox_item(
                s.platform,
                s.user_id,
                Reply(text, lang=lang),
                at,
                person_id=s.person_id,
                dedup_key=f"planning:{branch_id}:{job.payload['month']}:{s.person_id}",
            )
        )
    added = await uow.outbox.enqueue(items)
    return Outcome.done(f"{len(items)} secretaries, {added} new")
