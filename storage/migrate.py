"""Alembic migrations, run by `chibo db upgrade` and at every start."""

from __future__ import annotations

import ast
import asyncio
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
log = logging.getLogger("storage.migrate")  # also when run as __main__


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def heads(versions: Path = MIGRATIONS / "versions") -> set[str]:
    """The revisions no other revision builds on, read from the revision files without
    Alembic. Any revision added since the database was upgraded makes a head it lacks."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in versions.glob("*.py"):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if not isinstance(node, ast.AnnAssign | ast.Assign) or node.value is None:
                continue
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names = {t.id for t in targets if isinstance(t, ast.Name)}
            if "revision" in names:
                revisions.add(str(ast.literal_eval(node.value)))
            elif "down_revision" in names:
                down = ast.literal_eval(node.value)
                parents.update([down] if isinstance(down, str) else down or ())
    return revisions - parents


async def _applied(engine: AsyncEngine) -> set[str]:
    try:
        async with engine.connect() as conn:
            rows = await conn.execute(text("SELECT version_num FROM alembic_version"))
            return {str(r[0]) for r in rows}
    except DBAPIError:  # no alembic_version table: a new database
        return set()


async def up_to_date(engine: AsyncEngine) -> bool:
    return await _applied(engine) == heads()


async def upgrade(engine: AsyncEngine) -> None:
    """Every feature's migration chain to its head ("heads": features branch off the
    skeleton revision independently). Alembic is loaded only when there is something to
    do: a process that started on an up-to-date database does not carry it."""
    if await up_to_date(engine):
        return

    def _upgrade(conn: Connection) -> None:
        from alembic import command

        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "heads")

    async with engine.connect() as conn:
        await conn.run_sync(_upgrade)
        await conn.commit()
    log.info("database upgraded to %s", ", ".join(sorted(heads())))


async def upgrade_apart(url: str) -> None:
    """`upgrade` in a process of its own (for `chibo run`, which then never loads Alembic's
    11 MB); its log lines go to the same stderr."""
    level = str(logging.getLogger().getEffectiveLevel())
    env = {**os.environ, "DATABASE_URL": url}  # not in the arguments: `ps` shows those to everyone
    child = await asyncio.create_subprocess_exec(sys.executable, "-m", "storage.migrate", level, env=env)
    if await child.wait() != 0:
        raise RuntimeError(f"migrating the database failed (exit status {child.returncode})")


async def _upgrade_configured() -> None:
    from config.settings import Settings
    from storage.db import Database

    db = Database.from_url(Settings().async_database_url())
    try:
        await upgrade(db.engine)
    finally:
        await db.dispose()


if __name__ == "__main__":
    from config.logs import setup_logging

    setup_logging(int(sys.argv[1]) if len(sys.argv) > 1 else logging.INFO)
    asyncio.run(_upgrade_configured())
