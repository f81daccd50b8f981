"""/camket in a chat: a member's own pledge (registered, changed until the branch locks the
year); a secretary's words after it (`/camket khoa`, `/camket mo`) and the menu's buttons."""

from __future__ import annotations

from config.clock import local
from config.formatting import fmt_date, fmt_int
from config.i18n import Text
from config.messages import Button, ChatRef
from config.text import fold
from handlers.actor import Actor, group_branch
from handlers.context import Ctx
from handlers.pledges import followup, rates, registration, reminders, review, services, yearend
from handlers.pledges.buttons import Menu, Remind, ReportStart
from handlers.pledges.render import pledge_text
from handlers.when import parse_month

# the words after /camket, folded and run together ("tình hình", "tinhhinh")
_LOCK = {"khoa", "lock"}
_UNLOCK = {"mo", "mokhoa", "unlock"}
_EDIT = {"sua", "dangky", "edit", "capnhat"}
_STATUS = {"tinhhinh", "tyle", "thongke", "status", "rate"}
_REMIND = {"nhac", "nhacnho", "remind"}
_REPORT = {"baocao", "report"}
_HISTORY = {"lichsu", "history"}
_REVIEW = {"duyet", "nhanxet", "review"}
_MONTHLY = _REPORT | _REVIEW


async def pledge(ctx: Ctx) -> None:
    actor = Actor.from_ctx(ctx)
    assert actor is not None
    words, month = _words(ctx)
    if words in _STATUS:
        await status(ctx, actor)
        return
    if ctx.in_group:  # a pledge, its months and its year are the person's own, even its tongket
        ctx.reply(ctx.t("pl.private_only"))
        return
    if words.startswith("tongket") or words.startswith("summary"):
        year, bare = _year(words)
        if bare in ("tongket", "summary"):
            await yearend.own(ctx, actor, year or services.year_of(ctx.now))
            return
        if bare in ("tongketchibo", "summarybranch"):
            await yearend.branch(ctx, actor, year or services.year_of(ctx.now))
            return
    if words in _REMIND:
        await _remind_preview(ctx, actor)
        return
    if words in _REPORT:
        await followup.start(ctx, actor, *month)
        return
    if words in _REVIEW:
        await review.start(ctx, actor, *month)
        return
    if words in _HISTORY:
        await followup.show_history(ctx, actor)
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


def _year(words: str) -> tuple[int | None, str]:
    """A year at the end of the words ("tongket2026"), and the words before it."""
    if len(words) > 4 and words[-4:].isdigit() and 2000 <= int(words[-4:]) <= 2100:
        return int(words[-4:]), words[:-4]
    return None, words


def _words(ctx: Ctx) -> tuple[str, tuple[int, int]]:
    """What follows /camket, folded and run together, and the month it names at its end
    ("baocao 11/2026"), else this month."""
    folded = fold(ctx.args).split()
    wall = local(ctx.now)
    if len(folded) > 1 and "".join(folded[:-1]) in _MONTHLY:
        month = parse_month(folded[-1], ctx.now)
        if month is not None:
            return "".join(folded[:-1]), month
    return "".join(folded), (wall.year, wall.month)


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
    buttons += [
        [Button(ctx.t("pl.btn.report"), Menu("report").pack())],
        [Button(ctx.t("pl.btn.history"), Menu("history").pack())],
    ]
    if actor.secretary:
        buttons += [
            [Button(ctx.t("pl.btn.rate"), Menu("rate").pack())],
            [Button(ctx.t("pl.btn.review_month"), Menu("review").pack())],
        ]
    ctx.reply(text + "\n\n" + state + "\n" + ctx.t("pl.view.more"), buttons)


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
    elif press.what == "remind":
        await _remind_preview(ctx, actor)
    elif press.what == "rate":
        await status(ctx, actor)
    elif press.what == "history":
        await followup.show_history(ctx, actor)
    elif press.what in ("report", "review"):
        wall = local(ctx.now)
        start = followup.start if press.what == "report" else review.start
        await start(ctx, actor, wall.year, wall.month)


