"""Numbers and dates the Vietnamese way: 1.168, 98,3%, 05/12/2026 14:00."""

from __future__ import annotations

from datetime import date, datetime

from config.clock import local


def fmt_int(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def fmt_pct(part: int, whole: int, digits: int = 1) -> str:
    if whole == 0:
        return "—"
    value = round(100 * part / whole, digits)
    text = f"{value:.{digits}f}".replace(".", ",")
    if digits and text.endswith("," + "0" * digits):
        text = text[: -(digits + 1)]
    return f"{text}%"


def fmt_date(d: date | datetime) -> str:
    if isinstance(d, datetime):
        d = local(d)
    return d.strftime("%d/%m/%Y")


def fmt_datetime(dt: datetime) -> str:
    return local(dt).strftime("%d/%m/%Y %H:%M")
