"""Cancelling and moving a meeting not yet started. The meeting's pending reminders are
cancelled (a move plans new ones), messages still waiting about it are dropped, and its
branch groups and every linked member who has not sent an excuse are told through the
outbox. One occurrence of a recurring series changes alone."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from config.formatting import fmt_datetime
from config.i18n import Text
from config.messages import Reply
from handlers.actor import Actor, Refusal
from handlers.attendance.planning import month_start, next_month_start
from handlers.attendance.reminders import plan_for_meeting
from handlers.attendance.services.rules import may_change, staff_only
from handlers.attendance.wording import cancelled_notice, moved_notice, when_text
from scheduler.fan_out import fan_out
from scheduler.quiet_hours import deliverable_at
from storage.models import Meeting
from storage.uow import UnitOfWork

CHOICES = 12  # a typed number has at most two digits; a year of monthly meetings fits


@dataclass(frozen=True, slots=True)
class Changeable:
    meeting: Meeting
    branch_ids: list[int]


@dataclass(frozen=True, slots=True)
class Told:
    groups: int
    people: int


@dataclass(frozen=True, slots=True)
class Cancelled:
    meeting: Meeting
    told: Told


@dataclass(frozen=True, slots=True)
class Moved:
    meeting: Meeting
    old_start: datetime
    old_end: datetime
    reminders: int  # planned for the new time
    told: Told


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
        return Text("att.change.already_cancelled", {"title": meeting.title, "when": when_text(meeting)})
    if meeting.starts_at <= now:
        return Text("att.change.started", {"title": meeting.title, "when": when_text(meeting)})
    return Changeable(meeting, branch_ids)


def past(when: datetime, now: datetime) -> Refusal:
    nxt = next_month_start(month_start(now))
    return Text(
        "att.change.past", {"when": fmt_datetime(when), "example": f"05/{nxt.month:02d}/{nxt.year} 14:00"}
    )


async def cancel_meeting(
    uow: UnitOfWork, actor: Actor, meeting_id: int, now: datetime
) -> Cancelled | Refusal:
    found = await changeable(uow, actor, meeting_id, now)
    if isinstance(found, Text):
        return found
    meeting = found.meeting
    title, was, start = meeting.title, when_text(meeting), meeting.starts_at
    cancelled = await uow.attendance.cancel_meeting(meeting.id, actor.person.id, now)
    if cancelled is None:
        return Text("att.change.already_cancelled", {"title": title, "when": was})
    await plan_for_meeting(uow, cancelled, now)  # its pending reminders: cancelled
    await uow.outbox.skip_pending(_waiting_keys(cancelled.id), "meeting cancelled")
    told = await _tell(
        uow,
        actor,
        cancelled,
        found.branch_ids,
        lambda lang: cancelled_notice(lang, cancelled, start),
        f"att-cancel:{cancelled.id}",
        start,
        now,
    )
    return Cancelled(cancelled, told)


async def move_meeting(
    uow: UnitOfWork,
    actor: Actor,
    meeting_id: int,
    new_start: datetime,
    new_length: timedelta | None,
    now: datetime,
) -> Moved | Refusal:
    """Moves the meeting to `new_start`, keeping its length unless a new one is given."""
    found = await changeable(uow, actor, meeting_id, now)
    if isinstance(found, Text):
        return found
    meeting = found.meeting
    if new_start <= now:
        return past(new_start, now)
    length = new_length or meeting.ends_at - meeting.starts_at
    if new_start == meeting.starts_at and new_start + length == meeting.ends_at:
        return Text("att.change.same_time", {"title": meeting.title, "when": when_text(meeting)})
    title, was = meeting.title, when_text(meeting)
    old_start, old_end = meeting.starts_at, meeting.ends_at
    moved = await uow.attendance.move_meeting(meeting.id, old_start, new_start, new_start + length, now)
    if moved is None:
        return Text("att.change.started", {"title": title, "when": was})
    reminders = await plan_for_meeting(uow, moved, now)  # old ones cancelled, new ones planned
    await uow.outbox.skip_pending(_waiting_keys(moved.id), "meeting moved")
    told = await _tell(
        uow,
        actor,
        moved,
        found.branch_ids,
        lambda lang: moved_notice(lang, moved, old_start),
        f"att-move:{moved.id}:{int(now.timestamp())}",
        min(old_start, new_start),
        now,
    )
    return Moved(moved, old_start, old_end, reminders, told)


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
) -> Told:
    """The notice, through the outbox as reminders go: to every group of the meeting's
    branches, and privately (outside quiet hours, unless holding it would make it arrive
    after the meeting) to every linked member who has not sent an excuse, the actor aside."""
    person = actor.person
    groups = await uow.chats.groups_of_branches(branch_ids)
    people = [r for r in await uow.schedule.notice_recipients(meeting.id) if r.person_id != person.id]
    if not groups and not people:
        return Told(0, 0)
    at = deliverable_at(now)
    urgent = at >= urgent_before
    batch = await uow.outbox.create_batch(key.split(":", 1)[0], now, title=meeting.title, person_id=person.id)
    items = fan_out(
        key,
        groups,
        people,
        lambda lang: Reply(text(lang), lang=lang),
        now=now,
        private_at=now if urgent else at,
        batch_id=batch,
        urgent=urgent,
    )
    await uow.outbox.enqueue(items)
    return Told(len(groups), len(people))
