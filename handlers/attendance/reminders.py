"""Meeting reminders: which a meeting gets (each branch's offsets, by default 3 days, 1 day
and 1 hour before; none already past when planned), what they say, to whom, and when.

A reminder is one due job per (meeting, branch, offset). When it runs it posts in the
branch's groups and privately to each linked member who has not answered or said they will
attend (never to one who sent an excuse), through the outbox, private messages outside
quiet hours. Each carries the RSVP choices («Sẽ tham dự», «Xin vắng»: buttons, numbered
lines on Zalo and the console), except the branch's last one when it comes on the day
itself: by then people come or not, and it says how to check in (with «Có mặt» once
check-in is open)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timedelta

from config.address import addressee
from config.clock import local
from config.i18n import t
from config.messages import Button, Reply
from config.text import fold
from handlers.attendance.buttons import Present
from handlers.attendance.wording import as_rows, moment_words, rsvp_buttons
from scheduler.due import Outcome
from scheduler.outbox import outbox_item
from scheduler.quiet_hours import deliverable_at
from storage.models import Meeting
from storage.repos.attendance import CHECKIN_OPENS_BEFORE
from storage.repos.people import Member
from storage.repos.schedule import ClaimedJob, NewJob
from storage.uow import UnitOfWork

KIND = "meeting_reminder"
DEFAULT_OFFSETS: tuple[int, ...] = (3 * 1440, 1440, 60)  # minutes before the start
MAX_OFFSETS = 5
MIN_OFFSET = 5
MAX_OFFSET = 30 * 1440
# the reminder that carries the topic and the documents: about a day before
DAY_BEFORE = range(12 * 60, 36 * 60 + 1)
DOCUMENTS_WINDOW_DAYS = 31  # topics published to the branch this long before the meeting
# the branch's last reminder says how to check in, rather than asking for an answer, when
# it comes this close to the start (the 1-hour one by default; a last one a day before asks)
CHECK_IN_SOON = 6 * 60
Documents = list[tuple[str, list[dict[str, str]]]]

_UNITS = {
    "ngay": 1440, "n": 1440, "d": 1440, "day": 1440, "days": 1440,
    "gio": 60, "g": 60, "h": 60, "hour": 60, "hours": 60, "tieng": 60,
    "phut": 1, "p": 1, "ph": 1, "m": 1, "min": 1, "mins": 1, "minute": 1, "minutes": 1,
}  # fmt: skip
_OFFSET = re.compile(r"(\d{1,4})\s*([a-z]+)")


class OffsetsError(ValueError):
    """A message key of config/locales/schedule.py saying what is wrong."""


def parse_offsets(raw: str) -> tuple[int, ...]:
    """ "3n 1n 1g", "3 ngày, 1 ngày, 1 giờ", "2d 30m" → minutes before, largest first."""
    text = fold(raw).replace(",", " ").replace(";", " ")
    found: list[int] = []
    pos = 0
    for m in _OFFSET.finditer(text):
        if text[pos : m.start()].strip():
            raise OffsetsError("schedule.offsets.bad")
        pos = m.end()
        unit = _UNITS.get(m.group(2))
        if unit is None:
            raise OffsetsError("schedule.offsets.bad")
        found.append(int(m.group(1)) * unit)
    if text[pos:].strip() or not found:
        raise OffsetsError("schedule.offsets.bad")
    if len(found) > MAX_OFFSETS:
        raise OffsetsError("schedule.offsets.too_many")
    if any(o < MIN_OFFSET or o > MAX_OFFSET for o in found):
        raise OffsetsError("schedule.offsets.range")
    return tuple(sorted(set(found), reverse=True))


def stored_offsets(raw: str | None) -> tuple[int, ...]:
    if not raw:
        return DEFAULT_OFFSETS
    return tuple(int(x) for x in raw.split(",") if x)


def describe_offset(minutes: int, lang: str) -> str:
    days, rest = divmod(minutes, 1440)
    hours, mins = divmod(rest, 60)
    parts = []
    if days:
        parts.append(t(lang, "schedule.unit.days", n=days))
    if hours:
        parts.append(t(lang, "schedule.unit.hours", n=hours))
    if mins:
        parts.append(t(lang, "schedule.unit.minutes", n=mins))
    return " ".join(parts)


def describe_offsets(offsets: Sequence[int], lang: str) -> str:
    return ", ".join(describe_offset(o, lang) for o in offsets)


def time_left(start: datetime, now: datetime, lang: str) -> str:
    """ "còn 3 ngày" as seen when the message is read: a reminder sent late says the truth."""
    minutes = max(int((start - now).total_seconds() // 60), 0)
    if minutes >= 1440:
        return t(lang, "schedule.left", what=t(lang, "schedule.unit.days", n=round(minutes / 1440)))
    if minutes >= 60:
        return t(lang, "schedule.left", what=t(lang, "schedule.unit.hours", n=round(minutes / 60)))
    return t(lang, "schedule.left", what=t(lang, "schedule.unit.minutes", n=minutes))


def _stamp(meeting: Meeting) -> int:
    return int(meeting.starts_at.timestamp())


async def plan_for_meeting(uow: UnitOfWork, meeting: Meeting, now: datetime) -> int:
    """(Re)plans the reminders of a meeting just created, changed or cancelled; returns how
    many are planned. Call it in the same unit of work as the change."""
    return await plan_for_meetings(uow, [meeting], now)


async def plan_for_meetings(uow: UnitOfWork, meetings: Sequence[Meeting], now: datetime) -> int:
    if not meetings:
        return 0
    await uow.session.flush()  # a meeting just added needs its id and its branches
    await uow.schedule.cancel([f"meeting:{m.id}" for m in meetings], now, KIND)
    branches = await uow.attendance.branches_of_meetings([m.id for m in meetings])
    settings = await uow.schedule.branch_settings(sorted({b for bs in branches.values() for b in bs}))
    jobs = []
    for m in meetings:
        if m.cancelled or m.starts_at <= now:
            continue
        for branch_id in branches.get(m.id, []):
            s = settings.get(branch_id)
            for offset in stored_offsets(s.offsets if s else None):
                due = m.starts_at - timedelta(minutes=offset)
                if due <= now:
                    continue  # already past when planned: none sent for it
                jobs.append(
                    NewJob(
                        KIND,
                        f"meeting:{m.id}:{_stamp(m)}:b{branch_id}:{offset}",
                        due,
                        {"meeting_id": m.id, "branch_id": branch_id, "offset": offset, "stamp": _stamp(m)},
                        ref=f"meeting:{m.id}",
                        not_after=m.starts_at,
                    )
                )
    return await uow.schedule.add(jobs, now)


async def replan_branch(uow: UnitOfWork, branch_id: int, now: datetime) -> int:
    """After a branch changed its offsets: its upcoming meetings get the new reminders."""
    return await plan_for_meetings(uow, await uow.attendance.upcoming_of_branch(branch_id, now), now)


async def send_reminder(uow: UnitOfWork, job: ClaimedJob, now: datetime) -> Outcome:
    meeting = await uow.attendance.get(int(job.payload["meeting_id"]))
    if meeting is None or meeting.cancelled:
        return Outcome.skipped("meeting cancelled")
    if _stamp(meeting) != job.payload["stamp"]:
        return Outcome.skipped("meeting moved")
    if now >= meeting.starts_at:
        return Outcome.skipped("meeting started")
    branch_id = int(job.payload["branch_id"])
    offset = int(job.payload["offset"])
    if await uow.schedule.later_one_due(job, f"meeting:{meeting.id}:{_stamp(meeting)}:b{branch_id}:", now):
        return Outcome.skipped("superseded by a later reminder due at the same time")
    base = f"reminder:{meeting.id}:{_stamp(meeting)}:{offset}"
    docs: Documents | None = None
    if offset in DAY_BEFORE:
        since = meeting.starts_at - timedelta(days=DOCUMENTS_WINDOW_DAYS)
        docs = await uow.materials.documents_published(branch_id, since, now)
    groups = await uow.chats.groups_of_branches([branch_id])
    at = deliverable_at(now)
    # when quiet hours would hold a private reminder past the start, the group post has to do
    members = await uow.schedule.reminder_recipients(meeting.id, branch_id) if at < meeting.starts_at else []
    if not groups and not members:
        return Outcome.skipped("no group bound and no member to remind")
    batch = await uow.outbox.create_batch("reminder", now, title=meeting.title)
    settings = (await uow.schedule.branch_settings([branch_id])).get(branch_id)
    last = offset <= CHECK_IN_SOON and offset == min(stored_offsets(settings.offsets if settings else None))
    group_reply = reminder_reply(meeting, docs, now, "vi", last=last)
    items = [
        outbox_item(
            g.platform,
            g.chat_id,
            group_reply,
            now,
            is_group=True,
            dedup_key=f"{base}:group:{g.platform}:{g.chat_id}",
            batch_id=batch,
        )
        for g in groups
    ]
    for r in members:
        lang = r.language or "vi"
        items.append(
            outbox_item(
                r.platform,
                r.user_id,
                private_reply(meeting, docs, r, at, lang, last=last),
                at,
                person_id=r.person_id,
                dedup_key=f"{base}:{r.person_id}",
                batch_id=batch,
            )
        )
    added = await uow.outbox.enqueue(items)
    return Outcome.done(f"{len(groups)} group posts, {len(members)} private, {added} new")


def _where(meeting: Meeting, lang: str) -> str:
    lines = []
    if meeting.place:
        lines.append(t(lang, "schedule.reminder.place", place=meeting.place))
    if meeting.online_link:
        lines.append(t(lang, "schedule.reminder.online", link=meeting.online_link))
    return "\n".join(lines)


def _topic(meeting: Meeting, docs: Documents | None, lang: str) -> str:
    """The day-before reminder: the topic and the documents to read."""
    if docs is None:
        return ""
    lines = [t(lang, "schedule.reminder.topic", title=meeting.title)]
    if not docs:
        lines.append(t(lang, "schedule.reminder.read_first"))
        return "\n".join(lines)
    lines.append(t(lang, "schedule.reminder.documents"))
    for title, attachments in docs:
        lines.append(f"• {title}")
        lines += [f"  {a.get('title') or a['url']}: {a['url']}" for a in attachments]
    lines.append(t(lang, "schedule.reminder.read_with"))
    return "\n".join(lines)


def _checkin_line(meeting: Meeting, now: datetime, lang: str) -> str:
    opens = meeting.starts_at - CHECKIN_OPENS_BEFORE
    if now >= opens:
        return t(lang, "schedule.reminder.checkin_open")
    return t(lang, "schedule.reminder.checkin", opens=f"{local(opens):%H:%M}")


def _buttons(meeting: Meeting, now: datetime, lang: str, last: bool) -> tuple[tuple[Button, ...], ...]:
    if not last:
        return as_rows(rsvp_buttons(lang, meeting.id))
    if now >= meeting.starts_at - CHECKIN_OPENS_BEFORE:
        return ((Button(t(lang, "att.btn.present"), Present(meeting.id).pack()),),)
    return ()


def reminder_text(
    meeting: Meeting, docs: Documents | None, now: datetime, lang: str, *, last: bool = False
) -> str:
    head = t(
        lang,
        "schedule.reminder.group",
        title=meeting.title,
        when=moment_words(lang, meeting.starts_at),
        left=time_left(meeting.starts_at, now, lang),
    )
    answer = _checkin_line(meeting, now, lang) if last else t(lang, "schedule.reminder.group_answer")
    return "\n".join(x for x in (head, _where(meeting, lang), _topic(meeting, docs, lang), answer) if x)


def reminder_reply(
    meeting: Meeting, docs: Documents | None, now: datetime, lang: str, *, last: bool
) -> Reply:
    """The group post: the RSVP choices, or on the day how to check in."""
    return Reply(
        reminder_text(meeting, docs, now, lang, last=last), _buttons(meeting, now, lang, last), lang=lang
    )


def private_text(
    meeting: Meeting, docs: Documents | None, r: Member, at: datetime, lang: str, *, last: bool = False
) -> str:
    head = t(
        lang,
        "schedule.reminder.private",
        name=addressee(lang, r.full_name, r.category),
        title=meeting.title,
        when=moment_words(lang, meeting.starts_at),
        left=time_left(meeting.starts_at, at, lang),
    )
    if last:
        answer = _checkin_line(meeting, at, lang)
    else:
        answer = t(
            lang, "schedule.reminder.answer_attending" if r.will_attend else "schedule.reminder.answer"
        )
    return "\n".join(x for x in (head, _where(meeting, lang), _topic(meeting, docs, lang), answer) if x)


def private_reply(
    meeting: Meeting, docs: Documents | None, r: Member, at: datetime, lang: str, *, last: bool
) -> Reply:
    return Reply(
        private_text(meeting, docs, r, at, lang, last=last), _buttons(meeting, at, lang, last), lang=lang
    )
