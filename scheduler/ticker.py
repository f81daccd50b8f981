"""The in-process ticker: APScheduler runs the periodic work of every feature (claiming due
rows, the outbox worker, refreshing group summaries). Its job store is memory on purpose:
the source of truth is rows in the database, so a restart or a second replica loses or
doubles nothing."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from config.clock import Clock
from config.messages import Reply
from scheduler.delivery import Delivery
from storage.db import Database
from storage.models import OutboxBatch
from storage.uow import UnitOfWork

if TYPE_CHECKING:
    from scheduler.due import DueHandler

log = logging.getLogger(__name__)


# (unit of work, batch, counts by status, final?) → the report to its sender
BatchReporter = Callable[[UnitOfWork, OutboxBatch, dict[str, int], bool], Awaitable[Reply]]


@dataclass
class Runtime:
    """What background work needs: the database, the transports, the time."""

    db: Database
    delivery: Delivery
    clock: Clock
    worker_id: str = "chibo"
    # batch kind → the feature's delivery report for its sender
    batch_reports: Mapping[str, BatchReporter] = field(default_factory=dict)
    # due-job kind → the feature's handler
    due_handlers: Mapping[str, DueHandler] = field(default_factory=dict)


Job = Callable[[Runtime], Awaitable[object]]


@dataclass
class Ticker:
    runtime: Runtime
    _scheduler: AsyncIOScheduler | None = None
    _loops: list[asyncio.Task[None]] = field(default_factory=list)
    _every: list[tuple[str, float, Job]] = field(default_factory=list)
    _forever: list[tuple[str, Callable[[Runtime], Awaitable[None]]]] = field(default_factory=list)

    def every(self, name: str, seconds: float, job: Job) -> None:
        """Run `job` every `seconds`, never two at once."""
        self._every.append((name, seconds, job))

    def forever(self, name: str, loop: Callable[[Runtime], Awaitable[None]]) -> None:
        """A long-running loop (e.g. the outbox worker), restarted if it crashes."""
        self._forever.append((name, loop))

    async def _guarded(self, name: str, job: Job) -> None:
        try:
            await job(self.runtime)
        except Exception:
            log.exception("periodic job %s failed", name)

    async def _supervise(self, name: str, loop: Callable[[Runtime], Awaitable[None]]) -> None:
        while True:
            try:
                await loop(self.runtime)
                return
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("background loop %s crashed; restarting in 1 s", name)
                await asyncio.sleep(1)

    def start(self) -> None:
        self._scheduler = AsyncIOScheduler(timezone="Asia/Ho_Chi_Minh")
        for name, seconds, job in self._every:
            self._scheduler.add_job(
                self._guarded,
                IntervalTrigger(seconds=seconds),
                args=(name, job),
                id=name,
                max_instances=1,
                coalesce=True,
                misfire_grace_time=None,
            )
        self._scheduler.start()
        self._loops = [asyncio.create_task(self._supervise(n, loop), name=n) for n, loop in self._forever]

    async def stop(self) -> None:
        if self._scheduler is not None:
            self._scheduler.shutdown(wait=False)
            self._scheduler = None
        for task in self._loops:
            task.cancel()
        for task in self._loops:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._loops = []
