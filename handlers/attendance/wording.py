"""How meetings read in messages: their day and time ("thứ Bảy, 05/12/2026, 14:00–16:00"),
place, the RSVP buttons, the group announcement and the notices of a change, in the
reader's language. The `…_of` functions give a Text, for services that do not know who
will read it."""

from __future__ import annotations

from datetime import datetime

from config.clock import local
from config.formatting import fmt_date, fmt_datetime
from config.i18n import Text, t
from config.messages import Button, Reply
from handlers.attendance.buttons import Rsvp
from handlers.when import parse_recurrence
from scheduler.recurrence import describe
from storage.models import Meeting

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def day_of(moment: datetime) -> Text:
    """ "thứ Bảy, 05/12/2026" """
    weekday = WEEKDAYS[local(moment).weekday()]
    return Text(
        "sched.day", {"weekday": Text(f"schedule.recurrence.weekday.{weekday}"), "date": fmt_date(moment)}
    )


def moment_of(moment: datetime) -> Text:
    """ "thứ Bảy, 05/12/2026, 14:00" """
    return Text("sched.moment", {"day": day_of(moment), "time": f"{local(moment):%H:%M}"})


def span_of(starts_at: datetime, ends_at: datetime) -> Text:
    """ "thứ Bảy, 05/12/2026, 14:00–16:00" (both moments in full when it ends another day)."""
    start, end = local(starts_at), local(ends_at)
    if end.date() != start.date():
        return Text("sched.span_days", {"start": moment_of(starts_at), "end": moment_of(ends_at)})
    return Text("sched.span", {"day": day_of(starts_at), "start": f"{start:%H:%M}", "end": f"{end:%H:%M}"})


def when_of(m: Meeting) -> Text:
    return span_of(m.starts_at, m.ends_at)


def when_words(m: Meeting, lang: str) -> str:
    """ "thứ Bảy, 05/12/2026, 14:00–16:00": where people plan by the day of the week."""
    return when_of(m).render(lang)


def span_words(lang: str, starts_at: datetime, ends_at: datetime) -> str:
    return span_of(starts_at, ends_at).render(lang)


def moment_words(lang: str, moment: datetime) -> str:
    return moment_of(moment).render(lang)


def when_text(m: Meeting) -> str:
    """ "05/12/2026 14:00–16:00": the short form, in any language (reports, check-in answers)."""
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


def as_rows(buttons: list[list[Button]]) -> tuple[tuple[Button, ...], ...]:
    return tuple(tuple(row) for row in buttons)


def announce_text(lang: str, meeting: Meeting) -> str:
    return t(
        lang,
        "att.announce",
        title=meeting.title,
        when=when_words(meeting, lang),
        where=where_text(lang, meeting),
    )


def announce_reply(lang: str, meeting: Meeting) -> Reply:
    """The new meeting as posted in a branch group, with the RSVP buttons."""
    return Reply(announce_text(lang, meeting), as_rows(rsvp_buttons(lang, meeting.id)), lang=lang)


def kind_text(lang: str, meeting: Meeting) -> str:
    return t(lang, f"att.change.kind.{meeting.kind}")


def rule_text(lang: str, meeting: Meeting) -> str:
    """The series' recurring form in the bot's own words, short ("ngày 5 hằng tháng, 14:00")."""
    rec = parse_recurrence(meeting.recurrence)
    return describe(rec, lang, month_end=False) if rec is not None else meeting.recurrence


def reason_text(lang: str, reason: str) -> str:
    """ " Lý do: …." after a notice, or nothing when none was given."""
    return t(lang, "att.change.reason", reason=reason.rstrip(" .")) if reason else ""


def cancelled_notice(lang: str, meeting: Meeting, reason: str) -> str:
    return t(
        lang,
        "att.change.notice_cancelled",
        kind=kind_text(lang, meeting),
        title=meeting.title,
        when=moment_words(lang, meeting.starts_at),
        reason=reason_text(lang, reason),
    )


def series_cancelled_notice(lang: str, meetings: list[Meeting], reason: str) -> str:
    first, last = meetings[0], meetings[-1]
    return t(
        lang,
        "att.change.notice_cancelled_series",
        kind=kind_text(lang, first),
        title=first.title,
        rule=rule_text(lang, first),
        count=len(meetings),
        first=day_of(first.starts_at).render(lang),
        last=day_of(last.starts_at).render(lang),
        reason=reason_text(lang, reason),
    )


def moved_notice(lang: str, meeting: Meeting, old_start: datetime, reason: str) -> str:
    return t(
        lang,
        "att.change.notice_moved",
        kind=kind_text(lang, meeting),
        title=meeting.title,
        old=moment_words(lang, old_start),
        new=when_words(meeting, lang),
        reason=reason_text(lang, reason),
    )
