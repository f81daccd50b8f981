"""The buttons of reports: a branch picked from the list offered when a name was not found."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from handlers.buttons import Bounds, ButtonData


@dataclass(frozen=True, slots=True)
class PickBranch(ButtonData, prefix="rep:b"):
    """A branch's report: its latest meeting (month 0) or a month."""

    branch: int
    year: Annotated[int, Bounds(0, 2100)] = 0
    month: Annotated[int, Bounds(0, 12)] = 0
