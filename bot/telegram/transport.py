"""Neutral replies → Telegram Bot API calls."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace

from aiogram import Bot
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
)
from aiogram.methods import (
    AnswerCallbackQuery,
    EditMessageText,
    SendDocument,
    SendMessage,
    SendPhoto,
    SendPoll,
)
from aiogram.methods.base import Response
from aiogram.types import (
    BufferedInputFile,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputPollOption,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
)

from bot.render import split_text
from config.i18n import t
from config.messages import Reply
from scheduler.delivery import SendResult

PLATFORM = "telegram"
TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
REST_ATTEMPTS = 4  # for each later part of a long message
REST_WAIT_LIMIT = 60  # seconds; a longer flood wait fails the message instead
log = logging.getLogger(__name__)

# aiogram reads every answer as `Response[<what the method returns>]`. pydantic keeps such a
# parametrized model only while something refers to it, so without these references it is
# built again (tens of milliseconds of CPU, a stall in the sending loop) each time the
# collector has dropped it: 26 times in 3,000 broadcast messages.
_ANSWERS = tuple(
    Response[method.__returning__]  # type: ignore[name-defined]
    for method in (SendMessage, SendDocument, SendPhoto, SendPoll, EditMessageText, AnswerCallbackQuery)
)


def _markup(reply: Reply) -> InlineKeyboardMarkup | ReplyKeyboardMarkup | None:
    if reply.buttons:
        return InlineKeyboardMarkup(
            inline_keyboard=[
                [InlineKeyboardButton(text=b.label, callback_data=b.data) for b in row]
                for row in reply.buttons
            ]
        )
    if reply.request_contact:
        return ReplyKeyboardMarkup(
            keyboard=[[KeyboardButton(text=t(reply.lang, "link.share_phone"), request_contact=True)]],
            resize_keyboard=True,
            one_time_keyboard=True,
        )
    return None


class TelegramTransport:
    platform = PLATFORM
    text_limit = TEXT_LIMIT
    has_buttons = True
    can_edit = True

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def send(self, chat_id: str, reply: Reply) -> SendResult:
        polls: list[str] = []
        result = await _result(self._send(int(chat_id), reply, polls))
        return replace(result, poll_id=polls[0]) if result.ok and polls else result

    async def edit(self, chat_id: str, message_id: str, reply: Reply) -> SendResult:
        async def _edit() -> str | None:
            markup = _markup(reply)
            await self.bot.edit_message_text(
                text=reply.text[:TEXT_LIMIT],
                chat_id=int(chat_id),
                message_id=int(message_id),
                reply_markup=markup if isinstance(markup, InlineKeyboardMarkup) else None,
            )
            return message_id

        result = await _result(_edit())
        if not result.ok and "message is not modified" in result.error:
            return SendResult(True, message_id)
        return result

    async def _send(self, chat_id: int, reply: Reply, polls: list[str]) -> str | None:
        markup = _markup(reply)
        text = reply.text
        paid = True if reply.paid_broadcast else None
        message_id: str | None = None
        attachment = reply.document or reply.image
        if attachment is not None:
            caption = attachment.caption or text
            rest = ""
            if len(caption) > CAPTION_LIMIT:
                caption, rest = "", caption
            file = BufferedInputFile(attachment.content, filename=attachment.filename)
            send = self.bot.send_document if reply.document is not None else self.bot.send_photo
            sent = await send(
                chat_id,
                file,
                caption=caption or None,
                reply_markup=None if rest else markup,
                allow_paid_broadcast=paid,
            )
            message_id = str(sent.message_id)
            text = rest or ("" if caption == text else text)
        if text:
            parts = split_text(text, TEXT_LIMIT)
            for i, part in enumerate(parts):
                last = i == len(parts) - 1
                markup_here = markup if last else None
                if message_id is None:
                    sent = await self.bot.send_message(
                        chat_id, part, reply_markup=markup_here, allow_paid_broadcast=paid
                    )
                else:
                    sent = await self._send_rest(chat_id, part, markup_here, paid)
                message_id = str(sent.message_id)
        if reply.poll is not None:
            # last, so that the message id returned is the poll's (and a text above it reads
            # as its heading)
            poll = reply.poll

            def send_poll() -> Awaitable[Message]:
                return self.bot.send_poll(
                    chat_id,
                    question=poll.question,
                    options=[InputPollOption(text=o) for o in poll.options],
                    type="quiz" if poll.is_quiz else "regular",
                    correct_option_ids=list(poll.correct) or None,
                    allows_multiple_answers=len(poll.correct) > 1 or None,
                    explanation=poll.explanation or None,
                    open_period=poll.open_period,
                    is_anonymous=False,
                    allow_paid_broadcast=paid,
                )

            sent = await (send_poll() if message_id is None else _waiting_out(send_poll))
            message_id = str(sent.message_id)
            if sent.poll is not None:
                polls.append(sent.poll.id)
        return message_id

    async def _send_rest(
        self,
        chat_id: int,
        part: str,
        markup: InlineKeyboardMarkup | ReplyKeyboardMarkup | None,
        paid: bool | None = None,
    ) -> Message:
        """A later part of a message already begun. A rate limit here is waited out in place:
        handed back to the outbox, the whole message would be sent again from its first part."""
        return await _waiting_out(
            lambda: self.bot.send_message(chat_id, part, reply_markup=markup, allow_paid_broadcast=paid)
        )


async def _waiting_out(send: Callable[[], Awaitable[Message]]) -> Message:
    for _ in range(REST_ATTEMPTS - 1):
        try:
            return await send()
        except TelegramRetryAfter as exc:
            if exc.retry_after > REST_WAIT_LIMIT:
                raise
            await asyncio.sleep(exc.retry_after)
    return await send()


async def _result(call: Awaitable[str | None]) -> SendResult:
    try:
        return SendResult(True, await call)
    except TelegramRetryAfter as exc:
        return SendResult(False, retry_after=float(exc.retry_after), error="429")
    except TelegramForbiddenError as exc:
        return SendResult(False, blocked=True, error=exc.message)
    except TelegramBadRequest as exc:
        gone = "chat not found" in exc.message.lower() or "user is deactivated" in exc.message.lower()
        return SendResult(False, blocked=gone, error=exc.message)
    except (TelegramAPIError, TelegramNetworkError) as exc:
        return SendResult(False, error=str(exc))
