"""What the attendance feature brings: meetings (/hop, /lich), RSVP, check-in, apologies,
the reminders before a meeting, the monthly planning nudge and the group summary."""

from __future__ import annotations

from datetime import timedelta

from handlers.attendance import planning, reminders, summary
from handlers.attendance.buttons import CancelMeeting, CreateMeeting, MoveMeeting, Present, Proxy, Rsvp
from handlers.attendance.changes import (
    CANCEL_REASON,
    MOVE_REASON,
    cancel_chosen,
    cancel_reason_typed,
    move_chosen,
    move_reason_typed,
    with_meeting_changes,
)
from handlers.attendance.checkin import (
    REASON,
    absence_words,
    apologise,
    checkin,
    present_pressed,
    present_words,
    proxy_chosen,
    reason_typed,
    rsvp_chosen,
    says_absent,
    says_present,
)
from handlers.attendance.lateness import with_lateness_settings
from handlers.attendance.meetings import asks_about_meetings, create, create_chosen, schedule, schedule_asked
from handlers.feature import (
    MEMBERS,
    STAFF,
    Awaits,
    Buttons,
    Command,
    DueJob,
    Feature,
    Periodic,
    TextTrigger,
)
from handlers.schedule import with_reminder_settings, with_schedule_checks

REASON_KEPT = timedelta(hours=1)

FEATURE = Feature(
    "attendance",
    commands=(
        Command("lich", "schedule", MEMBERS, with_lateness_settings(with_reminder_settings(schedule))),
        Command("hop", "meeting", STAFF, with_meeting_changes(with_schedule_checks(create))),
        Command("diemdanh", "checkin", MEMBERS, checkin),
        # "vang" typed bare is as often "vâng" (yes) as "vắng": «xin vắng» is the words' trigger
        Command("vang", "absent", MEMBERS, apologise, bare=False),
    ),
    buttons=(
        Buttons(Rsvp, rsvp_chosen, who=MEMBERS),
        Buttons(Present, present_pressed, who=MEMBERS),
        Buttons(Proxy, proxy_chosen, who=STAFF),
        Buttons(CreateMeeting, create_chosen, who=STAFF),
        Buttons(CancelMeeting, cancel_chosen, who=STAFF),
        Buttons(MoveMeeting, move_chosen, who=STAFF),
    ),
    triggers=(
        TextTrigger(says_present, present_words, in_groups=True),
        TextTrigger(says_absent, absence_words),
        TextTrigger(asks_about_meetings, schedule_asked),
    ),
    awaits=(
        Awaits(REASON, reason_typed),
        # the reason is typed right after the choice; later words are not taken for it
        Awaits(CANCEL_REASON, cancel_reason_typed, ttl=REASON_KEPT),
        Awaits(MOVE_REASON, move_reason_typed, ttl=REASON_KEPT),
    ),
    due_jobs=(
        DueJob(reminders.KIND, reminders.send_reminder),
        DueJob(planning.KIND, planning.send_planning_reminder),
    ),
    periodic=(
        Periodic("monthly_planning", planning.TICK_SECONDS, planning.planning_tick),
        Periodic("attendance-summary", summary.EVERY_SECONDS, summary.refresh_summaries),
    ),
    catalogs=("attendance", "meeting_changes", "schedule", "scheduling"),
)
