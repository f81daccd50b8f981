"""The buttons of /camket. `draft` tells a draft from one begun after it, so an old message's
button cannot change a newer draft."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from handlers.buttons import Bounds, ButtonData

DraftNo = Annotated[int, Bounds(0, 999_999)]


@dataclass(frozen=True, slots=True)
class Toggle(ButtonData, prefix="cam:c"):
    """A content of the study topic picked, or unpicked."""

    draft: DraftNo
    item: Annotated[int, Bounds(1, 40)]


@dataclass(frozen=True, slots=True)
class Step(ButtonData, prefix="cam:s"):
    """A move in the registration: on to the next part, another action, the review, confirm,
    back to a part, keep as it was, or cancel."""

    draft: DraftNo
    to: Literal["next", "more", "review", "ok", "no", "contents", "short", "actions", "keep", "back"]


@dataclass(frozen=True, slots=True)
class Menu(ButtonData, prefix="cam:m"):
    """What /camket offers under a registered pledge (and to a secretary)."""

    what: Literal["edit", "history", "report", "rate", "remind", "lock", "unlock", "review", "summary"]


@dataclass(frozen=True, slots=True)
class Remind(ButtonData, prefix="cam:n"):
    """«Gửi nhắc» (ok) or «Hủy» (no) under the preview of a reminder to those not registered."""

    year: Annotated[int, Bounds(2000, 2100)]
    answer: Literal["ok", "no"]


@dataclass(frozen=True, slots=True)
class ReportStart(ButtonData, prefix="cam:r"):
    """«Báo cáo tháng» under the monthly question: report on the month given."""

    year: Annotated[int, Bounds(2000, 2100)]
    month: Annotated[int, Bounds(1, 12)]


@dataclass(frozen=True, slots=True)
class Progress(ButtonData, prefix="cam:b"):
    """One action's state this month (done, doing, not yet), or the note skipped."""

    draft: DraftNo
    action: Annotated[int, Bounds(1, 10)]
    status: Literal["done", "doing", "not", "skip"]


@dataclass(frozen=True, slots=True)
class Review(ButtonData, prefix="cam:v"):
    """The secretary's rating of the member shown (the levels of the annual rating), no comment,
    skip to the next, back to the one before, or stop."""

    draft: DraftNo
    act: Literal["xs", "tot", "ht", "kht", "none", "skip", "back", "stop"]


@dataclass(frozen=True, slots=True)
class Assess(ButtonData, prefix="cam:a"):
    """The member confirms the year's self-assessment at a level."""

    year: Annotated[int, Bounds(2000, 2100)]
    level: Literal["xs", "tot", "ht", "kht"]
