from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, closing
from pathlib import Path

import pytest
from aiohttp import web

from bot.app import App, build_app, import_roster
from bot.telegram.runner import build_bot, start_webhook
from tests.conftest import make_settings
from tests.e2e.drivers import ConsoleDriver, Driver, TelegramDriver, ZaloDriver
from tests.fakes.clock import FakeClock
from tests.fakes.postgres import free_port
from tests.fakes.rosters import write_csv
from tests.fakes.telegram_api import FakeTelegram
from tests.fakes.zalo_api import FakeZalo

ROSTER = [
    ["Họ và tên", "Chi bộ", "Đảng bộ", "Chức vụ", "Loại", "Điện thoại", "Miễn sinh hoạt"],
    ["Nguyễn Thị Lan", "Chi bộ Khu phố 1", "Đảng bộ Phường Mẫu", "Bí thư", "Chính thức", "0901000001", ""],
    ["Lê Thị Mai", "Chi bộ Khu phố 1", "Đảng bộ Phường Mẫu", "Đảng viên", "Chính thức", "0901000003", ""],
    ["Phạm Văn Đức", "Chi bộ Khu phố 1", "Đảng bộ Phường Mẫu", "", "Dự bị", "0901000004", ""],
    ["Đặng Quốc Tuấn", "Chi bộ Khu phố 2", "Đảng bộ Phường Mẫu", "Bí thư", "Chính thức", "0901000007", ""],
    [
        "Ngô Thanh Sơn",
        "Chi bộ Khu phố 2",
        "Đảng bộ Phường Mẫu",
        "Cán bộ Đảng ủy",
        "Chính thức",
        "0901000010",
        "",
    ],
]
# test user key → roster name
PEOPLE = {
    "lan": "Nguyễn Thị Lan",
    "mai": "Lê Thị Mai",
    "duc": "Phạm Văn Đức",
    "tuan": "Đặng Quốc Tuấn",
    "son": "Ngô Thanh Sơn",
}


async def link_code(app: App, full_name: str) -> str:
    async with app.db.unit_of_work() as uow:
        for person, _ in await uow.people.roster_with_links():
            if person.full_name == full_name:
                return person.link_code
    raise AssertionError(full_name)


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy of a SQLite database, whatever its write-ahead log holds."""
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


@pytest.fixture(scope="session")
def roster_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database migrated and holding ROSTER, made once: each test's chibo starts on a copy
    (migrating a new file costs more than most tests that use it)."""
    where = tmp_path_factory.mktemp("roster-database")

    async def make() -> None:
        app = await build_app(make_settings(where, None), FakeClock())
        await import_roster(app, write_csv(where / "roster.csv", ROSTER))
        await app.close()

    asyncio.run(make())
    return where / "chibo.sqlite3"


async def app_with_roster(tmp_path: Path, clock: FakeClock, roster_database: Path, **settings: object) -> App:
    copy_database(roster_database, tmp_path / "chibo.sqlite3")
    return await build_app(make_settings(tmp_path, None, **settings), clock)


@pytest.fixture
async def fake_telegram() -> AsyncIterator[FakeTelegram]:
    fake = FakeTelegram()
    await fake.start()
    yield fake
    await fake.stop()


@asynccontextmanager
async def chibo_on_telegram(
    tmp_path: Path, clock: FakeClock, fake: FakeTelegram, roster_database: Path
) -> AsyncIterator[TelegramDriver]:
    """chibo on Telegram through its webhook, on a copy of the roster database."""
    port = free_port()
    app = await app_with_roster(
        tmp_path,
        clock,
        roster_database,
        telegram_bot_token=fake.token,
        telegram_api_base=fake.base_url,
        webhook_base_url=f"http://127.0.0.1:{port}",
        webhook_host="127.0.0.1",
        webhook_port=port,
        webhook_secret="s3cret-token",
    )
    bot = build_bot(fake.token, fake.base_url)
    runner = await start_webhook(app, bot)
    try:
        yield TelegramDriver(app, fake)
    finally:
        await runner.cleanup()
        await bot.session.close()
        await app.close()


@pytest.fixture
async def telegram_driver(
    tmp_path: Path, clock: FakeClock, fake_telegram: FakeTelegram, roster_database: Path
) -> AsyncIterator[TelegramDriver]:
    async with chibo_on_telegram(tmp_path, clock, fake_telegram, roster_database) as driver:
        yield driver


@pytest.fixture
async def console_driver(
    tmp_path: Path, clock: FakeClock, roster_database: Path
) -> AsyncIterator[ConsoleDriver]:
    app = await app_with_roster(tmp_path, clock, roster_database)
    yield ConsoleDriver(app)
    await app.close()


@pytest.fixture
async def fake_zalo() -> AsyncIterator[FakeZalo]:
    fake = FakeZalo()
    await fake.start()
    yield fake
    await fake.stop()


@asynccontextmanager
async def chibo_on_zalo(
    tmp_path: Path, clock: FakeClock, fake: FakeZalo, roster_database: Path, *, groups: bool = True
) -> AsyncIterator[ZaloDriver]:
    """chibo on Zalo through its webhook, files served as links; `groups`: the transport's
    group mode (ZALO_GROUPS_ENABLED, off by default: Zalo hands bots no group messages yet)."""
    from bot.web import start_server
    from bot.zalo.runner import ZaloBot, build_client, file_shelf

    port = free_port()
    app = await app_with_roster(
        tmp_path,
        clock,
        roster_database,
        zalo_bot_token=fake.token,
        zalo_api_base=fake.base_url,
        zalo_groups_enabled=groups,
        webhook_base_url=f"http://127.0.0.1:{port}",
        webhook_host="127.0.0.1",
        webhook_port=port,
        webhook_secret="zalo-s3cret-token",
    )
    client = build_client(app)
    zalo = ZaloBot(app, client, file_shelf(app))
    await zalo.prepare()
    web_app = web.Application()
    zalo.add_routes(web_app)
    if zalo.files is not None:
        zalo.files.add_routes(web_app)
    runner = await start_server(web_app, "127.0.0.1", port)
    await zalo.set_webhook()
    try:
        yield ZaloDriver(app, fake)
    finally:
        await runner.cleanup()
        await client.close()
        await app.close()


@pytest.fixture
async def zalo_driver(
    tmp_path: Path, clock: FakeClock, fake_zalo: FakeZalo, roster_database: Path
) -> AsyncIterator[ZaloDriver]:
    """chibo on Zalo through its webhook, groups enabled, files served as links."""
    async with chibo_on_zalo(tmp_path, clock, fake_zalo, roster_database) as driver:
        yield driver


@pytest.fixture(params=["telegram", "console", "zalo"])
def driver(request: pytest.FixtureRequest) -> Driver:
    """The shared scenario suite runs once per transport."""
    return request.getfixturevalue(f"{request.param}_driver")  # type: ignore[no-any-return]


@pytest.fixture
async def linked(driver: Driver) -> Driver:
    """Every roster person in PEOPLE has linked their account."""
    for who, name in PEOPLE.items():
        await driver.say(who, f"/start {await link_code(driver.app, name)}")
    return driver
