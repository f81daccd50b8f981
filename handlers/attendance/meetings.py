"""/hop creates meetings and study sessions; /lich lists what is coming."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from config.clock import VN_TZ, local
from config.formatting import fmt_datetime
from config.messages import Button, Reply
from config.text import fold, name_key
from handlers.attendance.reminders import plan_for_meetings
from handlers.context import Ctx
from handlers.roles import Role
from scheduler.outbox import outbox_item
from scheduler.quiet_hours import deliverable_at
from scheduler.recurrence import describe, split_recurrence
from storage.models import Meeting
from storage.repos.attendance import NewMeeting

DEFAULT_LENGTH = timedelta(hours=2)
SERIES_AHEAD = 12  # occurrences of a recurring meeting created at once (a year of months)
_ONE_OFF = re.compile(
    r"^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{4}))?\s+(\d{1,2})[:hg](\d{2})?(?:\s*-\s*(\d{1,2})[:hg](\d{2})?)?(?:\s+|$)"
)
_URL = re.compile(r"^https?://\S+$")


@dataclass(frozen=True, slots=True)
class Plan:
    starts: list[datetime]
    length: timedelta
    title: str
    place: str
    link: str
    recurrence: str
    rule: str
    branch_names: list[str]


def when_text(m: Meeting) -> str:
    start = local(m.starts_at)
    end = local(m.ends_at)
    until = end.strftime("%H:%M") if end.date() == start.date() else fmt_datetime(m.ends_at)
    return f"{fmt_datetime(m.starts_at)}–{until}"


def where_text(ctx: Ctx, m: Meeting) -> str:
    text = ctx.t("att.where", place=m.place) if m.place else ""
    return text + (ctx.t("att.link", link=m.online_link) if m.online_link else "")


def rsvp_buttons(ctx: Ctx, meeting_id: int) -> list[list[Button]]:
    return [
        [
            Button(ctx.t("att.btn.will_attend"), f"att:{meeting_id}:y"),
            Button(ctx.t("att.btn.excused"), f"att:{meeting_id}:n"),
        ]
    ]


def _plan(ctx: Ctx, args: str) -> Plan | str:
    """The meeting(s) the arguments describe, or the message explaining what to type."""
    first, *segments = [s.strip() for s in args.split("|")]
    place, link, branch_names = "", "", []
    for seg in segments:
        folded = fold(seg)
        if _URL.match(seg):
            link = seg
        elif folded.startswith("diem cau"):
            branch_names = [b.strip() for b in seg.split(":", 1)[-1].split(";") if b.strip()]
        elif seg:
            place = seg
    recurring = split_recurrence(first)
    if recurring is not None:
        rec, title = recurring
        length = DEFAULT_LENGTH
        m_end = re.match(r"^(?:-|đến|den)\s*(\d{1,2})[:hg](\d{2})?\s+", title)
        if m_end:
            end_minutes = int(m_end.group(1)) * 60 + int(m_end.group(2) or 0)
            length = timedelta(minutes=end_minutes - rec.hour * 60 - rec.minute)
            title = title[m_end.end() :]
        starts = [s.astimezone(VN_TZ) for s in rec.occurrences(ctx.now, SERIES_AHEAD)]
        if length <= timedelta(0):
            return ctx.t("att.hop.bad_time", value=first)
        return Plan(
            starts, length, title.strip(), place, link, rec.text, describe(rec, ctx.lang), branch_names
        )
    when = parse_one_off(ctx, first)
    if when is None:
        return ""
    if isinstance(when, str):
        return when
    if when.start < ctx.now:
        return ctx.t("att.hop.past", when=fmt_datetime(when.start))
    length = when.end - when.start if when.end is not None else DEFAULT_LENGTH
    return Plan([when.start], length, when.rest, place, link, "", "", branch_names)


@dataclass(frozen=True, slots=True)
class OneOff:
    """A date and time as typed after /hop ("05/12[/2026] 14:00[-16:00]") and what follows."""

    start: datetime
    end: datetime | None  # only when typed
    rest: str


def parse_one_off(ctx: Ctx, text: str) -> OneOff | str | None:
    """The date and time `text` starts with; the message saying what is wrong with them
    (31/02, 25:00, an end before the start); None when it does not start with a date. A
    date typed without its year is the next one to come."""
    m = _ONE_OFF.match(text)
    if m is None:
        return None
    typed = text[: m.end()].strip()
    day, month, year = int(m.group(1)), int(m.group(2)), m.group(3)
    try:
        start = datetime(
            int(year) if year else local(ctx.now).year,
            month,
            day,
            int(m.group(4)),
            int(m.group(5) or 0),
            tzinfo=VN_TZ,
        )
        if not year and start < ctx.now:
            start = start.replace(year=start.year + 1)
        end = start.replace(hour=int(m.group(6)), minute=int(m.group(7) or 0)) if m.group(6) else None
    except ValueError:
        return ctx.t("att.hop.bad_time", value=typed)
    if end is not None and end <= start:
        return ctx.t("att.hop.bad_time", value=typed)
    return OneOff(start, end, text[m.end() :].strip())


async def create(ctx: Ctx) -> None:
    person = ctx.person
    assert person is not None
    committee_staff = Role.COMMITTEE in ctx.roles
    usage = ctx.t("att.hop.usage") + ("\n\n" + ctx.t("att.hop.usage_committee") if committee_staff else "")
    plan = _plan(ctx, ctx.args.strip()) if ctx.args.strip() else ""
    if isinstance(plan, str):
        ctx.reply(plan or usage)
        return
    if not plan.title:
        ctx.reply(ctx.t("att.hop.no_title_recurring" if plan.recurrence else "att.hop.no_title"))
        return
    study = committee_staff and (
        Role.SECRETARY not in ctx.roles or bool(plan.branch_names) or fold(plan.title).startswith("hoc tap")
    )
    committee = person.branch.committee
    if study:
        all_branches = await ctx.uow.reports.branch_names(committee.id)
        by_key = {name_key(n): i for i, n in all_branches.items()}
        branch_ids = []
        for name in plan.branch_names:
            found = by_key.get(name_key(name)) or by_key.get(name_key("chi bo " + name))
            if found is None:
                ctx.reply(ctx.t("att.hop.unknown_branch", name=name, committee=committee.name))
                return
            branch_ids.append(found)
        if not branch_ids:
            branch_ids = sorted(all_branches)
        names = (
            ", ".join(all_branches[b] for b in branch_ids)
            if plan.branch_names
            else ctx.t("att.hop.all_branches", count=len(branch_ids))
        )
    else:
        branch_ids, names = [person.branch_id], person.branch.name
    new = [
        NewMeeting(
            kind="hoc_tap" if study else "sinh_hoat",
            title=plan.title,
            starts_at=s,
            ends_at=s + plan.length,
            committee_id=committee.id,
            branch_ids=branch_ids,
            place=plan.place,
            online_link=plan.link,
            created_by_person_id=person.id,
            recurrence=plan.recurrence,
        )
        for s in plan.starts
    ]
    meetings = await ctx.uow.attendance.create_meetings(new, ctx.now)
    await plan_for_meetings(ctx.uow, meetings, ctx.now)
    first = meetings[0]
    where = where_text(ctx, first)
    if len(meetings) > 1:
        ctx.reply(
            ctx.t(
                "att.hop.created_series",
                count=len(meetings),
                title=first.title,
                rule=plan.rule,
                first=when_text(first),
                where=where,
                branches=names,
            )
        )
    else:
        ctx.reply(
            ctx.t("att.hop.created", title=first.title, when=when_text(first), where=where, branches=names)
        )
    await _announce_in_groups(ctx, first, branch_ids)


async def _announce_in_groups(ctx: Ctx, meeting: Meeting, branch_ids: list[int]) -> None:
    """The first meeting, with RSVP buttons, in every group bound to one of its branches."""
    text = ctx.t("att.announce", title=meeting.title, when=when_text(meeting), where=where_text(ctx, meeting))
    reply = Reply(text, tuple(tuple(row) for row in rsvp_buttons(ctx, meeting.id)), lang=ctx.lang)
    items = [
        outbox_item(
            g.platform,
            g.chat_id,
            reply,
            deliverable_at(ctx.now, is_group=True),
            is_group=True,
            dedup_key=f"att-announce:{meeting.id}:{g.platform}:{g.chat_id}",
        )
        for g in await ctx.uow.chats.groups_of_branches(branch_ids)
        if not (g.platform == ctx.inc.platform and g.chat_id == ctx.inc.chat.chat_id)
    ]
    if ctx.in_group:
        ctx.reply(
            ctx.t(
                "att.announce", title=meeting.title, when=when_text(meeting), where=where_text(ctx, meeting)
            ),
            rsvp_buttons(ctx, meeting.id),
        )
    await ctx.uow.outbox.enqueue(items)


async def schedule(ctx: Ctx) -> None:
    person = ctx.person
    assert person is not None
    upcoming = await ctx.uow.attendance.for_branch(person.branch_id, ends_after=ctx.now, limit=10)
    if not upcoming:
        ctx.reply(ctx.t("att.lich.none"))
        return
    lines = [ctx.t("att.lich.title", branch=person.branch.name)]
    records = await ctx.uow.attendance.records_of(person.id, [m.id for m in upcoming])
    for m in upcoming:
        record = records.get(m.id)
        mine = ctx.t(f"att.lich.mine.{record.status}") if record else ""
        lines.append(
            ctx.t("att.lich.line", when=when_text(m), title=m.title, where=where_text(ctx, m), mine=mine)
        )
    nxt = upcoming[0]
    lines.append("")
    lines.append(ctx.t("att.lich.ask", title=nxt.title, when=when_text(nxt)))
    ctx.reply("\n".join(lines), rsvp_buttons(ctx, nxt.id))
