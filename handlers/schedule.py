"""`/lich nhac …`: a branch's reminder offsets and its monthly planning day; and the check
that refuses a /hop time already past with an example of one to come.

/lich nhac                 show them
/lich nhac 3n 1n 1g        remind 3 days, 1 day and 1 hour before each meeting
/lich nhac macdinh         back to the defaults
/lich nhac ngaylap 18      remind the secretaries on the 18th to set next month's meeting
"""

from __future__ import annotations

from config.formatting import fmt_datetime
from config.text import fold
from handlers.actor import OTHER_BRANCH, Actor, branch_here
from handlers.attendance.planning import DEFAULT_DAY, month_start, next_month_start
from handlers.attendance.reminders import (
    DEFAULT_OFFSETS,
    OffsetsError,
    describe_offsets,
    parse_offsets,
    replan_branch,
    stored_offsets,
)
from handlers.context import Ctx, Handler
from handlers.when import When, parse_when

_WORDS = ("nhac", "remind", "reminders")
_DEFAULT_WORDS = ("macdinh", "mac dinh", "default")
_PLANNING_WORDS = ("ngaylap", "ngay lap", "planning")


def is_settings(args: str) -> bool:
    """Do the arguments of /lich ask for the reminder settings?"""
    words = fold(args).split()
    return bool(words) and words[0] in _WORDS


async def reminder_settings(ctx: Ctx) -> None:
    """The reminder settings of the branch here (a bound group's, else the caller's own),
    changed only by that branch's own secretaries."""
    actor = Actor.from_ctx(ctx)
    assert actor is not None
    branch = await branch_here(ctx)
    rest = " ".join(ctx.args.split()[1:])
    current = (await ctx.uow.schedule.branch_settings([branch.id])).get(branch.id)
    offsets = stored_offsets(current.offsets if current else None)
    day = current.planning_day if current else DEFAULT_DAY
    if not rest:
        ctx.reply(
            ctx.t(
                "schedule.settings.show",
                branch=branch.name,
                offsets=describe_offsets(offsets, ctx.lang),
                day=day,
            )
        )
        return
    if not actor.secretary:
        ctx.reply(ctx.t("schedule.settings.members_only"))
        return
    if not actor.secretary_of(branch.id):
        ctx.reply(OTHER_BRANCH.render(ctx.lang))
        return
    folded = fold(rest)
    planning = next((w for w in _PLANNING_WORDS if folded.startswith(w)), None)
    if planning is not None:
        value = folded[len(planning) :].strip()
        if not value.isdigit() or not 1 <= int(value) <= 28:
            ctx.reply(ctx.t("schedule.planning_day.bad"))
            return
        await ctx.uow.schedule.save_branch_settings(branch.id, offsets, int(value), actor.person.id, ctx.now)
        ctx.reply(ctx.t("schedule.planning_day.saved", branch=branch.name, day=int(value)))
        return
    if folded in _DEFAULT_WORDS:
        offsets = DEFAULT_OFFSETS
    else:
        try:
            offsets = parse_offsets(rest)
        except OffsetsError as err:
            ctx.reply(ctx.t(str(err), value=rest))
            return
    await ctx.uow.schedule.save_branch_settings(branch.id, offsets, day, actor.person.id, ctx.now)
    meetings = len(await ctx.uow.attendance.upcoming_of_branch(branch.id, ctx.now))
    await replan_branch(ctx.uow, branch.id, ctx.now)
    ctx.reply(
        ctx.t(
            "schedule.offsets.saved",
            branch=branch.name,
            offsets=describe_offsets(offsets, ctx.lang),
            meetings=meetings,
        )
    )


def with_reminder_settings(listing: Handler) -> Handler:
    """/lich: `/lich nhac …` is the reminder settings; anything else goes to `listing`."""

    async def lich(ctx: Ctx) -> None:
        if is_settings(ctx.args):
            await reminder_settings(ctx)
        else:
            await listing(ctx)

    return lich


def with_schedule_checks(create: Handler) -> Handler:
    """/hop: a date and time already past is refused with an example of one to come; the rest
    goes to `create`, which explains its own forms."""

    async def hop(ctx: Ctx) -> None:
        when = parse_when(ctx.args, ctx.now)
        if isinstance(when, When) and when.start < ctx.now:
            nxt = next_month_start(month_start(ctx.now))
            ctx.reply(
                ctx.t(
                    "schedule.hop.past",
                    when=fmt_datetime(when.start),
                    example=f"05/{nxt.month:02d}/{nxt.year} 14:00",
                    month=f"{nxt.month:02d}/{nxt.year}",
                )
            )
            return
        await create(ctx)

    return hop
