"""What the sender of a batch (a broadcast, a publication) sees while it goes: one status
message, then the final delivery report, which is the last word.

Neither goes through the outbox. Queued there, a status figure waited behind the batch's
own rows, for the same chat-by-chat pace, and could arrive after the report. The worker
holding the report platform's sender lock sends both straight to the sender's chat through
that platform's limiter, so the overall ceiling and the chat's own spacing hold, but ahead
of the batch: a status takes the next free slot instead of queueing behind the rows already
claimed.

- A platform that can edit (Telegram) gets one status message, edited in place as the count
  grows (never down), at most every `status_every` seconds; the first comes `status_every`
  after the batch began going.
- One that cannot (Zalo, the console) gets at most two: once sending is under way, and at half.
- A status that cannot leave at once (the chat's spacing, a 429 pause) is dropped, not
  kept for later: the next look has fresher figures, and a stale one must never follow the
  report.
- The report goes once nothing of the batch waits any more; then the batch's row in
  `batch_status` is done and nothing more is sent about it. Both are sent by the one look
  that runs at a time, so no status can overtake the report. A crash between the report
  leaving and being recorded sends it again after the restart, as the outbox would.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Collection
from dataclasses import dataclass, field

from config.messages import Reply
from scheduler.delivery import SendResult, Transport
from scheduler.limiter import Limiters, RateLimiter
from scheduler.ticker import Runtime
from storage.repos.outbox import ReportStatus

log = logging.getLogger(__name__)

STATUS_MIN = 100  # batches at least this large get a status message while they go
STATUS_WAIT = 1.0  # seconds a status may wait for the platform's pace before it is dropped
FINAL_ATTEMPTS = 5  # a report that fails this often (not a 429) is given up, with a log


@dataclass(frozen=True, slots=True)
class ReportConfig:
    look_every: float = 0.5  # seconds between two looks at a batch this worker is sending
    # ... at one it is not sending (another platform, another replica, the morning's rows)
    scan_every: float = 3.0
    status_every: float = 2.0  # seconds between two edits of the status message


def status_due(
    status: ReportStatus, done: int, total: int, *, can_edit: bool, since_shown: float, every: float
) -> bool:
    """Whether the sender should see `done` of `total` now; `since_shown`: seconds since the
    last status, or since the batch began going (the sender was just told it began, in a
    reply that went past the limiter)."""
    if total < STATUS_MIN or done <= status.shown or since_shown < every:
        return False
    if can_edit and status.message_id:
        return True
    if status.messages == 0:
        return True
    # text only: one more at half, unless the first already showed half
    return status.messages == 1 and done * 2 >= total and status.shown * 2 < total


@dataclass
class _Final:
    failures: int = 0
    retry_at: float = 0.0


@dataclass
class BatchReports:
    runtime: Runtime
    limiters: Limiters
    config: ReportConfig = field(default_factory=ReportConfig)
    # batches whose rows this worker sends → whether an outcome was recorded since the last look
    _active: dict[int, bool] = field(default_factory=dict)
    _looked: dict[int, float] = field(default_factory=dict)
    _shown_at: dict[int, float] = field(default_factory=dict)
    _finals: dict[int, _Final] = field(default_factory=dict)
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    def touched(self, batch_id: int) -> None:
        """An outcome of one of the batch's rows was just recorded."""
        self._active[batch_id] = True
        self._shown_at.setdefault(batch_id, time.monotonic())

    async def look(self, platforms: Collection[str], *, force: bool = False) -> int:
        """Sends the status or the report of every batch due for a look whose sender is on one
        of `platforms` (those whose sender lock this worker holds). Returns how many finished
        batches still owe their sender the report (a send failed and is tried again later)."""
        async with self._lock:
            # every half second, during a check-in burst too: one short read, inline (not
            # queued behind, and holding up, the burst's batches for two thread hand-overs)
            async with self.runtime.db.unit_of_work(inline=True) as uow:
                reports = {s.batch_id: s for s in await uow.outbox.open_reports(list(platforms))}
            now = time.monotonic()
            due = []
            for batch_id in sorted(set(reports) | set(self._active)):
                every = self.config.look_every if self._active.get(batch_id) else self.config.scan_every
                if force or now - self._looked.get(batch_id, -1e9) >= every:
                    due.append(batch_id)
            owed = 0
            for batch_id in due:
                self._looked[batch_id] = now
                if batch_id in self._active:
                    self._active[batch_id] = False
                try:
                    owed += await self._look_at(batch_id, reports.get(batch_id))
                except Exception:
                    log.exception("delivery report of batch %s failed", batch_id)
            for batch_id in [b for b in self._looked if b not in reports and b not in self._active]:
                del self._looked[batch_id]
            return owed

    async def _look_at(self, batch_id: int, status: ReportStatus | None) -> int:
        async with self.runtime.db.unit_of_work() as uow:
            batch = await uow.outbox.batch(batch_id)
            if batch is None:
                self._forget(batch_id)
                return 0
            counts = await uow.outbox.batch_counts(batch_id)
            total = sum(counts.values())
            waiting = counts.get("pending", 0) + counts.get("sending", 0)
            finished = waiting == 0
            if finished and self._active.pop(batch_id, None) is not None:
                log.info(
                    "%s batch %d finished: %r, %d sent, %d blocked, %d failed, %d skipped",
                    batch.kind,
                    batch_id,
                    batch.title,
                    counts.get("sent", 0),
                    counts.get("blocked", 0),
                    counts.get("failed", 0),
                    counts.get("skipped", 0),
                )
            if status is None:
                if finished:
                    self._forget(batch_id)
                return 0
            transport = self.runtime.delivery.transport(status.platform)
            reporter = self.runtime.batch_reports.get(batch.kind)
            if reporter is None:
                log.warning(
                    "no delivery report for batches of kind %s; batch %d gets none", batch.kind, batch_id
                )
                await uow.outbox.report_done(batch_id, self.runtime.clock.now())
                await uow.commit()
                return 0
            if transport is None:
                return 0
            if finished:
                final = self._finals.setdefault(batch_id, _Final())
                if time.monotonic() < final.retry_at:
                    return 1
                reply = await reporter(uow, batch, counts, True)
            else:
                done = total - waiting
                since = time.monotonic() - self._shown_at.setdefault(batch_id, time.monotonic())
                if not status_due(
                    status,
                    done,
                    total,
                    can_edit=transport.can_edit,
                    since_shown=since,
                    every=self.config.status_every,
                ):
                    return 0
                reply = await reporter(uow, batch, counts, False)
        # sent outside the unit of work: on SQLite it holds the write lock
        if finished:
            return await self._send_final(transport, status, reply)
        await self._send_status(transport, status, reply, total - waiting)
        return 0

    async def _send_status(self, transport: Transport, status: ReportStatus, reply: Reply, done: int) -> None:
        limiter = self.limiters(status.platform)
        if limiter.chat_ready_in(status.chat_id) > 0 or not await _slot(limiter, status.chat_id, STATUS_WAIT):
            return  # dropped: the next look has fresher figures
        edit = transport.can_edit and bool(status.message_id)
        result = await _safely(
            transport.edit(status.chat_id, status.message_id, reply)
            if edit
            else transport.send(status.chat_id, reply)
        )
        if not result.ok:
            self._failed(limiter, status, result, "status")
            if result.blocked:
                await self._done(status.batch_id)
            return
        limiter.sent_ok()
        self._shown_at[status.batch_id] = time.monotonic()
        async with self.runtime.db.unit_of_work() as uow:
            await uow.outbox.status_shown(
                status.batch_id, done, result.message_id or status.message_id, new_message=not edit
            )
            await uow.commit()

    async def _send_final(self, transport: Transport, status: ReportStatus, reply: Reply) -> int:
        limiter = self.limiters(status.platform)
        await _slot(limiter, status.chat_id, None)
        result = await _safely(transport.send(status.chat_id, reply))
        if result.ok:
            limiter.sent_ok()
        else:
            self._failed(limiter, status, result, "report")
            final = self._finals.setdefault(status.batch_id, _Final())
            if result.retry_after is not None:
                final.retry_at = time.monotonic() + result.retry_after
                return 1
            if not result.blocked:
                final.failures += 1
                if final.failures < FINAL_ATTEMPTS:
                    final.retry_at = time.monotonic() + min(2.0**final.failures, 60.0)
                    return 1
            log.error("the delivery report of batch %d could not be sent: %s", status.batch_id, result.error)
        await self._done(status.batch_id)
        return 0

    async def _done(self, batch_id: int) -> None:
        async with self.runtime.db.unit_of_work() as uow:
            await uow.outbox.report_done(batch_id, self.runtime.clock.now())
            await uow.commit()
        self._forget(batch_id)

    def _forget(self, batch_id: int) -> None:
        self._shown_at.pop(batch_id, None)
        self._finals.pop(batch_id, None)

    @staticmethod
    def _failed(limiter: RateLimiter, status: ReportStatus, result: SendResult, what: str) -> None:
        if result.retry_after is not None:
            limiter.rate_limited_by_platform(status.chat_id, result.retry_after)
        log.warning(
            "%s of batch %d to %s/%s: %s",
            what,
            status.batch_id,
            status.platform,
            status.chat_id,
            result.error,
        )


async def _slot(limiter: RateLimiter, chat_id: str, patience: float | None) -> bool:
    """Takes the next slot the limiter gives, ahead of the outbox's queue, once this chat's
    own spacing allows; gives up (False) when that is more than `patience` seconds away."""
    deadline = None if patience is None else time.monotonic() + patience
    while (ready := limiter.chat_ready_in(chat_id)) > 0:
        if deadline is not None and time.monotonic() + ready > deadline:
            return False
        await asyncio.sleep(ready)
    with limiter.go_ahead():
        while (pause := limiter.take(chat_id, ahead=True)) > 0:
            if deadline is not None and time.monotonic() + pause > deadline:
                return False
            await asyncio.sleep(pause)
    return True


async def _safely(call: Awaitable[SendResult]) -> SendResult:
    try:
        return await call
    except Exception as exc:  # a transport is not supposed to raise; a bug there must not stop the look
        log.exception("sending to a batch's sender failed")
        return SendResult(False, error=repr(exc))
