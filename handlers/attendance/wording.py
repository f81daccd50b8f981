"""How meetings read in messages: their time and place, the RSVP buttons, the group
announcement and the notices of a change, in the reader's language."""

from __future__ import annotations

from datetime import datetime

from config.clock import local
from config.formatting import fmt_date, fmt_datetime
from config.i18n import t
from config.messages import Button, Reply
from handlers.attendance.buttons import Rsvp
from scheduler.recurrence import describe, parse_recurrence
from storage.models import Meeting


def when_text(m: Meeting) -> str:
    return span_text(m.starts_at, m.ends_at)


def span_text(starts_at: datetime, ends_at: datetime) -> str:
    start, end = local(starts_at), local(ends_at)
    until = end.strftime("%H:%M") if end.date() == start.date() else fmt_datetime(ends_at)
    return f"{fmt_datetime(starts_at)}–{until}"


def where_text(lang: str, m: Meeting) -> str:
    text = t(lang, "att.where", place=m.place) if m.place else ""
    return text + (t(lang, "att.link", link=m.online_link) if m.online_link else "")


def rsvp_buttons(lang: str, meeting_id: int) -> list[list[Button]]:
    return [
        [
            Button(t(lang, "att.btn.will_attend"), Rsvp(meeting_id, "y").pack()),
            Button(t(lang, "att.btn.excused"), Rsvp(meeting_id, "n").pack()),
        ]
    ]


def announce_text(lang: str, meeting: Meeting) -> str:
    return t(
        lang, "att.announce", title=meeting.title, when=when_text(meeting), where=where_text(lang, meeting)
    )


def announce_reply(lang: str, meeting: Meeting) -> Reply:
    """The new meeting as posted in a branch group, with the RSVP buttons."""
    buttons = tuple(tuple(row) for row in rsvp_buttons(lang, meeting.id))
    return Reply(announce_text(lang, meeting), buttons, lang=lang)


def kind_text(lang: str, meeting: Meeting) -> str:
    return t(lang, f"att.change.kind.{meeting.kind}")


def rule_text(lang: str, meeting: Meeting) -> str:
    """The series' recurring form in the bot's own words ("ngày 5 hằng tháng, 14:00")."""
    rec = parse_recurrence(meeting.recurrence)
    return describe(rec, lang) if rec is not None else meeting.recurrence


def cancelled_notice(lang: str, meeting: Meeting, start: datetime) -> str:
    return t(
        lang,
        "att.change.notice_cancelled",
        kind=kind_text(lang, meeting),
        title=meeting.title,
        date=fmt_date(start),
        time=f"{local(start):%H:%M}",
    )


def moved_notice(lang: str, meeting: Meeting, old_start: datetime) -> str:
    return t(
        lang,
        "att.change.notice_moved",
        kind=kind_text(lang, meeting),
        title=meeting.title,
        date=fmt_date(old_start),
        time=f"{local(old_start):%H:%M}",
        new=when_text(meeting),
    )
