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

from config.clock import Clock
from config.messages import Outgoing, Reply
from scheduler.polls import poll_sent, record_polls
from storage.db import Database

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SendResult:
    ok: bool
    message_id: str | None = None
    blocked: bool = False  # the user blocked the bot or the chat is gone: do not retry
    retry_after: float | None = None  # rate limited: try again after this many seconds
    error: str = ""
    poll_id: str | None = None  # the poll the message carried, by the platform's id (or chibo's)
    poll_typed: bool = False  # the poll was shown as text: its answer is typed


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
    def __init__(self, db: Database | None = None, clock: Clock | None = None) -> None:
        """`db` and `clock`: where the polls among the replies are remembered for their
        answers (scheduler/polls.py); without them a poll's answers are not known."""
        self._transports: dict[str, Transport] = {}
        self._db = db
        self._clock = clock

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
        messages = list(messages)
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
        await self._remember_polls(messages, results)
        return results

    async def _remember_polls(self, messages: list[Outgoing], results: list[SendResult]) -> None:
        if not any(r.poll_id for r in results):
            return
        if self._db is None or self._clock is None:
            log.warning("polls sent without a database to remember them: their answers will be ignored")
            return
        now = self._clock.now()
        sent = [
            p
            for out, result in zip(messages, results, strict=True)
            if (
                p := poll_sent(out.chat.platform, out.chat.chat_id, out.chat.is_group, out.reply, result, now)
            )
        ]
        try:
            async with self._db.unit_of_work() as uow:
                await record_polls(uow, sent, now)
                await uow.commit()
        except Exception:
            log.exception("remembering %d sent polls failed; their answers will be ignored", len(sent))
