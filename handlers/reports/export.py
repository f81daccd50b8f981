"""A report with its workbook and chart, for /xuat, /baocao and `chibo report`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from config.clock import VN_TZ, local
from config.i18n import t as translate
from config.text import name_key
from handlers.reports.build import Report, month_range, monthly_rates, period_report, session_report
from handlers.reports.render import period_text, session_text
from handlers.reports.tally import BranchTally
from storage.models import Person
from storage.repos.reports import Scope
from storage.uow import UnitOfWork

CHART_MONTHS = 12


@dataclass(frozen=True, slots=True)
class Exported:
    name: str  # what it is about ("tháng 11/2026 — Đảng bộ Phường Mẫu")
    slug: str  # for file names
    text: str  # the numbers as chat text
    xlsx: bytes
    png: bytes
    chart_title: str


def _rate(value: float | None) -> float:
    return round(value, 1) if value is not None else 0.0


def _files(
    t: Callable[..., str],
    report: Report,
    months: list[tuple[str, BranchTally]] | None,
    chart_title: str,
    bars: list[tuple[str, float]],
) -> tuple[bytes, bytes]:
    """The workbook and the chart. openpyxl and matplotlib (half of chibo's memory and start-up
    time) load with the first export, not with chibo."""
    from handlers.reports.chart import rate_chart
    from handlers.reports.excel import workbook

    return workbook(t, report, months), rate_chart(chart_title, bars)


async def committee_export(
    uow: UnitOfWork, committee_id: int, committee: str, year: int, month: int, now: datetime, lang: str
) -> Exported | None:
    """The committee roll-up for a month: every branch with its rate, lowest first."""

    def t(key: str, **values: object) -> str:
        return translate(lang, key, **values)

    start, end = month_range(year, month)
    label = f"{month:02d}/{year}"
    report = await period_report(
        uow, Scope(committee_id, start, end), t("rep.period.title", month=label), now, with_flags=False
    )
    if not report.branches:
        return None
    name = f"{label} — {committee}"
    chart_title = t("rep.export.chart_branches", what=name)
    bars = [(b.name, _rate(b.total.rate)) for b in report.branches]
    return Exported(
        name,
        f"diem-danh-{year}-{month:02d}-{name_key(committee).replace(' ', '-')}",
        period_text(t, report, committee),
        *_files(t, report, None, chart_title, bars),
        chart_title,
    )


async def branch_export(
    uow: UnitOfWork, person: Person, month: tuple[int, int] | None, now: datetime, lang: str
) -> Exported | None:
    """A branch's month (or its latest meeting, with names), plus its rate month by month."""

    def t(key: str, **values: object) -> str:
        return translate(lang, key, **values)

    branch = person.branch
    committee_id = branch.committee_id
    if month is not None:
        year, mon = month
        start, end = month_range(year, mon)
        label = f"{mon:02d}/{year}"
        report = await period_report(
            uow,
            Scope(committee_id, start, end, branch_ids=[branch.id]),
            t("rep.period.title", month=label),
            now,
            with_flags=True,
        )
        if not report.branches:
            return None
        text = period_text(t, report, branch.committee.name)
        name = f"{label} — {branch.name}"
    else:
        found = await uow.attendance.for_branch(
            branch.id, starts_before=now + timedelta(minutes=30), limit=1, newest_first=True
        )
        if not found:
            return None
        report = await session_report(uow, found[0], [branch.id], now, with_names=True)
        text = session_text(t, report, with_names=True)
        name = f"{found[0].title} — {branch.name}"
        label = local(found[0].starts_at).strftime("%Y-%m-%d")
    local_now = local(now)
    first = datetime(local_now.year, local_now.month, 1, tzinfo=VN_TZ)
    for _ in range(CHART_MONTHS - 1):
        first = (first - timedelta(days=1)).replace(day=1)
    months = await monthly_rates(
        uow, Scope(committee_id, first, now + timedelta(days=31), branch_ids=[branch.id]), now
    )
    chart_title = t("rep.export.chart_months", what=branch.name)
    bars = [(m, _rate(bt.total.rate)) for m, bt in months]
    return Exported(
        name,
        f"diem-danh-{label.replace('/', '-')}-{name_key(branch.name).replace(' ', '-')}",
        text,
        *_files(t, report, months, chart_title, bars),
        chart_title,
    )


async def command_line_report(
    uow: UnitOfWork, committee: str | None, month: tuple[int, int] | None, now: datetime
) -> Exported | str:
    """`chibo report`: the committee roll-up of a month, or what is wrong with the request."""
    committees = await uow.reports.committees()
    if committee is not None:
        wanted = name_key(committee)
        committees = {i: n for i, n in committees.items() if wanted in name_key(n)}
    if len(committees) != 1:
        names = ", ".join(committees.values()) or "—"
        return translate("vi", "cli.report.pick_committee", names=names)
    ((committee_id, name),) = committees.items()
    year, mon = month or (local(now).year, local(now).month)
    exported = await committee_export(uow, committee_id, name, year, mon, now, "vi")
    return exported if exported is not None else translate("vi", "rep.none_month", month=f"{mon:02d}/{year}")
