"""A report with its workbook and chart, for /xuat and `chibo report`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from config.clock import VN_TZ, local
from config.i18n import t as translate
from config.text import name_key
from handlers.attendance.wording import when_text
from handlers.reports.build import (
    Heading,
    Listing,
    Report,
    listing,
    month_range,
    month_report,
    monthly_rates,
    session_report,
)
from handlers.reports.render import period_text, session_text
from handlers.reports.rules import BRANCH_MEETING
from handlers.reports.tally import BranchTally, party
from storage.models import Branch
from storage.repos.reports import Scope
from storage.uow import UnitOfWork

CHART_MONTHS = 12


@dataclass(frozen=True, slots=True)
class Exported:
    name: str  # what it is about ("tháng 11/2026 — Đảng bộ Phường Mẫu")
    slug: str  # for file names
    text: str  # the numbers as chat text
    xlsx: bytes
    png: bytes | None  # None when nothing was held to draw
    chart_title: str  # the chart's title, or why there is no chart


def _bars(branches: list[BranchTally]) -> list[tuple[str, float]]:
    return [(b.name, round(r, 1)) for b in branches if (r := party(b).rate) is not None]


def _files(
    t: Callable[..., str],
    report: Report,
    heading: Heading,
    names: Listing | None,
    months: list[tuple[str, BranchTally]] | None,
    chart_title: str,
    bars: list[tuple[str, float]],
) -> tuple[bytes, bytes | None]:
    """The workbook and the chart. openpyxl and matplotlib (half of chibo's memory and start-up
    time) load with the first export, not with chibo."""
    from handlers.reports.excel import workbook

    xlsx = workbook(t, report, heading, names, months)
    if not bars:
        return xlsx, None
    from handlers.reports.chart import rate_chart

    return xlsx, rate_chart(chart_title, bars, t("rep.export.threshold"))


async def committee_export(
    uow: UnitOfWork, committee_id: int, committee: str, year: int, month: int, now: datetime, lang: str
) -> Exported | None:
    """The committee's month: every branch (those that held no branch meeting first), branch
    meetings and study sessions apart, the committee's own sessions, everyone's attendance."""

    def t(key: str, **values: object) -> str:
        return translate(lang, key, **values)

    start, end = month_range(year, month)
    label = f"{month:02d}/{year}"
    scope = Scope(committee_id, start, end)
    report = await month_report(
        uow, scope, t("rep.period.title", month=label), committee, now, with_flags=False
    )
    if not report.branches:
        return None
    names = await listing(uow, scope, now)
    name = f"{label} — {committee}"
    meetings, study = report.parts
    if meetings.branches:
        chart_title, bars = t("rep.export.chart_branches", what=name), _bars(meetings.branches)
    else:
        chart_title, bars = t("rep.export.chart_study", what=name), _bars(study.branches)
    if not bars:
        chart_title = t("rep.export.no_chart.month", month=label)
    heading = Heading(committee, "", t("rep.xlsx.period_month", month=label), names.signer, now)
    return Exported(
        name,
        f"diem-danh-{year}-{month:02d}-{name_key(committee).replace(' ', '-')}",
        period_text(t, report, committee),
        *_files(t, report, heading, names, None, chart_title, bars),
        chart_title,
    )


async def branch_export(
    uow: UnitOfWork, branch: Branch, month: tuple[int, int] | None, now: datetime, lang: str
) -> Exported | None:
    """A branch's month (or its latest meeting), with everyone's attendance, plus its branch
    meetings' rate month by month."""

    def t(key: str, **values: object) -> str:
        return translate(lang, key, **values)

    committee_id = branch.committee_id
    if month is not None:
        year, mon = month
        start, end = month_range(year, mon)
        label = f"{mon:02d}/{year}"
        scope = Scope(committee_id, start, end, branch_ids=[branch.id])
        report = await month_report(
            uow, scope, t("rep.period.title", month=label), branch.committee.name, now, with_flags=True
        )
        if not report.branches:
            return None
        text = period_text(t, report, branch.committee.name)
        name = f"{label} — {branch.name}"
        period = t("rep.xlsx.period_month", month=label)
    else:
        found = await uow.attendance.for_branch(
            branch.id, starts_before=now + timedelta(minutes=30), limit=1, newest_first=True
        )
        if not found:
            return None
        meeting = found[0]
        report = await session_report(uow, meeting, [branch.id], now, with_names=True)
        text = session_text(t, report, with_names=True, lang=lang)
        name = f"{meeting.title} — {branch.name}"
        label = local(meeting.starts_at).strftime("%Y-%m-%d")
        scope = Scope(committee_id, meeting_id=meeting.id, branch_ids=[branch.id])
        period = t("rep.xlsx.period_meeting", title=meeting.title, when=when_text(meeting))
    names = await listing(uow, scope, now)
    local_now = local(now)
    first = datetime(local_now.year, local_now.month, 1, tzinfo=VN_TZ)
    for _ in range(CHART_MONTHS - 1):
        first = (first - timedelta(days=1)).replace(day=1)
    months = await monthly_rates(
        uow,
        Scope(committee_id, first, now + timedelta(days=31), branch_ids=[branch.id], kind=BRANCH_MEETING),
        now,
    )
    bars = [(m, round(r, 1)) for m, bt in months if (r := party(bt).rate) is not None]
    chart_title = (
        t("rep.export.chart_months", what=branch.name)
        if bars
        else t("rep.export.no_chart.months", n=CHART_MONTHS)
    )
    heading = Heading(branch.committee.name, branch.name, period, names.signer, now)
    return Exported(
        name,
        f"diem-danh-{label.replace('/', '-')}-{name_key(branch.name).replace(' ', '-')}",
        text,
        *_files(t, report, heading, names, months, chart_title, bars),
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
