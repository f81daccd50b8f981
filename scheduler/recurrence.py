"""Recurring meeting times as Vietnamese secretaries write them, with or without diacritics:

    "ngày 5 hằng tháng 14:00"                     → the 5th of every month at 14:00
    "thứ Sáu tuần đầu tiên của tháng 14:00"       → the first Friday of every month at 14:00
    "thứ 2 tuần cuối cùng hàng tháng lúc 8h30"    → the last Monday of every month at 08:30

APScheduler 3's CronTrigger computes the occurrences, in Vietnam's time zone."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from apscheduler.triggers.cron import CronTrigger

from config.clock import VN_TZ
from config.i18n import t
from config.text import fold

_WEEKDAYS = {
    "hai": "mon",
    "2": "mon",
    "ba": "tue",
    "3": "tue",
    "tu": "wed",
    "4": "wed",
    "nam": "thu",
    "5": "thu",
    "sau": "fri",
    "6": "fri",
    "bay": "sat",
    "7": "sat",
}
_ORDINALS = {
    "dau tien": "1st",
    "dau": "1st",
    "thu nhat": "1st",
    "1": "1st",
    "thu hai": "2nd",
    "thu 2": "2nd",
    "2": "2nd",
    "thu ba": "3rd",
    "thu 3": "3rd",
    "3": "3rd",
    "thu tu": "4th",
    "thu 4": "4th",
    "4": "4th",
    "cuoi cung": "last",
    "cuoi": "last",
}
_MONTHLY = r"(?:cua |moi |hang |hang )?thang"
_TIME = r"(?:(?:luc|vao luc|vao)\s+)?(\d{1,2})\s*(?::|h|g|gio)\s*(\d{2})?\s*(?:phut)?"
_DAY_OF_MONTH = re.compile(rf"^ngay (\d{{1,2}}) (?:hang|moi|hang) thang,?\s+{_TIME}$")
_WEEKDAY_OF_MONTH = re.compile(
    rf"^(?:(?:vao )?thu (hai|ba|tu|nam|sau|bay|[2-7])|(chu nhat|cn)) "
    rf"(?:(?:cua )?tuan )?({'|'.join(sorted(_ORDINALS, key=len, reverse=True))}) {_MONTHLY},?\s+{_TIME}$"
)


@dataclass(frozen=True, slots=True)
class Recurrence:
    """A parsed recurring form. `day` is a CronTrigger day expression ("5", "1st fri")."""

    day: str
    hour: int
    minute: int
    text: str

    def trigger(self) -> CronTrigger:
        return CronTrigger(day=self.day, hour=self.hour, minute=self.minute, timezone=VN_TZ)

    def next_after(self, after: datetime) -> datetime | None:
        """The first occurrence strictly after `after` (aware), as an aware datetime."""
        fire: datetime | None = self.trigger().get_next_fire_time(
            None, after.astimezone(VN_TZ) + timedelta(seconds=1)
        )
        return fire

    def occurrences(self, after: datetime, count: int) -> list[datetime]:
        found: list[datetime] = []
        current = after
        while len(found) < count:
            nxt = self.next_after(current)
            if nxt is None:
                break
            found.append(nxt)
            current = nxt
        return found


def parse_recurrence(raw: str) -> Recurrence | None:
    """A recurring form, or None when the text is not one (the caller then explains the forms)."""
    text = " ".join(fold(raw).replace(",", " ").split())
    m = _DAY_OF_MONTH.match(text)
    if m:
        day, hour, minute = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
        if not 1 <= day <= 31:
            return None
        return _checked(str(day), hour, minute, raw)
    m = _WEEKDAY_OF_MONTH.match(text)
    if m:
        weekday = "sun" if m.group(2) else _WEEKDAYS[m.group(1)]
        ordinal = _ORDINALS[m.group(3)]
        hour, minute = int(m.group(4)), int(m.group(5) or 0)
        return _checked(f"{ordinal} {weekday}", hour, minute, raw)
    return None


def split_recurrence(raw: str) -> tuple[Recurrence, str] | None:
    """A recurring form at the start of `raw` and the text after it ("ngày 5 hằng tháng 14:00
    Sinh hoạt chi bộ" → the form, "Sinh hoạt chi bộ"); the longest form that parses wins."""
    words = raw.split()
    for n in range(min(len(words), 12), 3, -1):
        rec = parse_recurrence(" ".join(words[:n]))
        if rec is not None:
            return rec, " ".join(words[n:])
    return None


def _checked(day: str, hour: int, minute: int, raw: str) -> Recurrence | None:
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    return Recurrence(day, hour, minute, " ".join(raw.split()))


def describe(rec: Recurrence, lang: str) -> str:
    """The recurrence in the reader's words, as the bot confirms it ("ngày 5 hằng tháng, 14:00")."""
    at = f"{rec.hour:02d}:{rec.minute:02d}"
    if rec.day.isdigit():
        return t(lang, "schedule.recurrence.day_of_month", day=rec.day, time=at)
    ordinal, weekday = rec.day.split()
    return t(
        lang,
        "schedule.recurrence.weekday_of_month",
        weekday=t(lang, f"schedule.recurrence.weekday.{weekday}"),
        ordinal=t(lang, f"schedule.recurrence.ordinal.{ordinal}"),
        time=at,
    )
