"""Creating meetings: a branch's own (one-off or a recurring series) by its secretary, and
committee study sessions for all or chosen branches by the committee's staff.

Nothing is created at once. `plan_meetings` reads what was asked into a draft and says what
it will do: when, where, for whom, who is told, and what looks wrong (the same meeting or
series again, an overlap with another meeting, an hour before 06:00 or after 22:00, a day of
the month some months lack). `confirm_plan` creates the draft's meetings, once."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from config.formatting import fmt_datetime
from config.i18n import Text
from config.text import fold, name_key
from handlers.actor import Actor, Refusal
from handlers.attendance.reminders import plan_for_meetings, stored_offsets
from handlers.attendance.requests import MeetingRequest
from handlers.attendance.services.rules import staff_only
from handlers.attendance.wording import announce_reply
from handlers.when import odd_hour, parse_recurrence
from scheduler.outbox import outbox_item
from scheduler.quiet_hours import deliverable_at
from scheduler.recurrence import Recurrence
from storage.models import Meeting
from storage.repos.attendance import NewMeeting
from storage.uow import UnitOfWork

DRAFT_KEPT = timedelta(days=1)  # a preview older than this is typed again, not confirmed


@dataclass(frozen=True, slots=True)
class SameSeries:
    """A recurring series of the branch with the same day and time as the one asked for."""

    meetings: list[Meeting]  # those to come, earliest first


@dataclass(frozen=True, slots=True)
class Plan:
    """What a /hop will do once confirmed."""

    draft_id: int
    request: MeetingRequest
    study: bool
    branch_ids: list[int]
    branch_names: list[str]  # the chosen branches; every branch of the committee when `everyone`
    everyone: bool
    groups: int  # group chats the first meeting is posted in
    people: int  # active people of those branches, not exempted from meetings
    linked: int  # of them, those reminded privately (a chat account linked)
    offsets: tuple[int, ...] | None  # reminders before each meeting; None: each branch its own
    duplicates: list[Meeting]  # meetings of these branches starting at one of the same times
    same_series: list[SameSeries]
    overlaps: list[Meeting]  # other meetings of these branches at overlapping times
    odd_hour: bool  # starts before 06:00 or after 22:00
    month_end: list[datetime]  # occurrences moved to a shorter month's last day

    @property
    def warned(self) -> bool:
        return bool(self.duplicates or self.same_series)


@dataclass(frozen=True, slots=True)
class Created:
    meetings: list[Meeting]  # earliest first; more than one for a series
    branch_ids: list[int]
    branch_names: list[str]
    everyone: bool
    study: bool
    announced: int  # group posts queued
    offsets: tuple[int, ...] | None


def is_study(actor: Actor, request: MeetingRequest) -> bool:
    """Committee staff who are not also a branch's secretary create study sessions; a
    secretary on the committee does when choosing branches or naming it "Học tập …"."""
    return actor.committee_staff and (
        not actor.secretary or bool(request.branch_names) or fold(request.title).startswith("hoc tap")
    )


def _past(request: MeetingRequest, now: datetime) -> Refusal | None:
    if not request.starts or request.starts[0] <= now:
        return Text("att.hop.past", {"when": fmt_datetime(request.starts[0]) if request.starts else ""})
    return None


async def _branches(
    uow: UnitOfWork, actor: Actor, request: MeetingRequest, study: bool
) -> tuple[list[int], list[str], bool] | Refusal:
    person = actor.person
    if not study:
        return [person.branch_id], [person.branch.name], False
    committee = person.branch.committee
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
    return branch_ids, [all_branches[b] for b in branch_ids], everyone


def _same_rule(a: Recurrence, b: Recurrence) -> bool:
    return (a.day, a.hour, a.minute) == (b.day, b.hour, b.minute)


async def _look_around(
    uow: UnitOfWork, request: MeetingRequest, branch_ids: list[int], now: datetime
) -> tuple[list[Meeting], list[SameSeries], list[Meeting]]:
    """(the same start again, the same series again, overlapping meetings) in these branches."""
    starts = set(request.starts)
    near = await uow.attendance.overlapping(branch_ids, [(s, s + request.length) for s in request.starts])
    series: list[SameSeries] = []
    if request.rule is not None:
        for meetings in (await uow.attendance.upcoming_series(branch_ids, now)).values():
            rule = parse_recurrence(meetings[0].recurrence)
            if rule is not None and _same_rule(rule, request.rule):
                series.append(SameSeries(meetings))
    in_series = {m.id for s in series for m in s.meetings}
    duplicates = [m for m in near if m.starts_at in starts and m.id not in in_series]
    overlaps = [m for m in near if m.starts_at not in starts and m.id not in in_series]
    return duplicates, series, overlaps


def _payload(request: MeetingRequest, study: bool, branch_ids: list[int], seen: list[int]) -> dict[str, Any]:
    return {
        "starts": [s.isoformat() for s in request.starts],
        "minutes": int(request.length.total_seconds()) // 60,
        "title": request.title,
        "place": request.place,
        "link": request.link,
        "recurrence": request.recurrence,
        "branch_names": list(request.branch_names),
        "study": study,
        "branch_ids": branch_ids,
        "seen": seen,  # the meetings warned about: any other found at confirmation is shown first
    }


def _request_of(payload: dict[str, Any]) -> MeetingRequest:
    recurrence = str(payload["recurrence"])
    return MeetingRequest(
        [datetime.fromisoformat(s) for s in payload["starts"]],
        timedelta(minutes=int(payload["minutes"])),
        str(payload["title"]),
        str(payload["place"]),
        str(payload["link"]),
        recurrence,
        tuple(payload["branch_names"]),
        parse_recurrence(recurrence) if recurrence else None,
    )


async def plan_meetings(
    uow: UnitOfWork, actor: Actor, request: MeetingRequest, now: datetime
) -> Plan | Refusal:
    """Checks the request and keeps it as a draft; says what confirming it will do."""
    why = staff_only(actor)
    if why is not None:
        return why
    past = _past(request, now)
    if past is not None:
        return past
    if not request.title:
        return Text("att.hop.no_title_recurring" if request.recurrence else "att.hop.no_title")
    study = is_study(actor, request)
    chosen = await _branches(uow, actor, request, study)
    if isinstance(chosen, Text):
        return chosen
    branch_ids, names, everyone = chosen
    duplicates, same_series, overlaps = await _look_around(uow, request, branch_ids, now)
    seen = [m.id for m in duplicates] + [m.id for s in same_series for m in s.meetings]
    draft_id = await uow.drafts.add(actor.person.id, _payload(request, study, branch_ids, seen), now)
    people, linked = await uow.people.reach(branch_ids)
    groups = len(await uow.chats.groups_of_branches(branch_ids))
    return Plan(
        draft_id=draft_id,
        request=request,
        study=study,
        branch_ids=branch_ids,
        branch_names=names,
        everyone=everyone,
        groups=groups,
        people=people,
        linked=linked,
        offsets=await _offsets(uow, branch_ids),
        duplicates=duplicates,
        same_series=same_series,
        overlaps=overlaps,
        odd_hour=odd_hour(request.starts[0]),
        month_end=request.rule.moved_to_month_end(request.starts) if request.rule is not None else [],
    )


async def _offsets(uow: UnitOfWork, branch_ids: list[int]) -> tuple[int, ...] | None:
    settings = await uow.schedule.branch_settings(branch_ids)
    each = {stored_offsets(s.offsets if (s := settings.get(b)) else None) for b in branch_ids}
    return next(iter(each)) if len(each) == 1 else None


async def confirm_plan(
    uow: UnitOfWork, actor: Actor, draft_id: int, now: datetime
) -> Created | Plan | Refusal:
    """Creates the draft's meetings, plans their reminders and announces the first one in
    every group of their branches. When a meeting at the same time (or the same series) was
    added since the preview, nothing is created: a new preview says so."""
    why = staff_only(actor)
    if why is not None:
        return why
    found = await _waiting_draft(uow, actor, draft_id, now)
    if isinstance(found, Text):
        return found
    request, payload = found
    past = _past(request, now)
    if past is not None:
        return past
    branch_ids = [int(b) for b in payload["branch_ids"]]
    duplicates, same_series, _ = await _look_around(uow, request, branch_ids, now)
    seen = set(payload["seen"])
    if any(m.id not in seen for m in duplicates) or any(
        m.id not in seen for s in same_series for m in s.meetings
    ):
        await uow.drafts.finish(draft_id, "dropped", now)
        return await plan_meetings(uow, actor, request, now)
    if not await uow.drafts.finish(draft_id, "created", now):
        return Text("sched.draft.done")
    study = bool(payload["study"])
    names = await uow.reports.branch_names(actor.person.branch.committee_id)
    person = actor.person
    new = [
        NewMeeting(
            kind="hoc_tap" if study else "sinh_hoat",
            title=request.title,
            starts_at=s,
            ends_at=s + request.length,
            committee_id=person.branch.committee_id,
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
    announced = await _announce_in_groups(uow, actor, meetings[0], branch_ids, now)
    everyone = study and not request.branch_names
    return Created(
        meetings,
        branch_ids,
        [names.get(b, "") for b in branch_ids],
        everyone,
        study,
        announced,
        await _offsets(uow, branch_ids),
    )


async def drop_plan(uow: UnitOfWork, actor: Actor, draft_id: int, now: datetime) -> Refusal | None:
    """«Không tạo»: the draft is dropped; None when it was."""
    found = await _waiting_draft(uow, actor, draft_id, now)
    if isinstance(found, Text):
        return found
    return None if await uow.drafts.finish(draft_id, "dropped", now) else Text("sched.draft.done")


async def _waiting_draft(
    uow: UnitOfWork, actor: Actor, draft_id: int, now: datetime
) -> tuple[MeetingRequest, dict[str, Any]] | Refusal:
    draft = await uow.drafts.get(draft_id)
    if draft is None or draft.person_id != actor.person.id:
        return Text("sched.draft.gone")
    if draft.done_at is not None:
        return Text("sched.draft.done" if draft.outcome == "created" else "sched.draft.dropped")
    if now - draft.created_at > DRAFT_KEPT:
        return Text("sched.draft.expired")
    payload: dict[str, Any] = json.loads(draft.payload)
    return _request_of(payload), payload


async def _announce_in_groups(
    uow: UnitOfWork, actor: Actor, meeting: Meeting, branch_ids: list[int], now: datetime
) -> int:
    """The first meeting, with RSVP buttons, in every group bound to one of its branches."""
    reply = announce_reply(actor.lang, meeting)
    items = [
        outbox_item(
            g.platform,
            g.chat_id,
            reply,
            deliverable_at(now, is_group=True),
            is_group=True,
            dedup_key=f"att-announce:{meeting.id}:{g.platform}:{g.chat_id}",
        )
        for g in await uow.chats.groups_of_branches(branch_ids)
    ]
    await uow.outbox.enqueue(items)
    return len(items)
