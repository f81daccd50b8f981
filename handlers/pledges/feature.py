"""What the pledges feature brings: /camket (registration, the branch's rate and reminders, the
monthly follow-up and review, the year-end summary) and its buttons."""

from __future__ import annotations

from handlers.feature import MEMBERS, SECRETARIES, Awaits, Buttons, Command, DueJob, Feature
from handlers.pledges import registration, reminders
from handlers.pledges.buttons import Menu, Remind, Step, Toggle
from handlers.pledges.chat import menu_pressed, pledge, remind_pressed

FEATURE = Feature(
    "pledges",
    commands=(Command("camket", "pledge", MEMBERS, pledge),),
    buttons=(
        Buttons(Toggle, registration.toggled, who=MEMBERS),
        Buttons(Step, registration.stepped, who=MEMBERS),
        Buttons(Menu, menu_pressed, who=MEMBERS),
        Buttons(Remind, remind_pressed, who=SECRETARIES),
    ),
    awaits=(Awaits(registration.TYPED, registration.typed, ttl=registration.DRAFT_KEPT),),
    due_jobs=(DueJob(reminders.KIND, reminders.second_round),),
    catalogs=("pledges",),
)
