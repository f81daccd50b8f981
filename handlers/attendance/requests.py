"""What is typed after /hop (or given to `chibo meeting create`) read into a request:
"05/12/2026 14:00-16:00 Title | place | https://link | điểm cầu: Branch 1; Branch 2", or a
recurring form ("ngày 5 hằng tháng 14:00 Title")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from config.clock import VN_TZ
from config.i18n import Text
from config.text import fold
from handlers.when import parse_when, split_recurrence
from scheduler.recurrence import Recurrence

DEFAULT_LENGTH = timedelta(hours=2)
SERIES_AHEAD = 12  # occurrences of a recurring meeting created at once (a year of months)
_URL = re.compile(r"^https?://\S+$")


@dataclass(frozen=True, slots=True)
class MeetingRequest:
    starts: list[datetime]
    length: timedelta
    title: str
    place: str = ""
    link: str = ""
    recurrence: str = ""  # the recurring form (the day as typed, then HH:MM); "" for a one-off
    branch_names: tuple[str, ...] = ()  # study sessions: the chosen branches ("điểm cầu")
    rule: Recurrence | None = None  # the recurring form, read
    passed: datetime | None = None  # the day typed without a year, this year's, long past


def read_request(args: str, now: datetime) -> MeetingRequest | Text | None:
    """The meeting(s) the arguments describe; what is wrong with their time; None when they
    describe nothing (the caller shows what to type)."""
    first, *segments = [s.strip() for s in args.split("|")]
    place, link = "", ""
    branch_names: tuple[str, ...] = ()
    for seg in segments:
        if _URL.match(seg):
            link = seg
        elif fold(seg).startswith("diem cau"):
            branch_names = tuple(b.strip() for b in seg.split(":", 1)[-1].split(";") if b.strip())
        elif seg:
            place = seg
    recurring = split_recurrence(first)
    if isinstance(recurring, Text):
        return recurring
    if recurring is not None:
        rec = recurring.rule
        starts = [s.astimezone(VN_TZ) for s in rec.occurrences(now, SERIES_AHEAD)]
        length = recurring.length or DEFAULT_LENGTH
        return MeetingRequest(starts, length, recurring.rest, place, link, rec.text, branch_names, rec)
    when = parse_when(first, now)
    if when is None or isinstance(when, Text):
        return when
    length = when.end - when.start if when.end is not None else DEFAULT_LENGTH
    return MeetingRequest([when.start], length, when.rest, place, link, "", branch_names, passed=when.passed)
