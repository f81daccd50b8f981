"""/hop huy and /hop doi: a secretary cancels or moves one of the branch's upcoming meetings;
committee staff cancel or move the committee's study sessions.

/hop huy                        the upcoming meetings as choices → confirm → cancelled
/hop doi 12/12/2026 15:00       the same choices → the chosen one moves there (same length)
/hop doi 12/12 15:00-17:00      … with a new end too

Either way the meeting's pending reminders are cancelled (a move plans new ones), and the
branch groups and every linked member who has not sent an excuse are told through the
outbox. One occurrence of a recurring series changes alone.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from config.clock import local
from config.formatting import fmt_date, fmt_datetime
from config.i18n import t
from config.messages import Button, ChatRef, Reply
from config.text import fold, untelex
from handlers.attendance.checkin import answer_privately
from handlers.attendance.meetings import parse_one_off, when_text
from handlers.attendance.planning import month_start, next_month_start
from handlers.attendance.reminders import plan_for_meeting
from handlers.context import Ctx, Handler
from handlers.roles import Role
from scheduler.fan_out import fan_out
from scheduler.quiet_hours import deliverable_at
from scheduler.recurrence import describe, parse_recurrence
from storage.models import Meeting

CANCEL_PREFIX = "hx"  # hx:<meeting id> → confirm; hx:<meeting id>:ok | :no
MOVE_PREFIX = "hd"  # hd:<meeting id>:<new start, unix seconds>:<new length in minutes, 0 = keep>
CHOICES = 12  # a typed number has at most two digits; a year of monthly meetings fits
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


def refusal(ctx: Ctx, meeting: Meeting, branch_ids: list[int]) -> str | None:
    """Why the caller may not change this meeting, or None: a committee study session is
    changed by its committee's staff only; a branch meeting by its own branch's secretaries."""
    person = ctx.person
    assert person is not None
    if meeting.kind == "hoc_tap":
        if Role.COMMITTEE in ctx.roles and person.branch.committee_id == meeting.committee_id:
            return None
        return ctx.t("att.change.committee_only", title=meeting.title)
    if Role.SECRETARY in ctx.roles and person.branch_id in branch_ids:
        return None
    return ctx.t("att.change.own_branch_only", title=meeting.title)


def _private_chat(ctx: Ctx) -> ChatRef:
    """Choices go to the caller's private chat, never to the group: only they may pick."""
    return ChatRef(ctx.inc.platform, ctx.inc.sender.user_id) if ctx.in_group else ctx.inc.chat


def _label(meeting: Meeting) -> str:
    title = meeting.title if len(meeting.title) <= _LABEL_TITLE else meeting.title[: _LABEL_TITLE - 1] + "…"
    return f"{fmt_datetime(meeting.starts_at)} — {title}"


async def _choices(ctx: Ctx) -> list[Meeting]:
    person = ctx.person
    assert person is not None
    committee_id = person.branch.committee_id if Role.COMMITTEE in ctx.roles else None
    return await ctx.uow.attendance.changeable_meetings(
        person.branch_id, ctx.now, committee_id=committee_id, limit=CHOICES
    )


async def ask_which_to_cancel(ctx: Ctx) -> None:
    meetings = await _choices(ctx)
    if not meetings:
        ctx.send(_private_chat(ctx), ctx.t("att.change.none"))
        return
    buttons = [[Button(_label(m), f"{CANCEL_PREFIX}:{m.id}")] for m in meetings]
    ctx.send(_private_chat(ctx), ctx.t("att.change.pick_cancel"), buttons)


def _past(ctx: Ctx, when: datetime) -> str:
    nxt = next_month_start(month_start(ctx.now))
    return ctx.t("att.change.past", when=fmt_datetime(when), example=f"05/{nxt.month:02d}/{nxt.year} 14:00")


async def ask_which_to_move(ctx: Ctx, rest: str) -> None:
    when = parse_one_off(ctx, rest) if rest else None
    if when is None:
        ctx.reply(ctx.t("att.change.move_usage"))
        return
    if isinstance(when, str):
        ctx.reply(when)
        return
    if when.start <= ctx.now:
        ctx.reply(_past(ctx, when.start))
        return
    meetings = await _choices(ctx)
    if not meetings:
        ctx.send(_private_chat(ctx), ctx.t("att.change.none"))
        return
    minutes = int((when.end - when.start).total_seconds()) // 60 if when.end is not None else 0
    target = fmt_datetime(when.start) + (f"–{local(when.end):%H:%M}" if when.end is not None else "")
    stamp = int(when.start.timestamp())
    buttons = [[Button(_label(m), f"{MOVE_PREFIX}:{m.id}:{stamp}:{minutes}")] for m in meetings]
    ctx.send(_private_chat(ctx), ctx.t("att.change.pick_move", when=target), buttons)


