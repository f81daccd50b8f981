"""Storage on SQLite and PostgreSQL: migrations match the models, updates are claimed once,
outbox rows are enqueued once and claimed by one worker."""

from __future__ import annotations

import asyncio
from datetime import timedelta

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
