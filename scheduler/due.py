"""Durable due jobs: anything that must happen once at a given time is a row in `due_jobs`
with a `kind` and a JSON payload. A worker claims due rows atomically and runs the handler
registered for the kind; the handler's writes (outbox rows) and the job's outcome commit in
one transaction, so a job is never done twice. A job past its `not_after` (the meeting has
started) is recorded as skipped instead of run.

Features plan jobs with `schedule(uow, …)` and declare their handler for the kind
(`DueJob` in handlers/feature.py); the registry hands them to the `due_jobs` ticker job
through `Runtime.due_handlers`.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from scheduler.ticker import Runtime
from storage.db import Database
from storage.repos.schedule import ClaimedJob, NewJob
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=10)  # a job running longer than this belonged to a worker that died
MAX_ATTEMPTS = 3
BATCH = 50
TICK_SECONDS = 15


@dataclass(frozen=True, slots=True)
class Outcome:
    status: str  # "done" | "skipped"
    note: str = ""

    @classmethod
    def done(cls, note: str = "") -> Outcome:
        return cls("done", note)

    @classmethod
    def skipped(cls, note: str) -> Outcome:
        return cls("skipped", note)


DueHandler = Callable[[UnitOfWork, ClaimedJob, datetime], Awaitable[Outcome]]


async def schedule(
    uow: UnitOfWork,
    kind: str,
    key: str,
    due_at: datetime,
    now: datetime,
    payload: dict[str, Any] | None = None,
    *,
    ref: str = "",
    not_after: datetime | None = None,
) -> bool:
    """Plans one job (a quiz deadline, a pledge check-in, a scheduled announcement). The same
    key planned again moves a pending job; a job already done is never redone."""
    job = NewJob(kind, key, due_at, payload or {}, ref, not_after)
    return await uow.schedule.add([job], now) > 0


async def cancel(uow: UnitOfWork, ref: str, now: datetime) -> int:
    return await uow.schedule.cancel([ref], now)


@dataclass
class RunCounts:
    claimed: int = 0
    done: int = 0
    skipped: int = 0
    failed: int = 0
    retried: int = 0
    lost: int = 0  # finished by another worker after this one's lease ran out

    def add(self, other: RunCounts) -> None:
        for name in ("claimed", "done", "skipped", "failed", "retried", "lost"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def default_worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


async def run_due(
    db: Database,
    now: datetime,
    worker: str,
    handlers: Mapping[str, DueHandler],
    *,
    limit: int = BATCH,
    kinds: Sequence[str] | None = None,
) -> RunCounts:
    """Claims up to `limit` due jobs of the `handlers`' kinds (or of `kinds` among them) and
    runs each in its own transaction."""
    kinds = sorted(handlers) if kinds is None else [k for k in kinds if k in handlers]
    counts = RunCounts()
    async with db.unit_of_work() as uow:
        released = await uow.schedule.release_stale(now, LEASE)
        jobs = await uow.schedule.claim(worker, now, limit, kinds)
        await uow.commit()
    if released:
        log.warning("%d due jobs of a worker that stopped are back to pending", released)
    counts.claimed = len(jobs)
    for job in jobs:
        await _run_one(db, job, handlers[job.kind], now, worker, counts)
    return counts


async def _run_one(
    db: Database, job: ClaimedJob, handler: DueHandler, now: datetime, worker: str, counts: RunCounts
) -> None:
    try:
        async with db.unit_of_work() as uow:
            if job.not_after is not None and now >= job.not_after:
                outcome = Outcome.skipped("late: its time passed while chibo was not running")
            else:
                outcome = await handler(uow, job, now)
            if not await uow.schedule.finish(job.id, worker, outcome.status, now, outcome.note):
                counts.lost += 1
                return  # rolled back: another worker holds the job now
            await uow.commit()
        if outcome.status == "done":
            counts.done += 1
        else:
            counts.skipped += 1
    except Exception as exc:
        log.exception("due job %s (%s) failed", job.id, job.kind)
        async with db.unit_of_work() as uow:
            if job.attempts < MAX_ATTEMPTS:
                await uow.schedule.retry_at(job.id, worker, now + timedelta(minutes=job.attempts), repr(exc))
                counts.retried += 1
            else:
                await uow.schedule.finish(job.id, worker, "failed", now, repr(exc))
                counts.failed += 1
            await uow.commit()


async def due_jobs_tick(runtime: Runtime) -> RunCounts:
    """The ticker job: run everything due now, a batch at a time."""
    total = RunCounts()
    worker = runtime.worker_id if runtime.worker_id != "chibo" else default_worker_id()
    for _ in range(100):  # bounded: what is left waits for the next tick
        counts = await run_due(runtime.db, runtime.clock.now(), worker, runtime.due_handlers)
        total.add(counts)
        if counts.claimed < BATCH:
            break
    if total.claimed:
        log.info(
            "due jobs: %d claimed, %d done, %d skipped, %d failed",
            total.claimed,
            total.done,
            total.skipped,
            total.failed,
        )
    return total
