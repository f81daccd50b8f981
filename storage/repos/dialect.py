"""INSERT … ON CONFLICT in the dialect of the session's database."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.cache_key import CacheKey

from storage.models.base import Base


def insert_for(session: AsyncSession, model: type[Base]) -> Any:
    name = session.bind.dialect.name
    if name == "postgresql":
        return postgresql.insert(model)
    if name == "sqlite":
        return sqlite.insert(model)
    raise RuntimeError(f"unsupported database: {name}")


_BUILT: dict[tuple[str, str], Any] = {}


def built_once(session: AsyncSession, recipe: str, build: Callable[[], Any]) -> Any:
    """The statement `build()` makes, built once per dialect and compiled once per engine (then
    taken from its statement cache under `recipe`). SQLAlchemy never caches the dialects'
    INSERT … ON CONFLICT (`inherit_cache = False`): each execution of a check-in batch built
    and compiled its two anew, about 3 ms of CPU a batch. Only for a statement whose values all
    come with the rows it is executed with: its constants are the recipe's."""
    key = (session.bind.dialect.name, recipe)
    stmt = _BUILT.get(key)
    if stmt is None:
        stmt = build()
        if stmt._values or stmt._multi_values:
            raise ValueError(f"{recipe}: the values must come with the rows, not the statement")
        cache_key = CacheKey(("chibo.built_once", recipe), [])
        stmt._generate_cache_key = lambda: cache_key
        _BUILT[key] = stmt
    return stmt
