"""What the pledges feature brings: /camket (registration, the branch's rate and reminders, the
monthly follow-up and review, the year-end summary) and its buttons."""

from __future__ import annotations

from handlers.feature import MEMBERS, SECRETARIES, Awaits, Buttons, Command, DueJob, Feature, Periodic
from handlers.pledges import followup, registration, reminders, review, yearend
from handlers.pledges.buttons import Assess, Menu, Progress, Remind, ReportStart, Review, Step, Toggle
from handlers.pledges.chat import menu_pressed, pledge, remind_pressed, report_pressed

FEATURE = Feature(
    "pledges",
    commands=(Command("camket", "pledge", MEMBERS, pledge),),
    buttons=(
        Buttons(Toggle, registration.toggled, who=MEMBERS),
        Buttons(Step, registration.stepped, who=MEMBERS),
        Buttons(Menu, menu_pressed, who=MEMBERS),
        Buttons(Remind, remind_pressed, who=SECRETARIES),
        Buttons(ReportStart, report_pressed, who=MEMBERS),
        Buttons(Progress, followup.progress_pressed, who=MEMBERS),
        Buttons(Review, review.pressed, who=SECRETARIES),
        Buttons(Assess, yearend.assess_pressed, who=MEMBERS),
    ),
    awaits=(
        Awaits(registration.TYPED, registration.typed, ttl=registration.DRAFT_KEPT),
        Awaits(followup.NOTE, followup.note_typed, ttl=registration.DRAFT_KEPT),
        Awaits(review.COMMENT, review.comment_typed, ttl=registration.DRAFT_KEPT),
    ),
    due_jobs=(
        DueJob(reminders.KIND, reminders.second_round),
        DueJob(followup.KIND, followup.ask),
    ),
    periodic=(Periodic("pledge-followup", followup.TICK_SECONDS, followup.plan_tick),),
    catalogs=("pledges",),
)
