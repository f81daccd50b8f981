"""SQLAlchemy's aiosqlite adapter, with fewer hand-overs to aiosqlite's thread.

The adapter that comes with SQLAlchemy makes four trips to the thread per statement (open a
cursor, execute, fetch the rows, close the cursor), each a hand-over to the thread and back
through the event loop, two wake-ups the operating system must schedule. A check-in batch
was 28 of them: on a loaded machine (a woken thread waits its turn for a core) most of the
batch's time, while the bot itself was idle. Here each statement is one trip; and a
unit of work begun inline (Database.unit_of_work(inline=True)) runs its BEGIN IMMEDIATE,
statements, commit and rollback in the event loop's own thread, none of them a hand-over:
BEGIN does not wait there (when another process holds the write lock it is begun in the
thread, as before), and in WAL mode, with the write lock held, nothing after it waits for
a lock."""

from __future__ import annotations

import sqlite3
from collections import deque
from collections.abc import Callable
from typing import Any, TypeVar

import aiosqlite
from sqlalchemy.dialects.sqlite.aiosqlite import (
    AsyncAdapt_aiosqlite_connection,
    AsyncAdapt_aiosqlite_cursor,
    AsyncAdapt_aiosqlite_dbapi,
)

_T = TypeVar("_T")
_Outcome = tuple[Any, int, int | None, list[Any]]  # description, rowcount, lastrowid, rows


def _run(connection: aiosqlite.Connection, many: bool, operation: str, parameters: Any) -> _Outcome:
    """In aiosqlite's thread: the whole statement, as the adapter's four steps did it."""
    cursor = connection._conn.cursor()
    try:
        if many:
            cursor.executemany(operation, parameters)
        elif parameters is None:
            cursor.execute(operation)
        else:
            cursor.execute(operation, parameters)
        if cursor.description:
            return cursor.description, -1, -1, cursor.fetchall()
        return None, cursor.rowcount, cursor.lastrowid, []
    finally:
        cursor.close()


async def _here(fn: Callable[..., _T], *args: Any) -> _T:
    """`fn` in the event loop's thread, as an awaitable (SQLAlchemy wants one for every
    statement); it returns without yielding to the loop."""
    return fn(*args)


class _OneTripCursor(AsyncAdapt_aiosqlite_cursor):
    __slots__ = ()

    def _one_trip(self, many: bool, operation: Any, parameters: Any) -> None:
        adapted = self._adapt_connection
        try:
            if isinstance(adapted, _OneTripConnection) and adapted.inline:
                call = _here(_run, self._connection, many, operation, parameters)
            else:
                call = self._connection._execute(_run, self._connection, many, operation, parameters)
            description, rowcount, lastrowid, rows = self.await_(call)
        except Exception as error:
            adapted._handle_exception(error)
        self.description = description
        self.rowcount = rowcount
        self.lastrowid = lastrowid  # type: ignore[assignment]  # None, as sqlite3 gives it
        self._rows = deque(rows)

    def execute(self, operation: Any, parameters: Any = None) -> Any:
        self._one_trip(False, operation, parameters)

    def executemany(self, operation: Any, seq_of_parameters: Any) -> Any:
        self._one_trip(True, operation, seq_of_parameters)


class _OneTripConnection(AsyncAdapt_aiosqlite_connection):
    __slots__ = ("inline",)

    def __init__(self, dbapi: Any, connection: Any) -> None:  # an aiosqlite.Connection
        super().__init__(dbapi, connection)
        self.inline = False  # set for one unit of work; cleared when back in the pool

    def commit(self) -> None:
        if not self.inline:
            return super().commit()
        try:
            self.await_(_here(self._connection._conn.commit))
        except Exception as error:
            self._handle_exception(error)

    def rollback(self) -> None:
        if not self.inline:
            return super().rollback()
        try:
            self.await_(_here(self._connection._conn.rollback))
        except Exception as error:
            self._handle_exception(error)

    def cursor(self, server_side: bool = False) -> AsyncAdapt_aiosqlite_cursor:
        if server_side:
            return super().cursor(server_side)
        return _OneTripCursor(self)


class OneTripDBAPI(AsyncAdapt_aiosqlite_dbapi):
    def connect(self, *arg: Any, **kw: Any) -> AsyncAdapt_aiosqlite_connection:
        adapted = super().connect(*arg, **kw)
        if type(adapted) is not AsyncAdapt_aiosqlite_connection:  # the sync fallback: as it is
            return adapted
        return _OneTripConnection(self, adapted._connection)


def begin_inline(dbapi_connection: Any, busy_timeout_ms: int) -> bool:
    """BEGIN IMMEDIATE in the event loop's thread, and the connection's statements there
    until it is back in the pool (`leave_inline`). False, with nothing begun, when another
    process holds the write lock: the caller then waits for it in aiosqlite's thread, not in
    the loop's."""
    if not isinstance(dbapi_connection, _OneTripConnection):
        return False
    connection = dbapi_connection._connection._conn
    connection.execute("PRAGMA busy_timeout = 0")
    try:
        connection.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError:  # database is locked
        return False
    finally:
        connection.execute(f"PRAGMA busy_timeout = {busy_timeout_ms}")
    dbapi_connection.inline = True
    return True


def leave_inline(dbapi_connection: Any) -> None:
    if isinstance(dbapi_connection, _OneTripConnection):
        dbapi_connection.inline = False


def one_trip_dbapi() -> OneTripDBAPI:
    """What `create_async_engine(..., module=...)` takes for a sqlite+aiosqlite URL."""
    return OneTripDBAPI(aiosqlite, sqlite3)
