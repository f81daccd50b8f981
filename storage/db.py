"""The engine and the unit of work: one transaction per update, committed by the caller."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from contextvars import ContextVar
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from storage.sqlite_driver import begin_inline, leave_inline, one_trip_dbapi
from storage.uow import UnitOfWork

_in_unit_of_work: ContextVar[bool] = ContextVar("in_unit_of_work", default=False)
_INLINE = "chibo_sqlite_inline"  # the connection's execution option: unit_of_work(inline=True)
BUSY_MS = 30_000  # how long a SQLite connection waits for another process's write lock


def make_engine(url: str, **kwargs: Any) -> AsyncEngine:
    if url.startswith("sqlite"):
        # check_same_thread: an inline unit of work uses the connection from the loop's thread
        # (storage/sqlite_driver.py), never at the same time as aiosqlite's thread does
        engine = create_async_engine(
            url, connect_args={"timeout": 30, "check_same_thread": False}, module=one_trip_dbapi(), **kwargs
        )
        _sqlite_immediate_writes(engine)
        return engine
    # JIT off: it pays only for queries that run for many seconds, while its compile time
    # (a few hundred ms) falls on exactly the roll-ups whose estimated cost crosses
    # jit_above_cost (a city's month: 20,000 branches × 38 counts); everything else chibo
    # asks is far under the threshold anyway.
    connect_args = {"server_settings": {"jit": "off"}, **kwargs.pop("connect_args", {})}
    return create_async_engine(url, pool_pre_ping=True, connect_args=connect_args, **kwargs)


def _sqlite_immediate_writes(engine: AsyncEngine) -> None:
    # pysqlite's own deferred BEGIN lets two writers read the same row and lose an update,
    # or fail with "database is locked" on upgrade; we issue BEGIN IMMEDIATE ourselves.
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        for pragma in (
            "journal_mode=WAL",
            f"busy_timeout={BUSY_MS}",
            "foreign_keys=ON",
            "synchronous=NORMAL",
        ):
            cur.execute(f"PRAGMA {pragma}")
        cur.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Any) -> None:
        if conn.get_execution_options().get(_INLINE) and begin_inline(
            conn.connection.dbapi_connection, BUSY_MS
        ):
            return
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    @event.listens_for(engine.sync_engine, "checkin")
    def _on_checkin(dbapi_conn: Any, _record: Any) -> None:
        leave_inline(dbapi_conn)


class Database:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self._sessions = async_sessionmaker(engine, expire_on_commit=False, autoflush=True)
        # Every SQLite transaction takes the write lock (BEGIN IMMEDIATE). Left to SQLite, the
        # connections of one process wait for it in its busy handler, which sleeps up to
        # 100 ms between tries: a burst of check-ins then has a median of 6 ms and a p99 of
        # 700 ms. Queuing them here first, in arrival order, keeps SQLite's wait for other
        # processes only.
        self._write_turn = asyncio.Lock() if engine.dialect.name == "sqlite" else None

    @classmethod
    def from_url(cls, url: str) -> Database:
        return cls(make_engine(url))

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @asynccontextmanager
    async def unit_of_work(self, *, inline: bool = False) -> AsyncIterator[UnitOfWork]:
        """Everything inside is one transaction. The caller commits; leaving without a
        commit (or by an exception) rolls it all back.

        `inline` (SQLite; ignored elsewhere): the statements run in the event loop's thread
        instead of the driver's (storage/sqlite_driver.py). Only for a short transaction of
        indexed statements, such as a check-in batch, whose hand-overs to the driver's
        thread cost more than the statements themselves; a long one would hold the loop."""
        # Closing the session rolls back what was not committed at the connection and
        # detaches the objects without expiring them, so what was read stays readable.
        if self._write_turn is None or _in_unit_of_work.get():
            async with self._sessions() as session:
                yield UnitOfWork(session)
            return
        async with self._write_turn:
            token = _in_unit_of_work.set(True)
            try:
                async with self._sessions() as session:
                    if inline:
                        await session.connection(execution_options={_INLINE: True})  # begins
                    yield UnitOfWork(session)
            finally:
                _in_unit_of_work.reset(token)

    async def dispose(self) -> None:
        await self.engine.dispose()


__all__ = ["AsyncSession", "Database", "make_engine"]
