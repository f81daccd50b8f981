"""/camket in a chat: a member's own pledge (registered, changed until the branch locks the
year); a secretary's words after it (`/camket khoa`, `/camket mo`) and the menu's buttons."""

from __future__ import annotations

from config.formatting import fmt_date
from config.i18n import Text
from config.messages import Button
from config.text import fold
from handlers.actor import Actor
from handlers.context import Ctx
from handlers.pledges import registration, services
from handlers.pledges.buttons import Menu
from handlers.pledges.render import pledge_text

_LOCK = {"khoa", "lock"}
_UNLOCK = {"mo", "mo khoa", "unlock"}
_EDIT = {"sua", "dang ky", "edit", "cap nhat"}


async def pledge(ctx: Ctx) -> None:
    actor = Actor.from_ctx(ctx)
    assert actor is not None
    words = fold(ctx.args)
    if ctx.in_group:
        ctx.reply(ctx.t("pl.private_only"))
        return
    if words in _LOCK | _UNLOCK:
        await _lock(ctx, actor, words in _LOCK)
        return
    current = await services.own(ctx.uow, actor, ctx.now)
    if current is None or words in _EDIT:
        await registration.begin(ctx, actor, current)
        return
    if words:
        ctx.reply(ctx.t("pl.bad_args"))
        return
    await show_own(ctx, actor)


async def show_own(ctx: Ctx, actor: Actor) -> None:
    current = await services.own(ctx.uow, actor, ctx.now)
    if current is None:
        await registration.begin(ctx, actor, None)
        return
    person = actor.person
    text = pledge_text(ctx.t, person.full_name, person.branch.name, current.pledge.year, current.text)
    is_locked = await services.locked(ctx.uow, person.branch_id, current.pledge.year)
    state = ctx.t(
        "pl.view.state",
        registered=fmt_date(current.pledge.registered_at),
        updated=fmt_date(current.pledge.updated_at),
        version=current.versions,
    )
    state += "\n" + ctx.t("pl.view.locked" if is_locked else "pl.view.open")
    buttons = [] if is_locked else [[Button(ctx.t("pl.btn.edit"), Menu("edit").pack())]]
    ctx.reply(text + "\n\n" + state, buttons or None)


async def menu_pressed(ctx: Ctx, press: Menu) -> None:
    actor = Actor.from_ctx(ctx)
    assert actor is not None
    if ctx.in_group:
        ctx.notice = ctx.t("pl.private_only")
        return
    if press.what == "edit":
        await registration.begin(ctx, actor, await services.own(ctx.uow, actor, ctx.now))
    elif press.what in ("lock", "unlock"):
        await _lock(ctx, actor, press.what == "lock")


async def _lock(ctx: Ctx, actor: Actor, lock: bool) -> None:
    year = await services.set_lock(ctx.uow, actor, lock, ctx.now)
    if isinstance(year, Text):
        ctx.reply(year.render(ctx.lang))
        return
    ctx.reply(ctx.t("pl.lock.done" if lock else "pl.lock.opened", year=year, branch=actor.person.branch.name))
