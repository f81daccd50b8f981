"""Neutral replies → Zalo Bot API calls: text only, choices (and polls) as numbered lines, files
as links."""

from __future__ import annotations

import asyncio
import logging
import re

from bot.render import poll_as_text, split_text, text_with_choices, typed_poll_id
from bot.web import FileShelf
from bot.zalo.client import RATE_LIMITED, ZaloAPIError, ZaloClient, ZaloNetworkError
from bot.zalo.convert import PLATFORM
from config.i18n import t
from config.messages import Reply
from scheduler.delivery import SendResult

TEXT_LIMIT = 2000
FIRST_BACKOFF = 1.0
MAX_BACKOFF = 60.0
REST_ATTEMPTS = 4  # for each later part of a long message
_GONE = re.compile(
    r"block|not found|not exist|unfollow|inactive|không tồn tại|chặn|chưa quan tâm", re.IGNORECASE
)
log = logging.getLogger(__name__)


class ZaloTransport:
    platform = PLATFORM
    text_limit = TEXT_LIMIT
    has_buttons = False
    can_edit = False

    def __init__(self, client: ZaloClient, files: FileShelf | None = None) -> None:
        """`files`: where documents and images are put to be sent as links; None when chibo
        has no public address, and the reply says where else to find them."""
        self.client = client
        self.files = files
        self._backoff = 0.0

    async def send(self, chat_id: str, reply: Reply) -> SendResult:
        try:
            message_id = await self._send(chat_id, reply)
        except ZaloAPIError as exc:
            return self._failure(exc)
        except ZaloNetworkError as exc:
            return SendResult(False, error=str(exc))
        self._backoff = 0.0
        if reply.poll is not None:
            return SendResult(True, message_id, poll_id=typed_poll_id(), poll_typed=True)
        return SendResult(True, message_id)

    async def edit(self, chat_id: str, message_id: str, reply: Reply) -> SendResult:
        """Zalo cannot edit a message: the new text is sent as a new one."""
        return await self.send(chat_id, reply)

    def _failure(self, exc: ZaloAPIError) -> SendResult:
        if exc.code == RATE_LIMITED:
            # Zalo publishes no limits and rarely says how long to wait: back off, doubling
            self._backoff = min(MAX_BACKOFF, self._backoff * 2 or FIRST_BACKOFF)
            wait = exc.retry_after if exc.retry_after is not None else self._backoff
            return SendResult(False, retry_after=wait, error=f"429 {exc.description}")
        gone = exc.code in (403, 404) or bool(_GONE.search(exc.description))
        return SendResult(False, blocked=gone, error=f"{exc.code} {exc.description}")

    async def _send(self, chat_id: str, reply: Reply) -> str | None:
        message_id: str | None = None
        text = text_with_choices(reply)
        notes: list[str] = []
        if reply.image is not None:
            image = reply.image
            if self.files is not None:
                url = self.files.put(image.filename, image.content)
                caption = image.caption or (text if len(text) <= TEXT_LIMIT else "")
                sent = await self.client.send_photo(chat_id, url, caption)
                message_id = _id(sent) or message_id
                if caption == text:
                    text = ""  # said once, under the picture
            else:
                notes += [image.caption, t(reply.lang, "zalo.image_elsewhere", name=image.filename)]
        if reply.document is not None:
            document = reply.document
            if document.caption and document.caption not in text:
                notes.append(document.caption)
            if self.files is not None:
                url = self.files.put(document.filename, document.content)
                notes.append(t(reply.lang, "zalo.file_link", name=document.filename, url=url))
            else:
                notes.append(t(reply.lang, "zalo.file_elsewhere", name=document.filename))
        if reply.poll is not None:
            notes.append(poll_as_text(reply.poll, reply.lang))
        full = "\n\n".join(x for x in (text, *notes) if x)
        if not full.strip():
            return message_id
        begun = message_id is not None
        for part in split_text(full, TEXT_LIMIT):
            if begun:
                sent = await self._send_rest(chat_id, part)
            else:
                sent = await self.client.send_message(chat_id, part)
            message_id = _id(sent) or message_id
            begun = True
        return message_id

    async def _send_rest(self, chat_id: str, part: str) -> dict[str, object]:
        """A later part of a message already begun. A rate limit here is waited out in place:
        handed back to the outbox, the whole message would be sent again from its first part."""
        wait = FIRST_BACKOFF
        for _ in range(REST_ATTEMPTS - 1):
            try:
                return await self.client.send_message(chat_id, part)
            except ZaloAPIError as exc:
                if exc.code != RATE_LIMITED:
                    raise
                wait = exc.retry_after if exc.retry_after is not None else wait * 2
                if wait > MAX_BACKOFF:
                    raise
                await asyncio.sleep(wait)
        return await self.client.send_message(chat_id, part)


def _id(result: dict[str, object]) -> str | None:
    value = result.get("message_id")
    return str(value) if value else None
