"""Migrations at start: Alembic runs when the database is behind, and is not even loaded when
it is up to date."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

UPGRADE = """
import asyncio, sys
from storage.db import Database
from storage.migrate import upgrade

async def main() -> None:
    db = Database.from_url(sys.argv[1])
    await upgrade(db.engine)
    await db.dispose()

asyncio.run(main())
print("alembic" in sys.modules)
"""


def _upgrade(url: str) -> bool:
    """True when the upgrade loaded Alembic."""
    done = subprocess.run(
        [sys.executable, "-c", UPGRADE, url],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return done.stdout.strip() == "True"


def test_alembic_runs_on_a_new_database_and_stays_unloaded_on_an_upgraded_one(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'chibo.sqlite3'}"
    assert _upgrade(url)
    assert not _upgrade(url)


RUN_START = """
import asyncio, sys
from bot.app import build_app
from config.settings import Settings

async def main() -> None:
    app = await build_app(Settings(database_url=sys.argv[1]), migrate_apart=True)
    async with app.db.unit_of_work() as uow:
        print(await uow.people.committee_names())
    await app.close()

asyncio.run(main())
print("alembic" in sys.modules)
"""


def test_chibo_run_migrates_a_new_database_in_a_child_and_never_loads_alembic(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'chibo.sqlite3'}"
    done = subprocess.run(
        [sys.executable, "-c", RUN_START, url],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert done.stdout.split() == ["[]", "False"]  # the tables are there, Alembic is not
