"""Run one measurement on a SQLite file, then on a PostgreSQL server started for it when
PostgreSQL is installed (Debian's package, as `.ci/run` installs it)."""

from __future__ import annotations

import tempfile
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.fakes.postgres import PostgresServer, find_bin_dir

Measure = Callable[[str, Path, str], Awaitable[None]]


@contextmanager
def postgresql(keep: Path | None = None) -> Iterator[str | None]:
    """A PostgreSQL server for the measurement's length: its URL, or None (said aloud) when
    PostgreSQL is not installed. `keep`: its data stays in that directory for the next run."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        print("PostgreSQL: không có (apt-get install postgresql để đo)")
        yield None
        return
    server = PostgresServer(bin_dir, keep)
    server.start()
    try:
        yield server.url("postgres")
    finally:
        server.stop()


async def on_each_database(measure: Measure) -> None:
    """`measure(database_url, work_dir, label)` on SQLite, then on PostgreSQL."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        await measure(f"sqlite:///{work / 'bench.sqlite3'}", work, "SQLite")
        with postgresql() as url:
            if url is not None:
                await measure(url, work, "PostgreSQL")
