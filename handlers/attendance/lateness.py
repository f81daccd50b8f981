"""`/lich muon …`: how long after the start a branch still counts a check-in as on time.

/lich muon             show it
/lich muon 10          ten minutes
/lich muon macdinh     back to the default (services/rules.py: DEFAULT_GRACE)
"""

from __future__ import annotations

import re

from config.text import fold
from handlers.actor import OTHER_BRANCH, Actor, branch_here
from handlers.attendance.services.rules import DEFAULT_GRACE, MAX_GRACE_MINUTES
from handlers.context import Ctx, Handler

_WORDS = ("muon", "late", "grace")
_DEFAULT_WORDS = ("macdinh", "mac dinh", "default")
_MINUTES = re.compile(r"(\d{1,3})\s*(?:phut|p|min|minutes?)?")
DEFAULT_MINUTES = int(DEFAULT_GRACE.total_seconds() // 60)


def is_lateness(args: str) -> bool:
    words = fold(args).split()
    return bool(words) and words[0] in _WORDS


async def lateness_settings(ctx: Ctx) -> None:
    """The grace period of the branch here (a bound group's, else the caller's own), set only
    by that branch's own secretaries."""
    actor = Actor.from_ctx(ctx)
    assert actor is not None
    branch = await branch_here(ctx)
    rest = fold(" ".join(ctx.args.split()[1:]))
    if not rest:
        own = (await ctx.uow.lateness.grace_minutes([branch.id])).get(branch.id)
        ctx.reply(
            ctx.t(
                "att.late.show",
                branch=branch.name,
                minutes=DEFAULT_MINUTES if own is None else own,
                default=ctx.t("att.late.default") if own is None else "",
                max=MAX_GRACE_MINUTES,
            )
        )
        return
    if not actor.secretary:
        ctx.reply(ctx.t("att.late.secretaries_only"))
        return
    if not actor.secretary_of(branch.id):
        ctx.reply(OTHER_BRANCH.render(ctx.lang))
        return
    minutes: int | None
    if rest in _DEFAULT_WORDS:
        minutes = None
    else:
        m = _MINUTES.fullmatch(rest)
        if m is None or not 0 <= int(m.group(1)) <= MAX_GRACE_MINUTES:
            ctx.reply(ctx.t("att.late.bad", max=MAX_GRACE_MINUTES, default=DEFAULT_MINUTES))
            return
        minutes = int(m.group(1))
    await ctx.uow.lateness.save(branch.id, minutes, actor.person.id, ctx.now)
    ctx.reply(
        ctx.t(
            "att.late.saved",
            branch=branch.name,
            minutes=DEFAULT_MINUTES if minutes is None else minutes,
            default=ctx.t("att.late.default") if minutes is None else "",
        )
    )


def with_lateness_settings(listing: Handler) -> Handler:
    """/lich: `/lich muon …` is the branch's grace period; anything else goes to `listing`."""

    async def lich(ctx: Ctx) -> None:
        if is_lateness(ctx.args):
            await lateness_settings(ctx)
        else:
            await listing(ctx)

    return lich
