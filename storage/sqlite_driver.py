"""SQLAlchemy's aiosqlite adapter, with each statement run in one trip to aiosqlite's thread.

The adapter that comes with SQLAlchemy makes four trips per statement (open a cursor,
execute, fetch the rows, close the cursor), each a hand-over to the thread and back through
the event loop. A check-in batch is eight statements: 28 hand-overs, most of its CPU and,
while the loop is busy with a burst of updates, most of its time. Here the thread does all
four steps at once; what the statement does and returns is the same."""

from __future__ import annotations

import sqlite3
from collections import deque
from typing import Any

import aiosqlite
from sqlalchemy.dialects.sqlite.aiosqlite import (
    AsyncAdapt_aiosqlite_connection,
    AsyncAdapt_aiosqlite_cursor,
    AsyncAdapt_aiosqlite_dbapi,
)

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


class _OneTripCursor(AsyncAdapt_aiosqlite_cursor):
    __slots__ = ()

    def _one_trip(self, many: bool, operation: Any, parameters: Any) -> None:
        try:
            description, rowcount, lastrowid, rows = self.await_(
                self._connection._execute(_run, self._connection, many, operation, parameters)
            )
        except Exception as error:
            self._adapt_connection._handle_exception(error)
        self.description = description
        self.rowcount = rowcount
        self.lastrowid = lastrowid
        self._rows = deque(rows)

    def execute(self, operation: Any, parameters: Any = None) -> Any:
        self._one_trip(False, operation, parameters)

    def executemany(self, operation: Any, seq_of_parameters: Any) -> Any:
        self._one_trip(True, operation, seq_of_parameters)


class _OneTripConnection(AsyncAdapt_aiosqlite_connection):
    __slots__ = ()

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


def one_trip_dbapi() -> OneTripDBAPI:
    """What `create_async_engine(..., module=...)` takes for a sqlite+aiosqlite URL."""
    return OneTripDBAPI(aiosqlite, sqlite3)