async def _meeting_to_change(ctx: Ctx, meeting_id: str) -> tuple[Meeting, list[int]] | None:
    """The chosen meeting when it can still be changed by the caller; otherwise the caller is
    told why and None is returned. Checked again at every step: a choice may be old."""
    if ctx.person is None:
        answer_privately(ctx, ctx.t("link.how"))
        return None
    if not ctx.roles & {Role.SECRETARY, Role.COMMITTEE}:
        answer_privately(ctx, ctx.t("command.not_allowed", command="hop", who=ctx.t("who.staff")))
        return None
    meeting = await ctx.uow.attendance.get(int(meeting_id)) if meeting_id.isdigit() else None
    if meeting is None:
        answer_privately(ctx, ctx.t("att.gone"))
        return None
    branch_ids = await ctx.uow.attendance.branch_ids(meeting.id)
    why = refusal(ctx, meeting, branch_ids)
    if why is not None:
        answer_privately(ctx, why)
        return None
    if meeting.cancelled:
        answer_privately(
            ctx, ctx.t("att.change.already_cancelled", title=meeting.title, when=when_text(meeting))
        )
        return None
    if meeting.starts_at <= ctx.now:
        answer_privately(ctx, ctx.t("att.change.started", title=meeting.title, when=when_text(meeting)))
        return None
    return meeting, branch_ids


def _rule(lang: str, meeting: Meeting) -> str:
    """The series' recurring form in the bot's own words ("ngày 5 hằng tháng, 14:00")."""
    rec = parse_recurrence(meeting.recurrence)
    return describe(rec, lang) if rec is not None else meeting.recurrence


def _kind(lang: str, meeting: Meeting) -> str:
    return t(lang, f"att.change.kind.{meeting.kind}")


async def cancel_chosen(ctx: Ctx) -> None:
    """hx:<id>: asks to confirm; hx:<id>:ok cancels; hx:<id>:no keeps the meeting."""
    meeting_id, _, answer = ctx.args.partition(":")
    found = await _meeting_to_change(ctx, meeting_id)
    if found is None:
        return
    meeting, branch_ids = found
    if answer == "no":
        answer_privately(ctx, ctx.t("att.change.kept", title=meeting.title, when=when_text(meeting)))
        return
    series = meeting.series_id is not None
    if answer != "ok":
        lines = [
            ctx.t(
                "att.change.confirm_cancel",
                kind=_kind(ctx.lang, meeting),
                title=meeting.title,
                when=when_text(meeting),
            )
        ]
        if series:
            lines.append(
                ctx.t(
                    "att.change.series_cancel",
                    rule=_rule(ctx.lang, meeting),
                    date=fmt_date(meeting.starts_at),
                )
            )
        lines.append(ctx.t("att.change.will_notify"))
        buttons = [
            [
                Button(ctx.t("att.change.btn.cancel_yes"), f"{CANCEL_PREFIX}:{meeting.id}:ok"),
                Button(ctx.t("att.change.btn.cancel_no"), f"{CANCEL_PREFIX}:{meeting.id}:no"),
            ]
        ]
        ctx.send(_private_chat(ctx), "\n".join(lines), buttons)
        return
    person = ctx.person
    assert person is not None
    was = when_text(meeting)
    start = meeting.starts_at
    cancelled = await ctx.uow.attendance.cancel_meeting(meeting.id, person.id, ctx.now)
    if cancelled is None:
        answer_privately(ctx, ctx.t("att.change.already_cancelled", title=meeting.title, when=was))
        return
    await plan_for_meeting(ctx.uow, cancelled, ctx.now)  # its pending reminders: cancelled
    await ctx.uow.outbox.skip_pending(_waiting_keys(cancelled.id), "meeting cancelled")

    def notice(lang: str) -> str:
        return t(
            lang,
            "att.change.notice_cancelled",
            kind=_kind(lang, cancelled),
            title=cancelled.title,
            date=fmt_date(start),
            time=f"{local(start):%H:%M}",
        )

    groups, people = await _tell(ctx, cancelled, branch_ids, notice, f"att-cancel:{cancelled.id}", start)
    done = ctx.t(
        "att.change.cancelled",
        kind=_kind(ctx.lang, cancelled),
        title=cancelled.title,
        when=was,
        groups=groups,
        people=people,
    )
    if series:
        done += "\n" + ctx.t("att.change.series_kept")
    answer_privately(ctx, done)


