"""/baocao and /xuat: who sees what (names only to the branch's secretaries and committee
staff, in private; a member sees their own record)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from config.clock import local
from config.formatting import fmt_date
from config.messages import Button, ChatRef, Document, Image
from config.text import fold, fold_in_place, name_key
from handlers.actor import Actor, group_branch
from handlers.attendance.wording import when_words
from handlers.context import Ctx
from handlers.reports.build import month_range, month_report, session_report
from handlers.reports.buttons import PickBranch
from handlers.reports.export import Exported, branch_export, committee_export
from handlers.reports.render import outcome, period_text, session_text, state_text
from handlers.reports.rules import BRANCH_MEETING
from handlers.roles import Role
from handlers.when import parse_month
from storage.models import Meeting, Person
from storage.repos.reports import Scope

_MINE = {"toi", "ca nhan", "cua toi", "me", "mine"}
PICK_LIMIT = 40  # branches offered at once when a typed name matches none


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
    key = "rep.mine.title.mass" if person.category == "quan_chung" else "rep.mine.title"
    lines = [ctx.t(key, name=person.full_name, since=fmt_date(since))]
    present = 0
    for m in meetings:
        record = records.get(m.id)
        status = outcome(record, m.ends_at <= ctx.now)
        present += status in ("present", "late")
        reason = record.reason if record is not None and record.reason else ctx.t("rep.no_reason")
        lines.append(
            ctx.t(
                "rep.mine.line",
                when=when_words(m, ctx.lang),
                title=m.title + state_text(ctx.t, m, ctx.now),
                status=ctx.t(f"rep.status.{status}", reason=reason),
            )
        )
    lines.append(ctx.t("rep.mine.summary", present=present, total=len(meetings)))
    ctx.send(chat, "\n".join(lines))


_MONTH_LIKE = re.compile(r"(?:^|\s)(?:thang\s+)?(\d{1,2})\s*[/\-.]\s*(\d{4})$|(?:^|\s)thang\s+(\d{1,3})$")


def _bad_month(ctx: Ctx, args: str) -> bool:
    """A month typed that is no month ("13/2026", "tháng 0"): said so, not looked up as a
    branch's name."""
    m = _MONTH_LIKE.search(fold_in_place(args))
    if m is None or 1 <= int(m.group(1) or m.group(3)) <= 12:
        return False
    ctx.reply(ctx.t("rep.bad_month", month=args[m.start() : m.end()].strip()))
    return True


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
        await _branch_month(ctx, branch.id, month)
        return
    await _session(ctx, branch.id)


@dataclass(frozen=True, slots=True)
class _Wanted:
    """What `/baocao <chi bộ> [tháng]` asks for: the branches it may mean, and the month."""

    branches: list[tuple[int, str]]  # one: found; several or none: to pick from
    month: tuple[int, int] | None
    exact: bool
    typed: str = ""  # the branch's name as typed, without the month


def _matches(wanted: str, names: dict[int, str]) -> list[tuple[int, str]]:
    key = name_key(wanted)
    bare = key.removeprefix("chi bo ").strip()
    exact = [(i, n) for i, n in names.items() if name_key(n) in (key, f"chi bo {bare}")]
    if exact or not bare:
        return exact
    # every typed word, whole, in the branch's name: "khu pho 1" is not "Khu phố 12"
    words = bare.split()
    return [(i, n) for i, n in names.items() if all(w in name_key(n).split() for w in words)]


