"""Hands outgoing messages to the transport of each message's platform.

Every transport keeps the same contract: `send` and `edit` never raise for platform
errors; they say what happened in a SendResult, so the outbox worker can tell a message
to retry later (rate limit), one never to retry (the user blocked the bot) and a failure.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from config.messages import Outgoing, Reply

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SendResult:
    ok: bool
    message_id: str | None = None
    blocked: bool = False  # the user blocked the bot or the chat is gone: do not retry
    retry_after: float | None = None  # rate limited: try again after this many seconds
    error: str = ""


class Transport(Protocol):
    platform: str
    text_limit: int
    has_buttons: bool
    can_edit: bool  # `edit` replaces the text in place (else it sends a new message)

    async def send(self, chat_id: str, reply: Reply) -> SendResult: ...

    async def edit(self, chat_id: str, message_id: str, reply: Reply) -> SendResult:
        """Replace the text of a message sent before; a platform that cannot edit sends a
        new message."""
        ...


class Delivery:
    def __init__(self) -> None:
        self._transports: dict[str, Transport] = {}

    def register(self, transport: Transport) -> None:
        self._transports[transport.platform] = transport

    def transport(self, platform: str) -> Transport | None:
        return self._transports.get(platform)

    @property
    def platforms(self) -> list[str]:
        return list(self._transports)

    async def deliver(self, messages: Iterable[Outgoing]) -> list[SendResult]:
        """Immediate replies to what a user just did (one or two messages); anything sent to
        many people goes through the outbox instead."""
        results = []
        for out in messages:
            transport = self._transports.get(out.chat.platform)
            if transport is None:
                log.warning(
                    "no %s transport running; message to %s dropped", out.chat.platform, out.chat.chat_id
                )
                results.append(SendResult(False, error="no transport"))
                continue
            try:
                result = await transport.send(out.chat.chat_id, out.reply)
            except Exception as exc:
                log.exception("sending to %s/%s failed", out.chat.platform, out.chat.chat_id)
                result = SendResult(False, error=repr(exc))
            if not result.ok:
                log.warning("sending to %s/%s: %s", out.chat.platform, out.chat.chat_id, result)
            results.append(result)
        return results
