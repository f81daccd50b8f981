"""Storage on SQLite and PostgreSQL: migrations match the models, updates are claimed once,
outbox rows are enqueued once and claimed by one worker."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.engine import Connection

from bot.app import App
from config.messages import Reply
from scheduler.outbox import outbox_item
from storage.models import Base


async def test_migrations_create_exactly_the_models(app_any_db: App) -> None:
    def diff(conn: Connection) -> list[object]:
        return list(compare_metadata(MigrationContext.configure(conn), Base.metadata))

    async with app_any_db.db.engine.connect() as conn:
        assert await conn.run_sync(diff) == []


async def test_an_update_is_claimed_once(app_any_db: App) -> None:
    now = app_any_db.clock.now()
    async with app_any_db.db.unit_of_work() as uow:
        assert await uow.chats.claim_update("telegram", "42", now)
        await uow.commit()
    async with app_any_db.db.unit_of_work() as uow:
        assert not await uow.chats.claim_update("telegram", "42", now)
        assert await uow.chats.claim_update("zalo", "42", now)


async def test_outbox_enqueues_once_and_two_workers_never_share_a_row(app_any_db: App) -> None:
    now = app_any_db.clock.now()
    items = [outbox_item("telegram", str(i), Reply(f"tin {i}"), now, dedup_key=f"k{i}") for i in range(300)]
    async with app_any_db.db.unit_of_work() as uow:
        assert await uow.outbox.enqueue(items) == 300
        assert await uow.outbox.enqueue(items[:10]) == 0
        await uow.commit()

    async def worker(name: str) -> list[int]:
        got: list[int] = []
        while True:
            async with app_any_db.db.unit_of_work() as uow:
                batch = await uow.outbox.claim(name, now + timedelta(seconds=1), 7)
                await uow.commit()
            if not batch:
                return got
            got += [c.id for c in batch]
            await asyncio.sleep(0)

    a, b, c = await asyncio.gather(worker("a"), worker("b"), worker("c"))
    assert len(a) + len(b) + len(c) == 300
    assert len(set(a) | set(b) | set(c)) == 300


async def test_a_batch_in_flight_at_the_upgrade_keeps_its_report_and_drops_stale_progress(
    database_url: str,
) -> None:
    """0008p: the report of a batch still going is sent the new way; one already queued the
    old way is left to the outbox; queued progress figures are stale and are not sent."""
    from alembic import command
    from sqlalchemy import text

    from config.settings import async_url
    from storage.db import make_engine
    from storage.migrate import alembic_config

    def upgrade(conn: Connection, to: str) -> None:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, to)

    def before(conn: Connection) -> None:
        upgrade(conn, "0002")
        at = datetime(2026, 12, 1, 1, 0)
        conn.execute(
            text(
                "INSERT INTO outbox_batches (id, kind, title, report_platform, report_chat_id, created_at)"
                " VALUES (:id, :kind, 't', :platform, :chat, :at)"
            ),
            [
                {"id": 1, "kind": "announce", "platform": "telegram", "chat": "555", "at": at},  # reported
                {"id": 2, "kind": "announce", "platform": "zalo", "chat": "z1", "at": at},  # in flight
                {"id": 3, "kind": "reminder", "platform": "", "chat": "", "at": at},  # no sender
            ],
        )
        rows = [
            (1, "sent", "tb:1:m"),
            (None, "sent", "batch-report:1:final"),
            (2, "pending", "tb:2:m"),
            (None, "pending", "batch-report:2:q1"),
            (3, "pending", "rm:3:m"),
        ]
        conn.execute(
            text(
                "INSERT INTO outbox (batch_id, platform, chat_id, is_group, payload, dedup_key, status,"
                " due_at, urgent, attempts, claimed_by, message_id, error)"
                " VALUES (:batch, 'telegram', '7', false, '{}', :key, :status, :at, false, 0, '', '', '')"
            ),
            [{"batch": b, "status": status, "key": key, "at": at} for b, status, key in rows],
        )
        upgrade(conn, "heads")

    engine = make_engine(async_url(database_url))
    try:
        async with engine.begin() as conn:
            await conn.run_sync(before)
            status = (
                await conn.execute(text("SELECT batch_id, platform, chat_id, state FROM batch_status"))
            ).all()
            stale = (
                await conn.execute(text("SELECT status FROM outbox WHERE dedup_key = 'batch-report:2:q1'"))
            ).scalar_one()
    finally:
        await engine.dispose()
    assert [tuple(r) for r in status] == [(2, "zalo", "z1", "open")]
    assert stale == "skipped"
