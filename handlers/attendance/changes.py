"""/hop huy and /hop doi: a secretary cancels or moves one of the branch's upcoming meetings;
committee staff cancel or move the committee's study sessions (the rules and the writes:
services/changes.py).

/hop huy                        the upcoming meetings as choices → confirm (this one, or the
                                whole rest of its series) → the reason, typed → cancelled
/hop doi 12/12/2026 15:00       the same choices → confirm (warned of what is already at that
                                time) → the reason, typed → moved there (same length)
/hop doi 12/12 15:00-17:00      … with a new end too
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from config.clock import local
from config.formatting import fmt_date
from config.i18n import Text, t
from config.messages import Button, ChatRef
from config.text import fold, untelex
from handlers.actor import Actor
from handlers.attendance.buttons import CancelMeeting, MoveMeeting
from handlers.attendance.checkin import answer_privately
from handlers.attendance.services.changes import (
    Cancelled,
    Changeable,
    Moved,
    MovePreview,
    cancel_meeting,
    changeable,
    changeable_meetings,
    clean_reason,
    move_meeting,
    move_preview,
    past,
)
from handlers.attendance.wording import day_of, kind_text, moment_of, rule_text, span_words, when_words
from handlers.context import Ctx, Handler
from handlers.feature import Awaited
from handlers.when import parse_when
from storage.models import Meeting

CANCEL_REASON = "att.cancel_reason"  # the awaited text after «Đồng ý hủy»
MOVE_REASON = "att.move_reason"  # the awaited text after «Đồng ý dời»

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


def label(meeting: Meeting, lang: str) -> str:
    title = meeting.title if len(meeting.title) <= _LABEL_TITLE else meeting.title[: _LABEL_TITLE - 1] + "…"
    return f"{moment_of(meeting.starts_at).render(lang)} — {title}"


async def _choices(ctx: Ctx) -> list[Meeting]:
    actor = Actor.from_ctx(ctx)
    assert actor is not None
    return await changeable_meetings(ctx.uow, actor, ctx.now)


async def ask_which_to_cancel(ctx: Ctx) -> None:
    meetings = await _choices(ctx)
    if not meetings:
        ctx.send(_private_chat(ctx), ctx.t("att.change.none"))
        return
    buttons = [[Button(label(m, ctx.lang), CancelMeeting(m.id).pack())] for m in meetings]
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
    target = (
        span_words(ctx.lang, when.start, when.end)
        if when.end is not None
        else day_of(when.start).render(ctx.lang) + f", {local(when.start):%H:%M}"
    )
    stamp = int(when.start.timestamp())
    buttons = [[Button(label(m, ctx.lang), MoveMeeting(m.id, stamp, minutes).pack())] for m in meetings]
    ctx.send(_private_chat(ctx), ctx.t("att.change.pick_move", when=target), buttons)


def cancelled_text(lang: str, done: Cancelled) -> str:
    m = done.meeting
    if done.series:
        text = t(
            lang,
            "att.change.cancelled_series",
            count=len(done.meetings),
            kind=kind_text(lang, m),
            title=m.title,
            rule=rule_text(lang, m),
            first=day_of(m.starts_at).render(lang),
            last=day_of(done.meetings[-1].starts_at).render(lang),
            groups=done.told.groups,
            people=done.told.people,
        )
    else:
        text = t(
            lang,
            "att.change.cancelled",
            kind=kind_text(lang, m),
            title=m.title,
            when=when_words(m, lang),
            groups=done.told.groups,
            people=done.told.people,
        )
        if m.series_id is not None:
            text += "\n" + t(lang, "att.change.series_kept")
    return text + _reason_line(lang, done.reason)


def _reason_line(lang: str, reason: str) -> str:
    return "\n" + t(lang, "att.change.reason_given", reason=reason.rstrip(" .")) if reason else ""


def moved_text(lang: str, done: Moved) -> str:
    m = done.meeting
    text = t(
        lang,
        "att.change.moved",
        kind=kind_text(lang, m),
        title=m.title,
        old=span_words(lang, done.old_start, done.old_end),
        new=when_words(m, lang),
        reminders=done.reminders,
        groups=done.told.groups,
        people=done.told.people,
    )
    if m.series_id is not None:
        text += "\n" + t(lang, "att.change.series_moved")
    return text + _reason_line(lang, done.reason)


def confirm_cancel_text(lang: str, found: Changeable) -> str:
    meeting = found.meeting
    lines = [
        t(
            lang,
            "att.change.confirm_cancel",
            kind=kind_text(lang, meeting),
            title=meeting.title,
            when=when_words(meeting, lang),
        )
    ]
    if len(found.series) > 1:
        lines.append(
            t(
                lang,
                "att.change.series_cancel",
                rule=rule_text(lang, meeting),
                date=fmt_date(meeting.starts_at),
                count=len(found.series),
                last=day_of(found.series[-1].starts_at).render(lang),
            )
        )
    lines.append(t(lang, "att.change.will_notify"))
    return "\n".join(lines)


def _cancel_buttons(lang: str, found: Changeable) -> list[list[Button]]:
    meeting_id = found.meeting.id
    no = Button(t(lang, "att.change.btn.cancel_no"), CancelMeeting(meeting_id, "no").pack())
    if len(found.series) > 1:
        return [
            [Button(t(lang, "att.change.btn.cancel_one"), CancelMeeting(meeting_id, "ok").pack())],
            [
                Button(
                    t(lang, "att.change.btn.cancel_all", count=len(found.series)),
                    CancelMeeting(meeting_id, "all").pack(),
                )
            ],
            [no],
        ]
    return [[Button(t(lang, "att.change.btn.cancel_yes"), CancelMeeting(meeting_id, "ok").pack()), no]]


async def cancel_chosen(ctx: Ctx, press: CancelMeeting) -> None:
    """A meeting picked: asks to confirm (this one, or the rest of its series); a yes asks
    for the reason, and the typed reason cancels (`cancel_reason_typed`); «Không hủy» keeps it."""
    actor = Actor.from_ctx(ctx)
    assert actor is not None
    found = await changeable(ctx.uow, actor, press.meeting, ctx.now)
    if isinstance(found, Text):
        answer_privately(ctx, found.render(ctx.lang))
        return
    meeting = found.meeting
    chat = _private_chat(ctx)
    if press.answer == "no":
        ctx.send(chat, ctx.t("att.change.kept", title=meeting.title, when=when_words(meeting, ctx.lang)))
    elif press.answer in ("ok", "all"):
        ctx.send(chat, ctx.t("att.change.ask_reason_cancel"))
        ctx.expect_text(CANCEL_REASON, {"meeting": meeting.id, "series": press.answer == "all"}, chat)
    else:
        ctx.send(chat, confirm_cancel_text(ctx.lang, found), _cancel_buttons(ctx.lang, found))


async def cancel_reason_typed(ctx: Ctx, awaited: Awaited) -> None:
    """The reason typed after «Đồng ý hủy»: the meeting (or its series) is cancelled, and the
    reason goes into the notice."""
    actor = Actor.from_ctx(ctx)
    assert actor is not None
    meeting_id = awaited.payload.get("meeting")
    if not isinstance(meeting_id, int):
        ctx.reply(ctx.t("att.gone"))
        return
    done = await cancel_meeting(
        ctx.uow,
        actor,
        meeting_id,
        ctx.now,
        reason=clean_reason(ctx.inc.text),
        series=awaited.payload.get("series") is True,
    )
    ctx.reply(done.render(ctx.lang) if isinstance(done, Text) else cancelled_text(ctx.lang, done))


def confirm_move_text(lang: str, preview: MovePreview) -> str:
    meeting = preview.meeting
    lines = [
        t(
            lang,
            "att.change.confirm_move",
            kind=kind_text(lang, meeting),
            title=meeting.title,
            old=when_words(meeting, lang),
            new=span_words(lang, preview.new_start, preview.new_end),
        )
    ]
    if meeting.series_id is not None:
        lines.append(
            t(lang, "att.change.series_move", rule=rule_text(lang, meeting), date=fmt_date(meeting.starts_at))
        )
    lines += [
        t(lang, "att.change.move_clash", title=m.title, when=when_words(m, lang)) for m in preview.overlaps
    ]
    if preview.odd_hour:
        lines.append(t(lang, "att.change.move_odd_hour", time=f"{local(preview.new_start):%H:%M}"))
    lines.append(t(lang, "att.change.will_notify"))
    return "\n".join(lines)


def _when_of_press(press: MoveMeeting) -> tuple[datetime, timedelta | None]:
    return datetime.fromtimestamp(press.start, UTC), timedelta(
        minutes=press.minutes
    ) if press.minutes else None


async def move_chosen(ctx: Ctx, press: MoveMeeting) -> None:
    """A meeting picked to move to the time typed with /hop doi: asks to confirm, warning of
    what is already there; a yes asks for the reason, and the typed reason moves it
    (`move_reason_typed`); «Không dời» keeps it."""
    actor = Actor.from_ctx(ctx)
    assert actor is not None
    new_start, length = _when_of_press(press)
    preview = await move_preview(ctx.uow, actor, press.meeting, new_start, length, ctx.now)
    if isinstance(preview, Text):
        answer_privately(ctx, preview.render(ctx.lang))
        return
    meeting = preview.meeting
    chat = _private_chat(ctx)
    if press.answer == "no":
        ctx.send(chat, ctx.t("att.change.kept", title=meeting.title, when=when_words(meeting, ctx.lang)))
    elif press.answer == "ok":
        ctx.send(chat, ctx.t("att.change.ask_reason_move"))
        payload = {"meeting": meeting.id, "start": press.start, "minutes": press.minutes}
        ctx.expect_text(MOVE_REASON, payload, chat)
    else:
        yes = (
            "att.change.btn.move_anyway"
            if preview.overlaps or preview.odd_hour
            else "att.change.btn.move_yes"
        )
        buttons = [
            [
                Button(ctx.t(yes), MoveMeeting(meeting.id, press.start, press.minutes, "ok").pack()),
                Button(
                    ctx.t("att.change.btn.move_no"),
                    MoveMeeting(meeting.id, press.start, press.minutes, "no").pack(),
                ),
            ]
        ]
        ctx.send(chat, confirm_move_text(ctx.lang, preview), buttons)


async def move_reason_typed(ctx: Ctx, awaited: Awaited) -> None:
    """The reason typed after «Đồng ý dời»: the meeting moves, and the reason goes into the notice."""
    actor = Actor.from_ctx(ctx)
    assert actor is not None
    meeting_id, start, minutes = (awaited.payload.get(k) for k in ("meeting", "start", "minutes"))
    if not (isinstance(meeting_id, int) and isinstance(start, int) and isinstance(minutes, int)):
        ctx.reply(ctx.t("att.gone"))
        return
    length = timedelta(minutes=minutes) if minutes else None
    done = await move_meeting(
        ctx.uow,
        actor,
        meeting_id,
        datetime.fromtimestamp(start, UTC),
        length,
        ctx.now,
        reason=clean_reason(ctx.inc.text),
    )
    ctx.reply(done.render(ctx.lang) if isinstance(done, Text) else moved_text(ctx.lang, done))
