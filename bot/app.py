"""Bootstrap: settings → storage → core. Importing this module builds nothing."""

from __future__ import annotations

import gc
import logging
from dataclasses import dataclass
from pathlib import Path

from config.clock import Clock, SystemClock
from config.settings import Settings
from handlers.context import CoreEnv
from handlers.dispatch import Core
from handlers.features import FEATURES
from handlers.registry import Registry, compose
from handlers.roster import check_roster, problems_text, read_table
from scheduler.delivery import Delivery
from scheduler.ticker import Runtime, Ticker
from storage.db import Database
from storage.migrate import up_to_date, upgrade, upgrade_apart
from storage.repos.roster import RosterChanges

DEMO_ROSTER = Path(__file__).resolve().parent.parent / "content" / "demo" / "roster.csv"
DEMO_COMMITTEE = "Đảng bộ Phường Mẫu (DEMO)"
DEMO_SECRETARY = "Nguyễn Thị Lan"


@dataclass
class App:
    settings: Settings
    db: Database
    core: Core
    clock: Clock
    delivery: Delivery
    registry: Registry

    def runtime(self) -> Runtime:
        return Runtime(
            self.db,
            self.delivery,
            self.clock,
            batch_reports=self.registry.batch_reports,
            due_handlers=self.registry.due_jobs,
        )

    def ticker(self) -> Ticker:
        """The background work: the core's (due jobs, the outbox) and every feature's own."""
        from scheduler import due
        from scheduler.outbox_worker import run_outbox

        ticker = Ticker(self.runtime())
        ticker.every("due_jobs", due.TICK_SECONDS, due.due_jobs_tick)
        for periodic in self.registry.periodic:
            ticker.every(periodic.name, periodic.seconds, periodic.job)
        ticker.forever("outbox", run_outbox)
        return ticker

    async def close(self) -> None:
        await self.db.dispose()


# Python's 700 allocations between young collections: in a burst of check-ins, taps waiting
# for their batch survive several of them and are promoted, and the older generations' walks
# took 150 ms of the 568 taps' second (4 ms and 8 ms each). Collected every 20,000, the same
# burst spent 40 ms in the collector; cyclic garbage lives a little longer.
YOUNG_COLLECTION_EVERY = 20_000


def freeze_startup_heap() -> None:
    """What start-up built lives as long as the process: spare the collector from walking it
    in every full collection (each one stalled a check-in burst for about 200 ms)."""
    gc.collect()
    gc.freeze()
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(YOUNG_COLLECTION_EVERY, older, oldest)


async def build_app(settings: Settings, clock: Clock | None = None, *, migrate_apart: bool = False) -> App:
    """`migrate_apart`: a database that is behind is migrated by a child process, so that a
    long-running process never holds Alembic (`chibo run`)."""
    url = settings.async_database_url()
    in_memory = ":memory:" in url
    if url.startswith("sqlite") and not in_memory:
        Path(url.split("///", 1)[1]).parent.mkdir(parents=True, exist_ok=True)
    db = Database.from_url(url)
    if migrate_apart and not in_memory and not await up_to_date(db.engine):
        await upgrade_apart(url)
    await upgrade(db.engine)  # nothing left to do after the child: Alembic stays unloaded
    clock = clock or SystemClock()
    from handlers.materials.library import sync_bundled_topics
    from handlers.quiz.banks import sync_bundled_banks

    await sync_bundled_topics(db, clock.now())  # a bad topic file stops the start, naming file and field
    await sync_bundled_banks(db, clock.now())  # a bad bank stops it too, listing every problem
    registry = compose(FEATURES)  # two features claiming the same name stop the start here
    env = CoreEnv(
        telegram_bot_username=settings.telegram_bot_username, default_committee=settings.default_committee
    )
    return App(settings, db, Core(db, clock, env, registry), clock, Delivery(db, clock), registry)


class RosterRefused(Exception):
    pass


async def import_roster(app: App, path: Path) -> RosterChanges:
    check = check_roster(read_table(path), app.settings.default_committee)
    if not check.ok:
        raise RosterRefused(problems_text(check))
    async with app.db.unit_of_work() as uow:
        changes = await uow.roster.apply(check.entries, app.clock.now())
        await uow.commit()
    return changes


async def ensure_demo(app: App) -> bool:
    """Load the labelled demo committee into an empty database. True when the database
    holds the demo committee (loaded now or before)."""
    async with app.db.unit_of_work() as uow:
        committees = await uow.people.committee_names()
    if not committees:
        await import_roster(app, DEMO_ROSTER)
        logging.getLogger(__name__).info("demo committee loaded from %s", DEMO_ROSTER)
        return True
    return DEMO_COMMITTEE in committees
