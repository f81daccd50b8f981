"""/hop shows what it understood and creates meetings and study sessions on «Tạo»; /lich
lists what is coming."""

from __future__ import annotations

from config.clock import local
from config.formatting import fmt_date, fmt_int
from config.i18n import Text, t
from config.messages import Button, ChatRef
from handlers.actor import Actor, group_branch
from handlers.attendance.buttons import CreateMeeting
from handlers.attendance.reminders import describe_offsets
from handlers.attendance.requests import read_request
from handlers.attendance.services.create import Created, Plan, confirm_plan, drop_plan, plan_meetings
from handlers.attendance.wording import (
    day_of,
    rsvp_buttons,
    rule_text,
    span_words,
    when_words,
    where_text,
)
from handlers.context import Ctx
from handlers.roles import Role
from scheduler.recurrence import describe

_SHOWN = 3  # duplicates named one by one; the rest are counted


def _branches_text(lang: str, everyone: bool, ids: list[int], names: list[str]) -> str:
    return t(lang, "att.hop.all_branches", count=len(ids)) if everyone else ", ".join(names)


def _told_text(lang: str, key: str, offsets: tuple[int, ...] | None, **values: object) -> str:
    if offsets is None:
        return t(lang, f"{key}_branches", **values)
    return t(lang, key, offsets=describe_offsets(offsets, lang), **values)


def _posted(lang: str, when: str, groups: int) -> str:
    if not groups:
        return t(lang, f"sched.posted.{when}_none")
    return t(lang, f"sched.posted.{when}", groups=fmt_int(groups))


def created_text(lang: str, created: Created) -> str:
    first = created.meetings[0]
    where = where_text(lang, first)
    names = _branches_text(lang, created.everyone, created.branch_ids, created.branch_names)
    if len(created.meetings) > 1:
        text = t(
            lang,
            "att.hop.created_series",
            count=len(created.meetings),
            title=first.title,
            rule=rule_text(lang, first),
            first=when_words(first, lang),
            where=where,
            branches=names,
        )
    else:
        text = t(
            lang,
            "att.hop.created",
            title=first.title,
            when=when_words(first, lang),
            where=where,
            branches=names,
        )
    return (
        text
        + "\n"
        + _told_text(
            lang, "sched.created.told", created.offsets, posted=_posted(lang, "done", created.announced)
        )
    )


def _yes_label(lang: str, plan: Plan) -> str:
    if plan.warned:
        return t(lang, "sched.btn.create_anyway")
    if plan.odd_hour or plan.overlaps:
        return t(lang, "sched.btn.create_odd")
    count = len(plan.request.starts)
    return t(lang, "sched.btn.create_series", count=count) if count > 1 else t(lang, "sched.btn.create")


def _kind(lang: str, plan: Plan) -> str:
    return t(lang, "att.kind.hoc_tap" if plan.study else "att.kind.sinh_hoat")


def _when_lines(lang: str, plan: Plan) -> list[str]:
    request = plan.request
    first, last = request.starts[0], request.starts[-1]
    if request.rule is None:
        return [
            t(
                lang,
                "sched.preview.one",
                kind=_kind(lang, plan),
                title=request.title,
                when=span_words(lang, first, first + request.length),
            )
        ]
    lines = [
        t(
            lang,
            "sched.preview.series",
            kind=_kind(lang, plan),
            title=request.title,
            rule=describe(request.rule, lang),
            count=len(request.starts),
            first=day_of(first).render(lang),
            last=day_of(last).render(lang),
            start=f"{local(first):%H:%M}",
            end=f"{local(first + request.length):%H:%M}",
        )
    ]
    if plan.month_end:
        dates = "; ".join(day_of(d).render(lang) for d in plan.month_end)
        lines.append(t(lang, "sched.preview.month_end", day=request.rule.day, dates=dates))
    return lines


