"""/hop creates meetings and study sessions; /lich lists what is coming."""

from __future__ import annotations

from config.i18n import Text, t
from handlers.actor import Actor, group_branch
from handlers.attendance.requests import read_request
from handlers.attendance.services.create import Created, create_meetings
from handlers.attendance.wording import announce_text, rsvp_buttons, rule_text, when_text, where_text
from handlers.context import Ctx
from handlers.roles import Role


def created_text(lang: str, created: Created) -> str:
    first = created.meetings[0]
    where = where_text(lang, first)
    names = (
        t(lang, "att.hop.all_branches", count=len(created.branch_ids))
        if created.everyone
        else ", ".join(created.branch_names)
    )
    if len(created.meetings) > 1:
        return t(
            lang,
            "att.hop.created_series",
            count=len(created.meetings),
            title=first.title,
            rule=rule_text(lang, first),
            first=when_text(first),
            where=where,
            branches=names,
        )
    return t(lang, "att.hop.created", title=first.title, when=when_text(first), where=where, branches=names)


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
    here = ctx.inc.chat if ctx.in_group else None
    created = await create_meetings(ctx.uow, actor, request, ctx.now, here=here)
    if isinstance(created, Text):
        ctx.reply(created.render(ctx.lang))
        return
    ctx.reply(created_text(ctx.lang, created))
    first = created.meetings[0]
    if here is not None and created.announce_here:
        ctx.reply(announce_text(ctx.lang, first), rsvp_buttons(ctx.lang, first.id))


async def schedule(ctx: Ctx) -> None:
    """/lich: the branch's coming meetings with the caller's own answers; in a group bound to a
    branch, that branch's, as its group is told of them, without anyone's answer."""
    person = ctx.person
    assert person is not None
    here = await group_branch(ctx)
    branch = here or person.branch
    upcoming = await ctx.uow.attendance.for_branch(branch.id, ends_after=ctx.now, limit=10)
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
        lines.append(
            ctx.t("att.lich.line", when=when_text(m), title=m.title, where=where_text(ctx.lang, m), mine=mine)
        )
    nxt = upcoming[0]
    lines.append("")
    lines.append(ctx.t("att.lich.ask", title=nxt.title, when=when_text(nxt)))
    ctx.reply("\n".join(lines), rsvp_buttons(ctx.lang, nxt.id))
