"""A fake Zalo Bot Platform API on 127.0.0.1: the real chibo Zalo client talks to it over HTTP.

It records every call, hands out getUpdates one event at a time (error 408 when there is
none), posts events to the bot's webhook with the secret header the way Zalo does, and can
answer 429 or refuse a chat whose user cannot be reached."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import ClientSession, web

from tests.fakes.local_server import serve_locally

BOT = {"id": "7788990011", "account_name": "bot.chibo", "display_name": "chibo", "account_type": "BASIC"}
TEXT_LIMIT = 2000


@dataclass
class ZCall:
    method: str
    params: dict[str, Any]
    at: float = field(default_factory=time.monotonic)  # when the request arrived

    @property
    def chat_id(self) -> str:
        return str(self.params.get("chat_id", ""))

    @property
    def text(self) -> str:
        return str(self.params.get("text") or self.params.get("caption") or "")


@dataclass
class ZUser:
    id: str
    display_name: str

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "display_name": self.display_name, "is_bot": False}


class FakeZalo:
    def __init__(self, token: str = "1234567890:ZALO-TEST-TOKEN") -> None:
        self.token = token
        self.calls: list[ZCall] = []
        self.updates: list[dict[str, Any]] = []
        self._new_update = asyncio.Event()
        self._message_ids = itertools.count(1)
        self.webhook_url = ""
        self.webhook_secret = ""
        self.base_url = ""
        self.unreachable_chats: set[str] = set()
        self.throttle = 0  # answer this many next send calls with 429
        self.throttle_after = 0  # ... once this many more have gone through
        self.retry_after: int | None = None  # what a 429 says, if anything
        self._runner: web.AppRunner | None = None
        self.violations: list[str] = []  # requests answered with a 400

    # -- server -----------------------------------------------------------------------------------
    async def start(self) -> str:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._runner, self.base_url = await serve_locally(app)
        return self.base_url

    async def stop(self) -> None:
        if self._runner:
            await self._runner.cleanup()

    def _error(self, code: int, description: str, **extra: Any) -> web.Response:
        if code == 400:
            self.violations.append(description)
        return web.json_response({"ok": False, "error_code": code, "description": description, **extra})

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return self._error(401, "Unauthorized")
        method = request.match_info["method"]
        params: dict[str, Any] = {}
        if request.can_read_body:
            body = await request.json()
            params = body if isinstance(body, dict) else {}
        if method != "getUpdates":
            self.calls.append(ZCall(method, params))
        handler = getattr(self, f"_m_{method}", None)
        if handler is None:
            return self._error(404, "Method not found")
        if method.startswith("send"):
            if self.throttle > 0 and self.throttle_after > 0:
                self.throttle_after -= 1
            elif self.throttle > 0:
                self.throttle -= 1
                extra = {"parameters": {"retry_after": self.retry_after}} if self.retry_after else {}
                return self._error(429, "Too many requests: quota exceeded", **extra)
            if str(params.get("chat_id")) in self.unreachable_chats:
                return self._error(403, "User has blocked the bot or is not reachable")
        result = await handler(params)
        if isinstance(result, web.Response):
            return result
        return web.json_response({"ok": True, "result": result})

    # -- methods -----------------------------------------------------------------------------------
    async def _m_getMe(self, p: dict[str, Any]) -> Any:
        return {**BOT, "can_join_groups": True}

    async def _m_getUpdates(self, p: dict[str, Any]) -> Any:
        if self.webhook_url:
            return self._error(400, "Webhook is set; delete it before using getUpdates")
        timeout = min(float(p.get("timeout") or 0), 1.0)
        if not self.updates and timeout:
            self._new_update.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._new_update.wait(), timeout)
        if not self.updates:
            return self._error(408, "Request timeout")
        return self.updates.pop(0)

    async def _m_setWebhook(self, p: dict[str, Any]) -> Any:
        secret = str(p.get("secret_token") or "")
        if not p.get("url") or not 8 <= len(secret) <= 256:
            return self._error(400, "url and a secret_token of 8 to 256 characters are required")
        self.webhook_url, self.webhook_secret = str(p["url"]), secret
        return {"url": self.webhook_url, "updated_at": int(time.time() * 1000)}

    async def _m_deleteWebhook(self, p: dict[str, Any]) -> Any:
        self.webhook_url = ""
        return {"url": "", "updated_at": int(time.time() * 1000)}

    async def _m_getWebhookInfo(self, p: dict[str, Any]) -> Any:
        return {"url": self.webhook_url, "updated_at": int(time.time() * 1000)}

    def _sent(self) -> dict[str, Any]:
        return {"message_id": f"m{next(self._message_ids):06d}", "date": int(time.time() * 1000)}

    async def _m_sendMessage(self, p: dict[str, Any]) -> Any:
        text = str(p.get("text") or "")
        if not p.get("chat_id") or not 1 <= len(text) <= TEXT_LIMIT:
            return self._error(400, f"text must be 1 to {TEXT_LIMIT} characters")
        return self._sent()

    async def _m_sendPhoto(self, p: dict[str, Any]) -> Any:
        if not p.get("chat_id") or not str(p.get("photo") or "").startswith(("http://", "https://")):
            return self._error(400, "photo must be a URL")
        if len(str(p.get("caption") or "")) > TEXT_LIMIT:
            return self._error(400, f"caption must be at most {TEXT_LIMIT} characters")
        return self._sent()

    async def _m_sendSticker(self, p: dict[str, Any]) -> Any:
        if not p.get("chat_id") or not str(p.get("sticker") or "").strip():
            return self._error(400, "chat_id and sticker are required")
        return self._sent()

    async def _m_sendChatAction(self, p: dict[str, Any]) -> Any:
        return True

    # -- what a test does ----------------------------------------------------------------------------
    def message(
        self,
        user: ZUser,
        text: str = "",
        group_id: str | None = None,
        event: str = "message.text.received",
        **extra: Any,
    ) -> dict[str, Any]:
        """An event as Zalo sends it (dates in milliseconds)."""
        message: dict[str, Any] = {
            "message_id": f"u{next(self._message_ids):06d}",
            "date": int(time.time() * 1000),
            "chat": {"id": group_id or user.id, "chat_type": "GROUP" if group_id else "PRIVATE"},
            "from": user.as_dict(),
            **extra,
        }
        if event == "message.text.received":
            message["text"] = text
        elif text:
            message["caption"] = text
        return {"event_name": event, "message": message}

    def push(self, event: dict[str, Any]) -> None:
        """Queue an event for getUpdates."""
        self.updates.append(event)
        self._new_update.set()

    async def post_webhook(
        self, event: dict[str, Any], secret: str | None = None, wrapped: bool = False
    ) -> int:
        headers = {"X-Bot-Api-Secret-Token": self.webhook_secret if secret is None else secret}
        body = {"ok": True, "result": event} if wrapped else event
        async with (
            ClientSession() as session,
            session.post(self.webhook_url, json=body, headers=headers) as resp,
        ):
            await resp.read()
            return resp.status

    def sent(self, method: str | None = None, chat_id: str | None = None) -> list[ZCall]:
        return [
            c
            for c in self.calls
            if (method is None or c.method == method) and (chat_id is None or c.chat_id == chat_id)
        ]
