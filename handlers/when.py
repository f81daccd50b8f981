"""The one reading of dates and times typed after a command: "05/12", "05/12/2026",
"14:00", "14h", "14g30", "14:00-16:00", and months ("11/2026", "tháng 11"). No chat needed:
the web page and the command line read them the same way."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from config.clock import VN_TZ, local
from config.i18n import Text
from config.text import fold

# a year back to two years ahead: anything else is a typing slip (31/12/9999)
EARLIEST = timedelta(days=366)
LATEST = timedelta(days=2 * 366)
_WHEN = re.compile(
    r"^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{4}))?\s+(\d{1,2})[:hg](\d{2})?(?:\s*-\s*(\d{1,2})[:hg](\d{2})?)?(?:\s+|$)"
)
_MONTH = re.compile(r"^(?:thang\s*)?(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?$")


@dataclass(frozen=True, slots=True)
class When:
    """A date and time as typed, and the text that follows them."""

    start: datetime
    end: datetime | None  # only when typed
    rest: str
    typed: str


def bad_time(typed: str) -> Text:
    return Text("att.hop.bad_time", {"value": typed})


def plausible(moment: datetime, now: datetime) -> bool:
    return now - EARLIEST <= moment <= now + LATEST


def parse_when(text: str, now: datetime) -> When | Text | None:
    """The date and time `text` starts with; what is wrong with them (31/02, 25:00, an end
    before the start, a year out of reach); None when it does not start with a date. A date
    typed without its year is the next one to come."""
    m = _WHEN.match(text.strip())
    if m is None:
        return None
    stripped = text.strip()
    typed = stripped[: m.end()].strip()
    day, month, year = int(m.group(1)), int(m.group(2)), m.group(3)
    if year is not None and not local(now - EARLIEST).year <= int(year) <= local(now + LATEST).year:
        return bad_time(typed)
    try:
        start = datetime(
            int(year) if year else local(now).year,
            month,
            day,
            int(m.group(4)),
            int(m.group(5) or 0),
            tzinfo=VN_TZ,
        )
        if not year and start < now:
            start = start.replace(year=start.year + 1)
        end = start.replace(hour=int(m.group(6)), minute=int(m.group(7) or 0)) if m.group(6) else None
    except ValueError:
        return bad_time(typed)
    if (end is not None and end <= start) or not plausible(start, now):
        return bad_time(typed)
    return When(start, end, stripped[m.end() :].strip(), typed)


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
