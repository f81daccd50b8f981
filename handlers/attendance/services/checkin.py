"""A member's answers about a meeting: RSVP, an excuse with its reason, their own check-in,
and a check-in by proxy."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from config.clock import VN_TZ, local
from config.formatting import fmt_date
from config.i18n import Text
from config.text import fold
from handlers.actor import Actor, Refusal
from handlers.attendance.services.rules import (
    NOT_OPEN,
    checkin_open,
    checkin_rule,
    grace_of,
    may_check_in_for,
)
from handlers.attendance.wording import when_of
from storage.models import Meeting, Person
from storage.repos.attendance import CHECKIN_OPENS_BEFORE, PRESENT
from storage.uow import UnitOfWork

REASON_LIMIT = 300  # characters: a reason, not a letter (what the record keeps)


@dataclass(frozen=True, slots=True)
class CheckedIn:
    meeting: Meeting
    person: Person
    by: Person
    changed: bool  # False: already checked in, at `recorded_at`
    late: bool
    recorded_at: datetime | None


@dataclass(frozen=True, slots=True)
class Answered:
    meeting: Meeting
    answer: Literal["y", "n"]


@dataclass(frozen=True, slots=True)
class Excused:
    meeting: Meeting
    reason: str


async def not_open(uow: UnitOfWork, branch_id: int, now: datetime) -> Refusal:
    """Check-in is closed: when the branch's next meeting opens, if it has one."""
    nxt = await uow.attendance.next_for_branch(branch_id, now)
    if nxt is None:
        return Text("att.checkin.none")
    return Text(
        "att.checkin.closed",
        {
            "title": nxt.title,
            "when": when_of(nxt),
            "opens": f"{local(nxt.starts_at - CHECKIN_OPENS_BEFORE):%H:%M}",
        },
    )


async def _record_check_in(
    uow: UnitOfWork,
    meeting: Meeting,
    who: Person,
    by: Person,
    status: str,
    now: datetime,
    *,
    keep_checked_in: bool = True,
) -> CheckedIn:
    changed = await uow.attendance.record(
        meeting.id, [who], status, now, by_person_id=by.id, keep_checked_in=keep_checked_in
    )
    recorded_at = None
    if changed:
        await uow.attendance.touch_summaries_of_branch(meeting.id, who.branch_id)
    else:
        record = await uow.attendance.get_record(meeting.id, who.id)
        recorded_at = record.recorded_at if record else None
    return CheckedIn(meeting, who, by, bool(changed), status == "late", recorded_at)


async def grace_for(uow: UnitOfWork, branch_id: int) -> timedelta:
    return grace_of(branch_id, await uow.lateness.grace_minutes([branch_id]))


async def check_in(
    uow: UnitOfWork, actor: Actor, meeting_id: int | None, now: datetime
) -> CheckedIn | Refusal:
    """The actor checks themselves in: to that meeting, or (None) to their branch's meeting
    open now; late once their branch's grace period after the start has passed."""
    person = actor.person
    if meeting_id is None:
        meeting = await uow.attendance.open_for_checkin(person.branch_id, now)
        takes_part = meeting is not None
        if meeting is None:
            return await not_open(uow, person.branch_id, now)
    else:
        meeting, takes_part = await uow.attendance.for_member(meeting_id, person.branch_id)
    rule = checkin_rule(meeting, takes_part, now, await grace_for(uow, person.branch_id))
    if rule is NOT_OPEN:
        return await not_open(uow, person.branch_id, now)
    if isinstance(rule, Text):
        return rule
    assert meeting is not None
    return await _record_check_in(uow, meeting, person, person, rule, now)


async def proxy_check_in(
    uow: UnitOfWork, actor: Actor, meeting_id: int, person_id: int, now: datetime, *, late: bool = False
) -> CheckedIn | Refusal:
    """A secretary (or committee staff) checks someone of theirs in while the meeting is open
    for check-in: on time, whatever the hour it is typed at (the secretary enters the names
    of those in the room as time allows), unless they mark it late; marking late overrides
    a check-in already recorded."""
    who = await uow.people.get(person_id)
    meeting = await uow.attendance.get(meeting_id)
    if who is None or meeting is None or meeting.cancelled:
        return Text("att.gone")
    why = may_check_in_for(actor, who)
    if why is not None:
        return why
    if not checkin_open(meeting, now):
        return await not_open(uow, who.branch_id, now)
    status = "late" if late else "present"
    return await _record_check_in(uow, meeting, who, actor.person, status, now, keep_checked_in=not late)


