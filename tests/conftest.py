from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot.app import App, build_app
from config.settings import Settings
from tests.fakes.clock import FakeClock
from tests.fakes.postgres import PostgresServer, find_bin_dir

_OUR_ENV = (
    "DATABASE_URL",
    "TELEGRAM_BOT_TOKEN",
    "TELEGRAM_API_BASE",
    "TELEGRAM_BOT_USERNAME",
    "ZALO_BOT_TOKEN",
    "ZALO_API_BASE",
    "WEBHOOK_BASE_URL",
    "WEBHOOK_SECRET",
)


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in _OUR_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no developer's .env leaks into a test


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    bin_dir = find_bin_dir()
    if bin_dir is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not installed; .ci/run installs it (apt-get install postgresql)")
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql)")
    server = PostgresServer(bin_dir)
    server.start()
    yield server
    server.stop()


def new_postgres_database(server: PostgresServer) -> str:
    name = f"t_{uuid.uuid4().hex[:12]}"

    async def create() -> None:
        import asyncpg  # type: ignore[import-untyped]

        conn = await asyncpg.connect(server.url().replace("postgresql://", "postgres://"))
        try:
            await conn.execute(f'CREATE DATABASE "{name}"')
        finally:
            await conn.close()

    asyncio.run(create())
    return server.url(name)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each storage test runs on SQLite and on a real PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'chibo.sqlite3'}"
    return new_postgres_database(request.getfixturevalue("postgres"))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def make_settings(tmp_path: Path, database_url: str | None = None, **overrides: object) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        database_url=database_url or f"sqlite:///{tmp_path / 'chibo.sqlite3'}",
        data_dir=tmp_path,
        **overrides,  # type: ignore[arg-type]
    )


@pytest.fixture
async def app(tmp_path: Path, clock: FakeClock) -> AsyncIterator[App]:
    """chibo on a SQLite file, as a newcomer runs it."""
    application = await build_app(make_settings(tmp_path), clock)
    yield application
    await application.close()


@pytest.fixture
async def app_any_db(tmp_path: Path, clock: FakeClock, database_url: str) -> AsyncIterator[App]:
    application = await build_app(make_settings(tmp_path, database_url), clock)
    yield application
    await application.close()
