"""The delivery engine: claims due outbox rows, sends them through each platform's
transport at the pace its limiter allows, and records what happened.

- Sends are pipelined: about `claim_ahead` seconds of messages are claimed ahead, so the
  claim query never stalls the platform's pace; they leave one at a time through the
  platform's limiter.
- Every outcome is written within moments of the platform's answer (one transaction for
  whatever has come back since the last write). A crash can therefore only repeat the
  messages that were on the wire or answered in those moments; nothing recorded as sent
  is sent again, and nothing claimed is lost: a restart releases this worker's unfinished
  claims, and claims older than the lease are released for any dead worker.
- 429 → the platform's `retry_after` (or a back-off) is honoured for everyone on that
  platform and the message goes back to pending; a blocked bot is recorded, not retried;
  other errors are retried with growing delays up to `max_attempts`.
- A batch's sender gets one status message while it goes and then the final delivery
  report, sent outside the outbox, ahead of the batch (scheduler/progress.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Any

from config.messages import Reply, reply_from_json
from scheduler.delivery import SendResult, Transport
from scheduler.due import default_worker_id
from scheduler.limiter import Limiters, RateLimiter
from scheduler.outbox import CHOICES_KEPT, offer_of
from scheduler.polls import poll_sent, record_polls
from scheduler.progress import BatchReports, ReportConfig
from scheduler.ticker import Runtime
from storage.locks import SenderLock
from storage.repos.outbox import Claimed, Outcome
from storage.repos.polls import PollSent
from storage.repos.waits import Offer

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class WorkerConfig:
    claim_ahead: float = 1.0  # seconds of sending claimed at once
    max_claim: int = 500
    idle_seconds: float = 1.0
    lease: timedelta = timedelta(minutes=5)
    max_attempts: int = 5
    # a worker whose sender-lock connection died waits this long before asking again
    lock_rest: float = 5.0
    # how often the sender lock is asked for (or confirmed): a dead sender's successor
    # starts within this long of PostgreSQL ending its connection
    lock_poll: float = 0.2
    reports: ReportConfig = field(default_factory=ReportConfig)


@dataclass
class WorkerStats:
    sent: int = 0
    blocked: int = 0
    failed: int = 0
    retried: int = 0
    rate_limited: int = 0

    @property
    def handled(self) -> int:
        return self.sent + self.blocked + self.failed + self.retried


@dataclass
class OutboxWorker:
    runtime: Runtime
    limiters: Limiters = field(default_factory=Limiters)
    config: WorkerConfig = field(default_factory=WorkerConfig)
    stats: WorkerStats = field(default_factory=WorkerStats)
    _outcomes: list[tuple[Claimed, Outcome]] = field(default_factory=list)
    _offers: list[Offer] = field(default_factory=list)  # choices of messages delivered
    _polls: list[PollSent] = field(default_factory=list)  # polls delivered, for their answers
    _wake: asyncio.Event = field(default_factory=asyncio.Event)
    _write_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    _gates: dict[str, asyncio.Lock] = field(default_factory=dict)
    _inflight: set[asyncio.Task[None]] = field(default_factory=set)
    _sending: dict[str, set[asyncio.Task[None]]] = field(default_factory=dict)
    _senders: dict[str, SenderLock] = field(default_factory=dict)
    _held: set[str] = field(default_factory=set)  # platforms whose sender lock is ours
    _reports: BatchReports = field(init=False)

    def __post_init__(self) -> None:
        self._reports = BatchReports(self.runtime, self.limiters, self.config.reports)

    @property
    def worker_id(self) -> str:
        return self.runtime.worker_id

    # -- running -------------------------------------------------------------------------------
    async def run_forever(self) -> None:
        """The long-running loop `chibo run` starts (App.ticker)."""
        await self._release_own()
        recorder = asyncio.create_task(self._record_loop(), name="outbox-recorder")
        reporter = asyncio.create_task(self._report_loop(), name="outbox-reports")
        loops: dict[str, asyncio.Task[bool]] = {}
        last_release = time.monotonic()
        try:
            while True:
                for platform in self.runtime.delivery.platforms:
                    if not await self._may_send(platform):
                        self._halt(platform, loops.pop(platform, None))
                        continue
                    if platform not in loops or loops[platform].done():
                        loops[platform] = asyncio.create_task(self._platform_loop(platform, until_idle=False))
                if time.monotonic() - last_release > 60:
                    last_release = time.monotonic()
                    await self._release_stale()
                await asyncio.sleep(min(self.config.idle_seconds, self.config.lock_poll))
        finally:
            await self._stop([*loops.values(), recorder, reporter])

    async def _stop(self, tasks: list[asyncio.Task[Any]]) -> None:
        """Stopped (or cancelled hard): no message leaves after this, and what already came
        back is recorded, so a restart repeats only what was on the wire."""
        pending = [*tasks, *self._inflight]
        for task in pending:
            task.cancel()
        for task in pending:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        with contextlib.suppress(Exception):
            await self._write()
        await self._release_senders()

    async def run_until_idle(self, stall_seconds: float = 10.0) -> WorkerStats:
        """Send everything due now (reports it triggers included), then return."""
        await self._release_own()
        recorder = asyncio.create_task(self._record_loop(), name="outbox-recorder")
        reporter = asyncio.create_task(self._report_loop(), name="outbox-reports")
        last_progress = time.monotonic()
        try:
            while True:
                before = self.stats.handled
                platforms = [p for p in self.runtime.delivery.platforms if await self._may_send(p)]
                await asyncio.gather(*(self._platform_loop(p, until_idle=True) for p in platforms))
                await self._flush()
                owed = await self._reports.look(platforms, force=True)
                async with self.runtime.db.unit_of_work() as uow:
                    left = await uow.outbox.pending_due(self.runtime.clock.now(), platforms)
                if not left and not owed:
                    return self.stats
                if self.stats.handled != before:
                    last_progress = time.monotonic()
                elif time.monotonic() - last_progress > stall_seconds:
                    if left:
                        # what is left is held by another worker: its lease decides, not us
                        log.warning("%d outbox messages are claimed elsewhere; not waiting for them", left)
                    else:
                        log.warning(
                            "%d delivery reports could not be sent yet; a later run tries again", owed
                        )
                    return self.stats
                else:
                    await asyncio.sleep(0.05)
        finally:
            await self._stop([recorder, reporter])

    # -- the sender lock: one replica sends for a platform at a time ------------------------------
    async def _may_send(self, platform: str) -> bool:
        """The platform's ceiling is the bot's, not each process's: only the holder of the
        platform's sender lock claims its messages."""
        lock = self._senders.get(platform)
        if lock is None:
            lock = SenderLock(self.runtime.db, f"outbox:{platform}", rest_after_loss=self.config.lock_rest)
            self._senders[platform] = lock
        state = await lock.hold()
        if state == "taken":
            await self._take_over(platform)
        if state in ("taken", "held"):
            self._held.add(platform)
            return True
        self._held.discard(platform)
        return False

    async def _take_over(self, platform: str) -> None:
        # whoever claimed these held the lock before us and lost it (nothing of ours is in
        # flight either): they go now rather than after the lease. Any of them may have
        # left a moment ago (on the wire, or answered and not yet recorded, when the holder
        # died); they wait one chat interval, so the message resent is not refused by the
        # platform as a second one to its chat (a 429 pauses the whole platform), and the
        # rows never claimed go first meanwhile.
        limiter = self.limiters(platform)
        limiter.start_empty()
        spacing = timedelta(seconds=limiter.limits.chat_interval)
        async with self.runtime.db.unit_of_work() as uow:
            released = await uow.outbox.release_platform(platform, self.runtime.clock.now() + spacing)
            await uow.commit()
        log.info("sending for %s from this replica (%s)", platform, self.worker_id)
        if released:
            log.warning("%d %s messages left by the previous sender: sending them now", released, platform)

    def _halt(self, platform: str, loop: asyncio.Task[bool] | None) -> None:
        """The lock is lost (or was never ours): nothing more leaves for this platform."""
        if loop is not None:
            loop.cancel()
        for task in self._sending.get(platform, ()):
            task.cancel()

    async def _release_senders(self) -> None:
        for lock in self._senders.values():
            with contextlib.suppress(Exception):
                await lock.release()
        self._senders.clear()

    # -- one platform ----------------------------------------------------------------------------
    async def _platform_loop(self, platform: str, *, until_idle: bool) -> bool:
        transport = self.runtime.delivery.transport(platform)
        if transport is None:
            return True
        limiter = self.limiters(platform)
        gate = self._gates.setdefault(platform, asyncio.Lock())
        mine = self._sending.setdefault(platform, set())
        paid = False  # the last claim held paid-broadcast messages: claim at their pace
        while True:
            enough = max(1, int(limiter.pace_for(paid) * self.config.claim_ahead))
            if len(mine) > enough // 2:
                await asyncio.sleep(min(0.05, self.config.claim_ahead / 4))
                continue
            want = max(1, min(self.config.max_claim, enough - len(mine)))
            # inline: one short UPDATE, every second even when idle (so also amid a check-in burst)
            async with self.runtime.db.unit_of_work(inline=True) as uow:
                claimed = await uow.outbox.claim(self.worker_id, self.runtime.clock.now(), want, platform)
                await uow.commit()
            replies = [reply_from_json(c.payload) for c in claimed]
            if claimed:
                paid = any(r.paid_broadcast for r in replies)
            for c, reply in zip(claimed, replies, strict=True):
                task = asyncio.create_task(self._send_one(transport, limiter, gate, c, reply))
                mine.add(task)
                self._inflight.add(task)
                task.add_done_callback(mine.discard)
                task.add_done_callback(self._inflight.discard)
            if claimed:
                await asyncio.sleep(0)
                continue
            if until_idle:
                if mine:
                    await asyncio.wait(set(mine))
                    continue
                return True
            await asyncio.sleep(self.config.idle_seconds)

    async def _send_one(
        self, transport: Transport, limiter: RateLimiter, gate: asyncio.Lock, c: Claimed, reply: Reply
    ) -> None:
        while True:
            wait = limiter.chat_ready_in(c.chat_id, c.is_group)
            if wait > self.config.claim_ahead * 2:
                # this chat's own limit is full for a while (a group at 20 a minute): give the
                # row back instead of holding a task
                self._push(c, self._retry(c, wait, "chat limit", refund=True))
                return
            if wait > 0:
                await asyncio.sleep(wait)
                continue
            # one message at a time through the gate, in claim order: the limiter sees each
            # message at the moment it leaves
            async with gate:
                if limiter.chat_ready_in(c.chat_id, c.is_group) > 0:
                    continue
                pause = limiter.take(c.chat_id, c.is_group, paid=reply.paid_broadcast)
                while pause > 0:
                    await asyncio.sleep(pause)
                    pause = limiter.take(c.chat_id, c.is_group, paid=reply.paid_broadcast)
            break
        try:
            result = await transport.send(c.chat_id, reply)
        except Exception as exc:  # a transport is not supposed to raise; a bug there must not stop the rest
            log.exception("sending outbox row %s failed", c.id)
            result = SendResult(False, error=repr(exc))
        if result.ok and (offer := offer_of(c.platform, c.chat_id, c.is_group, reply)) is not None:
            self._offers.append(offer)  # a typed number now answers this message
        sent = poll_sent(c.platform, c.chat_id, c.is_group, reply, result, self.runtime.clock.now())
        if sent is not None:
            self._polls.append(sent)
        self._push(c, self._outcome(c, result, limiter))

    def _outcome(self, c: Claimed, result: SendResult, limiter: RateLimiter) -> Outcome:
        now = self.runtime.clock.now()
        if result.ok:
            limiter.sent_ok()
            self.stats.sent += 1
            return Outcome(c.id, "sent", sent_at=now, message_id=result.message_id or "")
        if result.blocked:
            self.stats.blocked += 1
            return Outcome(c.id, "blocked", error=result.error or "blocked")
        if result.retry_after is not None:
            self.stats.rate_limited += 1
            wait = limiter.rate_limited_by_platform(c.chat_id, result.retry_after)
            log.warning("%s asked to wait %.1f s", c.platform, wait)
            return self._retry(c, wait, result.error or "429", refund=True)
        if c.attempts >= self.config.max_attempts:
            self.stats.failed += 1
            return Outcome(c.id, "failed", error=result.error or "failed")
        return self._retry(c, min(2.0**c.attempts, 300.0), result.error or "error", refund=False)

    def _retry(self, c: Claimed, seconds: float, error: str, *, refund: bool) -> Outcome:
        self.stats.retried += 1
        due = self.runtime.clock.now() + timedelta(seconds=seconds)
        return Outcome(c.id, "pending", due_at=due, error=error, refund_attempt=refund)

    # -- recording -------------------------------------------------------------------------------
    def _push(self, c: Claimed, outcome: Outcome) -> None:
        self._outcomes.append((c, outcome))
        self._wake.set()

    async def _record_loop(self) -> None:
        while True:
            await self._wake.wait()
            await self._write()

    async def _report_loop(self) -> None:
        """The senders' status messages and reports, for the platforms whose lock is ours."""
        while True:
            await asyncio.sleep(self.config.reports.look_every)
            try:
                await self._reports.look(set(self._held))
            except Exception:  # the database was away for a moment: the next look tries again
                log.exception("looking at the batches' delivery reports failed")

    async def _write(self) -> None:
        # one write at a time: a flush must see the previous write and its reports committed
        async with self._write_lock:
            await self._write_locked()

    async def _write_locked(self) -> None:
        self._wake.clear()
        taken, self._outcomes = self._outcomes, []
        offers, self._offers = self._offers, []
        polls, self._polls = self._polls, []
        if not taken:
            return
        try:
            async with self.runtime.db.unit_of_work() as uow:
                await uow.outbox.record(self.worker_id, [o for _, o in taken])
                now = self.runtime.clock.now()
                await uow.waits.offer(offers, now, now + CHOICES_KEPT)
                await record_polls(uow, polls, now)
                await uow.commit()
        except Exception:
            log.exception("recording %d outbox outcomes failed; their rows will be released", len(taken))
            return
        for c, _ in taken:
            if c.batch_id is not None:
                self._reports.touched(c.batch_id)

    async def _flush(self) -> None:
        await self._write()
        while self._outcomes:
            await self._write()

    async def _release_own(self) -> None:
        async with self.runtime.db.unit_of_work() as uow:
            released = await uow.outbox.release_worker(self.worker_id)
            await uow.commit()
        if released:
            log.warning("%d outbox messages left unfinished by a previous run: sending them now", released)

    async def _release_stale(self) -> None:
        async with self.runtime.db.unit_of_work() as uow:
            released = await uow.outbox.release_stale(self.runtime.clock.now(), self.config.lease)
            await uow.commit()
        if released:
            log.warning("%d outbox messages released from a worker that stopped answering", released)


async def drain(runtime: Runtime, limiters: Limiters | None = None) -> WorkerStats:
    """Deliver everything that is due now and return (tests, the console, `chibo` commands)."""
    worker = OutboxWorker(runtime, limiters or Limiters())
    return await worker.run_until_idle()


async def run_outbox(runtime: Runtime) -> None:
    """The ticker's `forever` loop."""
    if runtime.db.dialect == "postgresql" and runtime.worker_id == "chibo":
        # replicas share the database: each worker claims under its own name
        runtime = replace(runtime, worker_id=default_worker_id())
    await OutboxWorker(runtime).run_forever()