def _warnings(lang: str, plan: Plan, yes: str, no: str) -> list[str]:
    lines = []
    if plan.request.passed is not None:
        passed, start = plan.request.passed, plan.request.starts[0]
        lines.append(t(lang, "sched.warn.next_year", passed=fmt_date(passed), date=fmt_date(start), no=no))
    for series in plan.same_series:
        m = series.meetings[0]
        lines.append(
            t(
                lang,
                "sched.warn.same_series",
                title=m.title,
                rule=rule_text(lang, m),
                count=len(series.meetings),
                first=when_words(m, lang),
            )
        )
    for m in plan.duplicates[:_SHOWN]:
        lines.append(t(lang, "sched.warn.duplicate", title=m.title, when=when_words(m, lang)))
    if len(plan.duplicates) > _SHOWN:
        lines.append(t(lang, "sched.warn.duplicates_more", count=len(plan.duplicates) - _SHOWN))
    for m in plan.overlaps[:_SHOWN]:
        lines.append(t(lang, "sched.warn.clash", title=m.title, when=when_words(m, lang)))
    if plan.odd_hour:
        start = local(plan.request.starts[0])
        lines.append(t(lang, "sched.warn.odd_hour", time=f"{start:%H:%M}", yes=yes, no=no))
        if 1 <= start.hour <= 5:  # "2h" typed for 2 giờ chiều
            pm = f"{start.hour + 12:02d}:{start.minute:02d}"
            clock = (
                t(lang, "sched.warn.pm_hour_minute", hour=start.hour, minute=f"{start.minute:02d}")
                if start.minute
                else t(lang, "sched.warn.pm_hour", hour=start.hour)
            )
            day = plan.request.recurrence.rsplit(" ", 1)[0] if plan.request.rule else fmt_date(start)
            example = f"{day} {pm} {plan.request.title}"
            lines.append(
                t(
                    lang,
                    "sched.warn.odd_hour_pm",
                    pm=pm,
                    words=t(lang, "sched.warn.pm_words", clock=clock),
                    example=example,
                )
            )
    return lines


def plan_text(lang: str, plan: Plan) -> str:
    request = plan.request
    yes, no = _yes_label(lang, plan), t(lang, "sched.btn.drop")
    lines = [t(lang, "sched.preview.head"), *_when_lines(lang, plan)]
    lines.append(
        t(lang, "sched.preview.place", place=request.place)
        if request.place
        else t(lang, "sched.preview.no_place")
    )
    if request.link:
        lines.append(t(lang, "sched.preview.link", link=request.link))
    names = _branches_text(lang, plan.everyone, plan.branch_ids, plan.branch_names)
    lines.append(t(lang, "sched.preview.for", branches=names, people=fmt_int(plan.people)))
    lines.append(
        _told_text(
            lang,
            "sched.preview.told",
            plan.offsets,
            posted=_posted(lang, "will", plan.groups),
            linked=fmt_int(plan.linked),
        )
    )
    if plan.people > plan.linked:
        lines.append(t(lang, "sched.preview.unlinked", count=fmt_int(plan.people - plan.linked)))
    warnings = _warnings(lang, plan, yes, no)
    if warnings:
        lines += ["", *warnings]
    lines += ["", t(lang, "sched.preview.ask", yes=yes, no=no)]
    return "\n".join(lines)


def plan_buttons(lang: str, plan: Plan) -> list[list[Button]]:
    return [
        [
            Button(_yes_label(lang, plan), CreateMeeting(plan.draft_id, "ok").pack()),
            Button(t(lang, "sched.btn.drop"), CreateMeeting(plan.draft_id, "no").pack()),
        ]
    ]


def _private_chat(ctx: Ctx) -> ChatRef:
    """The preview goes to the sender's private chat, never to the group: only they confirm."""
    return ChatRef(ctx.inc.platform, ctx.inc.sender.user_id) if ctx.in_group else ctx.inc.chat


async def create(ctx: Ctx) -> None:
    actor = Actor.from_ctx(ctx)
    assert actor is not None
    usage = ctx.t("att.hop.usage") + (
        "\n\n" + ctx.t("att.hop.usage_committee") if Role.COMMITTEE in ctx.roles else ""
    )
    request = read_request(ctx.args.strip(), ctx.now) if ctx.args.strip() else None
    if request is None:
        ctx.reply(usage)
        return
    if isinstance(request, Text):
        ctx.reply(request.render(ctx.lang))
        return
    plan = await plan_meetings(ctx.uow, actor, request, ctx.now)
    if isinstance(plan, Text):
        ctx.reply(plan.render(ctx.lang))
        return
    ctx.send(_private_chat(ctx), plan_text(ctx.lang, plan), plan_buttons(ctx.lang, plan))


