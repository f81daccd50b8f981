"""Two chibo replicas on one PostgreSQL database: only the holder of Telegram's sender lock
sends; when its replica dies (PostgreSQL ends the lock's connection) the other takes over
within moments and delivers the rest, nothing lost, nothing sent twice but what was on
the wire."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable
from dataclasses import replace
from pathlib import Path

import pytest

from bot.app import App, build_app
from bot.telegram.runner import build_bot
from bot.telegram.transport import TelegramTransport
from config.messages import Reply
from scheduler.limiter import Limiters, Limits
from scheduler.outbox import outbox_item
from scheduler.outbox_worker import OutboxWorker, WorkerConfig
from tests.conftest import make_settings, new_postgres_database
from tests.fakes.clock import FakeClock
from tests.fakes.postgres import PostgresServer
from tests.fakes.telegram_api import FakeTelegram
from tests.fakes.telegram_api import Limits as ApiLimits

pytestmark = pytest.mark.postgres

MESSAGES = 300
PACE = 150.0  # each replica's limiter; the lock keeps the bot at one replica's pace


@pytest.fixture
def pg_url(postgres: PostgresServer) -> str:
    return new_postgres_database(postgres)


@pytest.fixture
async def replicas(
    tmp_path: Path, clock: FakeClock, pg_url: str
) -> AsyncIterator[tuple[App, FakeTelegram, list[OutboxWorker]]]:
    fake = FakeTelegram()
    await fake.start()
    app = await build_app(make_settings(tmp_path, pg_url), clock)
    bot = build_bot(fake.token, fake.base_url)
    app.delivery.register(TelegramTransport(bot))
    config = WorkerConfig(idle_seconds=0.05, lock_rest=60.0)
    workers = [
        OutboxWorker(
            replace(app.runtime(), worker_id=name),
            Limiters({"telegram": Limits(per_second=PACE, chat_interval=0.0)}),
            config,
        )
        for name in ("replica-a", "replica-b")
    ]
    yield app, fake, workers
    await bot.session.close()
    await app.close()
    await fake.stop()


async def enqueue(app: App, n: int) -> None:
    now = app.clock.now()
    async with app.db.unit_of_work() as uow:
        await uow.outbox.enqueue(
            [
                outbox_item("telegram", str(3000 + i), Reply(f"tin {i}"), now, dedup_key=f"t{i}")
                for i in range(n)
            ]
        )
        await uow.commit()


def received(fake: FakeTelegram) -> Counter[str]:
    return Counter(c.chat_id for c in fake.sent("sendMessage"))


async def until(condition: Callable[[], bool], seconds: float = 30.0) -> None:
    for _ in range(int(seconds / 0.01)):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("timed out")


async def end_lock_connections(url: str) -> int:
    """What PostgreSQL does when a replica is killed: the backend holding its advisory
    lock goes away."""
    import asyncpg  # type: ignore[import-untyped]

    conn = await asyncpg.connect(url.replace("postgresql://", "postgres://"))
    try:
        rows = await conn.fetch(
            "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted"
        )
    finally:
        await conn.close()
    return len(rows)


async def test_one_replica_sends_and_the_other_takes_over_when_it_dies(
    replicas: tuple[App, FakeTelegram, list[OutboxWorker]], pg_url: str
) -> None:
    app, fake, (a, b) = replicas
    await enqueue(app, MESSAGES)
    tasks = [asyncio.create_task(w.run_forever()) for w in (a, b)]
    try:
        await until(lambda: len(fake.sent("sendMessage")) >= 100)
        holder, other = (a, b) if a.stats.sent else (b, a)
        assert holder.stats.sent > 0 and other.stats.sent == 0  # one sender at a time

        assert await end_lock_connections(pg_url) == 1
        await until(lambda: len(received(fake)) == MESSAGES)
        await until(lambda: holder.stats.sent + other.stats.sent >= MESSAGES)
        stopped_at = holder.stats.sent
        assert other.stats.sent > 0  # the survivor delivered the rest
        await asyncio.sleep(0.3)
        assert holder.stats.sent == stopped_at  # the dead one sends nothing more
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    got = received(fake)
    assert len(got) == MESSAGES  # nothing lost
    # only what the dead sender had on the wire when its lock went may arrive twice
    assert sum(n - 1 for n in got.values()) <= PACE * 0.2
    async with app.db.unit_of_work() as uow:
        assert await uow.outbox.next_due() is None
        assert await uow.outbox.pending_due(app.clock.now(), ["telegram"]) == 0


async def test_the_successor_resends_the_dead_holders_claims_after_a_chat_interval_and_the_rest_first(
    tmp_path: Path, clock: FakeClock, pg_url: str
) -> None:
    """The dead holder had claimed 10 rows and sent 3 of them (answered, never recorded):
    resent at once, those 3 would be refused as a second message to their chat within a
    second, and a 429 pauses the whole platform. The successor sends the never-claimed rows
    first and the dead holder's a chat interval after taking the lock."""
    fake = FakeTelegram()
    await fake.start()
    fake.limits = ApiLimits(per_second=1000, chat_interval=1.0, group_per_minute=20, retry_after=1)
    app = await build_app(make_settings(tmp_path, pg_url), clock)
    bot = build_bot(fake.token, fake.base_url)
    app.delivery.register(TelegramTransport(bot))
    await enqueue(app, 30)
    async with app.db.unit_of_work() as uow:
        dead = await uow.outbox.claim("replica-dead", clock.now(), 10, "telegram")
        await uow.commit()
    for c in dead[:3]:
        await bot.send_message(int(c.chat_id), "tin")
    sent_at = time.monotonic()
    worker = OutboxWorker(
        replace(app.runtime(), worker_id="replica-b"),
        Limiters({"telegram": Limits(per_second=PACE, chat_interval=1.0)}),
        WorkerConfig(idle_seconds=0.05),
    )
    task = asyncio.create_task(worker.run_forever())
    try:
        await until(lambda: len(fake.sent("sendMessage")) == 3 + 20)
        await asyncio.sleep(0.3)
        # the 20 never claimed (and the 3 the dead holder sent), none of its 10 resent yet
        assert set(received(fake)) == {str(3000 + i) for i in range(10, 30)} | {c.chat_id for c in dead[:3]}
        await asyncio.sleep(max(0.0, sent_at + 1.05 - time.monotonic()))
        clock.advance(seconds=1.1)
        await until(lambda: len(received(fake)) == 30)
        await until(lambda: worker.stats.sent == 30)
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await bot.session.close()
        await app.close()
        await fake.stop()
    got = received(fake)
    assert fake.rate_limited == 0  # no resend came too soon to its chat
    assert sum(n - 1 for n in got.values()) == 3  # the 3 on the wire when the holder died, no more
