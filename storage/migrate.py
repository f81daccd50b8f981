"""Alembic migrations, run by `chibo db upgrade` and at every start."""

from __future__ import annotations

import ast
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
log = logging.getLogger(__name__)


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


async def upgrade(engine: AsyncEngine) -> None:
    """Every feature's migration chain to its head ("heads": features branch off the
    skeleton revision independently). Alembic is loaded only when there is something to
    do: a process that started on an up-to-date database does not carry it."""
    if await _applied(engine) == heads():
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
