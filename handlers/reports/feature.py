"""What the reports feature brings: /baocao and /xuat."""

from __future__ import annotations

from handlers.feature import MEMBERS, STAFF, Command, Feature
from handlers.reports.commands import export, report

FEATURE = Feature(
    "reports",
    commands=(
        Command("baocao", "report", MEMBERS, report),
        Command("xuat", "export", STAFF, export),
    ),
    catalogs=("reports",),
)
