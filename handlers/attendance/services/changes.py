"""Cancelling and moving a meeting not yet started, after the person asked to confirm saw
what would happen (`move_preview` says what a move lands on). The meeting's pending
reminders are cancelled (a move plans new ones), messages still waiting about it are
dropped, and its branch groups and every linked member who has not sent an excuse are told
through the outbox, with the reason given. One occurrence of a recurring series changes
alone, or the whole rest of the series is cancelled at once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from config.formatting import fmt_datetime
from config.i18n import Text
from config.messages import Reply
from config.text import fold
from handlers.actor import Actor, Refusal
from handlers.attendance.planning import month_start, next_month_start
from handlers.attendance.reminders import plan_for_meeting, plan_for_meetings
from handlers.attendance.services.rules import may_change, staff_only
from handlers.attendance.wording import (
    as_rows,
    cancelled_notice,
    moved_notice,
    rsvp_buttons,
    series_cancelled_notice,
    when_of,
)
from handlers.when import odd_hour
from scheduler.fan_out import fan_out
from scheduler.quiet_hours import deliverable_at
from storage.models import Meeting
from storage.uow import UnitOfWork

CHOICES = 12  # a typed number has at most two digits; a year of monthly meetings fits
REASON_MAX = 300


@dataclass(frozen=True, slots=True)
class Changeable:
    meeting: Meeting
    branch_ids: list[int]
    series: list[Meeting]  # the series' meetings to come, this one among them; [] for a one-off


@dataclass(frozen=True, slots=True)
class Told:
    groups: int
    people: int


@dataclass(frozen=True, slots=True)
class Cancelled:
    meetings: list[Meeting]  # one, or the rest of a series, earliest first
    told: Told
    reason: str
    series: bool  # the whole rest of the series was cancelled

    @property
    def meeting(self) -> Meeting:
        return self.meetings[0]


@dataclass(frozen=True, slots=True)
class MovePreview:
    meeting: Meeting
    new_start: datetime
    new_end: datetime
    overlaps: list[Meeting]  # other meetings of its branches at the new time
    odd_hour: bool


@dataclass(frozen=True, slots=True)
class Moved:
    meeting: Meeting
    old_start: datetime
    old_end: datetime
    reminders: int  # planned for the new time
    told: Told
    reason: str


async def changeable_meetings(uow: UnitOfWork, actor: Actor, now: datetime) -> list[Meeting]:
    """The upcoming meetings the actor may pick from: their branch's, and their committee's
    study sessions for committee staff."""
    person = actor.person
    committee_id = person.branch.committee_id if actor.committee_staff else None
    return await uow.attendance.changeable_meetings(
        person.branch_id, now, committee_id=committee_id, limit=CHOICES
    )


async def changeable(uow: UnitOfWork, actor: Actor, meeting_id: int, now: datetime) -> Changeable | Refusal:
    """The meeting when the actor may still change it. Asked again at every step: a choice
    may be old."""
    why = staff_only(actor)
    if why is not None:
        return why
    meeting = await uow.attendance.get(meeting_id)
    if meeting is None:
        return Text("att.gone")
    branch_ids = await uow.attendance.branch_ids(meeting.id)
    why = may_change(actor, meeting, branch_ids)
    if why is not None:
        return why
    if meeting.cancelled:
        return Text("att.change.already_cancelled", {"title": meeting.title, "when": when_of(meeting)})
    if meeting.starts_at <= now:
        return Text("att.change.started", {"title": meeting.title, "when": when_of(meeting)})
    series = (
        await uow.attendance.rest_of_series(meeting.series_id, now) if meeting.series_id is not None else []
    )
    return Changeable(meeting, branch_ids, series)


def past(when: datetime, now: datetime) -> Refusal:
    nxt = next_month_start(month_start(now))
    return Text(
        "att.change.past", {"when": fmt_datetime(when), "example": f"05/{nxt.month:02d}/{nxt.year} 14:00"}
    )


def clean_reason(typed: str) -> str:
    """The reason as it goes into the notice; "" when the person chose to give none."""
    reason = " ".join(typed.split())[:REASON_MAX]
    return "" if fold(reason).strip(" .!") in ("khong", "ko", "k", "no", "none", "-", "") else reason


async def cancel_meeting(
    uow: UnitOfWork,
    actor: Actor,
    meeting_id: int,
    now: datetime,
    *,
    reason: str = "",
    series: bool = False,
) -> Cancelled | Refusal:
    """Cancels the meeting, or with `series` every meeting of its series not yet started."""
    found = await changeable(uow, actor, meeting_id, now)
    if isinstance(found, Text):
        return found
    meeting = found.meeting
    targets = found.series if series and found.series else [meeting]
    title, was = meeting.title, when_of(meeting)
    cancelled: list[Meeting] = []
    for m in targets:
        done = await uow.attendance.cancel_meeting(m.id, actor.person.id, now)
        if done is not None:
            cancelled.append(done)
    if not cancelled:
        return Text("att.change.already_cancelled", {"title": title, "when": was})
    await plan_for_meetings(uow, cancelled, now)  # their pending reminders: cancelled
    keys = [k for m in cancelled for k in _waiting_keys(m.id)]
    await uow.outbox.skip_pending(keys, "meeting cancelled")
    first = cancelled[0]
    whole = series and len(found.series) > 1
    told = await _tell(
        uow,
        actor,
        first,
        found.branch_ids,
        (
            (lambda lang: series_cancelled_notice(lang, cancelled, reason))
            if whole
            else (lambda lang: cancelled_notice(lang, first, reason))
        ),
        f"att-cancel:{first.id}" + (":s" if whole else ""),
        first.starts_at,
        now,
    )
    return Cancelled(cancelled, told, reason, whole)


async def move_preview(
    uow: UnitOfWork,
    actor: Actor,
    meeting_id: int,
    new_start: datetime,
    new_length: timedelta | None,
    now: datetime,
) -> MovePreview | Refusal:
    """What moving the meeting would do: where it lands, and what is already there."""
    found = await changeable(uow, actor, meeting_id, now)
    if isinstance(found, Text):
        return found
    meeting = found.meeting
    if new_start <= now:
        return past(new_start, now)
    new_end = new_start + (new_length or meeting.ends_at - meeting.starts_at)
    if new_start == meeting.starts_at and new_end == meeting.ends_at:
        return Text("att.change.same_time", {"title": meeting.title, "when": when_of(meeting)})
    overlaps = await uow.attendance.overlapping(found.branch_ids, [(new_start, new_end)], besides=meeting.id)
    return MovePreview(meeting, new_start, new_end, overlaps, odd_hour(new_start))


async def move_meeting(
    uow: UnitOfWork,
    actor: Actor,
    meeting_id: int,
    new_start: datetime,
    new_length: timedelta | None,
    now: datetime,
    *,
    reason: str = "",
) -> Moved | Refusal:
    """Moves the meeting to `new_start`, keeping its length unless a new one is given."""
    preview = await move_preview(uow, actor, meeting_id, new_start, new_length, now)
    if isinstance(preview, Text):
        return preview
    meeting = preview.meeting
    title, was = meeting.title, when_of(meeting)
    old_start, old_end = meeting.starts_at, meeting.ends_at
    branch_ids = await uow.attendance.branch_ids(meeting.id)
    moved = await uow.attendance.move_meeting(meeting.id, old_start, new_start, preview.new_end, now)
    if moved is None:
        return Text("att.change.started", {"title": title, "when": was})
    reminders = await plan_for_meeting(uow, moved, now)  # old ones cancelled, new ones planned
    await uow.outbox.skip_pending(_waiting_keys(moved.id), "meeting moved")
    told = await _tell(
        uow,
        actor,
        moved,
        branch_ids,
        lambda lang: moved_notice(lang, moved, old_start, reason),
        f"att-move:{moved.id}:{int(now.timestamp())}",
        min(old_start, new_start),
        now,
        with_rsvp=True,
    )
    return Moved(moved, old_start, old_end, reminders, told, reason)


def _waiting_keys(meeting_id: int) -> list[str]:
    """Outbox rows about the meeting that may still wait to be sent (private reminders held
    for the morning, the group announcement): they would tell the old story."""
    return [f"reminder:{meeting_id}:", f"att-announce:{meeting_id}:"]


async def _tell(
    uow: UnitOfWork,
    actor: Actor,
    meeting: Meeting,
    branch_ids: list[int],
    text: Callable[[str], str],
    key: str,
    urgent_before: datetime,
    now: datetime,
    *,
    with_rsvp: bool = False,
) -> Told:
    """The notice, through the outbox as reminders go: to every group of the meeting's
    branches, and privately (outside quiet hours, unless holding it would make it arrive
    after the meeting) to every linked member who has not sent an excuse, the actor aside.
    A moved meeting's notice asks again who will come."""
    person = actor.person
    groups = await uow.chats.groups_of_branches(branch_ids)
    people = [r for r in await uow.schedule.notice_recipients(meeting.id) if r.person_id != person.id]
    if not groups and not people:
        return Told(0, 0)
    at = deliverable_at(now)
    urgent = at >= urgent_before
    batch = await uow.outbox.create_batch(key.split(":", 1)[0], now, title=meeting.title, person_id=person.id)

    def reply(lang: str) -> Reply:
        buttons = as_rows(rsvp_buttons(lang, meeting.id)) if with_rsvp else ()
        return Reply(text(lang), buttons, lang=lang)

    items = fan_out(
        key,
        groups,
        people,
        reply,
        now=now,
        private_at=now if urgent else at,
        batch_id=batch,
        urgent=urgent,
    )
    await uow.outbox.enqueue(items)
    return Told(len(groups), len(people))