async def report_pressed(ctx: Ctx, press: ReportStart) -> None:
    actor = Actor.from_ctx(ctx)
    assert actor is not None
    if ctx.in_group:  # offered privately only: a forged press in a group shows nothing there
        ctx.notice = ctx.t("pl.private_only")
        return
    await followup.start(ctx, actor, press.year, press.month)


def _private(ctx: Ctx) -> ChatRef:
    return ChatRef(ctx.inc.platform, ctx.inc.sender.user_id)


async def status(ctx: Ctx, actor: Actor) -> None:
    """The registration rate: in a group bound to a branch, that branch's figures for those who
    act for it (the names of those not registered go to their private chat); in private, the
    secretary's own branch with the names, committee staff's Đảng bộ by branch."""
    year = services.year_of(ctx.now)
    branch = await group_branch(ctx) if ctx.in_group else None
    if ctx.in_group:
        if branch is None or not actor.acts_for(branch):
            ctx.reply(ctx.t("pl.rate.not_yours"))
            return
        branch_id = branch.id
    elif actor.committee_staff:
        committee = actor.person.branch.committee
        branches, total = await rates.rates(ctx.uow, year, committee.id)
        ctx.reply(rates.committee_text(ctx.t, year, committee.name, branches, total))
        return
    elif actor.secretary:
        branch_id = actor.person.branch_id
    else:
        ctx.reply(ctx.t("pl.rate.staff_only"))
        return
    committee_id = branch.committee_id if branch is not None else actor.person.branch.committee_id
    (rate,), _ = await rates.rates(ctx.uow, year, committee_id, [branch_id])
    missing = await ctx.uow.pledges.not_registered(branch_id, year)
    row = await ctx.uow.pledges.year_of(branch_id, year)
    sent = row.reminders if row is not None else 0
    with_names = rates.branch_text(ctx.t, year, rate, missing, sent)
    may_remind = actor.secretary_of(branch_id) and not sent and any(not x for _, x in missing)
    buttons = [[Button(ctx.t("pl.btn.remind"), Menu("remind").pack())]] if may_remind else None
    if not ctx.in_group:
        ctx.reply(with_names, buttons)
        return
    ctx.reply(rates.branch_text(ctx.t, year, rate, None, sent) + "\n\n" + ctx.t("pl.rate.names_private"))
    ctx.send(_private(ctx), with_names, buttons)


async def _remind_preview(ctx: Ctx, actor: Actor) -> None:
    found = await reminders.preview(ctx.uow, actor, ctx.now)
    if isinstance(found, Text):
        ctx.reply(found.render(ctx.lang))
        return
    lines = [
        ctx.t("pl.remind.preview", n=fmt_int(len(found.reach)), year=found.year, rounds=reminders.ROUNDS)
    ]
    lines.append(", ".join(m.full_name for m in found.reach))
    if found.unlinked:
        lines.append(ctx.t("pl.remind.unlinked", names=", ".join(found.unlinked)))
    ctx.send(
        _private(ctx),
        "\n".join(lines),
        [
            [
                Button(ctx.t("pl.btn.send_remind"), Remind(found.year, "ok").pack()),
                Button(ctx.t("pl.btn.cancel"), Remind(found.year, "no").pack()),
            ]
        ],
    )


async def remind_pressed(ctx: Ctx, press: Remind) -> None:
    actor = Actor.from_ctx(ctx)
    assert actor is not None
    if press.answer == "no":
        ctx.reply(ctx.t("pl.remind.cancelled"))
        return
    if press.year != services.year_of(ctx.now):
        ctx.notice = ctx.t("pl.draft_gone")
        return
    sent = await reminders.send(ctx.uow, actor, ctx.now)
    if isinstance(sent, Text):
        ctx.reply(sent.render(ctx.lang))
        return
    n, _ = sent
    ctx.reply(ctx.t("pl.remind.sent", n=fmt_int(n), rounds=reminders.ROUNDS))


async def _lock(ctx: Ctx, actor: Actor, lock: bool) -> None:
    year = await services.set_lock(ctx.uow, actor, lock, ctx.now)
    if isinstance(year, Text):
        ctx.reply(year.render(ctx.lang))
        return
    ctx.reply(ctx.t("pl.lock.done" if lock else "pl.lock.opened", year=year, branch=actor.person.branch.name))
