"""One log format for every chibo process, on stderr (stdout carries what a command prints,
e.g. the CSV of `chibo invite list`)."""

from __future__ import annotations

import logging
import sys

FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
DATE_FORMAT = "%Y-%m-%d %H:%M:%S"

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


def setup_logging(level: str | int = logging.INFO) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(FORMAT, DATE_FORMAT))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    for name, floor in QUIET.items():
        logging.getLogger(name).setLevel(max(floor, root.level))
