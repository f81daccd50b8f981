"""The buttons of announcements: the sender's choices under the preview, and «Đã nhận»."""

from __future__ import annotations

from dataclasses import dataclass

from handlers.buttons import ButtonData


@dataclass(frozen=True, slots=True)
class Send(ButtonData, prefix="tb:s"):
    announcement: int


@dataclass(frozen=True, slots=True)
class SendAskingAck(ButtonData, prefix="tb:a"):
    announcement: int


@dataclass(frozen=True, slots=True)
class SendUrgent(ButtonData, prefix="tb:u"):
    """At once though it is night, asking for «Đã nhận»."""

    announcement: int


@dataclass(frozen=True, slots=True)
class SendPaid(ButtonData, prefix="tb:f"):
    """Fast, with Telegram's paid broadcast: offered to committee staff for a large batch."""

    announcement: int


@dataclass(frozen=True, slots=True)
class Cancel(ButtonData, prefix="tb:x"):
    announcement: int


@dataclass(frozen=True, slots=True)
class Ack(ButtonData, prefix="tb:k"):
    announcement: int
