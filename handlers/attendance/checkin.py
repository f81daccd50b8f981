"""RSVP before a meeting, check-in during it (by the member or by proxy), apologies (the
rules and the writes: services/checkin.py)."""

from __future__ import annotations

from datetime import datetime

from config.address import named
from config.formatting import fmt_datetime
from config.i18n import Text, t
from config.messages import Button, ChatRef, Incoming, Outgoing, Reply, Response
from config.text import name_key, phrase_keys, says, starts_saying
from handlers.actor import OTHER_BRANCH, Actor, group_branch
from handlers.attendance.buttons import Present, Proxy, Rsvp
from handlers.attendance.services.checkin import (
    CheckedIn,
    check_in,
    excuse,
    meeting_to_excuse,
    not_open,
    opener_present,
    proxy_check_in,
    rsvp,
)
from handlers.attendance.wording import when_words
from handlers.context import Ctx
from handlers.feature import Awaited
from handlers.when import parse_day
from storage.models import Meeting, Person
from storage.repos.attendance import PRESENT

PROXY_PAGE = 20  # a typed number has at most two digits; keep the list readable too
_LIST_WORDS = ("ho", "ds", "danh sach", "list")
_LATE_WORDS = ("muon", "late")


def answer_privately(ctx: Ctx, text: str) -> None:
    """In a group, the tapper alone hears back: the button's short answer, or a private
    message when a number was typed; never a group message per member."""
    answer = private_answer(ctx.inc, ctx.lang, text)
    ctx.out.extend(answer.messages)
    if answer.notice is not None:
        ctx.notice = answer.notice


def private_answer(inc: Incoming, lang: str, text: str) -> Response:
    """answer_privately's answer, for the check-in burst, which has no Ctx."""
    if not inc.chat.is_group:
        return Response([Outgoing(inc.chat, Reply(text, lang=lang))])
    if inc.callback_data is not None:
        return Response(notice=text)
    return Response([Outgoing(ChatRef(inc.platform, inc.sender.user_id), Reply(text, lang=lang))])


def _actor(ctx: Ctx) -> Actor:
    actor = Actor.from_ctx(ctx)
    assert actor is not None  # the dispatcher lets only linked people press these
    return actor


async def rsvp_chosen(ctx: Ctx, press: Rsvp) -> None:
    """Buttons «Sẽ tham dự» and «Xin vắng»."""
    done = await rsvp(ctx.uow, _actor(ctx), press.meeting, press.answer, ctx.now)
    if isinstance(done, Text):
        answer_privately(ctx, done.render(ctx.lang))
    elif done.answer == "y":
        answer_privately(
            ctx, ctx.t("att.rsvp.yes", title=done.meeting.title, when=when_words(done.meeting, ctx.lang))
        )
    else:
        # the reason is asked for, and awaited, in the member's private chat
        private = ChatRef(ctx.inc.platform, ctx.inc.sender.user_id)
        if ctx.in_group and ctx.inc.callback_data is not None:
            ctx.notice = ctx.t("att.rsvp.excused_short", title=done.meeting.title)
        ctx.send(
            private if ctx.in_group else ctx.inc.chat, ctx.t("att.rsvp.ask_reason", title=done.meeting.title)
        )
        ctx.expect_text(REASON, {"meeting": done.meeting.id}, private if ctx.in_group else None)


REASON = "att.reason"  # the awaited text after «Xin vắng»


async def reason_typed(ctx: Ctx, awaited: Awaited) -> None:
    """The reason typed after «Xin vắng», recorded with that meeting's excuse."""
    meeting_id = awaited.payload.get("meeting")
    done = await excuse(
        ctx.uow, _actor(ctx), ctx.inc.text, ctx.now, meeting_id if isinstance(meeting_id, int) else None
    )
    if isinstance(done, Text):
        ctx.reply(done.render(ctx.lang))
        return
    m = done.meeting
    ctx.reply(ctx.t("att.vang.done", title=m.title, when=when_words(m, ctx.lang), reason=done.reason))


async def apologise(ctx: Ctx) -> None:
    """/vang [<ngày>] <lý do>: apologies for the branch's next meeting, or its meeting on that day."""
    await _apologise(ctx, ctx.args)


ABSENCE_WORDS = (
    "xin vắng",
    "xin vắng mặt",
    "xin phép vắng",
    "xin phép vắng mặt",
    "báo vắng",
    "absent",
    "apologies",
    "I am absent",
    "I will be absent",
    "I'll be absent",
)


def says_absent(folded: str) -> bool:
    return starts_saying(folded, ABSENCE_WORDS) is not None


