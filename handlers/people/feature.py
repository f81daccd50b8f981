"""What the people feature brings: /danhsach (link codes; the roster pasted as rows), a
roster file sent in a private chat, and the confirm under its preview."""

from __future__ import annotations

from handlers.feature import STAFF, Awaits, Buttons, Command, Feature, Upload
from handlers.people.buttons import ImportRoster
from handlers.people.chat import ROWS, import_pressed, roster, roster_sent, rows_typed
from handlers.roster import TABLE_SUFFIXES

FEATURE = Feature(
    "people",
    commands=(Command("danhsach", "roster", STAFF, roster),),
    buttons=(Buttons(ImportRoster, import_pressed, who=STAFF),),
    awaits=(Awaits(ROWS, rows_typed),),
    uploads=(Upload(TABLE_SUFFIXES, roster_sent, who=STAFF),),
    catalogs=("roster", "people"),
)