async def move_chosen(ctx: Ctx) -> None:
    """hd:<id>:<new start>:<new length in minutes, 0 = keep>: moves the meeting."""
    parts = ctx.args.split(":")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        answer_privately(ctx, ctx.t("choices.expired"))
        return
    found = await _meeting_to_change(ctx, parts[0])
    if found is None:
        return
    meeting, branch_ids = found
    new_start = datetime.fromtimestamp(int(parts[1]), UTC)
    minutes = int(parts[2])
    if new_start <= ctx.now:
        answer_privately(ctx, _past(ctx, new_start))
        return
    length = timedelta(minutes=minutes) if minutes else meeting.ends_at - meeting.starts_at
    if new_start == meeting.starts_at and new_start + length == meeting.ends_at:
        answer_privately(ctx, ctx.t("att.change.same_time", title=meeting.title, when=when_text(meeting)))
        return
    old_start, was = meeting.starts_at, when_text(meeting)
    moved = await ctx.uow.attendance.move_meeting(
        meeting.id, old_start, new_start, new_start + length, ctx.now
    )
    if moved is None:
        answer_privately(ctx, ctx.t("att.change.started", title=meeting.title, when=was))
        return
    reminders = await plan_for_meeting(ctx.uow, moved, ctx.now)  # old ones cancelled, new ones planned
    await ctx.uow.outbox.skip_pending(_waiting_keys(moved.id), "meeting moved")
    now_at = when_text(moved)

    def notice(lang: str) -> str:
        return t(
            lang,
            "att.change.notice_moved",
            kind=_kind(lang, moved),
            title=moved.title,
            date=fmt_date(old_start),
            time=f"{local(old_start):%H:%M}",
            new=now_at,
        )

    key = f"att-move:{moved.id}:{int(ctx.now.timestamp())}"
    groups, people = await _tell(ctx, moved, branch_ids, notice, key, min(old_start, new_start))
    done = ctx.t(
        "att.change.moved",
        kind=_kind(ctx.lang, moved),
        title=moved.title,
        old=was,
        new=now_at,
        reminders=reminders,
        groups=groups,
        people=people,
    )
    if moved.series_id is not None:
        done += "\n" + ctx.t("att.change.series_moved")
    answer_privately(ctx, done)


def _waiting_keys(meeting_id: int) -> list[str]:
    """Outbox rows about the meeting that may still wait to be sent (private reminders held
    for the morning, the group announcement): they would tell the old story."""
    return [f"reminder:{meeting_id}:", f"att-announce:{meeting_id}:"]


async def _tell(
    ctx: Ctx,
    meeting: Meeting,
    branch_ids: list[int],
    text: Callable[[str], str],
    key: str,
    urgent_before: datetime,
) -> tuple[int, int]:
    """The notice, through the outbox as reminders go: to every group of the meeting's
    branches, and privately (outside quiet hours, unless holding it would make it arrive
    after the meeting) to every linked member who has not sent an excuse, the caller aside.
    Returns (groups, people)."""
    person = ctx.person
    assert person is not None
    groups = await ctx.uow.chats.groups_of_branches(branch_ids)
    people = [r for r in await ctx.uow.schedule.notice_recipients(meeting.id) if r.person_id != person.id]
    if not groups and not people:
        return 0, 0
    at = deliverable_at(ctx.now)
    urgent = at >= urgent_before
    batch = await ctx.uow.outbox.create_batch(
        key.split(":", 1)[0], ctx.now, title=meeting.title, person_id=person.id
    )
    items = fan_out(
        key,
        groups,
        people,
        lambda lang: Reply(text(lang), lang=lang),
        now=ctx.now,
        private_at=ctx.now if urgent else at,
        batch_id=batch,
        urgent=urgent,
    )
    await ctx.uow.outbox.enqueue(items)
    return len(groups), len(people)
