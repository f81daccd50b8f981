"""Reports as chat text: totals, the split by category, flags, names and the minutes paragraph.

The headline is the đảng viên's (chính thức and dự bị), the figure the 85% rule judges;
quần chúng are counted on a line of their own."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from config.clock import local
from config.formatting import fmt_date, fmt_int, fmt_pct
from handlers.attendance.wording import when_text, when_words
from handlers.reports.build import NotHeld, Part, Report
from handlers.reports.rules import branch_flag, meeting_flags
from handlers.reports.tally import PARTY, BranchTally, Tally, mass, party
from storage.models import Attendance, Meeting, Person

T = Callable[..., str]


def rate_text(t: Tally) -> str:
    """1.168/1.188 — 98,3%"""
    return f"{fmt_int(t.present)}/{fmt_int(t.expected)} — {fmt_pct(t.present, t.expected)}"


def day_text(t: T, when: datetime) -> str:
    """thứ Bảy, 20/12/2026"""
    return t("rep.day", weekday=t(f"rep.weekday.{local(when).weekday()}"), date=fmt_date(when))


def totals_lines(t: T, bt: BranchTally) -> list[str]:
    tally = party(bt)
    lines = []
    if tally.expected:
        lines += [
            t("rep.present", rate=rate_text(tally), on_time=fmt_int(tally.on_time), late=fmt_int(tally.late)),
            t("rep.excused", n=fmt_int(tally.excused)),
            t("rep.absent", n=fmt_int(tally.absent)),
        ]
        if tally.will_attend:
            lines.append(t("rep.will_attend", n=fmt_int(tally.will_attend)))
        if tally.unanswered:
            lines.append(t("rep.unanswered", n=fmt_int(tally.unanswered)))
        lines.append(t("rep.by_category"))
        for cat in PARTY:
            ct = bt.by_category[cat]
            if ct.expected:
                lines.append(t("rep.category.line", name=t(f"rep.category.{cat}"), rate=rate_text(ct)))
    others = mass(bt)
    if others.expected:
        lines.append(t("rep.mass", rate=rate_text(others)))
    if bt.exempt_people:
        lines.append(t("rep.exempt", n=fmt_int(bt.exempt_people)))
    return lines


def _months(months: tuple[int, ...]) -> str:
    return ", ".join(str(m) for m in months)


def flag_lines(
    t: T, report: Report, total: BranchTally | None = None, *, with_names: bool = True
) -> list[str]:
    lines = []
    flags = meeting_flags(party(total or report.total))
    if flags.low_rate:
        lines.append(t("rep.flag.low"))
    if flags.absent_without_reason:
        lines.append(t("rep.flag.absent", n=fmt_int(flags.absent_without_reason)))
    return lines + (member_flag_lines(t, report) if with_names else [])


def member_flag_lines(t: T, report: Report) -> list[str]:
    """For the secretary alone: who comes under the Statute's rule, in its own words."""
    lines = []
    statute = False
    for f in report.flags:
        name = report.names.get(f.person_id, "?")
        if len(f.absent_months) >= 2:
            statute = True
            key = "rep.flag.member_statute" if f.at_statute_limit else "rep.flag.member_months"
            lines.append(
                t(key, name=name, n=len(f.absent_months), months=_months(f.absent_months), year=report.year)
            )
        if f.excused_streak >= 2:
            lines.append(t("rep.flag.member_excused", name=name, n=f.excused_streak))
    if statute:
        lines.append(t("rep.flag.statute"))
    return lines


def _rollup_line(t: T, i: int, b: BranchTally) -> str:
    tally = party(b)
    line = t("rep.rollup.line", i=i, name=b.name, rate=rate_text(tally))
    if (flag := branch_flag(t, tally)) != "":
        line += t("rep.rollup.flag", flag=flag)
    if mass(b).expected:
        line += t("rep.rollup.mass", rate=rate_text(mass(b)))
    return line


ROLLUP_LISTED = 100  # branches a chat report lists (a district's 667 would be 13 messages)


