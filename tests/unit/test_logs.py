"""What an operator's log holds at INFO: chibo's own lines, not the libraries' routine."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from config.logs import setup_logging


@pytest.fixture
def restore_levels() -> Iterator[None]:
    names = ["", "apscheduler", "aiogram.event", "aiohttp.access", "alembic.runtime.plugins", "aiosqlite"]
    saved = {n: logging.getLogger(n).level for n in names}
    yield
    for n, level in saved.items():
        logging.getLogger(n).setLevel(level)
    root = logging.getLogger()
    for h in [h for h in root.handlers if h.get_name() == "chibo"]:
        root.removeHandler(h)


@pytest.mark.usefixtures("restore_levels")
def test_info_keeps_chibo_and_drops_the_libraries_routine(capsys: pytest.CaptureFixture[str]) -> None:
    setup_logging("INFO")
    logging.getLogger("apscheduler.executors.default").info('Job "Ticker._guarded" executed successfully')
    logging.getLogger("aiogram.event").info("Update id=1 is handled. Duration 3 ms")
    logging.getLogger("aiohttp.access").info('127.0.0.1 "POST /telegram/webhook HTTP/1.1" 200')
    logging.getLogger("scheduler.outbox_worker").info("announce batch 3 finished")
    logging.getLogger("apscheduler.scheduler").error("job store broke")
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 2
    assert lines[0].endswith(" INFO    scheduler.outbox_worker: announce batch 3 finished")
    assert lines[1].endswith(" ERROR   apscheduler.scheduler: job store broke")


@pytest.mark.usefixtures("restore_levels")
def test_debug_still_leaves_apscheduler_at_warning() -> None:
    setup_logging("DEBUG")
    assert logging.getLogger("chibo").isEnabledFor(logging.DEBUG)
    assert not logging.getLogger("apscheduler.executors.default").isEnabledFor(logging.INFO)
