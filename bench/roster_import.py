"""How long `chibo roster import` takes for a district (72 branches, 796 members) and a city
(11,000 members), first import and re-import, on SQLite (and PostgreSQL when installed).

    .venv/bin/python -m bench.roster_import
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from bench.databases import on_each_database
from bot.app import build_app, import_roster
from config.settings import Settings
from tests.fakes.rosters import roster_rows, write_xlsx

SIZES = ((72, 796), (145, 11_000))


async def measure(database_url: str, work: Path, label: str) -> None:
    app = await build_app(Settings(_env_file=None, database_url=database_url, data_dir=work))  # type: ignore[call-arg]
    try:
        for branches, people in SIZES:
            path = write_xlsx(work / f"ds-{people}.xlsx", roster_rows(branches, people, f"Đảng bộ {people}"))
            t0 = time.perf_counter()
            first = await import_roster(app, path)
            t1 = time.perf_counter()
            again = await import_roster(app, path)
            t2 = time.perf_counter()
            assert len(first.added) == people and again.unchanged == people
            print(
                f"{label:10} {people:>6} người, {branches:>3} chi bộ: nhập lần đầu {t1 - t0:6.2f} s, "
                f"nhập lại (không đổi) {t2 - t1:6.2f} s"
            )
    finally:
        await app.close()


async def main() -> None:
    await on_each_database(measure)


if __name__ == "__main__":
    asyncio.run(main())
