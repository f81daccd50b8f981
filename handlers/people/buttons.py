"""The buttons under a roster preview."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from handlers.buttons import Bounds, ButtonData


@dataclass(frozen=True, slots=True)
class ImportRoster(ButtonData, prefix="ds"):
    """«Nhập danh sách» (ok) or «Hủy» (no) for the draft shown; `draft` tells that draft from
    one sent after it, so an old preview's button cannot import a newer file."""

    draft: Annotated[int, Bounds(0, 999_999)]
    answer: Literal["ok", "no"]
