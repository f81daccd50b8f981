"""When the sender of a batch is shown a status: the rules of scheduler/progress.py."""

from __future__ import annotations

from scheduler.progress import STATUS_MIN, status_due
from storage.repos.outbox import ReportStatus


def shown(figure: int = 0, messages: int = 0, message_id: str = "") -> ReportStatus:
    return ReportStatus(1, "zalo", "z1", "open", message_id, figure, messages)


def due(status: ReportStatus, done: int, total: int = 800, *, can_edit: bool, since: float = 5.0) -> bool:
    return status_due(status, done, total, can_edit=can_edit, since_shown=since, every=2.0)


def test_a_small_batch_gets_only_its_report() -> None:
    assert not due(shown(), 50, STATUS_MIN - 1, can_edit=True)
    assert due(shown(), 50, STATUS_MIN, can_edit=True)


def test_the_first_status_waits_a_moment_and_figures_only_grow() -> None:
    assert not due(shown(), 10, can_edit=True, since=0.5)  # the sender was just told it began
    edited = shown(300, 1, "m1")
    assert due(edited, 301, can_edit=True)
    assert not due(edited, 300, can_edit=True) and not due(edited, 250, can_edit=True)
    assert not due(edited, 500, can_edit=True, since=1.0)  # at most one edit every 2 s


def test_without_editing_the_sender_gets_a_status_at_the_start_and_one_at_half() -> None:
    assert due(shown(), 10, can_edit=False)
    started = shown(10, 1)
    assert not due(started, 399, can_edit=False)
    assert due(started, 400, can_edit=False)
    assert not due(shown(400, 2), 700, can_edit=False)
    # the first status came after half: that was the one
    assert not due(shown(500, 1), 700, can_edit=False)


async def test_a_status_takes_the_next_slot_while_the_outbox_queue_is_full() -> None:
    """The outbox's rows wait at one gate and each takes the next slot the moment the one
    before it has left: a status asking the limiter the ordinary way loses that race slot
    after slot (at 30 a second it was dropped 8 times in 10)."""
    import asyncio
    import time

    from scheduler.limiter import Limits, RateLimiter
    from scheduler.progress import _slot

    limiter = RateLimiter(Limits(per_second=30.0, chat_interval=1.0))
    gate = asyncio.Lock()

    async def row(i: int) -> None:  # as OutboxWorker._send_one
        async with gate:
            pause = limiter.take(f"member-{i}")
            while pause > 0:
                await asyncio.sleep(pause)
                pause = limiter.take(f"member-{i}")
        await asyncio.sleep(0.01)  # on the wire

    async def claim() -> None:  # about a second of sending claimed ahead, as the worker does
        rows: set[asyncio.Task[None]] = set()
        for i in range(10_000):
            if len(rows) >= 30:
                await asyncio.wait(rows, return_when=asyncio.FIRST_COMPLETED)
            task = asyncio.create_task(row(i))
            rows.add(task)
            task.add_done_callback(rows.discard)

    claimer = asyncio.create_task(claim())
    await asyncio.sleep(0.3)
    waited: list[float] = []
    for k in range(5):
        began = time.monotonic()
        assert await _slot(limiter, f"sender-{k}", 1.0), waited
        waited.append(time.monotonic() - began)
        await asyncio.sleep(0.1)
    claimer.cancel()
    # the next slot or the one after (about 34 ms each), never a queue's worth of them
    assert max(waited) < 0.2, waited
