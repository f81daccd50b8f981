"""Reports as chat text: totals, the split by category, flags, names and the minutes paragraph."""

from __future__ import annotations

from collections.abc import Callable

from config.formatting import fmt_int, fmt_pct
from handlers.attendance.wording import when_text
from handlers.reports.build import Report
from handlers.reports.rules import branch_flag, meeting_flags
from handlers.reports.tally import CATEGORIES, BranchTally, Tally
from storage.models import Attendance, Person

T = Callable[..., str]


def rate_text(t: Tally) -> str:
    """1.168/1.188 — 98,3%"""
    return f"{fmt_int(t.present)}/{fmt_int(t.expected)} — {fmt_pct(t.present, t.expected)}"


def totals_lines(t: T, bt: BranchTally) -> list[str]:
    tally = bt.total
    lines = [
        t("rep.present", rate=rate_text(tally), on_time=fmt_int(tally.on_time), late=fmt_int(tally.late)),
        t("rep.excused", n=fmt_int(tally.excused)),
        t("rep.absent", n=fmt_int(tally.absent)),
    ]
    if tally.will_attend:
        lines.append(t("rep.will_attend", n=fmt_int(tally.will_attend)))
    if tally.unanswered:
        lines.append(t("rep.unanswered", n=fmt_int(tally.unanswered)))
    lines.append(t("rep.by_category"))
    for cat in CATEGORIES:
        ct = bt.by_category[cat.value]
        if ct.expected:
            lines.append(t("rep.category.line", name=t(f"rep.category.{cat.value}"), rate=rate_text(ct)))
    if bt.exempt_people:
        lines.append(t("rep.exempt", n=fmt_int(bt.exempt_people)))
    return lines


def flag_lines(t: T, report: Report, *, with_names: bool = True) -> list[str]:
    lines = []
    flags = meeting_flags(report.total.total)
    if flags.low_rate:
        lines.append(t("rep.flag.low"))
    if flags.absent_without_reason:
        lines.append(t("rep.flag.absent", n=fmt_int(flags.absent_without_reason)))
    for f in report.flags if with_names else ():
        name = report.names.get(f.person_id, "?")
        if f.absent_in_year >= 2:
            lines.append(t("rep.flag.member_absent", name=name, n=f.absent_in_year))
        if f.excused_streak >= 2:
            lines.append(t("rep.flag.member_excused", name=name, n=f.excused_streak))
    return lines


def rollup_lines(t: T, branches: list[BranchTally]) -> list[str]:
    lines = [t("rep.rollup.title")]
    lines += [
        t("rep.rollup.line", i=i, name=b.name, rate=rate_text(b.total))
        + (t("rep.rollup.flag", flag=flag) if (flag := branch_flag(t, b.total)) else "")
        for i, b in enumerate(branches, 1)
    ]
    return lines


def outcome(record: Attendance | None, ended: bool) -> str:
    if record is None:
        return "absent" if ended else "unanswered"
    if record.status == "will_attend" and ended:
        return "absent"
    return record.status


def names_lines(t: T, roster: list[tuple[Person, Attendance | None]], ended: bool) -> list[str]:
    groups: dict[str, list[str]] = {"excused": [], "absent": [], "late": [], "unanswered": [], "exempt": []}
    for person, record in roster:
        if person.exempt:
            groups["exempt"].append(person.full_name)
            continue
        status = outcome(record, ended)
        if status == "excused":
            reason = record.reason if record is not None and record.reason else t("rep.no_reason")
            groups["excused"].append(f"{person.full_name} ({reason})")
        elif status in groups:
            groups[status].append(person.full_name)
    return [t(f"rep.names.{key}", names="; ".join(names)) for key, names in groups.items() if names]


def minutes_paragraph(t: T, roster: list[tuple[Person, Attendance | None]], ended: bool) -> str:
    """The attendance paragraph of the biên bản, ready to paste."""
    members = [(p, r) for p, r in roster if p.category != "quan_chung"]
    counted = [(p, r) for p, r in members if not p.exempt]
    present = [p for p, r in counted if outcome(r, ended) in ("present", "late")]
    late = [p for p, r in counted if outcome(r, ended) == "late"]
    excused = [(p, r) for p, r in counted if outcome(r, ended) == "excused"]
    absent = [p for p, r in counted if outcome(r, ended) == "absent"]
    # before the end, those not checked in yet are not absent yet: as the report above says
    pending = [p for p, r in counted if outcome(r, ended) in ("unanswered", "will_attend")]
    mass_present = sum(
        1 for p, r in roster if p.category == "quan_chung" and outcome(r, ended) in ("present", "late")
    )

    def reason(r: Attendance | None) -> str:
        return r.reason if r is not None and r.reason else t("rep.no_reason")

    text = t(
        "rep.minutes",
        total=len(members),
        official=sum(1 for p, _ in members if p.category == "chinh_thuc"),
        probationary=sum(1 for p, _ in members if p.category == "du_bi"),
        exempt=sum(1 for p, _ in members if p.exempt),
        present=len(present),
        late=t("rep.minutes.late", n=len(late)) if late else "",
        excused=len(excused),
        excused_names=(": " + "; ".join(f"{p.full_name} ({reason(r)})" for p, r in excused))
        if excused
        else "",
        absent=len(absent),
        absent_names=(": " + "; ".join(p.full_name for p in absent)) if absent else "",
    )
    if pending:
        text += t("rep.minutes.pending", n=len(pending), names="; ".join(p.full_name for p in pending))
    return text + (t("rep.minutes.mass", n=mass_present) if mass_present else "")


def session_text(t: T, report: Report, *, with_names: bool) -> str:
    meeting = report.meeting
    assert meeting is not None
    lines = [t("rep.session.title", title=meeting.title, when=when_text(meeting))]
    if len(report.branches) == 1:
        lines.append(t("rep.scope.branch", branch=report.branches[0].name, meetings=report.total.meetings))
    lines += totals_lines(t, report.total)
    lines += flag_lines(t, report, with_names=with_names)
    ended = meeting.ends_at <= report.generated_at
    if with_names and len(report.branches) == 1:
        lines += names_lines(t, report.roster, ended)
        lines += ["", t("rep.minutes.title"), minutes_paragraph(t, report.roster, ended)]
    if len(report.branches) > 1:
        lines += ["", *rollup_lines(t, report.branches)]
    return "\n".join(lines)


def period_text(t: T, report: Report, committee: str, *, with_names: bool = True) -> str:
    lines = [report.title]
    if len(report.branches) == 1:
        lines.append(t("rep.scope.branch", branch=report.branches[0].name, meetings=report.total.meetings))
    else:
        lines.append(
            t(
                "rep.scope.committee",
                committee=committee,
                branches=len(report.branches),
                meetings=report.total.meetings,
            )
        )
    lines += totals_lines(t, report.total)
    lines += flag_lines(t, report, with_names=with_names)
    if len(report.branches) > 1:
        lines += ["", *rollup_lines(t, report.branches)]
    return "\n".join(lines)