def _read_branch_and_month(args: str, names: dict[int, str], ctx: Ctx) -> _Wanted:
    """The whole text as a branch first ("khu pho 1" is a branch, not January), then with a
    month at its end ("khu pho 1 12/2026", "khu pho 1 tháng 12", "khu pho 1 12"). A bare
    number is a month only after a branch's exact name: "khu pho 9" is a branch not found."""
    words = args.split()
    readings: list[tuple[str, tuple[int, int] | None, bool]] = [(args, None, True)]
    for k in (2, 1):
        if len(words) > k and (month := parse_month(" ".join(words[-k:]), ctx.now)) is not None:
            readings.append((" ".join(words[:-k]), month, not words[-1].isdigit()))
    for text, month, _ in readings:
        found = _matches(text, names)
        if len(found) == 1:
            return _Wanted(found, month, True)
    plain = [(text, month) for text, month, spelled in readings if spelled]
    for text, month in plain:
        if found := _matches(text, names):
            return _Wanted(found, month, False)
    return _Wanted([], plain[-1][1], False, plain[-1][0])


def _offer_branches(ctx: Ctx, typed: str, wanted: _Wanted, names: dict[int, str]) -> None:
    choices = wanted.branches or sorted(names.items(), key=lambda b: name_key(b[1]))
    year, month = wanted.month or (0, 0)
    key = "rep.pick_branch" if wanted.branches else "rep.unknown_branch"
    shown = choices[:PICK_LIMIT]
    more = ctx.t("rep.pick_branch.more", n=len(choices) - len(shown)) if len(choices) > len(shown) else ""
    ctx.reply(
        ctx.t(key, name=wanted.typed or typed) + more,
        [[Button(name, PickBranch(branch_id, year, month).pack())] for branch_id, name in shown],
    )


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
    if _bad_month(ctx, args):
        return
    month = parse_month(args, ctx.now) if args else None
    if args and month is None:
        names = await ctx.uow.reports.branch_names(committee.id)
        wanted = _read_branch_and_month(args, names, ctx)
        if not wanted.exact and not committee_staff:
            ctx.reply(ctx.t("rep.bad_args", extra=ctx.t("rep.bad_args.branch")))
            return
        if not wanted.exact:
            _offer_branches(ctx, args, wanted, names)
            return
        ((branch_id, _),) = wanted.branches
        await _branch_report(ctx, branch_id, wanted.month)
        return
    if committee_staff and (month is not None or not secretary):
        year, mon = month or (local(ctx.now).year, local(ctx.now).month)
        await _month(ctx, Scope(committee.id, *month_range(year, mon)), committee.name)
        return
    if month is not None:
        await _branch_month(ctx, person.branch_id, month)
        return
    await _session(ctx, person.branch_id)


async def branch_picked(ctx: Ctx, press: PickBranch) -> None:
    await _branch_report(ctx, press.branch, (press.year, press.month) if press.month else None)


async def _branch_report(ctx: Ctx, branch_id: int, month: tuple[int, int] | None) -> None:
    """A branch's report for a secretary (their own branch only) or committee staff (a
    branch of their committee)."""
    person = ctx.person
    assert person is not None
    branch = await ctx.uow.people.branch(branch_id)
    if branch is None or branch.committee_id != person.branch.committee_id:
        ctx.notice = ctx.t("choices.expired")
        return
    if Role.COMMITTEE not in ctx.roles and branch_id != person.branch_id:
        ctx.reply(ctx.t("rep.not_your_branch", branch=person.branch.name))
        return
    if month is None:
        await _session(ctx, branch_id)
    else:
        await _branch_month(ctx, branch_id, month)


async def _branch_month(ctx: Ctx, branch_id: int, month: tuple[int, int]) -> None:
    committee = ctx.person.branch.committee if ctx.person is not None else None
    assert committee is not None
    scope = Scope(committee.id, *month_range(*month), branch_ids=[branch_id])
    await _month(ctx, scope, committee.name, await _pledge_line(ctx, branch_id, *month))


async def _month(ctx: Ctx, scope: Scope, committee: str, pledges: str = "") -> None:
    """A month's tally as text (the workbook and chart are for /xuat)."""
    assert scope.start is not None
    label = local(scope.start).strftime("%m/%Y")
    title = ctx.t("rep.period.title", month=label)
    result = await month_report(ctx.uow, scope, title, committee, ctx.now, with_flags=bool(scope.branch_ids))
    if not result.branches:
        ctx.reply(ctx.t("rep.none_month", month=label))
        return
    _show(
        ctx,
        period_text(ctx.t, result, committee, with_names=False) + pledges,
        period_text(ctx.t, result, committee, with_names=True) + pledges,
    )