def rollup_lines(t: T, branches: list[BranchTally], not_held: list[NotHeld] | None = None) -> list[str]:
    """Lowest first; a month's branches that held no branch meeting come before every rate.
    Past ROLLUP_LISTED, the rest (the highest rates) are counted, and the workbook lists
    them all."""
    lines = [t("rep.rollup.title_not_held" if not_held else "rep.rollup.title")]
    i = 0
    for i, n in enumerate((not_held or [])[:ROLLUP_LISTED], 1):
        planned = t("rep.not_held.planned", day=day_text(t, n.scheduled)) if n.scheduled else ""
        lines.append(t("rep.rollup.not_held", i=i, name=n.name, planned=planned))
    shown = branches[: max(0, ROLLUP_LISTED - i)]
    lines += [_rollup_line(t, i + k, b) for k, b in enumerate(shown, 1)]
    unlisted_not_held, hidden = len(not_held or []) - i, branches[len(shown) :]
    if unlisted_not_held:  # so many held none that no rate is listed
        lines.append(t("rep.rollup.rest_any", n=fmt_int(unlisted_not_held + len(hidden))))
    elif hidden:
        lowest = party(hidden[0])
        lines.append(
            t("rep.rollup.rest", n=fmt_int(len(hidden)), rate=fmt_pct(lowest.present, lowest.expected))
        )
    return lines


def outcome(record: Attendance | None, ended: bool) -> str:
    if record is None:
        return "absent" if ended else "unanswered"
    if record.status == "will_attend" and ended:
        return "absent"
    return record.status


def names_lines(t: T, roster: list[tuple[Person, Attendance | None]], ended: bool) -> list[str]:
    groups: dict[str, list[str]] = {
        "excused": [],
        "absent": [],
        "late": [],
        "unanswered": [],
        "exempt": [],
        "mass": [],
    }
    for person, record in roster:
        if person.category == "quan_chung":
            # counted apart from the party members, so listed apart: "đến muộn" above is theirs
            status = outcome(record, ended)
            reason = record.reason if record is not None and record.reason else t("rep.no_reason")
            groups["mass"].append(f"{person.full_name} — {t(f'rep.status.{status}', reason=reason)}")
            continue
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


def state_text(t: T, meeting: Meeting, now: datetime) -> str:
    """The state of a meeting not ended yet: held now (in progress) or still to begin."""
    if meeting.ends_at <= now:
        return ""
    return t("rep.state.in_progress" if meeting.starts_at <= now else "rep.state.not_started")


def session_text(t: T, report: Report, *, with_names: bool, lang: str) -> str:
    meeting = report.meeting
    assert meeting is not None
    lines = [
        t("rep.session.title", title=meeting.title, when=when_words(meeting, lang))
        + state_text(t, meeting, report.generated_at)
    ]
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


def _part_lines(t: T, report: Report, part: Part, *, with_names: bool) -> list[str]:
    single = len(report.parts[0].branches) + len(report.not_held) <= 1 and len(part.branches) <= 1
    head = t(f"rep.part.{part.kind}", meetings=fmt_int(part.total.meetings))
    lines = [head + (t("rep.part.in_progress") if part.in_progress else "")]
    if part.kind == "sinh_hoat" and report.not_held:
        if single:
            (n,) = report.not_held
            planned = t("rep.not_held.planned", day=day_text(t, n.scheduled)) if n.scheduled else ""
            lines.append(t("rep.not_held.branch", month=report.month, planned=planned))
        else:
            lines.append(t("rep.not_held.count", n=fmt_int(len(report.not_held)), month=report.month))
    if part.total.meetings:
        lines += totals_lines(t, part.total)
        lines += flag_lines(t, report, part.total, with_names=False)
    if part.kind != "sinh_hoat" and report.sessions:
        lines.append(t("rep.sessions.title"))
        lines += [
            t(
                "rep.sessions.line",
                title=s.meeting.title,
                when=when_text(s.meeting),
                rate=rate_text(party(s.total)),
                branches=fmt_int(s.branches),
                state=state_text(t, s.meeting, report.generated_at),
            )
            + (t("rep.rollup.mass", rate=rate_text(mass(s.total))) if mass(s.total).expected else "")
            for s in report.sessions
        ]
    if not single and (part.branches or (part.kind == "sinh_hoat" and report.not_held)):
        not_held = report.not_held if part.kind == "sinh_hoat" else None
        lines += rollup_lines(t, part.branches, not_held)
    return lines


def period_text(t: T, report: Report, committee: str, *, with_names: bool = True) -> str:
    lines = [report.title]
    if report.parts:
        counted = {b.branch_id for p in report.parts for b in p.branches} | {
            n.branch_id for n in report.not_held
        }
        if len(counted) == 1:
            name = report.branches[0].name if report.branches else report.not_held[0].name
            lines.append(t("rep.scope.branch_month", branch=name, committee=committee))
        else:
            lines.append(t("rep.scope.committee_month", committee=committee, branches=fmt_int(len(counted))))
        for part in report.parts:
            if part.total.meetings or (part.kind == "sinh_hoat" and report.not_held):
                lines += ["", *_part_lines(t, report, part, with_names=with_names)]
        if with_names and report.flags:
            lines += ["", *member_flag_lines(t, report)]
        return "\n".join(lines)
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
