"""/camket tongket in a chat: a member's year-end summary with the self-assessment to confirm;
`/camket tongket chibo` the branch's for its secretary (text and .xlsx, in private), the
Đảng bộ's counts per branch for committee staff."""

from __future__ import annotations

from config.formatting import fmt_date
from config.messages import Button, Document
from config.text import name_key
from handlers.actor import Actor
from handlers.context import Ctx
from handlers.pledges import summary
from handlers.pledges.buttons import Assess
from handlers.pledges.render import pledge_text
from handlers.pledges.services import year_of
from handlers.reports.build import Heading


async def own(ctx: Ctx, actor: Actor, year: int) -> None:
    m = await summary.of_member(ctx.uow, actor.person, year, ctx.now)
    if m.pledge is None:
        ctx.reply(ctx.t("pl.month.no_pledge", year=year))
        return
    person = actor.person
    lines = [
        ctx.t("pl.year.title", year=year),
        pledge_text(ctx.t, person.full_name, person.branch.name, year, m.pledge.text),
        "",
        ctx.t("pl.year.history"),
        *summary.history_lines(ctx.t, m),
        summary.attendance_line(ctx.t, m),
        *m.quiz,
        "",
        ctx.t("pl.year.self_title"),
        summary.self_assessment(ctx.t, m),
    ]
    level = m.suggested_level()
    lines.append(
        ctx.t("pl.year.suggested", level=ctx.t(f"pl.rating.{level}"))
        if level
        else ctx.t("pl.year.no_suggestion")
    )
    confirmed = m.pledge.pledge.confirmed_at
    if confirmed is not None:
        lines.append(
            ctx.t(
                "pl.year.confirmed",
                level=ctx.t(f"pl.rating.{m.pledge.pledge.self_level}"),
                date=fmt_date(confirmed),
            )
        )
    lines.append(ctx.t("pl.year.confirm_hint"))
    ctx.reply(
        "\n".join(lines),
        [
            [Button(ctx.t("pl.btn.assess", level=ctx.t(f"pl.rating.{lvl}")), Assess(year, lvl).pack())]
            for lvl in summary.LEVELS
        ],
    )


async def assess_pressed(ctx: Ctx, press: Assess) -> None:
    actor = Actor.from_ctx(ctx)
    assert actor is not None
    if ctx.in_group:  # offered privately only
        ctx.notice = ctx.t("pl.private_only")
        return
    if press.year not in (year_of(ctx.now), year_of(ctx.now) - 1):
        ctx.notice = ctx.t("pl.draft_gone")
        return
    m = await summary.of_member(ctx.uow, actor.person, press.year, ctx.now)
    if m.pledge is None:
        ctx.reply(ctx.t("pl.month.no_pledge", year=press.year))
        return
    text = summary.self_assessment(ctx.t, m)
    await ctx.uow.pledges.confirm_assessment(m.pledge.pledge.id, text, press.level, ctx.now)
    ctx.reply(ctx.t("pl.year.kept", level=ctx.t(f"pl.rating.{press.level}"), year=press.year))


async def branch(ctx: Ctx, actor: Actor, year: int) -> None:
    if ctx.in_group:
        ctx.reply(ctx.t("pl.private_only"))
        return
    if actor.committee_staff:
        committee = actor.person.branch.committee
        rows, total, summed = await summary.committee(ctx.uow, year, committee.id)
        ctx.reply(summary.committee_text(ctx.t, year, committee.name, rows, total, summed))
        return
    if not actor.secretary:
        ctx.reply(ctx.t("pl.secretary_only"))
        return
    own_branch = actor.person.branch
    members = await summary.of_branch(ctx.uow, own_branch.id, year, ctx.now)
    lines = [ctx.t("pl.year.branch_title", year=year, branch=own_branch.name)]
    for i, m in enumerate(members, 1):
        if m.pledge is None:
            lines.append(
                ctx.t(
                    "pl.year.branch_missing",
                    i=i,
                    name=m.person.full_name,
                    present=m.attendance.present,
                    expected=m.attendance.expected,
                )
            )
            continue
        n = len(m.pledge.text.actions)
        done = sum(m.last_status(k) == "done" for k in range(1, n + 1))
        level = m.pledge.pledge.self_level
        lines.append(
            ctx.t(
                "pl.year.branch_line",
                i=i,
                name=m.person.full_name,
                done=done,
                actions=n,
                months=len(m.reports),
                reviewed=len(m.reviews),
                present=m.attendance.present,
                expected=m.attendance.expected,
                assessed=ctx.t(f"pl.rating.{level}") if level else ctx.t("pl.year.not_confirmed"),
            )
        )
    ctx.reply("\n".join(lines))
    signer = (await ctx.uow.reports.secretaries([own_branch.id])).get(own_branch.id, "")
    from handlers.pledges.workbook import year_workbook  # openpyxl loads when a workbook is asked for

    heading = Heading(own_branch.committee.name, own_branch.name, str(year), signer, ctx.now)
    content = year_workbook(ctx.t, members, heading)
    file_name = f"camket-{year}-{name_key(own_branch.name).replace(' ', '-')}.xlsx"
    ctx.send(ctx.inc.chat, ctx.t("pl.year.caption", year=year), document=Document(file_name, content))