async def _session(ctx: Ctx, branch_id: int) -> None:
    meeting = await _latest(ctx, branch_id)
    if meeting is None:
        ctx.reply(ctx.t("rep.none"))
        return
    result = await session_report(ctx.uow, meeting, [branch_id], ctx.now, with_names=True)
    pledges = ""
    if meeting.kind == BRANCH_MEETING:
        wall = local(meeting.starts_at)
        pledges = await _pledge_line(ctx, branch_id, wall.year, wall.month)
    _show(
        ctx,
        session_text(ctx.t, result, with_names=False, lang=ctx.lang) + pledges,
        session_text(ctx.t, result, with_names=True, lang=ctx.lang) + pledges,
    )


async def _pledge_line(ctx: Ctx, branch_id: int, year: int, month: int) -> str:
    """The monthly meeting's word on the pledges: how many reported on the month and how many
    the branch reviewed (counts only, so a group may read it)."""
    registered, reported, reviewed = await ctx.uow.pledges.month_counts(
        branch_id, year, f"{year:04d}-{month:02d}"
    )
    if not registered:
        return ""
    return "\n\n" + ctx.t(
        "pl.month.line",
        month=f"{month:02d}/{year}",
        registered=registered,
        reported=reported,
        reviewed=reviewed,
    )


async def export(ctx: Ctx) -> None:
    """/xuat [tháng]: the workbook as a document, the chart as an image, and the numbers in
    the text so a text-only chat still gets them. The workbook lists names: typed in a
    group, it goes to the caller's private chat."""
    person = ctx.person
    assert person is not None
    args = ctx.args.strip()
    if _bad_month(ctx, args):
        return
    month = parse_month(args, ctx.now) if args else None
    committee = person.branch.committee
    exported: Exported | None
    if args and month is None:
        if Role.COMMITTEE not in ctx.roles:
            ctx.reply(ctx.t("rep.export.usage"))
            return
        names = await ctx.uow.reports.branch_names(committee.id)
        wanted = _read_branch_and_month(args, names, ctx)
        branch = await ctx.uow.people.branch(wanted.branches[0][0]) if wanted.exact else None
        if branch is None:
            ctx.reply(ctx.t("rep.export.usage_staff"))
            return
        exported = await branch_export(ctx.uow, branch, wanted.month, ctx.now, ctx.lang)
        empty = ctx.t("rep.none")
    elif Role.COMMITTEE in ctx.roles:
        year, mon = month or (local(ctx.now).year, local(ctx.now).month)
        exported = await committee_export(ctx.uow, committee.id, committee.name, year, mon, ctx.now, ctx.lang)
        empty = ctx.t("rep.none_month", month=f"{mon:02d}/{year}")
    else:
        exported = await branch_export(ctx.uow, person.branch, month, ctx.now, ctx.lang)
        empty = ctx.t("rep.none")
    if exported is None:
        ctx.reply(empty)
        return
    chat = _private(ctx) if ctx.in_group else ctx.inc.chat
    if ctx.in_group:
        ctx.reply(ctx.t("act.sent_privately"))
    caption = ctx.t("rep.export.caption", what=exported.name)
    ctx.send(
        chat,
        ctx.t(
            "rep.export.done" if exported.png is not None else "rep.export.done_no_chart",
            what=exported.name,
            summary=exported.text,
        ),
        document=Document(f"{exported.slug}.xlsx", exported.xlsx, caption),
    )
    if exported.png is None:
        ctx.send(chat, ctx.t("rep.export.no_chart", why=exported.chart_title))
        return
    ctx.send(
        chat, exported.chart_title, image=Image(f"{exported.slug}.png", exported.png, exported.chart_title)
    )
