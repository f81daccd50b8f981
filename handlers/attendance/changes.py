"""/hop huy and /hop doi: a secretary cancels or moves one of the branch's upcoming meetings;
committee staff cancel or move the committee's study sessions (the rules and the writes:
services/changes.py).

/hop huy                        the upcoming meetings as choices → confirm → cancelled
/hop doi 12/12/2026 15:00       the same choices → the chosen one moves there (same length)
/hop doi 12/12 15:00-17:00      … with a new end too
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from config.clock import local
from config.formatting import fmt_date, fmt_datetime
from config.i18n import Text, t
from config.messages import Button, ChatRef
from config.text import fold, untelex
from handlers.actor import Actor
from handlers.attendance.buttons import CancelMeeting, MoveMeeting
from handlers.attendance.checkin import answer_privately
from handlers.attendance.services.changes import (
    Cancelled,
    Moved,
    cancel_meeting,
    changeable,
    changeable_meetings,
    move_meeting,
    past,
)
from handlers.attendance.wording import kind_text, rule_text, span_text, when_text
from handlers.context import Ctx, Handler
from handlers.when import parse_when
from storage.models import Meeting

_CANCEL_WORDS = ("huy", "cancel")
_MOVE_WORDS = ("doi", "move", "reschedule")
_LABEL_TITLE = 40


def change_word(args: str) -> tuple[str, str]:
    """("cancel" | "move" | "", the rest) for the arguments of /hop: "huỷ", "hủy", "huy",
    "đổi", "doi" (any case, Telex leftovers trimmed), or the English words."""
    word, _, rest = args.strip().partition(" ")
    folded = untelex(fold(word))
    if folded in _CANCEL_WORDS:
        return "cancel", rest.strip()
    if folded in _MOVE_WORDS:
        return "move", rest.strip()
    return "", args


def with_meeting_changes(create: Handler) -> Handler:
    """/hop: `/hop huy` and `/hop doi …` change a meeting; anything else goes to `create`."""

    async def hop(ctx: Ctx) -> None:
        what, rest = change_word(ctx.args)
        if what == "cancel":
            await ask_which_to_cancel(ctx)
        elif what == "move":
            await ask_which_to_move(ctx, rest)
        else:
            await create(ctx)

    return hop


def _private_chat(ctx: Ctx) -> ChatRef:
    """Choices go to the caller's private chat, never to the group: only they may pick."""
    return ChatRef(ctx.inc.platform, ctx.inc.sender.user_id) if ctx.in_group else ctx.inc.chat


def label(meeting: Meeting) -> str:
    title = meeting.title if len(meeting.title) <= _LABEL_TITLE else meeting.title[: _LABEL_TITLE - 1] + "…"
    return f"{fmt_datetime(meeting.starts_at)} — {title}"


async def _choices(ctx: Ctx) -> list[Meeting]:
    actor = Actor.from_ctx(ctx)
    assert actor is not None
    return await changeable_meetings(ctx.uow, actor, ctx.now)


async def ask_which_to_cancel(ctx: Ctx) -> None:
    meetings = await _choices(ctx)
    if not meetings:
        ctx.send(_private_chat(ctx), ctx.t("att.change.none"))
        return
    buttons = [[Button(label(m), CancelMeeting(m.id).pack())] for m in meetings]
    ctx.send(_private_chat(ctx), ctx.t("att.change.pick_cancel"), buttons)


async def ask_which_to_move(ctx: Ctx, rest: str) -> None:
    when = parse_when(rest, ctx.now) if rest else None
    if when is None:
        ctx.reply(ctx.t("att.change.move_usage"))
        return
    if isinstance(when, Text):
        ctx.reply(when.render(ctx.lang))
        return
    if when.start <= ctx.now:
        ctx.reply(past(when.start, ctx.now).render(ctx.lang))
        return
    meetings = await _choices(ctx)
    if not meetings:
        ctx.send(_private_chat(ctx), ctx.t("att.change.none"))
        return
    minutes = int((when.end - when.start).total_seconds()) // 60 if when.end is not None else 0
    target = fmt_datetime(when.start) + (f"–{local(when.end):%H:%M}" if when.end is not None else "")
    stamp = int(when.start.timestamp())
    buttons = [[Button(label(m), MoveMeeting(m.id, stamp, minutes).pack())] for m in meetings]
    ctx.send(_private_chat(ctx), ctx.t("att.change.pick_move", when=target), buttons)


def cancelled_text(lang: str, done: Cancelled) -> str:
    m = done.meeting
    text = t(
        lang,
        "att.change.cancelled",
        kind=kind_text(lang, m),
        title=m.title,
        when=when_text(m),
        groups=done.told.groups,
        people=done.told.people,
    )
    return text + ("\n" + t(lang, "att.change.series_kept") if m.series_id is not None else "")


def moved_text(lang: str, done: Moved) -> str:
    m = done.meeting
    text = t(
        lang,
        "att.change.moved",
        kind=kind_text(lang, m),
        title=m.title,
        old=span_text(done.old_start, done.old_end),
        new=when_text(m),
        reminders=done.reminders,
        groups=done.told.groups,
        people=done.told.people,
    )
    return text + ("\n" + t(lang, "att.change.series_moved") if m.series_id is not None else "")


def confirm_cancel_text(lang: str, meeting: Meeting) -> str:
    lines = [
        t(
            lang,
            "att.change.confirm_cancel",
            kind=kind_text(lang, meeting),
            title=meeting.title,
            when=when_text(meeting),
        )
    ]
    if meeting.series_id is not None:
        lines.append(
            t(
                lang,
                "att.change.series_cancel",
                rule=rule_text(lang, meeting),
                date=fmt_date(meeting.starts_at),
            )
        )
    lines.append(t(lang, "att.change.will_notify"))
    return "\n".join(lines)


async def cancel_chosen(ctx: Ctx, press: CancelMeeting) -> None:
    """A meeting picked: asks to confirm; «Huỷ» cancels; «Giữ» keeps the meeting."""
    actor = Actor.from_ctx(ctx)
    assert actor is not None
    if press.answer == "ok":
        done = await cancel_meeting(ctx.uow, actor, press.meeting, ctx.now)
        answer_privately(
            ctx, done.render(ctx.lang) if isinstance(done, Text) else cancelled_text(ctx.lang, done)
        )
        return
    found = await changeable(ctx.uow, actor, press.meeting, ctx.now)
    if isinstance(found, Text):
        answer_privately(ctx, found.render(ctx.lang))
        return
    meeting = found.meeting
    if press.answer == "no":
        answer_privately(ctx, ctx.t("att.change.kept", title=meeting.title, when=when_text(meeting)))
        return
    buttons = [
        [
            Button(ctx.t("att.change.btn.cancel_yes"), CancelMeeting(meeting.id, "ok").pack()),
            Button(ctx.t("att.change.btn.cancel_no"), CancelMeeting(meeting.id, "no").pack()),
        ]
    ]
    ctx.send(_private_chat(ctx), confirm_cancel_text(ctx.lang, meeting), buttons)


async def move_chosen(ctx: Ctx, press: MoveMeeting) -> None:
    """A meeting picked to move to the time typed with /hop doi."""
    actor = Actor.from_ctx(ctx)
    assert actor is not None
    new_start = datetime.fromtimestamp(press.start, UTC)
    length = timedelta(minutes=press.minutes) if press.minutes else None
    done = await move_meeting(ctx.uow, actor, press.meeting, new_start, length, ctx.now)
    answer_privately(ctx, done.render(ctx.lang) if isinstance(done, Text) else moved_text(ctx.lang, done))
