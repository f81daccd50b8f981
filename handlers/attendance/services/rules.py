"""Who may do what to a meeting, decided on data already read (the check-in burst path
applies the check-in rule to a whole batch without a statement per tap)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import datetime, timedelta
from typing import Protocol

from config.i18n import Text
from handlers.actor import Actor, Refusal
from storage.models import Meeting, Person
from storage.repos.attendance import CHECKIN_OPENS_BEFORE

NOT_OPEN = Text("att.checkin.closed")  # the service says when the next one opens

# How long after the start a member's own check-in is still on time, unless the branch set
# its own (`/lich muon 10`). A quarter of an hour: people arrive, greet each other and take a
# seat, and an elderly member types «có mặt» on Zalo only once seated; a stricter reading
# marked 19:35 for 19:30 "đến muộn" and made the report's "muộn" column meaningless.
DEFAULT_GRACE = timedelta(minutes=15)
MAX_GRACE_MINUTES = 120


class Window(Protocol):
    """A meeting as the check-in rule reads it (a Meeting, or the burst's MeetingWindow)."""

    @property
    def cancelled(self) -> bool: ...
    @property
    def starts_at(self) -> datetime: ...
    @property
    def ends_at(self) -> datetime: ...


def grace_of(branch_id: int, own: Mapping[int, int]) -> timedelta:
    """The branch's grace period, from the branches that set their own (LatenessRepo)."""
    minutes = own.get(branch_id)
    return DEFAULT_GRACE if minutes is None else timedelta(minutes=minutes)


def checkin_open(meeting: Window, now: datetime) -> bool:
    return meeting.starts_at - CHECKIN_OPENS_BEFORE <= now < meeting.ends_at


def checkin_status(meeting: Window, now: datetime, grace: timedelta) -> str:
    """A member's own check-in is late once the grace period after the start has passed."""
    return "late" if now > meeting.starts_at + grace else "present"


def checkin_rule(meeting: Window | None, takes_part: bool, now: datetime, grace: timedelta) -> str | Refusal:
    """A member's own check-in: the status to record ("present" | "late"), or why not
    (NOT_OPEN when the window is closed)."""
    if meeting is None or meeting.cancelled:
        return Text("att.gone")
    if not takes_part:
        return Text("att.checkin.not_member")
    if not checkin_open(meeting, now):
        return NOT_OPEN
    return checkin_status(meeting, now, grace)


def may_check_in_for(actor: Actor, who: Person) -> Refusal | None:
    """A secretary checks in people of their own branch; committee staff, of their committee."""
    if actor.acts_for(who.branch):
        return None
    return Text("att.proxy.not_yours")


def staff_only(actor: Actor) -> Refusal | None:
    """Meetings are created and changed by secretaries and committee staff."""
    if actor.secretary or actor.committee_staff:
        return None
    return Text("command.not_allowed", {"command": "hop", "who": Text("who.staff")})


def may_change(actor: Actor, meeting: Meeting, branch_ids: Collection[int]) -> Refusal | None:
    """A committee study session is changed by its committee's staff only; a branch meeting
    by its own branch's secretaries."""
    why = staff_only(actor)
    if why is not None:
        return why
    if meeting.kind == "hoc_tap":
        if actor.staff_of(meeting.committee_id):
            return None
        return Text("att.change.committee_only")  # a forged press learns no title
    if actor.secretary and actor.person.branch_id in branch_ids:
        return None
    return Text("att.change.own_branch_only")