async def absence_words(ctx: Ctx) -> None:
    """ "Xin vắng" typed in a private chat, with or without a date and a reason after it."""
    await _apologise(ctx, starts_saying(ctx.inc.text.strip(), ABSENCE_WORDS) or "")


async def _apologise(ctx: Ctx, text: str) -> None:
    actor = Actor.from_ctx(ctx)
    assert actor is not None
    day = parse_day(text, ctx.now)
    if isinstance(day, Text):
        answer_privately(ctx, day.render(ctx.lang))
        return
    on, reason = (day.day, day.rest) if day is not None else (None, text.strip())
    if reason:
        done = await excuse(ctx.uow, actor, reason, ctx.now, on=on)
        if isinstance(done, Text):
            answer_privately(ctx, done.render(ctx.lang))
            return
        m = done.meeting
        answer_privately(
            ctx, ctx.t("att.vang.done", title=m.title, when=when_words(m, ctx.lang), reason=done.reason)
        )
        return
    # no reason yet: the excuse is recorded and the reason asked for, as after «Xin vắng»
    meeting = await meeting_to_excuse(ctx.uow, actor.person, ctx.now, on=on)
    if isinstance(meeting, Text):
        answer_privately(ctx, meeting.render(ctx.lang))
        return
    answered = await rsvp(ctx.uow, actor, meeting.id, "n", ctx.now)
    if isinstance(answered, Text):
        answer_privately(ctx, answered.render(ctx.lang))
        return
    private = ChatRef(ctx.inc.platform, ctx.inc.sender.user_id)
    ctx.send(private, ctx.t("att.vang.ask_reason", title=meeting.title, when=when_words(meeting, ctx.lang)))
    ctx.expect_text(REASON, {"meeting": meeting.id}, private)


def answer_checked_in(
    ctx: Ctx, meeting: Meeting, person: Person, changed: bool, late: bool, recorded_at: datetime | None
) -> None:
    """What a member hears after their own check-in: done, late, or already recorded."""
    answer_privately(
        ctx,
        checked_in_text(
            ctx.lang, meeting.title, person.full_name, person.category, changed, late, recorded_at
        ),
    )


def checked_in_text(
    lang: str, title: str, name: str, category: str, changed: bool, late: bool, recorded_at: datetime | None
) -> str:
    if changed:
        key = "att.checkin.late" if late else "att.checkin.done"
        return t(lang, key, name=named(lang, name, category), title=title)
    when = fmt_datetime(recorded_at) if recorded_at else ""
    return t(lang, "att.checkin.again", name=named(lang, name, category, first=True), when=when)


def _answer_own(ctx: Ctx, done: CheckedIn | Text) -> None:
    if isinstance(done, Text):
        answer_privately(ctx, done.render(ctx.lang))
    else:
        answer_checked_in(ctx, done.meeting, done.person, done.changed, done.late, done.recorded_at)


async def present_pressed(ctx: Ctx, press: Present) -> None:
    """The «Có mặt» button, in a private chat or a group."""
    _answer_own(ctx, await check_in(ctx.uow, _actor(ctx), press.meeting, ctx.now))


async def present_words(ctx: Ctx) -> None:
    """ "có mặt" / "co mat" typed in a private chat."""
    actor = Actor.from_ctx(ctx)
    assert actor is not None
    _answer_own(ctx, await check_in(ctx.uow, actor, None, ctx.now))


PRESENT_WORDS = phrase_keys("có mặt", "đã có mặt", "present", "I am present", "I'm present")


def says_present(folded: str) -> bool:
    """ "có mặt" as people type it: "Em có mặt ạ", "có mặt rồi", "comat", "co mat a", "present"."""
    return says(folded, PRESENT_WORDS)


def people_named(everyone: list[Person], name: str) -> list[Person]:
    """Those whose full name is `name` (diacritics optional), else those whose name holds it."""
    wanted = name_key(name)
    exact = [p for p in everyone if p.name_key == wanted]
    return exact or [p for p in everyone if f" {wanted} " in f" {p.name_key} "]


def _late_marking(args: str) -> str | None:
    """ "muon Phạm Văn Đức" / "late …": the name (or "") the secretary marks late."""
    first, _, rest = args.partition(" ")
    return rest.strip() if name_key(first) in _LATE_WORDS else None


