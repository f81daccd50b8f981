"""What the reports feature brings: /baocao and /xuat, and the branch picked from a list."""

from __future__ import annotations

from handlers.feature import MEMBERS, STAFF, Buttons, Command, Feature
from handlers.reports.buttons import PickBranch
from handlers.reports.commands import branch_picked, export, report

FEATURE = Feature(
    "reports",
    commands=(
        Command("baocao", "report", MEMBERS, report),
        Command("xuat", "export", STAFF, export),
    ),
    buttons=(Buttons(PickBranch, branch_picked, who=STAFF),),
    catalogs=("reports",),
)
