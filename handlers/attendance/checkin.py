"""RSVP before a meeting, check-in during it (by the member or by proxy), apologies."""

from __future__ import annotations

from datetime import datetime

from config.formatting import fmt_datetime
from config.messages import Button, ChatRef
from config.text import name_key, same_words
from handlers.attendance.meetings import when_text
from handlers.context import Ctx
from handlers.roles import Role
from storage.models import Meeting, Person
from storage.repos.attendance import CHECKIN_OPENS_BEFORE, PRESENT

PROXY_PAGE = 20  # a typed number has at most two digits; keep the list readable too
_LIST_WORDS = ("ho", "ds", "danh sach", "list")


def answer_privately(ctx: Ctx, text: str) -> None:
    """In a group, the tapper alone hears back: the button's short answer, or a private
    message when a number was typed; never a group message per member."""
    if not ctx.in_group:
        ctx.reply(text)
        return
    if ctx.inc.callback_data is not None:
        ctx.notice = text
    else:
        ctx.send(ChatRef(ctx.inc.platform, ctx.inc.sender.user_id), text)


async def _meeting_for_person(ctx: Ctx, meeting_id_text: str, person: Person) -> Meeting | None:
    meeting, takes_part = (
        await ctx.uow.attendance.for_member(int(meeting_id_text), person.branch_id)
        if meeting_id_text.isdigit()
        else (None, False)
    )
    if meeting is None or meeting.cancelled:
        answer_privately(ctx, ctx.t("att.gone"))
        return None
    if not takes_part:
        answer_privately(ctx, ctx.t("att.checkin.not_member"))
        return None
    return meeting


async def rsvp_chosen(ctx: Ctx) -> None:
    """Buttons "Sẽ tham dự" (att:<id>:y) and "Xin vắng" (att:<id>:n)."""
    person = ctx.person
    if person is None:
        answer_privately(ctx, ctx.t("link.how"))
        return
    meeting_id, _, answer = ctx.args.partition(":")
    meeting = await _meeting_for_person(ctx, meeting_id, person)
    if meeting is None:
        return
    if meeting.ends_at <= ctx.now:
        answer_privately(ctx, ctx.t("att.rsvp.over", title=meeting.title))
        return
    current = await ctx.uow.attendance.get_record(meeting.id, person.id)
    if current is not None and current.status in PRESENT:
        answer_privately(ctx, ctx.t("att.rsvp.already_in"))
        return
    if answer == "y":
        await ctx.uow.attendance.record(meeting.id, [person], "will_attend", ctx.now, by_person_id=person.id)
        answer_privately(ctx, ctx.t("att.rsvp.yes", title=meeting.title, when=when_text(meeting)))
    else:
        reason = current.reason if current is not None and current.status == "excused" else ""
        await ctx.uow.attendance.record(
            meeting.id, [person], "excused", ctx.now, reason=reason, by_person_id=person.id
        )
        answer_privately(ctx, ctx.t("att.rsvp.ask_reason", title=meeting.title))


async def apologise(ctx: Ctx) -> None:
    """/vang <lý do>: apologies for the branch's next meeting."""
    person = ctx.person
    assert person is not None
    reason = " ".join(ctx.args.split())
    if not reason:
        answer_privately(ctx, ctx.t("att.vang.usage"))
        return
    meeting = await ctx.uow.attendance.next_for_branch(person.branch_id, ctx.now)
    if meeting is None:
        answer_privately(ctx, ctx.t("att.vang.none"))
        return
    changed = await ctx.uow.attendance.record(
        meeting.id, [person], "excused", ctx.now, reason=reason, by_person_id=person.id
    )
    if not changed:
        answer_privately(ctx, ctx.t("att.rsvp.already_in"))
        return
    answer_privately(ctx, ctx.t("att.vang.done", title=meeting.title, when=when_text(meeting), reason=reason))


