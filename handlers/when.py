"""The one reading of dates and times typed after a command: "05/12", "05/12/2026", and a
time of day as people write it, with or without diacritics: "14:00", "14h", "14g30",
"2h chiều", "2 giờ chiều", "2 gio 30 chieu", "7 giờ tối", "9h sáng"; a range
("14:00-16:00", "2h-4h chiều", "14h đến 16h"); recurring forms ("ngày 5 hằng tháng 14:00",
"thứ Sáu tuần đầu tiên của tháng 2 giờ chiều"); and months ("11/2026", "tháng 11"). No chat
needed: the web page and the command line read them the same way."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from config.clock import VN_TZ, local
from config.i18n import Text
from config.text import fold, fold_in_place
from scheduler.recurrence import Recurrence, match_rule

# a year back to two years ahead: anything else is a typing slip (31/12/9999)
EARLIEST = timedelta(days=366)
LATEST = timedelta(days=2 * 366)
NEXT_YEAR_UNSAID = timedelta(days=60)  # a yearless date this near after its roll needs no word
# a start outside these hours is asked about before anything is created or moved
EARLY = time(6, 0)
LATE = time(22, 0)

_DATE = re.compile(r"^\s*(?:ngay\s+)?(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{4}))?\s+(?:(?:vao\s+)?luc\s+)?")
# folded text: "14:00", "14h", "14h30", "14g30", "2 gio", "2 gio 30 (phut)", then a part of the day
_CLOCK = re.compile(
    r"(\d{1,2})(?:\s*:\s*(\d{2})|[hg](\d{2})?(?:\s*(?:phut|p))?|\s*gio(?:\s+(\d{1,2})(?:\s*phut)?)?)"
    r"(?:\s*(sang|trua|chieu|toi|dem))?(?=[\s,.;–-]|$)"
)
_UNTIL = re.compile(r"\s*(?:-|–|den)\s*")
_MONTH = re.compile(r"^(?:thang\s*)?(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?$")


@dataclass(frozen=True, slots=True)
class When:
    """A date and time as typed, and the text that follows them."""

    start: datetime
    end: datetime | None  # only when typed
    rest: str
    typed: str
    # a date typed without its year whose day this year is long past (01/11 typed on
    # 03/12): that day, for the preview to say the meeting is next year's
    passed: datetime | None = None


@dataclass(frozen=True, slots=True)
class Clock:
    """A time of day as typed (and the end of a range, when one was), in minutes after
    midnight, with where it ends in the text; `bad` when an hour or minute is impossible."""

    start: int
    end: int | None
    stop: int
    bad: bool = False


@dataclass(frozen=True, slots=True)
class Recurring:
    """A recurring form, the length of each meeting when a range was typed, the text after."""

    rule: Recurrence
    length: timedelta | None
    rest: str
    typed: str


def bad_time(typed: str) -> Text:
    return Text("att.hop.bad_time", {"value": typed})


def plausible(moment: datetime, now: datetime) -> bool:
    return now - EARLIEST <= moment <= now + LATEST


def odd_hour(moment: datetime) -> bool:
    """Before 06:00 or after 22:00: more likely a slip ("2h" for 2 giờ chiều) than meant."""
    clock = local(moment).time()
    return clock < EARLY or clock > LATE


def _part_of_day(hour: int, part: str | None) -> int | None:
    """The 24-hour hour of "2 giờ chiều"; None when the words do not fit ("14h sáng")."""
    if part is None:
        return hour
    if part == "sang":
        return hour if hour <= 12 else None
    if part == "trua":
        return hour + 12 if 1 <= hour <= 2 else (hour if 11 <= hour <= 13 else None)
    if part in ("chieu", "toi"):
        return hour + 12 if 1 <= hour < 12 else (hour if 12 <= hour <= 23 else None)
    # đêm: "10 giờ đêm" is 22:00, "2 giờ đêm" is 02:00
    return hour + 12 if 8 <= hour < 12 else (hour if hour <= 4 or 20 <= hour <= 23 else None)


def _one_clock(folded: str, pos: int) -> tuple[int, int | None, str | None, int] | None:
    """(hour, minute or None if impossible, part of the day, end) of a time of day at `pos`."""
    m = _CLOCK.match(folded, pos)
    if m is None:
        return None
    hour = int(m.group(1))
    minute = int(m.group(2) or m.group(3) or m.group(4) or 0)
    part = m.group(5)
    stop = m.end()
    hour24 = _part_of_day(hour, part)
    if part is not None and hour24 is None:
        # the word is not a part of the day here ("14:00 Sáng kiến …"): it belongs to the title
        hour24, part, stop = hour, None, m.start(5)
        while stop > pos and folded[stop - 1].isspace():
            stop -= 1
    assert hour24 is not None
    if hour24 > 23 or minute > 59:
        return hour24, None, part, stop
    return hour24, minute, part, stop


def read_clock(folded: str, pos: int = 0) -> Clock | None:
    """The time of day (or range) at `pos` of `folded` (folded with `fold_in_place`)."""
    first = _one_clock(folded, pos)
    if first is None:
        return None
    hour, minute, part, stop = first
    if minute is None:
        return Clock(0, None, stop, bad=True)
    start = hour * 60 + minute
    until = _UNTIL.match(folded, stop)
    second = _one_clock(folded, until.end()) if until else None
    if second is None:
        return Clock(start, None, stop)
    end_hour, end_minute, end_part, end_stop = second
    if end_minute is None:
        return Clock(start, None, end_stop, bad=True)
    end = end_hour * 60 + end_minute
    if part is None and end_part is not None:
        # "2h-4h chiều": the part of the day typed once is for both, when that keeps them in order
        shared = _part_of_day(hour, end_part)
        if shared is not None and shared <= 23 and shared * 60 + minute < end:
            start = shared * 60 + minute
    return Clock(start, end, end_stop)


def parse_when(text: str, now: datetime) -> When | Text | None:
    """The date and time `text` starts with; what is wrong with them (31/02, 25:00, an end
    before the start, a year out of reach); None when it does not start with a date and a
    time. A date typed without its year is the next one to come."""
    stripped = text.strip()
    folded = fold_in_place(stripped)
    m = _DATE.match(folded)
    if m is None:
        return None
    clock = read_clock(folded, m.end())
    if clock is None:
        return None
    typed = stripped[: clock.stop].strip()
    if clock.bad:
        return bad_time(typed)
    day, month, year = int(m.group(1)), int(m.group(2)), m.group(3)
    if year is not None and not local(now - EARLIEST).year <= int(year) <= local(now + LATEST).year:
        return bad_time(typed)
    try:
        start = datetime(
            int(year) if year else local(now).year,
            month,
            day,
            clock.start // 60,
            clock.start % 60,
            tzinfo=VN_TZ,
        )
        passed = None
        if not year and start < now:
            passed = start
            start = start.replace(year=start.year + 1)
            if start - now < NEXT_YEAR_UNSAID:
                passed = None  # 05/01 typed on 28/12 is plainly next week's
    except ValueError:
        return bad_time(typed)
    end = None
    if clock.end is not None:
        end = start.replace(hour=clock.end // 60, minute=clock.end % 60)
    if (end is not None and end <= start) or not plausible(start, now):
        return bad_time(typed)
    return When(start, end, stripped[clock.stop :].strip(), typed, passed)


def split_recurrence(text: str) -> Recurring | Text | None:
    """A recurring form at the start of `text` and the text after it ("ngày 5 hằng tháng
    14:00 Sinh hoạt chi bộ" → the 5th at 14:00, "Sinh hoạt chi bộ"); what is wrong with its
    time; None when `text` does not start with one."""
    stripped = text.strip()
    folded = fold_in_place(stripped)
    rule = match_rule(folded)
    if rule is None:
        return None
    at = re.compile(r"\s*(?:(?:vao\s+)?luc\s+|vao\s+)?").match(folded, rule.end)
    clock = read_clock(folded, at.end() if at else rule.end)
    if clock is None:
        return None
    typed = stripped[: clock.stop].strip()
    if clock.bad or (clock.end is not None and clock.end <= clock.start):
        return bad_time(typed)
    hour, minute = divmod(clock.start, 60)
    words = " ".join(stripped[: rule.end].split()).rstrip(",")
    rec = Recurrence(rule.day, hour, minute, f"{words} {hour:02d}:{minute:02d}")
    length = timedelta(minutes=clock.end - clock.start) if clock.end is not None else None
    return Recurring(rec, length, stripped[clock.stop :].strip(), typed)


def parse_recurrence(text: str) -> Recurrence | None:
    """The recurring form `text` is, and nothing more (a meeting's stored form)."""
    found = split_recurrence(text)
    return found.rule if isinstance(found, Recurring) and not found.rest else None


def parse_month(text: str, now: datetime) -> tuple[int, int] | None:
    """(year, month) from "11/2026", "tháng 11", "11"; None when it is not a month within a
    year back to two years ahead."""
    m = _MONTH.match(fold(text.strip()))
    if m is None or not 1 <= int(m.group(1)) <= 12:
        return None
    year = int(m.group(2)) if m.group(2) else local(now).year
    if not local(now - EARLIEST).year <= year <= local(now + LATEST).year:
        return None
    return year, int(m.group(1))


_DAY = re.compile(
    r"^(?:(?:ngày|ngay|buổi|buoi|hôm|hom)\s+)?(\d{1,2})[/.](\d{1,2})(?:[/.](\d{4}))?(?=$|[\s,.:;])",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Day:
    """A date typed at the start of a text (after /vang), and what follows it."""

    day: date
    rest: str
    typed: str


def parse_day(text: str, now: datetime) -> Day | Text | None:
    """The date `text` starts with ("05/12", "ngày 05/12/2026"); what is wrong with it; None
    when it does not start with a date. A date typed without its year is the one nearest to
    today (05/12 typed on 06/12 is yesterday, not next year: the caller says it is over)."""
    stripped = unicodedata.normalize("NFC", text.strip())
    m = _DAY.match(stripped)
    if m is None:
        return None
    typed = m.group(0)
    day, month, year = int(m.group(1)), int(m.group(2)), m.group(3)
    today = local(now).date()
    years = [int(year)] if year else [today.year - 1, today.year, today.year + 1]
    found: list[date] = []
    for y in years:
        try:
            found.append(date(y, month, day))
        except ValueError:
            continue
    if not found:
        return Text("att.vang.bad_date", {"value": typed})
    chosen = min(found, key=lambda d: abs((d - today).days))
    if not plausible(datetime(chosen.year, chosen.month, chosen.day, 12, tzinfo=VN_TZ), now):
        return Text("att.vang.bad_date", {"value": typed})
    rest = stripped[m.end() :].strip().lstrip(",.:;-–—").strip()
    return Day(chosen, rest, typed)
