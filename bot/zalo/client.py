"""A small Zalo Bot Platform API client on aiohttp.

Every method is a JSON POST to `{base}/bot{token}/{method}` answered with
`{"ok": true, "result": …}` or `{"ok": false, "error_code": …, "description": …}`. Errors are
raised, never swallowed, and nothing here blocks the event loop.
"""

from __future__ import annotations

import re
from typing import Any

import aiohttp

DEFAULT_API_BASE = "https://bot-api.zaloplatforms.com"
NO_UPDATES = 408  # getUpdates: nothing arrived before the timeout
RATE_LIMITED = 429
_SECONDS = re.compile(r"(\d+(?:\.\d+)?)\s*(?:s\b|sec|giây)", re.IGNORECASE)


class ZaloAPIError(Exception):
    def __init__(self, method: str, code: int, description: str, retry_after: float | None = None) -> None:
        super().__init__(f"{method}: {code} {description}")
        self.method = method
        self.code = code
        self.description = description
        self.retry_after = retry_after


class ZaloNetworkError(Exception):
    """The API could not be reached or answered something that is not its JSON."""


class ZaloClient:
    def __init__(self, token: str, api_base: str = DEFAULT_API_BASE, request_timeout: float = 15.0) -> None:
        self.token = token
        self.api_base = (api_base or DEFAULT_API_BASE).rstrip("/")
        self.request_timeout = request_timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession()
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def call(self, method: str, wait_seconds: float | None = None, **params: Any) -> Any:
        url = f"{self.api_base}/bot{self.token}/{method}"
        body = {k: v for k, v in params.items() if v is not None}
        limit = aiohttp.ClientTimeout(total=wait_seconds or self.request_timeout)
        try:
            async with self.session.post(url, json=body, timeout=limit) as resp:
                status = resp.status
                try:
                    data = await resp.json(content_type=None)
                except ValueError:
                    data = None
        except (TimeoutError, aiohttp.ClientError) as exc:
            raise ZaloNetworkError(f"{method}: {exc!r}") from exc
        if not isinstance(data, dict):
            raise ZaloNetworkError(f"{method}: HTTP {status}, not a JSON object")
        if data.get("ok"):
            return data.get("result")
        code = int(data.get("error_code") or status)
        description = str(data.get("description") or "")
        raise ZaloAPIError(method, code, description, _retry_after(data) if code == RATE_LIMITED else None)

    # -- methods -------------------------------------------------------------------------------
    async def get_me(self) -> dict[str, Any]:
        result = await self.call("getMe")
        return dict(result or {})

    async def get_update(self, poll_seconds: int = 30) -> dict[str, Any] | None:
        """One update (Zalo hands them out one per call), or None when none arrived."""
        try:
            result = await self.call("getUpdates", poll_seconds + 10, timeout=str(poll_seconds))
        except ZaloAPIError as exc:
            if exc.code == NO_UPDATES:
                return None
            raise
        return result if isinstance(result, dict) and result else None

    async def set_webhook(self, url: str, secret_token: str) -> dict[str, Any]:
        return dict(await self.call("setWebhook", url=url, secret_token=secret_token) or {})

    async def delete_webhook(self) -> dict[str, Any]:
        return dict(await self.call("deleteWebhook") or {})

    async def get_webhook_info(self) -> dict[str, Any]:
        return dict(await self.call("getWebhookInfo") or {})

    async def send_message(self, chat_id: str, text: str) -> dict[str, Any]:
        return dict(await self.call("sendMessage", chat_id=chat_id, text=text) or {})

    async def send_photo(self, chat_id: str, photo_url: str, caption: str = "") -> dict[str, Any]:
        return dict(
            await self.call("sendPhoto", chat_id=chat_id, photo=photo_url, caption=caption or None) or {}
        )

    async def send_sticker(self, chat_id: str, sticker: str) -> dict[str, Any]:
        """`sticker`: a sticker id from Zalo's sticker catalog (not an image URL)."""
        return dict(await self.call("sendSticker", chat_id=chat_id, sticker=sticker) or {})

    async def send_chat_action(self, chat_id: str, action: str = "typing") -> None:
        await self.call("sendChatAction", chat_id=chat_id, action=action)


def _retry_after(data: dict[str, Any]) -> float | None:
    """Zalo does not document how long to wait; use what it says if it says anything."""
    parameters = data.get("parameters")
    if isinstance(parameters, dict) and parameters.get("retry_after") is not None:
        try:
            return float(parameters["retry_after"])
        except (TypeError, ValueError):
            return None
    m = _SECONDS.search(str(data.get("description") or ""))
    return float(m.group(1)) if m else None