async def checkin(ctx: Ctx) -> None:
    """/diemdanh: check oneself in; a secretary adds a name or "ho" to check others in
    ("muon <họ tên>" marks one late), and in a group posts the "Có mặt" button and the one
    summary message. Whoever opens the check-in so is recorded present."""
    actor = Actor.from_ctx(ctx)
    assert actor is not None
    person = actor.person
    # in a group bound to a branch, those who act for it act on that branch; elsewhere a
    # secretary acts on their own
    here = await group_branch(ctx)
    branch = here or person.branch
    staff = actor.acts_for(here) if here is not None else actor.secretary
    args = ctx.args.strip()
    if not staff and args and (actor.secretary or actor.committee_staff) and here is not None:
        answer_privately(ctx, OTHER_BRANCH.render(ctx.lang))  # names nobody, not even who was typed
        return
    if not staff or (not args and not ctx.in_group):
        _answer_own(ctx, await check_in(ctx.uow, actor, None, ctx.now))
        return
    branch_id = branch.id
    meeting = await ctx.uow.attendance.open_for_checkin(branch_id, ctx.now)
    if meeting is None:
        answer_privately(ctx, (await not_open(ctx.uow, branch_id, ctx.now)).render(ctx.lang))
        return
    if await opener_present(ctx.uow, actor, meeting, ctx.now):
        answer_privately(ctx, ctx.t("att.checkin.opener", name=person.full_name, title=meeting.title))
    if not args:
        ctx.reply(
            ctx.t("att.checkin.group_prompt", title=meeting.title),
            [[Button(ctx.t("att.btn.present"), Present(meeting.id).pack())]],
        )
        await ctx.uow.attendance.touch_summary(
            meeting.id, ctx.inc.platform, ctx.inc.chat.chat_id, branch_id, ctx.now
        )
        return
    branch_name = branch.name
    late_name = _late_marking(args)
    late = late_name is not None
    name = late_name if late_name is not None else args
    if name_key(name) in _LIST_WORDS or (late and not name):
        roster = await ctx.uow.attendance.roster(meeting.id, [branch_id])
        missing = [p for p, a in roster if a is None or a.status not in PRESENT]
        if not missing:
            answer_privately(ctx, ctx.t("att.proxy.all_in", branch=branch_name, title=meeting.title))
            return
        # an apology is shown beside the name: picking that person overrides it
        excused = {p.id for p, a in roster if a is not None and a.status == "excused"}
        key = "att.proxy.list_late" if late else "att.proxy.list"
        title = ctx.t(key, count=len(missing), title=meeting.title)
        await _offer(ctx, meeting, missing, title, late=late, excused=excused)
        return
    everyone = [p for p, _ in await ctx.uow.attendance.roster(meeting.id, [branch_id])]
    found = people_named(everyone, name)
    if not found:
        answer_privately(ctx, ctx.t("att.proxy.not_found", name=name, branch=branch_name))
        return
    if len(found) > 1:
        await _offer(ctx, meeting, found, ctx.t("att.proxy.many", name=name), late=late)
        return
    done = await proxy_check_in(ctx.uow, actor, meeting.id, found[0].id, ctx.now, late=late)
    answer_privately(ctx, proxy_text(ctx.lang, done))


async def _offer(
    ctx: Ctx,
    meeting: Meeting,
    people: list[Person],
    title: str,
    *,
    late: bool = False,
    excused: set[int] | None = None,
) -> None:
    """Names go to the secretary's private chat, never to the group."""
    chat = ChatRef(ctx.inc.platform, ctx.inc.sender.user_id) if ctx.in_group else ctx.inc.chat
    page = people[:PROXY_PAGE]

    def label(p: Person) -> str:
        return ctx.t("att.proxy.excused", name=p.full_name) if excused and p.id in excused else p.full_name

    ctx.send(chat, title, [[Button(label(p), Proxy(meeting.id, p.id, late).pack())] for p in page])
    if len(people) > PROXY_PAGE:
        ctx.send(chat, ctx.t("att.proxy.more", count=len(people) - PROXY_PAGE))


def proxy_text(lang: str, done: CheckedIn | Text) -> str:
    if isinstance(done, Text):
        return done.render(lang)
    if not done.changed:
        when = fmt_datetime(done.recorded_at) if done.recorded_at else ""
        name = named(lang, done.person.full_name, done.person.category, first=True)
        return Text("att.checkin.again", {"name": name, "when": when}).render(lang)
    key = "att.proxy.done_late" if done.late else "att.proxy.done"
    name = named(lang, done.person.full_name, done.person.category)
    return Text(key, {"name": name, "by": done.by.full_name}).render(lang)


async def proxy_chosen(ctx: Ctx, press: Proxy) -> None:
    """A name picked from the list of those not yet in."""
    done = await proxy_check_in(ctx.uow, _actor(ctx), press.meeting, press.person, ctx.now, late=press.late)
    answer_privately(ctx, proxy_text(ctx.lang, done))