async def _check_in(ctx: Ctx, meeting: Meeting, people: list[Person], by: Person) -> int:
    status = checkin_status(meeting, ctx.now)
    changed = await ctx.uow.attendance.record(meeting.id, people, status, ctx.now, by_person_id=by.id)
    if changed:
        for branch_id in {p.branch_id for p in people}:
            await ctx.uow.attendance.touch_summaries_of_branch(meeting.id, branch_id)
    return changed


def checkin_open(meeting: Meeting, now: datetime) -> bool:
    return meeting.starts_at - CHECKIN_OPENS_BEFORE <= now < meeting.ends_at


def checkin_status(meeting: Meeting, now: datetime) -> str:
    return "late" if now > meeting.starts_at else "present"


def answer_checked_in(
    ctx: Ctx, meeting: Meeting, person: Person, changed: bool, recorded_at: datetime | None
) -> None:
    """What a member hears after their own check-in: done, late, or already recorded."""
    if changed:
        key = "att.checkin.late" if checkin_status(meeting, ctx.now) == "late" else "att.checkin.done"
        answer_privately(ctx, ctx.t(key, name=person.full_name, title=meeting.title))
        return
    when = fmt_datetime(recorded_at) if recorded_at else ""
    answer_privately(ctx, ctx.t("att.checkin.again", name=person.full_name, when=when))


async def _check_in_self(ctx: Ctx, meeting: Meeting, person: Person) -> None:
    if not checkin_open(meeting, ctx.now):
        await _not_open(ctx, person)
        return
    if await _check_in(ctx, meeting, [person], person):
        answer_checked_in(ctx, meeting, person, True, None)
        return
    record = await ctx.uow.attendance.get_record(meeting.id, person.id)
    answer_checked_in(ctx, meeting, person, False, record.recorded_at if record else None)


async def _not_open(ctx: Ctx, person: Person) -> None:
    nxt = await ctx.uow.attendance.next_for_branch(person.branch_id, ctx.now)
    if nxt is None:
        answer_privately(ctx, ctx.t("att.checkin.none"))
        return
    answer_privately(
        ctx,
        ctx.t(
            "att.checkin.closed",
            title=nxt.title,
            when=when_text(nxt),
            opens=fmt_datetime(nxt.starts_at - CHECKIN_OPENS_BEFORE),
        ),
    )


async def present_pressed(ctx: Ctx) -> None:
    """The "Có mặt" button (ci:<meeting id>), in a private chat or a group."""
    person = ctx.person
    if person is None:
        answer_privately(ctx, ctx.t("link.how"))
        return
    meeting = await _meeting_for_person(ctx, ctx.args, person)
    if meeting is not None:
        await _check_in_self(ctx, meeting, person)


async def present_words(ctx: Ctx) -> None:
    """ "có mặt" / "co mat" typed in a private chat."""
    person = ctx.person
    assert person is not None
    meeting = await ctx.uow.attendance.open_for_checkin(person.branch_id, ctx.now)
    if meeting is None:
        await _not_open(ctx, person)
        return
    await _check_in_self(ctx, meeting, person)


def says_present(folded: str) -> bool:
    return same_words(folded, "có mặt") or same_words(folded, "tôi có mặt") or same_words(folded, "co mat a")


