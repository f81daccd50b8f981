"""/baocao and /xuat: who sees what (names only to the branch's secretaries and committee
staff; a member sees their own record)."""

from __future__ import annotations

from datetime import timedelta

from config.clock import local
from config.formatting import fmt_date
from config.messages import ChatRef, Document, Image
from config.text import fold, name_key
from handlers.actor import Actor, group_branch
from handlers.attendance.wording import when_text
from handlers.context import Ctx
from handlers.reports.build import month_range, period_report, session_report
from handlers.reports.export import branch_export, committee_export
from handlers.reports.render import outcome, period_text, session_text
from handlers.roles import Role
from handlers.when import parse_month
from storage.models import Meeting, Person
from storage.repos.reports import Scope

_MINE = {"toi", "ca nhan", "cua toi", "me", "mine"}


async def _latest(ctx: Ctx, branch_id: int) -> Meeting | None:
    """The branch's meeting being held or held last (check-in may already be open)."""
    found = await ctx.uow.attendance.for_branch(
        branch_id, starts_before=ctx.now + timedelta(minutes=30), limit=1, newest_first=True
    )
    return found[0] if found else None


async def _own_record(ctx: Ctx, person: Person, chat: ChatRef | None = None) -> None:
    chat = chat or ctx.inc.chat
    since = ctx.now - timedelta(days=365)
    meetings = await ctx.uow.attendance.for_branch(
        person.branch_id, starts_after=since, starts_before=ctx.now, limit=60
    )
    if not meetings:
        ctx.send(chat, ctx.t("rep.mine.none", since=fmt_date(since)))
        return
    records = await ctx.uow.attendance.records_of(person.id, [m.id for m in meetings])
    lines = [ctx.t("rep.mine.title", name=person.full_name, since=fmt_date(since))]
    present = 0
    for m in meetings:
        record = records.get(m.id)
        status = outcome(record, m.ends_at <= ctx.now)
        present += status in ("present", "late")
        reason = record.reason if record is not None and record.reason else ctx.t("rep.no_reason")
        lines.append(
            ctx.t(
                "rep.mine.line",
                when=when_text(m),
                title=m.title,
                status=ctx.t(f"rep.status.{status}", reason=reason),
            )
        )
    lines.append(ctx.t("rep.mine.summary", present=present, total=len(meetings)))
    ctx.send(chat, "\n".join(lines))


def _private(ctx: Ctx) -> ChatRef:
    return ChatRef(ctx.inc.platform, ctx.inc.sender.user_id)


def _show(ctx: Ctx, counts: str, with_names: str) -> None:
    """Names of people go only to the caller's private chat: a group gets the counts and is
    told the names went privately."""
    if not ctx.in_group:
        ctx.reply(with_names)
        return
    ctx.reply(counts if counts == with_names else counts + "\n\n" + ctx.t("rep.group.names_private"))
    if counts != with_names:
        ctx.send(_private(ctx), with_names)


async def _group_report(ctx: Ctx, person: Person, args: str) -> None:
    """/baocao typed in a group: the tally of the group's own branch, for its secretaries and
    their committee's staff; anyone else is answered without a name or a figure."""
    branch = await group_branch(ctx)
    if branch is None:
        ctx.reply(ctx.t("rep.group.unbound"))
        return
    if not Actor.of(person, ctx.lang).acts_for(branch):
        if person.branch_id == branch.id and (not args or fold(args) in _MINE):
            await _own_record(ctx, person, _private(ctx))
            ctx.reply(ctx.t("act.sent_privately"))
            return
        ctx.reply(ctx.t("rep.group.not_yours"))
        return
    month = parse_month(args, ctx.now) if args else None
    if args and month is None:
        ctx.reply(ctx.t("rep.bad_args", extra=""))
        return
    if month is not None:
        year, mon = month
        committee = person.branch.committee
        scope = Scope(committee.id, *month_range(year, mon), branch_ids=[branch.id])
        await _month(ctx, scope, f"{mon:02d}/{year}", committee.name)
        return
    await _session(ctx, branch.id)


