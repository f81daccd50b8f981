"""The delivery engine through the real Telegram transport against the fake Bot API, on
SQLite and PostgreSQL: sent / blocked / failed recorded, 429 honoured, a restart continues
where a killed worker stopped, a dead worker's claims are released after the lease (on
PostgreSQL at once, by the worker that takes the platform's sender lock)."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from bot.app import App
from bot.telegram.runner import build_bot
from bot.telegram.transport import TelegramTransport
from config.messages import Reply
from scheduler.delivery import SendResult
from scheduler.limiter import Limiters, Limits
from scheduler.outbox import outbox_item
from scheduler.outbox_worker import OutboxWorker, WorkerConfig, drain
from scheduler.progress import ReportConfig
from tests.fakes.clock import FakeClock
from tests.fakes.telegram_api import FakeTelegram
from tests.fakes.telegram_api import Limits as FakeLimits


def fast() -> Limiters:
    """Fresh limiters with no ceiling worth the name: these tests are about outcomes."""
    return Limiters({"telegram": Limits(per_second=1000.0, chat_interval=0.0)})


@pytest.fixture
async def tg(app_any_db: App) -> AsyncIterator[tuple[App, FakeTelegram]]:
    fake = FakeTelegram()
    await fake.start()
    bot = build_bot(fake.token, fake.base_url)
    app_any_db.delivery.register(TelegramTransport(bot))
    yield app_any_db, fake
    await bot.session.close()
    await fake.stop()


async def enqueue(app: App, n: int, prefix: str = "m", batch: bool = False) -> int | None:
    now = app.clock.now()
    async with app.db.unit_of_work() as uow:
        batch_id = await uow.outbox.create_batch("test", now, title="thử") if batch else None
        items = [
            outbox_item(
                "telegram",
                str(1000 + i),
                Reply(f"{prefix} {i}"),
                now,
                dedup_key=f"{prefix}:{i}",
                batch_id=batch_id,
            )
            for i in range(n)
        ]
        await uow.outbox.enqueue(items)
        await uow.commit()
    return batch_id


def received(fake: FakeTelegram) -> Counter[str]:
    return Counter(c.chat_id for c in fake.sent("sendMessage"))


async def test_sends_records_and_never_repeats(tg: tuple[App, FakeTelegram]) -> None:
    app, fake = tg
    batch_id = await enqueue(app, 40, batch=True)
    fake.blocked_chats.add("1003")
    stats = await drain(app.runtime(), fast())
    assert stats.sent == 39 and stats.blocked == 1
    got = received(fake)
    assert len(got) == 40 and set(got.values()) == {1}  # the blocked chat was tried once
    async with app.db.unit_of_work() as uow:
        assert batch_id is not None
        assert await uow.outbox.batch_counts(batch_id) == {"sent": 39, "blocked": 1}
        rows = await uow.outbox.batch_messages(batch_id)
    assert all(r.message_id for r in rows if r.status == "sent")
    assert all(r.sent_at == app.clock.now() for r in rows if r.status == "sent")
    await drain(app.runtime(), fast())
    assert received(fake) == got


async def test_retry_after_is_honoured(tg: tuple[App, FakeTelegram], clock: FakeClock) -> None:
    app, fake = tg
    fake.limits = FakeLimits(per_second=1000, chat_interval=5.0, retry_after=3)
    now = app.clock.now()
    async with app.db.unit_of_work() as uow:
        await uow.outbox.enqueue(
            [outbox_item("telegram", "77", Reply(f"tin {i}"), now, dedup_key=f"r{i}") for i in range(2)]
        )
        await uow.commit()
    # the limiter knows nothing of the fake's 5 s per chat: the second message is refused
    stats = await drain(app.runtime(), fast())
    assert stats.sent == 1 and stats.rate_limited == 1 and fake.rate_limited == 1
    async with app.db.unit_of_work() as uow:
        due = await uow.outbox.next_due()
    assert due == now + timedelta(seconds=3)  # retry_after, not sooner
    fake.limits = None
    clock.advance(seconds=3)
    stats = await drain(app.runtime(), fast())
    assert stats.sent == 1
    assert [c.text for c in fake.sent("sendMessage", 77)] == ["tin 0", "tin 1"]


async def test_a_rate_limit_between_the_parts_of_a_long_message_repeats_no_part(
    tg: tuple[App, FakeTelegram],
) -> None:
    app, fake = tg
    fake.limits = FakeLimits(per_second=1000, chat_interval=1.0, retry_after=1)
    paragraphs = [f"Đoạn {i}: " + "học tập và làm theo gương Bác " * 20 for i in range(12)]
    long_text = "\n\n".join(paragraphs)  # about 7.500 characters: two messages on Telegram
    async with app.db.unit_of_work() as uow:
        await uow.outbox.enqueue(
            [outbox_item("telegram", "88", Reply(long_text), app.clock.now(), dedup_key="long")]
        )
        await uow.commit()
    stats = await drain(app.runtime(), fast())
    assert stats.sent == 1 and fake.rate_limited == 1  # the second part waited for its second
    parts = [c.text for c in fake.sent("sendMessage", 88)]
    assert len(parts) == 2 and "\n\n".join(parts) == long_text


async def test_failures_are_retried_then_recorded(app_any_db: App, clock: FakeClock) -> None:
    class Flaky:
        platform = "flaky"
        text_limit = 1000
        has_buttons = False
        can_edit = False
        calls = 0

        async def send(self, chat_id: str, reply: Reply) -> SendResult:
            Flaky.calls += 1
            return SendResult(False, error="500 Internal Server Error")

        async def edit(self, chat_id: str, message_id: str, reply: Reply) -> SendResult:
            return await self.send(chat_id, reply)

    app_any_db.delivery.register(Flaky())
    async with app_any_db.db.unit_of_work() as uow:
        await uow.outbox.enqueue([outbox_item("flaky", "1", Reply("x"), clock.now(), dedup_key="f")])
        await uow.commit()
    runtime = app_any_db.runtime()
    for _ in range(6):
        await OutboxWorker(runtime, fast(), WorkerConfig(max_attempts=3)).run_until_idle()
        clock.advance(minutes=10)
    assert Flaky.calls == 3
    async with app_any_db.db.unit_of_work() as uow:
        assert (await uow.outbox.next_due()) is None


async def test_a_killed_worker_is_continued_without_loss_or_repeat(tg: tuple[App, FakeTelegram]) -> None:
    app, fake = tg
    await enqueue(app, 60)
    runtime = app.runtime()
    slow = Limiters({"telegram": Limits(per_second=100.0, chat_interval=0.0)})
    first = asyncio.create_task(OutboxWorker(runtime, slow).run_until_idle())
    for _ in range(2000):
        if len(fake.sent("sendMessage")) >= 20:
            break
        await asyncio.sleep(0.005)
    first.cancel()  # killed mid-broadcast: some rows sent and recorded, some claimed, some pending
    with pytest.raises(asyncio.CancelledError):
        await first
    await drain(runtime, fast())  # a new worker with the same id: it releases the old claims at once
    got = received(fake)
    assert len(got) == 60  # nothing lost
    repeated = sum(n - 1 for n in got.values())
    # only what was on the wire when the task was cancelled may go twice, never a recorded one
    assert repeated <= 3


async def test_a_dead_workers_claims_are_released_after_the_lease(
    tg: tuple[App, FakeTelegram], clock: FakeClock
) -> None:
    app, fake = tg
    await enqueue(app, 5)
    async with app.db.unit_of_work() as uow:
        assert len(await uow.outbox.claim("other-replica", clock.now(), 10)) == 5
        await uow.commit()
    stats = await OutboxWorker(app.runtime(), fast()).run_until_idle(stall_seconds=0.2)
    if app.db.dialect == "postgresql":
        # the claimer does not hold Telegram's sender lock, so it is gone: whoever takes the
        # lock sends its messages at once, not after the lease
        assert stats.sent == 5 and len(received(fake)) == 5
        return
    assert stats.sent == 0  # another worker's fresh claims are left alone
    clock.advance(minutes=6)
    worker = OutboxWorker(app.runtime(), fast())
    await worker._release_stale()
    await worker.run_until_idle()
    assert len(received(fake)) == 5


async def test_a_batch_reports_to_its_sender_once(tg: tuple[App, FakeTelegram]) -> None:
    app, fake = tg
    now = app.clock.now()
    async with app.db.unit_of_work() as uow:
        batch_id = await uow.outbox.create_batch(
            "announce", now, title="Họp chi bộ", report_platform="telegram", report_chat_id="555"
        )
        await uow.outbox.enqueue(
            [
                outbox_item(
                    "telegram", str(2000 + i), Reply(f"tin {i}"), now, dedup_key=f"b{i}", batch_id=batch_id
                )
                for i in range(150)
            ]
        )
        await uow.commit()
    fake.blocked_chats.add("2007")
    await drain(app.runtime(), fast())
    await drain(app.runtime(), fast())
    to_sender = [c.text for c in fake.sent("sendMessage", 555)]
    finals = [t for t in to_sender if "đã xong" in t]
    assert len(finals) == 1
    assert "Nhóm chat" not in finals[0] and "Đã chặn bot: 0" in finals[0]  # no person rows: counts only
    assert all("Đang gửi «Họp chi bộ»" in t for t in to_sender if t not in finals)
    async with app.db.unit_of_work() as uow:
        assert await uow.outbox.batch_counts(batch_id) == {"sent": 149, "blocked": 1}
        status = await uow.outbox.report_status(batch_id)
    assert status is not None and status.state == "done"
    assert await uow_pending(app) == 0  # the report went past the outbox: no row of its own


async def uow_pending(app: App) -> int:
    async with app.db.unit_of_work() as uow:
        return await uow.outbox.pending_due(app.clock.now(), ["telegram"])


async def test_a_restarted_worker_goes_on_editing_the_same_status_message(
    tg: tuple[App, FakeTelegram],
) -> None:
    app, fake = tg
    now = app.clock.now()
    async with app.db.unit_of_work() as uow:
        batch_id = await uow.outbox.create_batch(
            "announce", now, title="Đại hội", report_platform="telegram", report_chat_id="555"
        )
        await uow.outbox.enqueue(
            [
                outbox_item(
                    "telegram", str(3000 + i), Reply(f"tin {i}"), now, dedup_key=f"d{i}", batch_id=batch_id
                )
                for i in range(200)
            ]
        )
        await uow.commit()
    runtime = app.runtime()
    config = WorkerConfig(reports=ReportConfig(status_every=0.3))

    def slow() -> Limiters:
        return Limiters({"telegram": Limits(per_second=100.0, chat_interval=1.05)})

    first = asyncio.create_task(OutboxWorker(runtime, slow(), config).run_until_idle())
    for _ in range(2000):
        async with app.db.unit_of_work() as uow:
            shown = await uow.outbox.report_status(batch_id)
        if shown is not None and shown.message_id:
            break
        await asyncio.sleep(0.005)
    first.cancel()  # killed once its status message was shown and recorded
    with pytest.raises(asyncio.CancelledError):
        await first
    assert len(received(fake)) < 200
    await OutboxWorker(runtime, slow(), config).run_until_idle()

    to_sender = [c for c in fake.calls if c.chat_id == "555"]
    status, *edits, final = to_sender
    assert status.method == "sendMessage" and "Đang gửi «Đại hội»" in status.text
    assert edits and {(c.method, str(c.params["message_id"])) for c in edits} == {
        ("editMessageText", str(status.result["message_id"]))
    }
    figures = [int(c.text.split(": ", 1)[1].split("/")[0]) for c in [status, *edits]]
    assert figures == sorted(set(figures))
    assert final.method == "sendMessage" and "đã xong" in final.text
    assert len(received(fake)) == 201  # 200 members and the sender


async def test_a_finished_batch_is_logged_once_with_its_outcome(
    tg: tuple[App, FakeTelegram], caplog: pytest.LogCaptureFixture
) -> None:
    app, fake = tg
    batch_id = await enqueue(app, 5, batch=True)
    fake.blocked_chats.add("1002")
    with caplog.at_level("INFO", logger="scheduler.progress"):
        await drain(app.runtime(), fast())
        await drain(app.runtime(), fast())
    finished = [r.getMessage() for r in caplog.records if "finished" in r.getMessage()]
    assert finished == [f"test batch {batch_id} finished: 'thử', 4 sent, 1 blocked, 0 failed, 0 skipped"]
