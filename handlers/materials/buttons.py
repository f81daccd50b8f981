"""The buttons of the library, one kind per action so that each has its own role."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from handlers.buttons import Bounds, ButtonData


@dataclass(frozen=True, slots=True)
class OpenTopic(ButtonData, prefix="tl:o"):
    topic: int


@dataclass(frozen=True, slots=True)
class Section(ButtonData, prefix="tl:s"):
    topic: int
    section: Annotated[int, Bounds(1, 999)]


@dataclass(frozen=True, slots=True)
class MarkRead(ButtonData, prefix="tl:r"):
    topic: int


@dataclass(frozen=True, slots=True)
class Publish(ButtonData, prefix="tl:p"):
    topic: int


@dataclass(frozen=True, slots=True)
class WhoHasRead(ButtonData, prefix="tl:w"):
    topic: int


@dataclass(frozen=True, slots=True)
class RemindUnread(ButtonData, prefix="tl:n"):
    topic: int
