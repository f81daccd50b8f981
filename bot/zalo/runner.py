"""Zalo wiring: events from long polling or the webhook go to the core, replies go back."""

from __future__ import annotations

import asyncio
import hmac
import logging
import secrets
from typing import Any

from aiohttp import web

from bot.app import App
from bot.web import FileShelf
from bot.zalo.client import ZaloAPIError, ZaloClient, ZaloNetworkError
from bot.zalo.convert import BotIdentity, event_to_incoming, sent_at, unwrap
from bot.zalo.transport import ZaloTransport

SECRET_HEADER = "X-Bot-Api-Secret-Token"
MAX_POLL_BACKOFF = 60.0
MAX_REPLY_WAIT = 5.0
log = logging.getLogger(__name__)


def build_client(app: App) -> ZaloClient:
    return ZaloClient(app.settings.zalo_bot_token, app.settings.zalo_api_base)


def file_shelf(app: App) -> FileShelf | None:
    """Where Zalo's documents and images go to be linked; None without a public address."""
    base = app.settings.files_base_url()
    return FileShelf(app.settings.data_dir / "files", base) if base else None


class ZaloBot:
    def __init__(self, app: App, client: ZaloClient, files: FileShelf | None = None) -> None:
        self.app = app
        self.client = client
        self.files = files
        self.identity = BotIdentity()
        self.secret = app.settings.webhook_secret or secrets.token_urlsafe(32)

    async def prepare(self) -> None:
        me = await self.client.get_me()
        name = str(me.get("display_name") or me.get("name") or me.get("account_name") or "")
        self.identity = BotIdentity(str(me.get("id") or ""), name)
        self.app.delivery.register(ZaloTransport(self.client, self.files))

    async def handle(self, body: Any) -> None:
        inc = event_to_incoming(body, self.identity, self.app.settings.zalo_groups_enabled)
        if inc is None:
            return
        event = unwrap(body)
        when = sent_at(event["message"]) if event else None
        if when is not None:
            lag = (self.app.clock.now() - when).total_seconds()
            log.debug(
                "zalo message %s from %s, %.1f s after it was sent", inc.message_id, inc.sender.user_id, lag
            )
        response = await self.app.core.handle(inc)
        messages = response.messages  # a choice's short answer comes as a message here (no toasts)
        results = await self.app.delivery.deliver(messages)
        waits = [r.retry_after or 0.0 for r in results]
        if any(waits) and max(waits) <= MAX_REPLY_WAIT:
            # the answer to what a user just did is worth a short wait; anything longer is lost
            # rather than holding the webhook open (Zalo would redeliver, and we drop repeats)
            await asyncio.sleep(max(waits))
            await self.app.delivery.deliver([m for m, w in zip(messages, waits, strict=True) if w])

    # -- long polling ------------------------------------------------------------------------------
    async def run_polling(self, poll_timeout: int = 30) -> None:
        await self.prepare()
        await self.client.delete_webhook()
        log.info("zalo long polling as %s (%s)", self.identity.name or "?", self.identity.id or "?")
        backoff = 0.0
        while True:
            try:
                update = await self.client.get_update(poll_timeout)
            except ZaloAPIError as exc:
                if exc.code == 401:
                    raise  # a wrong token does not get better by waiting
                backoff = min(MAX_POLL_BACKOFF, backoff * 2 or 1.0)
                wait = exc.retry_after if exc.retry_after is not None else backoff
                log.warning("zalo getUpdates: %s; retrying in %.0f s", exc, wait)
                await asyncio.sleep(wait)
                continue
            except ZaloNetworkError as exc:
                backoff = min(MAX_POLL_BACKOFF, backoff * 2 or 1.0)
                log.warning("zalo getUpdates: %s; retrying in %.0f s", exc, backoff)
                await asyncio.sleep(backoff)
                continue
            if backoff:
                log.info("zalo getUpdates answers again")
            backoff = 0.0
            if update is not None:
                await self.handle(update)

    # -- webhook -------------------------------------------------------------------------------------
    def add_routes(self, web_app: web.Application) -> None:
        web_app.router.add_post(self.app.settings.zalo_webhook_path, self._on_webhook)

    async def _on_webhook(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            return web.json_response({"ok": False, "description": "Unauthorized"}, status=401)
        try:
            body = await request.json()
        except ValueError:
            return web.json_response({"ok": False, "description": "Bad Request"}, status=400)
        await self.handle(body)
        return web.json_response({"ok": True})

    async def set_webhook(self) -> None:
        s = self.app.settings
        if not 8 <= len(self.secret) <= 256:
            raise ValueError("WEBHOOK_SECRET must be 8 to 256 characters for Zalo")
        url = s.webhook_base_url.rstrip("/") + s.zalo_webhook_path
        await self.client.set_webhook(url, self.secret)
        log.info("zalo webhook set to %s", url)
