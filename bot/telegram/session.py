"""aiogram's HTTP session, keeping the response models it builds.

aiogram reads every Bot API answer through `Response[<the method's result type>]`, a pydantic
generic model that pydantic caches only weakly. Nothing else holds it between two calls, so
each collection of the older generations frees it and the next call builds it again: 5 to
50 ms of schema building on the event loop (the Message schema is large), about 20 times in
a burst of 1,168 check-ins, a quarter of chibo's CPU there and the slowest taps' wait.
Holding each one built keeps it: about a dozen, one per result type chibo asks for."""

from __future__ import annotations

from typing import Any

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.methods.base import Response, TelegramMethod, TelegramType


class KeepingSession(AiohttpSession):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._responses: dict[type, type] = {}

    def check_response(
        self, bot: Bot, method: TelegramMethod[TelegramType], status_code: int, content: str
    ) -> Response[TelegramType]:
        kind = type(method)
        if kind not in self._responses:
            self._responses[kind] = Response[method.__returning__]  # type: ignore[name-defined]
        return super().check_response(bot, method, status_code, content)
