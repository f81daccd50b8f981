"""Hands the core's outgoing messages to the transport of each message's platform."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Protocol

from bot.messages import Outgoing, Reply

log = logging.getLogger(__name__)


class Transport(Protocol):
    platform: str

    async def send(self, chat_id: str, reply: Reply) -> None: ...


class Delivery:
    def __init__(self) -> None:
        self._transports: dict[str, Transport] = {}

    def register(self, transport: Transport) -> None:
        self._transports[transport.platform] = transport

    async def deliver(self, messages: Iterable[Outgoing]) -> None:
        for out in messages:
            transport = self._transports.get(out.chat.platform)
            if transport is None:
                log.warning(
                    "no %s transport running; message to %s dropped", out.chat.platform, out.chat.chat_id
                )
                continue
            try:
                await transport.send(out.chat.chat_id, out.reply)
            except Exception:
                log.exception("sending to %s/%s failed", out.chat.platform, out.chat.chat_id)
