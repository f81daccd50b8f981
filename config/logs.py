"""One log format for every chibo process, on stderr (stdout carries what a command prints,
e.g. the CSV of `chibo invite list`)."""

from __future__ import annotations

import logging
import sys
from typing import TextIO

FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
DATE_FORMAT = "%Y-%m-%d %H:%M:%S"
HANDLER = "chibo"

# Libraries that log routine work at INFO: APScheduler every run of every interval job (a line
# every three seconds), aiogram every update it handled, aiohttp every request to the webhook,
# Alembic each of its plugins.
# aiosqlite logs every statement at DEBUG.
QUIET = {
    "apscheduler": logging.WARNING,
    "aiogram.event": logging.WARNING,
    "aiohttp.access": logging.WARNING,
    "alembic.runtime.plugins": logging.WARNING,
    "aiosqlite": logging.INFO,
}


class _Stderr(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever sys.stderr is when a line is written, not when set up."""

    @property  # type: ignore[override]
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, _value: TextIO) -> None:
        pass


def setup_logging(level: str | int = logging.INFO) -> None:
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == HANDLER]:
        root.removeHandler(old)  # set up again (tests run `chibo` commands one after another)
    handler = _Stderr()
    handler.set_name(HANDLER)
    handler.setFormatter(logging.Formatter(FORMAT, DATE_FORMAT))
    root.addHandler(handler)
    root.setLevel(level)
    for name, floor in QUIET.items():
        logging.getLogger(name).setLevel(max(floor, root.level))