async def opener_present(uow: UnitOfWork, actor: Actor, meeting: Meeting, now: datetime) -> bool:
    """Whoever opens a meeting's check-in (posts the «Có mặt» button, lists or checks in the
    others) is there, running it: recorded present unless already checked in, if their
    branch takes part. True when that changed their record."""
    person = actor.person
    _, takes_part = await uow.attendance.for_member(meeting.id, person.branch_id)
    if not takes_part or not checkin_open(meeting, now):
        return False
    done = await _record_check_in(uow, meeting, person, person, "present", now)
    return done.changed


async def rsvp(
    uow: UnitOfWork, actor: Actor, meeting_id: int, answer: Literal["y", "n"], now: datetime
) -> Answered | Refusal:
    """ "Sẽ tham dự" or "Xin vắng" before the meeting; an excuse's reason given earlier is kept."""
    person = actor.person
    meeting, takes_part = await uow.attendance.for_member(meeting_id, person.branch_id)
    if meeting is None or meeting.cancelled:
        return Text("att.gone")
    if not takes_part:
        return Text("att.checkin.not_member")
    if meeting.ends_at <= now:
        return Text("att.rsvp.over", {"title": meeting.title})
    current = await uow.attendance.get_record(meeting.id, person.id)
    if current is not None and current.status in PRESENT:
        return Text("att.rsvp.already_in")
    if answer == "y":
        await uow.attendance.record(meeting.id, [person], "will_attend", now, by_person_id=person.id)
    else:
        reason = current.reason if current is not None and current.status == "excused" else ""
        await uow.attendance.record(
            meeting.id, [person], "excused", now, reason=reason, by_person_id=person.id
        )
    return Answered(meeting, answer)


async def meeting_to_excuse(
    uow: UnitOfWork, person: Person, now: datetime, meeting_id: int | None = None, on: date | None = None
) -> Meeting | Refusal:
    """The meeting an excuse is for: that one (the one «Xin vắng» was pressed for), the
    branch's meeting on that day (`/vang 05/12 …`), or by default the branch's next meeting."""
    if meeting_id is not None:
        meeting, takes_part = await uow.attendance.for_member(meeting_id, person.branch_id)
        if meeting is None or meeting.cancelled:
            return Text("att.gone")
        if not takes_part:
            return Text("att.checkin.not_member")
    elif on is not None:
        start = datetime(on.year, on.month, on.day, tzinfo=VN_TZ)
        that_day = await uow.attendance.for_branch(
            person.branch_id, starts_after=start, starts_before=start + timedelta(days=1), limit=5
        )
        if not that_day:
            nxt = await uow.attendance.next_for_branch(person.branch_id, now)
            if nxt is None:
                return Text("att.vang.none_on", {"date": fmt_date(on)})
            return Text(
                "att.vang.none_on_next", {"date": fmt_date(on), "title": nxt.title, "when": when_of(nxt)}
            )
        meeting = next((m for m in that_day if m.ends_at > now), that_day[-1])
    else:
        found = await uow.attendance.next_for_branch(person.branch_id, now)
        if found is None:
            return Text("att.vang.none")
        meeting = found
    if meeting.ends_at <= now:
        return Text("att.rsvp.over", {"title": meeting.title})
    return meeting


# the words that introduce a reason: "xin vắng vì ốm" is excused for "ốm"
_CONNECTIVES = ("tai vi", "boi vi", "ly do la", "ly do", "vi", "do", "because")  # not "tại": "tai nạn"


def without_connective(reason: str) -> str:
    """The reason without the word that introduces it ("vì ốm" → "ốm", "lý do: bận" → "bận")."""
    words = reason.split()
    folded = [fold(w).strip(":,.") for w in words]
    for connective in _CONNECTIVES:
        size = len(connective.split())
        if len(words) > size and " ".join(folded[:size]) == connective:
            return " ".join(words[size:]).lstrip(":,. ")
    return reason


async def excuse(
    uow: UnitOfWork,
    actor: Actor,
    reason: str,
    now: datetime,
    meeting_id: int | None = None,
    on: date | None = None,
) -> Excused | Refusal:
    """An excuse, with its reason, for the meeting `meeting_to_excuse` finds."""
    reason = without_connective(" ".join(reason.split()))[:REASON_LIMIT]
    if not reason:
        return Text("att.vang.usage")
    person = actor.person
    meeting = await meeting_to_excuse(uow, person, now, meeting_id, on)
    if isinstance(meeting, Text):
        return meeting
    current = await uow.attendance.get_record(meeting.id, person.id)
    if current is not None and current.status in PRESENT:
        return Text("att.rsvp.already_in")
    await uow.attendance.record(meeting.id, [person], "excused", now, reason=reason, by_person_id=person.id)
    return Excused(meeting, reason)