async def checkin(ctx: Ctx) -> None:
    """/diemdanh: check oneself in; a secretary adds a name or "ho" to check others in, and in a
    group posts the "Có mặt" button and the one summary message."""
    person = ctx.person
    assert person is not None
    secretary = Role.SECRETARY in ctx.roles
    branch_id = person.branch_id
    if ctx.in_group:
        group = await ctx.uow.chats.group(ctx.inc.platform, ctx.inc.chat.chat_id)
        if group is not None and secretary:
            branch_id = group.branch_id
    meeting = await ctx.uow.attendance.open_for_checkin(branch_id, ctx.now)
    args = ctx.args.strip()
    if not secretary or (not args and not ctx.in_group):
        if meeting is None:
            await _not_open(ctx, person)
        else:
            await _check_in_self(ctx, meeting, person)
        return
    if meeting is None:
        await _not_open(ctx, person)
        return
    if not args:
        ctx.reply(
            ctx.t("att.checkin.group_prompt", title=meeting.title),
            [[Button(ctx.t("att.btn.present"), f"ci:{meeting.id}")]],
        )
        await ctx.uow.attendance.touch_summary(
            meeting.id, ctx.inc.platform, ctx.inc.chat.chat_id, branch_id, ctx.now
        )
        return
    missing = await ctx.uow.attendance.not_checked_in(meeting.id, branch_id)
    branch_name = person.branch.name
    if name_key(args) in _LIST_WORDS:
        if not missing:
            answer_privately(ctx, ctx.t("att.proxy.all_in", branch=branch_name, title=meeting.title))
            return
        await _offer(ctx, meeting, missing, ctx.t("att.proxy.list", count=len(missing), title=meeting.title))
        return
    wanted = name_key(args)
    everyone = [p for p, _ in await ctx.uow.attendance.roster(meeting.id, [branch_id])]
    exact = [p for p in everyone if p.name_key == wanted]
    found = exact or [p for p in everyone if f" {wanted} " in f" {p.name_key} "]
    if not found:
        answer_privately(ctx, ctx.t("att.proxy.not_found", name=args, branch=branch_name))
        return
    if len(found) > 1:
        await _offer(ctx, meeting, found, ctx.t("att.proxy.many", name=args))
        return
    await _proxy(ctx, meeting, found[0], person)


async def _offer(ctx: Ctx, meeting: Meeting, people: list[Person], title: str) -> None:
    """Names go to the secretary's private chat, never to the group."""
    chat = ChatRef(ctx.inc.platform, ctx.inc.sender.user_id) if ctx.in_group else ctx.inc.chat
    page = people[:PROXY_PAGE]
    ctx.send(chat, title, [[Button(p.full_name, f"px:{meeting.id}:{p.id}")] for p in page])
    if len(people) > PROXY_PAGE:
        ctx.send(chat, ctx.t("att.proxy.more", count=len(people) - PROXY_PAGE))


async def _proxy(ctx: Ctx, meeting: Meeting, who: Person, by: Person) -> None:
    if not await _check_in(ctx, meeting, [who], by):
        record = await ctx.uow.attendance.get_record(meeting.id, who.id)
        when = fmt_datetime(record.recorded_at) if record else ""
        answer_privately(ctx, ctx.t("att.checkin.again", name=who.full_name, when=when))
        return
    answer_privately(ctx, ctx.t("att.proxy.done", name=who.full_name, by=by.full_name))


async def proxy_chosen(ctx: Ctx) -> None:
    """A name picked from the list of those not yet in (px:<meeting id>:<person id>)."""
    by = ctx.person
    meeting_id, _, person_id = ctx.args.partition(":")
    if by is None or not (meeting_id.isdigit() and person_id.isdigit()):
        answer_privately(ctx, ctx.t("choices.expired"))
        return
    who = await ctx.uow.people.get(int(person_id))
    meeting = await ctx.uow.attendance.get(int(meeting_id))
    if who is None or meeting is None or meeting.cancelled:
        answer_privately(ctx, ctx.t("att.gone"))
        return
    allowed = (Role.SECRETARY in ctx.roles and who.branch_id == by.branch_id) or (
        Role.COMMITTEE in ctx.roles and who.branch.committee_id == by.branch.committee_id
    )
    if not allowed:
        answer_privately(ctx, ctx.t("command.not_allowed", command="diemdanh", who=ctx.t("who.secretary")))
        return
    if not (meeting.starts_at - CHECKIN_OPENS_BEFORE <= ctx.now < meeting.ends_at):
        await _not_open(ctx, who)
        return
    await _proxy(ctx, meeting, who, by)
