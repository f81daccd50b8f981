"""Creating meetings: a branch's own (one-off or a recurring series) by its secretary, and
committee study sessions for all or chosen branches by the committee's staff."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from config.formatting import fmt_datetime
from config.i18n import Text
from config.messages import ChatRef
from config.text import fold, name_key
from handlers.actor import Actor, Refusal
from handlers.attendance.reminders import plan_for_meetings
from handlers.attendance.requests import MeetingRequest
from handlers.attendance.services.rules import staff_only
from handlers.attendance.wording import announce_reply
from scheduler.outbox import outbox_item
from scheduler.quiet_hours import deliverable_at
from storage.models import Meeting
from storage.repos.attendance import NewMeeting
from storage.uow import UnitOfWork


@dataclass(frozen=True, slots=True)
class Created:
    meetings: list[Meeting]  # earliest first; more than one for a series
    branch_ids: list[int]
    branch_names: list[str]  # the chosen branches; every branch of the committee when `everyone`
    everyone: bool  # a study session for all the committee's branches
    study: bool
    announced: int  # group posts queued
    announce_here: bool  # the chat the request came from is a group of these branches


def is_study(actor: Actor, request: MeetingRequest) -> bool:
    """Committee staff who are not also a branch's secretary create study sessions; a
    secretary on the committee does when choosing branches or naming it "Học tập …"."""
    return actor.committee_staff and (
        not actor.secretary or bool(request.branch_names) or fold(request.title).startswith("hoc tap")
    )


async def create_meetings(
    uow: UnitOfWork, actor: Actor, request: MeetingRequest, now: datetime, *, here: ChatRef | None = None
) -> Created | Refusal:
    """Creates the meetings, plans their reminders, and announces the first one in every
    group of their branches (`here`, the chat the request came from, aside: it is answered
    directly)."""
    why = staff_only(actor)
    if why is not None:
        return why
    if not request.starts or request.starts[0] < now:
        return Text("att.hop.past", {"when": fmt_datetime(request.starts[0]) if request.starts else ""})
    if not request.title:
        return Text("att.hop.no_title_recurring" if request.recurrence else "att.hop.no_title")
    person = actor.person
    committee = person.branch.committee
    study = is_study(actor, request)
    if study:
        all_branches = await uow.reports.branch_names(committee.id)
        by_key = {name_key(n): i for i, n in all_branches.items()}
        branch_ids = []
        for name in request.branch_names:
            found = by_key.get(name_key(name)) or by_key.get(name_key("chi bo " + name))
            if found is None:
                return Text("att.hop.unknown_branch", {"name": name, "committee": committee.name})
            branch_ids.append(found)
        everyone = not branch_ids
        if everyone:
            branch_ids = sorted(all_branches)
        names = [all_branches[b] for b in branch_ids]
    else:
        branch_ids, names, everyone = [person.branch_id], [person.branch.name], False
    new = [
        NewMeeting(
            kind="hoc_tap" if study else "sinh_hoat",
            title=request.title,
            starts_at=s,
            ends_at=s + request.length,
            committee_id=committee.id,
            branch_ids=branch_ids,
            place=request.place,
            online_link=request.link,
            created_by_person_id=person.id,
            recurrence=request.recurrence,
        )
        for s in request.starts
    ]
    meetings = await uow.attendance.create_meetings(new, now)
    await plan_for_meetings(uow, meetings, now)
    announced, announce_here = await _announce_in_groups(uow, actor, meetings[0], branch_ids, now, here)
    return Created(meetings, branch_ids, names, everyone, study, announced, announce_here)


async def _announce_in_groups(
    uow: UnitOfWork,
    actor: Actor,
    meeting: Meeting,
    branch_ids: list[int],
    now: datetime,
    here: ChatRef | None,
) -> tuple[int, bool]:
    """The first meeting, with RSVP buttons, in every group bound to one of its branches; and
    whether `here` is one of them (its post is the answer to the request)."""
    reply = announce_reply(actor.lang, meeting)
    groups = await uow.chats.groups_of_branches(branch_ids)
    items = [
        outbox_item(
            g.platform,
            g.chat_id,
            reply,
            deliverable_at(now, is_group=True),
            is_group=True,
            dedup_key=f"att-announce:{meeting.id}:{g.platform}:{g.chat_id}",
        )
        for g in groups
        if here is None or not (g.platform == here.platform and g.chat_id == here.chat_id)
    ]
    await uow.outbox.enqueue(items)
    return len(items), len(items) < len(groups)
