"""Recurring meeting days as Vietnamese secretaries write them, with or without diacritics:

    "ngày 5 hằng tháng"                     → the 5th of every month
    "ngày 31 hằng tháng"                    → the 31st, or the last day of a shorter month
    "thứ Sáu tuần đầu tiên của tháng"       → the first Friday of every month
    "thứ 2 tuần cuối cùng hàng tháng"       → the last Monday of every month

The time of day that follows is read by the one date and time parser (handlers/when.py),
which builds the `Recurrence`. APScheduler 3's CronTrigger computes the weekday forms'
occurrences, in Vietnam's time zone; a day of the month is computed here, because cron skips
the months that lack it."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from apscheduler.triggers.cron import CronTrigger

from config.clock import VN_TZ, local
from config.i18n import t

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
_ORDINAL_WORDS = "|".join(o.replace(" ", r"\s+") for o in sorted(_ORDINALS, key=len, reverse=True))
_MONTHLY = r"(?:(?:cua|moi|hang)\s+)?thang"
_END = r",?(?=\s|$)"
# matched against folded text (config.text.fold_in_place): the same length as what was typed
_DAY_OF_MONTH = re.compile(rf"^\s*ngay\s+(\d{{1,2}})\s+(?:hang|moi)\s+thang{_END}")
_WEEKDAY_OF_MONTH = re.compile(
    rf"^\s*(?:(?:vao\s+)?thu\s+(hai|ba|tu|nam|sau|bay|[2-7])|(chu\s+nhat|cn))\s+"
    rf"(?:(?:cua\s+)?tuan\s+)?({_ORDINAL_WORDS})\s+{_MONTHLY}{_END}"
)
LONGEST_MONTH = 31
SHORTEST_MONTH = 28


@dataclass(frozen=True, slots=True)
class Rule:
    """The day part of a recurring form: a CronTrigger day expression ("5", "1st fri") and
    where it ends in the text."""

    day: str
    end: int


def match_rule(folded: str) -> Rule | None:
    """The recurring day `folded` starts with (folded with `fold_in_place`), or None."""
    m = _DAY_OF_MONTH.match(folded)
    if m:
        day = int(m.group(1))
        return Rule(str(day), m.end()) if 1 <= day <= LONGEST_MONTH else None
    m = _WEEKDAY_OF_MONTH.match(folded)
    if m:
        weekday = "sun" if m.group(2) else _WEEKDAYS[m.group(1)]
        ordinal = _ORDINALS[" ".join(m.group(3).split())]
        return Rule(f"{ordinal} {weekday}", m.end())
    return None


@dataclass(frozen=True, slots=True)
class Recurrence:
    """A recurring form: its day (`Rule.day`), its time, and its words (the day as typed,
    then the time as HH:MM)."""

    day: str
    hour: int
    minute: int
    text: str

    @property
    def day_of_month(self) -> int | None:
        return int(self.day) if self.day.isdigit() else None

    def trigger(self) -> CronTrigger:
        return CronTrigger(day=self.day, hour=self.hour, minute=self.minute, timezone=VN_TZ)

    def next_after(self, after: datetime) -> datetime | None:
        """The first occurrence strictly after `after` (aware), as an aware datetime."""
        day = self.day_of_month
        if day is not None:
            return self._day_of_month_after(day, after)
        fire: datetime | None = self.trigger().get_next_fire_time(
            None, after.astimezone(VN_TZ) + timedelta(seconds=1)
        )
        return fire

    def _day_of_month_after(self, day: int, after: datetime) -> datetime:
        here = local(after)
        year, month = here.year, here.month
        while True:
            last = calendar.monthrange(year, month)[1]
            moment = datetime(year, month, min(day, last), self.hour, self.minute, tzinfo=VN_TZ)
            if moment > after:
                return moment
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)

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

    def moved_to_month_end(self, occurrences: list[datetime]) -> list[datetime]:
        """The occurrences that fall on a shorter month's last day instead of the day asked."""
        day = self.day_of_month
        if day is None or day <= SHORTEST_MONTH:
            return []
        return [o for o in occurrences if local(o).day != day]


def describe(rec: Recurrence, lang: str, *, month_end: bool = True) -> str:
    """The recurrence in the reader's words, as the bot confirms it ("ngày 5 hằng tháng, 14:00";
    with `month_end`, "ngày 31 hằng tháng (tháng không có ngày 31: ngày cuối tháng), 14:00")."""
    at = f"{rec.hour:02d}:{rec.minute:02d}"
    day = rec.day_of_month
    if day is not None:
        or_last = month_end and day > SHORTEST_MONTH
        return t(
            lang, "schedule.recurrence.day_of_month" + ("_or_last" if or_last else ""), day=rec.day, time=at
        )
    ordinal, weekday = rec.day.split()
    return t(
        lang,
        "schedule.recurrence.weekday_of_month",
        weekday=t(lang, f"schedule.recurrence.weekday.{weekday}"),
        ordinal=t(lang, f"schedule.recurrence.ordinal.{ordinal}"),
        time=at,
    )
