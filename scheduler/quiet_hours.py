"""No private message between 21:30 and 06:30 Vietnam time unless it is urgent."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from config.clock import VN_TZ, local

QUIET_FROM = time(21, 30)
QUIET_UNTIL = time(6, 30)


def in_quiet_hours(when: datetime) -> bool:
    t = local(when).time()
    return t >= QUIET_FROM or t < QUIET_UNTIL


def deliverable_at(when: datetime, *, is_group: bool = False, urgent: bool = False) -> datetime:
    """The earliest moment a message due at `when` may go out: group posts and urgent
    messages at once, a private message inside quiet hours the next morning at 06:30."""
    if is_group or urgent or not in_quiet_hours(when):
        return when
    wall = local(when)
    morning = wall.replace(hour=QUIET_UNTIL.hour, minute=QUIET_UNTIL.minute, second=0, microsecond=0)
    if wall.time() >= QUIET_FROM:
        morning += timedelta(days=1)
    return morning.astimezone(VN_TZ)