async def report(ctx: Ctx) -> None:
    person = ctx.person
    assert person is not None
    args = ctx.args.strip()
    if ctx.in_group:
        await _group_report(ctx, person, args)
        return
    committee_staff, secretary = Role.COMMITTEE in ctx.roles, Role.SECRETARY in ctx.roles
    if fold(args) in _MINE or not (committee_staff or secretary):
        if args and fold(args) not in _MINE:
            ctx.reply(ctx.t("rep.members_only"))
            return
        await _own_record(ctx, person)
        return
    committee = person.branch.committee
    month = parse_month(args, ctx.now) if args else None
    if args and month is None:
        if not committee_staff:
            ctx.reply(ctx.t("rep.bad_args", extra=""))
            return
        names = await ctx.uow.reports.branch_names(committee.id)
        wanted = name_key(args)
        branch_id = next((i for i, n in names.items() if name_key(n) in (wanted, f"chi bo {wanted}")), None)
        if branch_id is None:
            ctx.reply(ctx.t("rep.unknown_branch", name=args))
            return
        await _session(ctx, branch_id)
        return
    if committee_staff and (month is not None or not secretary):
        year, mon = month or (local(ctx.now).year, local(ctx.now).month)
        await _month(ctx, Scope(committee.id, *month_range(year, mon)), f"{mon:02d}/{year}", committee.name)
        return
    if month is not None:
        year, mon = month
        scope = Scope(committee.id, *month_range(year, mon), branch_ids=[person.branch_id])
        await _month(ctx, scope, f"{mon:02d}/{year}", committee.name)
        return
    await _session(ctx, person.branch_id)


async def _month(ctx: Ctx, scope: Scope, label: str, committee: str) -> None:
    """A month's tally as text (the workbook and chart are for /xuat)."""
    title = ctx.t("rep.period.title", month=label)
    result = await period_report(ctx.uow, scope, title, ctx.now, with_flags=bool(scope.branch_ids))
    if not result.branches:
        ctx.reply(ctx.t("rep.none_month", month=label))
        return
    _show(
        ctx,
        period_text(ctx.t, result, committee, with_names=False),
        period_text(ctx.t, result, committee, with_names=True),
    )


async def _session(ctx: Ctx, branch_id: int) -> None:
    meeting = await _latest(ctx, branch_id)
    if meeting is None:
        ctx.reply(ctx.t("rep.none"))
        return
    result = await session_report(ctx.uow, meeting, [branch_id], ctx.now, with_names=True)
    _show(ctx, session_text(ctx.t, result, with_names=False), session_text(ctx.t, result, with_names=True))


async def export(ctx: Ctx) -> None:
    """/xuat [tháng]: the workbook as a document, the chart as an image, and the numbers in
    the text so a text-only chat still gets them."""
    person = ctx.person
    assert person is not None
    args = ctx.args.strip()
    month = parse_month(args, ctx.now) if args else None
    if args and month is None:
        ctx.reply(ctx.t("rep.bad_args", extra=""))
        return
    committee = person.branch.committee
    if Role.COMMITTEE in ctx.roles:
        year, mon = month or (local(ctx.now).year, local(ctx.now).month)
        exported = await committee_export(ctx.uow, committee.id, committee.name, year, mon, ctx.now, ctx.lang)
        empty = ctx.t("rep.none_month", month=f"{mon:02d}/{year}")
    else:
        exported = await branch_export(ctx.uow, person, month, ctx.now, ctx.lang)
        empty = ctx.t("rep.none")
    if exported is None:
        ctx.reply(empty)
        return
    caption = ctx.t("rep.export.caption", what=exported.name)
    # the workbook and its text name people: in a group they go to the caller's private chat
    chat = _private(ctx) if ctx.in_group else ctx.inc.chat
    ctx.send(
        chat,
        ctx.t("rep.export.done", what=exported.name, summary=exported.text),
        document=Document(f"{exported.slug}.xlsx", exported.xlsx, caption),
    )
    ctx.send(chat, exported.chart_title, image=Image(f"{exported.slug}.png", exported.png, exported.chart_title))
    if ctx.in_group:
        ctx.reply(ctx.t("act.sent_privately"))
