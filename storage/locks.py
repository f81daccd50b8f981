"""Which replica sends for a platform: a PostgreSQL session advisory lock, held on a
connection of its own for as long as the replica sends. PostgreSQL releases it the moment
that connection ends (the replica was killed, its host went away), so another replica,
trying a few times a second on a connection it keeps for asking, takes over within a
fraction of a second. SQLite has one process by design: there the lock is always held."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from collections.abc import Callable
from typing import Literal

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine
from sqlalchemy.pool import NullPool

from storage.db import Database

log = logging.getLogger(__name__)

# taken: just now (whoever held it before is gone); held: still ours; busy: another
# process holds it; lost: it was ours and its connection died (stop sending at once)
Hold = Literal["taken", "held", "busy", "lost"]

PING_TIMEOUT = 3.0  # a connection that cannot answer SELECT 1 in this long is not trusted


def lock_key(name: str) -> int:
    """A stable 64-bit key for pg_try_advisory_lock, the same in every replica."""
    digest = hashlib.blake2b(f"chibo:{name}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


class SenderLock:
    """One named lock. `hold()` is asked every second or so: it takes the lock when it is
    free, confirms it while it is ours, and says when it was lost."""

    def __init__(
        self,
        db: Database,
        name: str,
        *,
        rest_after_loss: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.name = name
        self.key = lock_key(name)
        self._shared = db.dialect == "postgresql"
        self._url = db.engine.url
        self._engine: AsyncEngine | None = None
        # kept open while waiting too: asking again is one query, not a new backend
        self._conn: AsyncConnection | None = None
        self._mine = False
        self._unanswered = False  # the last question got no answer
        # a replica whose connection died leaves the next turn to a healthy one
        self._rest_after_loss = rest_after_loss
        self._resting_until = 0.0
        self._clock = clock

    @property
    def held(self) -> bool:
        return not self._shared or self._mine

    async def hold(self) -> Hold:
        if not self._shared:
            return "held"
        if self._mine and self._conn is not None:
            try:
                await asyncio.wait_for(self._conn.execute(text("SELECT 1")), PING_TIMEOUT)
                return "held"
            except Exception:
                log.warning("the connection holding the %s lock died: stopping", self.name)
                await self._drop()
                self._resting_until = self._clock() + self._rest_after_loss
                return "lost"
        if self._clock() < self._resting_until:
            return "busy"
        return "taken" if await self._try_take() else "busy"

    async def release(self) -> None:
        """Closing the connection releases the lock (and nothing else holds it)."""
        await self._drop()
        if self._engine is not None:
            await self._engine.dispose()
            self._engine = None

    async def _try_take(self) -> bool:
        if self._engine is None:
            # its own connection, outside the pool: a pooled connection handed back would
            # keep the lock while serving someone else
            self._engine = create_async_engine(self._url, poolclass=NullPool)
        try:
            if self._conn is None:
                conn = await self._engine.connect()
                self._conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
            got = (
                await asyncio.wait_for(
                    self._conn.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": self.key}),
                    PING_TIMEOUT,
                )
            ).scalar_one()
        except Exception:
            # asked five times a second: said once while the database stays away
            level = logging.DEBUG if self._unanswered else logging.WARNING
            log.log(level, "could not ask for the %s lock", self.name, exc_info=True)
            self._unanswered = True
            await self._drop()  # the next question goes on a fresh connection
            return False
        self._unanswered = False
        self._mine = bool(got)
        return self._mine

    async def _drop(self) -> None:
        conn, self._conn, self._mine = self._conn, None, False
        if conn is not None:
            await _close_quietly(conn)


async def _close_quietly(conn: AsyncConnection) -> None:
    try:
        await conn.invalidate()  # really closed, never reused
        await conn.close()
    except Exception:
        log.debug("closing a lock connection failed", exc_info=True)
