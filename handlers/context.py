"""What a feature handler gets: the update, the caller, one unit of work, and a place to
put its replies."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from config.i18n import t
from config.messages import Button, ChatRef, Document, Image, Incoming, Outgoing, Poll, Reply
from handlers.roles import Role, roles_of
from storage.models import Account, Person
from storage.uow import UnitOfWork

if TYPE_CHECKING:
    from handlers.feature import Command
    from handlers.registry import Registry


@dataclass(frozen=True, slots=True)
class CoreEnv:
    """Facts about this deployment that features need (never secrets)."""

    telegram_bot_username: str = ""
    default_committee: str = "Đảng bộ"


@dataclass(slots=True)
class Ctx:
    inc: Incoming
    uow: UnitOfWork
    account: Account
    lang: str
    now: datetime
    env: CoreEnv
    args: str = ""
    command: str = ""
    registry: Registry | None = None  # the composed features (for /trogiup)
    out: list[Outgoing] = field(default_factory=list)
    notice: str | None = None
    # texts asked for: (the chat they are to be typed in, the feature's kind, its payload)
    awaiting: list[tuple[ChatRef, str, dict[str, Any]]] = field(default_factory=list)

    def expect_text(self, kind: str, payload: dict[str, Any], chat: ChatRef | None = None) -> None:
        """The next plain text this person types in `chat` (by default, this one) goes to the
        feature that declared `kind` (handlers/feature.py: Awaits), until it expires."""
        self.awaiting.append((chat or self.inc.chat, kind, payload))

    @property
    def commands(self) -> tuple[Command, ...]:
        return self.registry.commands if self.registry is not None else ()

    @property
    def person(self) -> Person | None:
        return self.account.person

    @property
    def roles(self) -> set[Role]:
        return roles_of(self.person)

    @property
    def in_group(self) -> bool:
        return self.inc.chat.is_group

    def t(self, key: str, **values: object) -> str:
        return t(self.lang, key, **values)

    def reply(self, text: str, buttons: list[list[Button]] | None = None, **extras: Any) -> None:
        """`send` to the chat the update came from."""
        self.send(self.inc.chat, text, buttons, **extras)

    def send(
        self,
        chat: ChatRef,
        text: str,
        buttons: list[list[Button]] | None = None,
        *,
        document: Document | None = None,
        image: Image | None = None,
        poll: Poll | None = None,
        request_contact: bool = False,
    ) -> None:
        reply = Reply(
            text=text,
            buttons=tuple(tuple(row) for row in buttons or []),
            document=document,
            image=image,
            poll=poll,
            request_contact=request_contact,
            lang=self.lang,
        )
        self.out.append(Outgoing(chat, reply))


Handler = Callable[[Ctx], Awaitable[None]]
