"""Neutral replies → Telegram Bot API calls."""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.exceptions import TelegramForbiddenError
from aiogram.types import (
    BufferedInputFile,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
)

from bot.messages import Reply
from bot.render import split_text
from config.i18n import t

PLATFORM = "telegram"
TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
log = logging.getLogger(__name__)


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

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def send(self, chat_id: str, reply: Reply) -> None:
        try:
            await self._send(int(chat_id), reply)
        except TelegramForbiddenError:
            log.info("telegram chat %s has blocked the bot", chat_id)

    async def _send(self, chat_id: int, reply: Reply) -> None:
        markup = _markup(reply)
        text = reply.text
        if reply.document is not None or reply.image is not None:
            attachment = reply.document or reply.image
            assert attachment is not None
            caption = attachment.caption or text
            extra = ""
            if len(caption) > CAPTION_LIMIT:
                caption, extra = "", caption
            file = BufferedInputFile(attachment.content, filename=attachment.filename)
            if reply.document is not None:
                await self.bot.send_document(
                    chat_id, file, caption=caption or None, reply_markup=markup if not extra else None
                )
            else:
                await self.bot.send_photo(
                    chat_id, file, caption=caption or None, reply_markup=markup if not extra else None
                )
            text = extra if extra else ("" if caption == text else text)
            if not text:
                return
        if reply.poll is not None:
            poll = reply.poll
            await self.bot.send_poll(
                chat_id,
                question=poll.question,
                options=list(poll.options),
                type="quiz" if poll.correct_option is not None else "regular",
                correct_option_id=poll.correct_option,
                open_period=poll.open_period,
                is_anonymous=False,
            )
            if not text:
                return
        parts = split_text(text, TEXT_LIMIT)
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            await self.bot.send_message(chat_id, part, reply_markup=markup if last else None)
