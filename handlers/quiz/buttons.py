"""The buttons of quizzes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from handlers.buttons import Bounds, ButtonData

MAX_QUESTIONS = 50


@dataclass(frozen=True, slots=True)
class Answer(ButtonData, prefix="qz:a"):
    """A choice (as shown, 0 = A) for question `position` of an attempt."""

    attempt: int
    position: Annotated[int, Bounds(0, MAX_QUESTIONS - 1)]
    choice: Annotated[int, Bounds(0, 5)]


@dataclass(frozen=True, slots=True)
class Practice(ButtonData, prefix="qz:p"):
    """«Tiếp tục» (go on with an attempt left halfway) or «Làm lại» (new: draw again) for a
    bank; «Làm lại» under a result starts a new practice of its bank."""

    bank: int
    answer: Literal["go", "new"]
    size: Annotated[int, Bounds(0, MAX_QUESTIONS)] = 0  # 0: the usual number


@dataclass(frozen=True, slots=True)
class ImportBank(ButtonData, prefix="qz:i"):
    """«Nhập» (ok) or «Hủy» (no) under a bank's preview; `draft` tells it from a later file's."""

    draft: Annotated[int, Bounds(0, 999_999)]
    answer: Literal["ok", "no"]


@dataclass(frozen=True, slots=True)
class OpenRound(ButtonData, prefix="qz:r"):
    """«Mở hội thi» (ok) or «Hủy» (no) under a round's preview."""

    round: int
    answer: Literal["ok", "no"]


@dataclass(frozen=True, slots=True)
class TakeRound(ButtonData, prefix="qz:t"):
    """«Làm bài hội thi»: a go at an open round."""

    round: int


@dataclass(frozen=True, slots=True)
class ContestAnswer(ButtonData, prefix="qz:c"):
    """A choice (as shown, 0 = A) for question `position` of a live contest."""

    contest: int
    position: Annotated[int, Bounds(0, MAX_QUESTIONS - 1)]
    choice: Annotated[int, Bounds(0, 5)]


@dataclass(frozen=True, slots=True)
class SendSection(ButtonData, prefix="qz:s"):
    """Under the most missed questions: the topic's section of a question, to those who got
    it wrong; «ask» shows whom it reaches, «ok» sends."""

    question: int
    answer: Literal["ask", "ok", "no"] = "ask"


@dataclass(frozen=True, slots=True)
class ContestPoll(ButtonData, prefix="qz:q"):
    """The key of a live contest's question sent as a Telegram quiz poll."""

    contest: int
    position: Annotated[int, Bounds(0, MAX_QUESTIONS - 1)]


@dataclass(frozen=True, slots=True)
class ExportAnswers(ButtonData, prefix="qz:x"):
    """«Tải bảng .xlsx» under a round's or a contest's results: every answer, for the
    organisers."""

    kind: Literal["round", "contest"]
    id: int