async def create_chosen(ctx: Ctx, press: CreateMeeting) -> None:
    """«Tạo» under a preview creates its meetings; «Không tạo» drops it."""
    actor = Actor.from_ctx(ctx)
    assert actor is not None
    chat = _private_chat(ctx)
    if press.answer == "no":
        dropped = await drop_plan(ctx.uow, actor, press.draft, ctx.now)
        ctx.send(chat, (dropped or Text("sched.dropped")).render(ctx.lang))
        return
    done = await confirm_plan(ctx.uow, actor, press.draft, ctx.now)
    if isinstance(done, Text):
        ctx.send(chat, done.render(ctx.lang))
    elif isinstance(done, Plan):
        text = ctx.t("sched.draft.changed") + "\n\n" + plan_text(ctx.lang, done)
        ctx.send(chat, text, plan_buttons(ctx.lang, done))
    else:
        ctx.send(chat, created_text(ctx.lang, done))


SCHEDULE_SHOWN = 10  # the coming meetings /lich lists


async def schedule(ctx: Ctx) -> None:
    """/lich: the branch's coming meetings with the caller's own answers; in a group bound to a
    branch, that branch's, as its group is told of them, without anyone's answer."""
    person = ctx.person
    assert person is not None
    here = await group_branch(ctx)
    if ctx.in_group and here is None:
        ctx.reply(ctx.t("att.lich.unbound"))
        return
    branch = here or person.branch
    upcoming = await ctx.uow.attendance.for_branch(branch.id, ends_after=ctx.now, limit=SCHEDULE_SHOWN + 1)
    more, upcoming = len(upcoming) > SCHEDULE_SHOWN, upcoming[:SCHEDULE_SHOWN]
    if not upcoming:
        ctx.reply(ctx.t("att.lich.none"))
        return
    lines = [ctx.t("att.lich.title", branch=branch.name)]
    records = (
        await ctx.uow.attendance.records_of(person.id, [m.id for m in upcoming]) if not ctx.in_group else {}
    )
    for m in upcoming:
        record = records.get(m.id)
        mine = ctx.t(f"att.lich.mine.{record.status}") if record else ""
        if m.starts_at <= ctx.now:
            mine = ctx.t("att.lich.in_progress") + mine
        lines.append(
            ctx.t(
                "att.lich.line",
                when=when_words(m, ctx.lang),
                title=m.title,
                where=where_text(ctx.lang, m),
                mine=mine,
            )
        )
    if more:
        lines.append(ctx.t("att.lich.more", shown=SCHEDULE_SHOWN))
    nxt = upcoming[0]
    lines.append("")
    lines.append(ctx.t("att.lich.ask", title=nxt.title, when=when_words(nxt, ctx.lang)))
    ctx.reply("\n".join(lines), rsvp_buttons(ctx.lang, nxt.id))


_MEETING_WORDS = ("hop", "sinh hoat")
_QUESTION_WORDS = (
    "may gio",
    "khi nao",
    "bao gio",
    "o dau",
    "khong",
    "hom nay",
    "ngay mai",
    "luc nao",
    "thu may",
)


def asks_about_meetings(folded: str) -> bool:
    """A question about the meetings typed in a member's own words: "hôm nay có họp
    không", "họp lúc mấy giờ", "mai họp ở đâu" (the folded text)."""
    padded = f" {' '.join(folded.replace('?', ' ').split())} "
    if len(padded.split()) > 12:
        return False
    return any(f" {w} " in padded for w in _MEETING_WORDS) and any(
        f" {w} " in padded for w in _QUESTION_WORDS
    )


async def schedule_asked(ctx: Ctx) -> None:
    """The schedule, as /lich shows it, for a question about the meetings."""
    ctx.args = ""
    await schedule(ctx)
