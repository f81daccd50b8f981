"""The buttons of meetings and attendance, as they are packed into button data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from handlers.buttons import Bounds, ButtonData

# a moved meeting's new start, in unix seconds: 2020 … 2100 (the typed date is checked first)
_EPOCH = Bounds(1_577_836_800, 4_102_444_800)


@dataclass(frozen=True, slots=True)
class Rsvp(ButtonData, prefix="att"):
    """«Sẽ tham dự» (y) and «Xin vắng» (n) under a meeting notice or reminder."""

    meeting: int
    answer: Literal["y", "n"]


@dataclass(frozen=True, slots=True)
class Present(ButtonData, prefix="ci"):
    """«Có mặt» while the meeting is open for check-in."""

    meeting: int


@dataclass(frozen=True, slots=True)
class Proxy(ButtonData, prefix="px"):
    """A name from the list of those not yet checked in, picked by a secretary; `late`
    when the list was for marking latecomers (/diemdanh muon)."""

    meeting: int
    person: int
    late: bool = False


@dataclass(frozen=True, slots=True)
class CreateMeeting(ButtonData, prefix="hc"):
    """Under the preview of a /hop: «Tạo» (ok) creates the draft's meetings, «Không tạo» (no)."""

    draft: int
    answer: Literal["ok", "no"]


@dataclass(frozen=True, slots=True)
class CancelMeeting(ButtonData, prefix="hx"):
    """A meeting picked to cancel (asks to confirm), then «Huỷ» (ok), «Hủy cả … buổi» of its
    series (all) or «Giữ» (no); a yes asks for the reason."""

    meeting: int
    answer: Literal["", "ok", "all", "no"] = ""


@dataclass(frozen=True, slots=True)
class MoveMeeting(ButtonData, prefix="hd"):
    """A meeting picked to move to the start (and length, 0 = keep) that was typed (asks to
    confirm), then «Dời» (ok) or «Không dời» (no); a yes asks for the reason."""

    meeting: int
    start: Annotated[int, _EPOCH]
    minutes: Annotated[int, Bounds(0, 24 * 60)]
    answer: Literal["", "ok", "no"] = ""
