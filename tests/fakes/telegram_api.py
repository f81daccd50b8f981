"""A fake Telegram Bot API server on 127.0.0.1: the real aiogram client talks to it over HTTP.

It records every call, serves getUpdates from a queue, and posts updates to the bot's
webhook with the secret header, the way Telegram does."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from aiohttp import ClientSession, web

from tests.fakes.local_server import serve_locally

BOT_USER = {"id": 999000, "is_bot": True, "first_name": "chibo", "username": "chibo_test_bot"}
JSON_FIELDS = {
    "reply_markup",
    "commands",
    "options",
    "scope",
    "allowed_updates",
    "entities",
    "caption_entities",
    "link_preview_options",
    "reply_parameters",
    "correct_option_ids",
}


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    files: dict[str, bytes] = field(default_factory=dict)
    at: float = field(default_factory=time.monotonic)  # when the request arrived
    result: Any = None  # what the fake answered (the message, for a send), once it did

    @property
    def chat_id(self) -> str:
        return str(self.params.get("chat_id", ""))

    @property
    def text(self) -> str:
        return str(self.params.get("text") or self.params.get("caption") or self.params.get("question") or "")

    @property
    def button_rows(self) -> list[list[dict[str, Any]]]:
        markup = self.params.get("reply_markup") or {}
        return list(markup.get("inline_keyboard") or [])


@dataclass
class Limits:
    """Telegram's flood limits, enforced when a test or bench turns them on: 429 with
    `parameters.retry_after`, as Telegram answers."""

    per_second: float = 30.0  # all chats together, counted over a sliding second
    chat_interval: float = 1.0  # between two messages to one chat
    group_per_minute: int = 20
    retry_after: int = 1
    # an edit counts as a message to its chat (Telegram keeps edits to about one a second too)
    edits_count: bool = False
    # messages sent with `allow_paid_broadcast`: counted against this ceiling instead of
    # `per_second` (the per-chat limits still hold)
    paid_per_second: float = 1000.0


SEND_METHODS = {"sendMessage", "sendDocument", "sendPhoto", "sendPoll"}


def is_paid(params: dict[str, Any]) -> bool:
    """The message asks for paid broadcast (a JSON true, or "true" in a form)."""
    return params.get("allow_paid_broadcast") in (True, "true", "True", "1")


@dataclass
class TgUser:
    id: int
    first_name: str
    language_code: str | None = "vi"

    def as_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.language_code:
            d["language_code"] = self.language_code
        return d


class FakeTelegram:
    def __init__(self, token: str = "123456:TEST-TOKEN") -> None:
        self.token = token
        self.calls: list[Call] = []
        self.updates: list[dict[str, Any]] = []
        self._new_update = asyncio.Event()
        self._ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self.webhook_url = ""
        self.webhook_secret = ""
        self._runner: web.AppRunner | None = None
        self.base_url = ""
        self.blocked_chats: set[str] = set()
        self.limits: Limits | None = None  # None: no flood limits (the default)
        self.rate_limited = 0  # 429s answered
        self._sent_times: deque[float] = deque()
        self._paid_times: deque[float] = deque()
        self.paid_broadcasts = 0  # messages accepted with allow_paid_broadcast (Stars spent)
        self._chat_last: dict[str, float] = {}
        self._group_times: dict[str, deque[float]] = {}
        self.files: dict[str, tuple[str, bytes]] = {}  # file_id → (name, content)
        self.violations: list[str] = []  # requests the real Bot API would refuse with a 400
        self.sent_polls: dict[str, dict[str, Any]] = {}  # poll id → the poll as sent, with its chat

    # -- server ----------------------------------------------------------------------------
    async def start(self) -> str:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.+}", self._file)
        self._runner, self.base_url = await serve_locally(app)
        return self.base_url

    async def stop(self) -> None:
        if self._runner:
            await self._runner.cleanup()

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        method = request.match_info["method"]
        params: dict[str, Any] = {}
        files: dict[str, bytes] = {}
        if request.content_type == "application/json":
            params = await request.json()
        else:
            form = await request.post()
            for key, value in form.items():
                if isinstance(value, web.FileField):
                    files[key] = value.file.read()
                    params[key] = f"<file {value.filename}>"
                elif key in JSON_FIELDS:
                    params[key] = json.loads(str(value))
                else:
                    params[key] = str(value)
        for key, value in list(params.items()):
            if isinstance(value, str) and value.startswith("attach://"):
                files[key] = files.get(value.removeprefix("attach://"), b"")
        handler = getattr(self, f"_m_{method}", None)
        wait = self._flood_wait(method, params)
        if wait:
            self.rate_limited += 1
            return web.json_response(
                {
                    "ok": False,
                    "error_code": 429,
                    "description": f"Too Many Requests: retry after {wait}",
                    "parameters": {"retry_after": wait},
                },
                status=429,
            )
        call = Call(method, params, files)
        if method != "getUpdates":
            self.calls.append(call)
        if handler is None:
            return web.json_response(
                {"ok": False, "error_code": 404, "description": "Not Found: method not found"}, status=404
            )
        if params.get("chat_id") is not None and str(params["chat_id"]) in self.blocked_chats:
            return web.json_response(
                {"ok": False, "error_code": 403, "description": "Forbidden: bot was blocked by the user"},
                status=403,
            )
        problem = self._violation(method, params)
        if problem:
            self.violations.append(f"{method}: {problem}")
            return web.json_response(
                {"ok": False, "error_code": 400, "description": f"Bad Request: {problem}"}, status=400
            )
        result = await handler(params)
        call.result = result
        if method in SEND_METHODS and is_paid(params):
            self.paid_broadcasts += 1
        return web.json_response({"ok": True, "result": result})

    @staticmethod
    def _violation(method: str, p: dict[str, Any]) -> str:
        """The Bot API's own limits on what a bot sends (text, caption, toast, button data)."""
        if method in ("sendMessage", "editMessageText"):
            text = str(p.get("text") or "")
            if not text.strip():
                return "message text is empty"
            if len(text) > 4096:
                return "message is too long"
        if method in ("sendDocument", "sendPhoto") and len(str(p.get("caption") or "")) > 1024:
            return "message caption is too long"
        if method == "answerCallbackQuery" and len(str(p.get("text") or "")) > 200:
            return "callback answer text is too long"
        if method == "sendPoll":
            return _poll_violation(p)
        markup = p.get("reply_markup")
        if isinstance(markup, dict):
            for row in markup.get("inline_keyboard", []):
                for button in row:
                    if len(str(button.get("callback_data", "")).encode()) > 64:
                        return "BUTTON_DATA_INVALID"
                    if not str(button.get("text", "")).strip():
                        return "button text is empty"
        return ""

    def _flood_wait(self, method: str, params: dict[str, Any]) -> int:
        """0 if the message may go now (and count it), else the seconds to wait."""
        limits = self.limits
        counted = method in SEND_METHODS or (
            limits is not None and limits.edits_count and method == "editMessageText"
        )
        if limits is None or not counted or params.get("chat_id") is None:
            return 0
        now = time.monotonic()
        chat = str(params["chat_id"])
        paid = method in SEND_METHODS and is_paid(params)
        window, ceiling = (
            (self._paid_times, limits.paid_per_second) if paid else (self._sent_times, limits.per_second)
        )
        while window and window[0] <= now - 1.0:
            window.popleft()
        group = self._group_times.setdefault(chat, deque()) if chat.startswith("-") else None
        while group and group[0] <= now - 60.0:
            group.popleft()
        if (
            len(window) >= ceiling
            or now - self._chat_last.get(chat, -1e9) < limits.chat_interval
            or (group is not None and len(group) >= limits.group_per_minute)
        ):
            return limits.retry_after
        window.append(now)
        self._chat_last[chat] = now
        if group is not None:
            group.append(now)
        return 0

    async def _file(self, request: web.Request) -> web.Response:
        for name, content in self.files.values():
            if request.match_info["path"] == f"documents/{name}":
                return web.Response(body=content)
        return web.Response(status=404)

    async def _m_getFile(self, p: dict[str, Any]) -> Any:
        file_id = str(p["file_id"])
        if file_id not in self.files:
            return None
        name, content = self.files[file_id]
        return {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_size": len(content),
            "file_path": f"documents/{name}",
        }

    # -- methods -----------------------------------------------------------------------------
    async def _m_getMe(self, p: dict[str, Any]) -> Any:
        return BOT_USER

    async def _m_getUpdates(self, p: dict[str, Any]) -> Any:
        offset = int(p.get("offset") or 0)
        if offset:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
        timeout = min(float(p.get("timeout") or 0), 1.0)
        if not self.updates and timeout:
            self._new_update.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._new_update.wait(), timeout)
        return self.updates[: min(int(p.get("limit") or 100), 100)]  # Telegram's limit: 1–100

    async def _m_deleteWebhook(self, p: dict[str, Any]) -> Any:
        self.webhook_url = ""
        return True

    async def _m_setWebhook(self, p: dict[str, Any]) -> Any:
        self.webhook_url = str(p["url"])
        self.webhook_secret = str(p.get("secret_token") or "")
        return True

    async def _m_getWebhookInfo(self, p: dict[str, Any]) -> Any:
        return {"url": self.webhook_url, "has_custom_certificate": False, "pending_update_count": 0}

    async def _m_setMyCommands(self, p: dict[str, Any]) -> Any:
        return True

    async def _m_sendChatAction(self, p: dict[str, Any]) -> Any:
        return True

    async def _m_answerCallbackQuery(self, p: dict[str, Any]) -> Any:
        return True

    def _message(self, p: dict[str, Any], **extra: Any) -> dict[str, Any]:
        chat_id = int(p["chat_id"])
        chat = {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"}
        if chat_id < 0:
            chat["title"] = "Chi bộ"
        msg: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat,
            "from": BOT_USER,
        }
        if p.get("reply_markup") and "inline_keyboard" in p["reply_markup"]:
            msg["reply_markup"] = p["reply_markup"]
        msg.update(extra)
        return msg

    async def _m_sendMessage(self, p: dict[str, Any]) -> Any:
        return self._message(p, text=p["text"])

    async def _m_editMessageText(self, p: dict[str, Any]) -> Any:
        return self._message(p, text=p["text"], message_id=int(p["message_id"]))

    async def _m_editMessageReplyMarkup(self, p: dict[str, Any]) -> Any:
        return self._message(p, message_id=int(p["message_id"]))

    async def _m_sendDocument(self, p: dict[str, Any]) -> Any:
        doc = {"file_id": "doc1", "file_unique_id": "u1", "file_name": "file"}
        return self._message(p, document=doc, caption=p.get("caption"))

    async def _m_sendPhoto(self, p: dict[str, Any]) -> Any:
        photo = [{"file_id": "ph1", "file_unique_id": "u2", "width": 100, "height": 100}]
        return self._message(p, photo=photo, caption=p.get("caption"))

    async def _m_sendPoll(self, p: dict[str, Any]) -> Any:
        options = [
            {"text": _option_text(o), "voter_count": 0, "persistent_id": f"o{i}"}
            for i, o in enumerate(p["options"])
        ]
        correct = [int(c) for c in p.get("correct_option_ids") or []]
        poll: dict[str, Any] = {
            "id": f"5{next(self._ids):018d}",  # Telegram's poll ids are long digit strings
            "question": p["question"],
            "options": options,
            "total_voter_count": 0,
            "is_closed": False,
            "is_anonymous": _flag(p.get("is_anonymous"), default=True),
            "type": p.get("type", "regular"),
            "allows_multiple_answers": _flag(p.get("allows_multiple_answers"), default=False),
            "allows_revoting": False,
            "members_only": False,
        }
        if correct:
            poll["correct_option_ids"] = correct
        if p.get("explanation"):
            poll["explanation"] = p["explanation"]
        if p.get("open_period") is not None:
            poll["open_period"] = int(p["open_period"])
        message = self._message(p, poll=poll)
        self.sent_polls[poll["id"]] = {
            **poll,
            "chat_id": str(p["chat_id"]),
            "message_id": message["message_id"],
        }
        return message

    # -- what a test does --------------------------------------------------------------------------
    def _update(self, **body: Any) -> dict[str, Any]:
        return {"update_id": next(self._ids), **body}

    def message(
        self, user: TgUser, text: str = "", chat_id: int | None = None, **extra: Any
    ) -> dict[str, Any]:
        cid = chat_id if chat_id is not None else user.id
        chat: dict[str, Any] = {"id": cid, "type": "private" if cid > 0 else "supergroup"}
        if cid < 0:
            chat["title"] = "Chi bộ"
        msg: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat,
            "from": user.as_dict(),
            **extra,
        }
        if text:
            msg["text"] = text
            if text.startswith("/"):
                msg["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        return self._update(message=msg)

    def document(self, user: TgUser, filename: str, content: bytes, caption: str = "") -> dict[str, Any]:
        """A user sends a file (kept here for getFile and the download)."""
        file_id = f"doc{next(self._ids)}"
        self.files[file_id] = (filename, content)
        document = {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_name": filename,
            "file_size": len(content),
        }
        extra: dict[str, Any] = {"document": document}
        if caption:
            extra["caption"] = caption
            if caption.startswith("/"):
                extra["caption_entities"] = [
                    {"type": "bot_command", "offset": 0, "length": len(caption.split()[0])}
                ]
        return self.message(user, **extra)

    def contact(self, user: TgUser, phone: str, own: bool = True) -> dict[str, Any]:
        contact = {
            "phone_number": phone,
            "first_name": user.first_name,
            "user_id": user.id if own else user.id + 1,
        }
        return self.message(user, contact=contact)

    def callback(self, user: TgUser, message: Call, data: str) -> dict[str, Any]:
        chat_id = int(message.chat_id)
        msg = {
            "message_id": 1,
            "date": int(time.time()),
            "from": BOT_USER,
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"},
            "text": message.text,
        }
        return self._update(
            callback_query={
                "id": str(next(self._ids)),
                "from": user.as_dict(),
                "message": msg,
                "chat_instance": "ci",
                "data": data,
            }
        )

    def poll_answer(self, user: TgUser, poll_id: str, option_ids: list[int]) -> dict[str, Any]:
        """`user` taps options of a poll (any id: a test may name a poll chibo never sent).
        Like Telegram's, the update names no chat and carries no time."""
        poll = self.sent_polls.get(poll_id)
        persistent = [
            poll["options"][i]["persistent_id"] if poll and 0 <= i < len(poll["options"]) else f"x{i}"
            for i in option_ids
        ]
        return self._update(
            poll_answer={
                "poll_id": poll_id,
                "user": user.as_dict(),
                "option_ids": option_ids,
                "option_persistent_ids": persistent,
            }
        )

    def push(self, update: dict[str, Any]) -> None:
        """Queue an update for getUpdates (long polling)."""
        self.updates.append(update)
        self._new_update.set()

    async def post_webhook(self, update: dict[str, Any], secret: str | None = None) -> int:
        """Deliver an update to the bot's webhook as Telegram does; returns the HTTP status."""
        headers = {"X-Telegram-Bot-Api-Secret-Token": self.webhook_secret if secret is None else secret}
        async with (
            ClientSession() as session,
            session.post(self.webhook_url, json=update, headers=headers) as resp,
        ):
            await resp.read()
            return resp.status

    def sent(self, method: str | None = None, chat_id: int | str | None = None) -> list[Call]:
        return [
            c
            for c in self.calls
            if (method is None or c.method == method) and (chat_id is None or c.chat_id == str(chat_id))
        ]


def _flag(value: Any, *, default: bool) -> bool:
    if value is None:
        return default
    return value is True or str(value).lower() == "true"


def _option_text(option: Any) -> str:
    return str(option if isinstance(option, str) else option.get("text", ""))


def _length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2  # Telegram counts UTF-16 code units


def _poll_violation(p: dict[str, Any]) -> str:
    """What the Bot API (10.3) refuses in a sendPoll."""
    question = str(p.get("question") or "")
    if not question.strip():
        return "poll question must be non-empty"
    if _length(question) > 300:
        return "poll question length must not exceed 300"
    options = [_option_text(o) for o in p.get("options") or []]
    if not options:
        return "poll must have at least 1 option"
    if len(options) > 12:
        return "poll can't have more than 12 options"
    if any(not o.strip() for o in options):
        return "poll options must be non-empty"
    if any(_length(o) > 100 for o in options):
        return "poll options length must not exceed 100"
    if len({o.strip() for o in options}) < len(options):
        return "POLL_OPTION_DUPLICATE"
    correct = [int(c) for c in p.get("correct_option_ids") or []]
    if p.get("type") == "quiz":
        if not correct:
            return "correct_option_ids must be specified for quiz polls"
        if correct != sorted(set(correct)) or not all(0 <= c < len(options) for c in correct):
            return "wrong correct option ids specified"
    elif correct or p.get("explanation"):
        return "correct options and explanation are for quiz polls only"
    explanation = str(p.get("explanation") or "")
    if _length(explanation) > 200:
        return "poll explanation length must not exceed 200"
    if explanation.count("\n") > 2:
        return "poll explanation can't have more than 2 line feeds"
    if p.get("open_period") is not None and not 5 <= int(p["open_period"]) <= 2_628_000:
        return "wrong open period specified"
    if p.get("open_period") is not None and p.get("close_date") is not None:
        return "open_period and close_date can't be used together"
    return ""
