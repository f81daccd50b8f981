"""The one source of time. Tests inject a clock they move instead of sleeping."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Protocol
from zoneinfo import ZoneInfo

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


class Clock(Protocol):
    def now(self) -> datetime:
        """An aware datetime."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


def local(dt: datetime) -> datetime:
    """The same instant on Vietnam's wall clock, whatever the server's zone."""
    return dt.astimezone(VN_TZ)
