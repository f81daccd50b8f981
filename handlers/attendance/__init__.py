"""Meetings and attendance: /hop, /lich, RSVP, /vang, /diemdanh, proxy check-in, group summary."""

from handlers.attendance.checkin import (
    apologise,
    checkin,
    present_pressed,
    present_words,
    proxy_chosen,
    rsvp_chosen,
    says_present,
)
from handlers.attendance.meetings import create, schedule
from handlers.attendance.summary import refresh_summaries

__all__ = [
    "apologise",
    "checkin",
    "create",
    "present_pressed",
    "present_words",
    "proxy_chosen",
    "refresh_summaries",
    "rsvp_chosen",
    "says_present",
    "schedule",
]
