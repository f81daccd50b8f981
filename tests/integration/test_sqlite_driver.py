"""The SQLite driver's inline units of work (storage/sqlite_driver.py): they commit and roll
back like any other, and a write lock held by another process is waited for off the loop."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

from sqlalchemy import text

from storage.db import Database


async def _database(path: Path) -> Database:
    db = Database.from_url(f"sqlite+aiosqlite:///{path}")
    async with db.engine.begin() as conn:
        await conn.exec_driver_sql("CREATE TABLE t (x INTEGER)")
    return db


async def _count(db: Database) -> int:
    async with db.unit_of_work() as uow:
        return int((await uow.session.execute(text("SELECT count(*) FROM t"))).scalar_one())


async def test_inline_commits_and_rolls_back(tmp_path: Path) -> None:
    db = await _database(tmp_path / "x.sqlite3")
    try:
        async with db.unit_of_work(inline=True) as uow:
            await uow.session.execute(text("INSERT INTO t VALUES (1)"))
            await uow.commit()
        try:
            async with db.unit_of_work(inline=True) as uow:
                await uow.session.execute(text("INSERT INTO t VALUES (2)"))
                raise RuntimeError("the feature failed")
        except RuntimeError:
            pass
        async with db.unit_of_work() as uow:  # the pooled connection is an ordinary one again
            await uow.session.execute(text("INSERT INTO t VALUES (3)"))
            await uow.commit()
        assert await _count(db) == 2
    finally:
        await db.dispose()


async def test_another_process_lock_is_waited_for_off_the_loop(tmp_path: Path) -> None:
    path = tmp_path / "x.sqlite3"
    db = await _database(path)
    other = sqlite3.connect(path, isolation_level=None)  # another process, as `chibo roster import`
    other.execute("BEGIN IMMEDIATE")
    ticks = 0

    async def tick() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0.01)

    async def write() -> None:
        async with db.unit_of_work(inline=True) as uow:
            await uow.session.execute(text("INSERT INTO t VALUES (1)"))
            await uow.commit()

    ticker = asyncio.create_task(tick())
    try:
        writer = asyncio.create_task(write())
        await asyncio.sleep(0.5)
        assert not writer.done()
        assert ticks >= 10  # the loop kept running while the write waited for the lock
        other.rollback()
        await asyncio.wait_for(writer, 10)
        assert other.execute("SELECT count(*) FROM t").fetchone() == (1,)
    finally:
        ticker.cancel()
        other.close()
        await db.dispose()
