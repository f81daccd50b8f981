"""Zalo events → neutral Incoming.

Zalo has no update id: the message id is stable across redeliveries, so it serves as the
core's de-duplication key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from config.messages import ChatRef, Incoming, Sender

PLATFORM = "zalo"
TEXT = "message.text.received"
IMAGE = "message.image.received"
STICKER = "message.sticker.received"
VOICE = "message.voice.received"
UNSUPPORTED = "message.unsupported.received"
# all but text arrive with no words to read (an image's caption aside): the core answers
# them with the hint of what to type, as it does any message it does not understand
EVENTS = (TEXT, IMAGE, STICKER, VOICE, UNSUPPORTED)


@dataclass(frozen=True, slots=True)
class BotIdentity:
    """Who the bot is, to recognise a mention of it or a reply to it in a group."""

    id: str = ""
    name: str = ""


def unwrap(body: Any) -> dict[str, Any] | None:
    """An event as a webhook or getUpdates hands it over, wrapped in {"ok", "result"} or not."""
    if not isinstance(body, dict):
        return None
    if "result" in body and "event_name" not in body and "message" not in body:
        body = body["result"]
    return body if isinstance(body, dict) and isinstance(body.get("message"), dict) else None


def sent_at(message: dict[str, Any]) -> datetime | None:
    """Zalo dates are milliseconds since the epoch."""
    try:
        return datetime.fromtimestamp(int(message["date"]) / 1000, tz=UTC)
    except (KeyError, TypeError, ValueError):
        return None


def event_to_incoming(body: Any, bot: BotIdentity, groups_enabled: bool = False) -> Incoming | None:
    event = unwrap(body)
    if event is None:
        return None
    name = str(event.get("event_name") or TEXT)
    if name not in EVENTS:
        return None
    message: dict[str, Any] = event["message"]
    chat = message.get("chat") or {}
    sender = message.get("from") or {}
    chat_id, user_id, message_id = (
        str(chat.get("id") or ""),
        str(sender.get("id") or ""),
        message.get("message_id"),
    )
    if not chat_id or not user_id or sender.get("is_bot") or (bot.id and user_id == bot.id):
        return None
    is_group = str(chat.get("chat_type") or "PRIVATE").upper() != "PRIVATE"
    text = str(message.get("text") or "") if name == TEXT else str(message.get("caption") or "")
    if is_group:
        if not groups_enabled:
            return None
        addressed, text = _addressed_to_bot(message, text, bot)
        if not addressed:
            return None  # people talk to each other in groups
    return Incoming(
        chat=ChatRef(PLATFORM, chat_id, is_group=is_group),
        sender=Sender(user_id, _display_name(sender), None),  # Zalo sends no language code
        update_id=str(message_id) if message_id else None,
        text=text.strip(),
        message_id=str(message_id) if message_id else None,
        voice=name == VOICE,
        addressed=is_group,  # the only group messages that get this far
    )


def _display_name(sender: dict[str, Any]) -> str:
    for key in ("display_name", "name", "first_name"):
        if sender.get(key):
            return str(sender[key])
    return ""


def _addressed_to_bot(message: dict[str, Any], text: str, bot: BotIdentity) -> tuple[bool, str]:
    """A group message counts only when it mentions the bot or replies to it; the mention
    itself is taken out of the text."""
    replied = message.get("reply_to_message") or message.get("quote") or {}
    if isinstance(replied, dict) and bot.id and str((replied.get("from") or {}).get("id") or "") == bot.id:
        return True, text
    for mention in message.get("mentions") or []:
        if (
            isinstance(mention, dict)
            and bot.id
            and str(mention.get("id") or mention.get("uid") or "") == bot.id
        ):
            return True, _strip_mention(text, bot)
    if bot.name:
        stripped = _strip_mention(text, bot)
        if stripped != text:
            return True, stripped
    return False, text


def _strip_mention(text: str, bot: BotIdentity) -> str:
    if not bot.name:
        return text
    return re.sub(rf"@{re.escape(bot.name)}\b[:,]?\s*", "", text, flags=re.IGNORECASE).strip()
