"""Telegram updates → neutral Incoming."""

from __future__ import annotations

from aiogram.types import CallbackQuery, Message, PollAnswer

from config.messages import ChatRef, FileRef, Incoming, PollVote, Sender

PLATFORM = "telegram"


def _chat(message: Message) -> ChatRef:
    return ChatRef(PLATFORM, str(message.chat.id), is_group=message.chat.type != "private")


def _sender(user: object) -> Sender:
    from aiogram.types import User

    assert isinstance(user, User)
    name = " ".join(x for x in (user.first_name, user.last_name) if x)
    return Sender(str(user.id), name, user.language_code)


def _attachment(message: Message) -> FileRef | None:
    """A document the user sent, with a way for the core to download it (no aiogram there)."""
    document = message.document
    if document is None:
        return None
    bot = message.bot

    async def fetch() -> bytes:
        assert bot is not None
        data = await bot.download(document.file_id)
        assert data is not None
        return data.read()

    return FileRef(
        document.file_name or "file",
        document.mime_type or "",
        document.file_id,
        document.file_size,
        fetch if bot is not None else None,
    )


def message_to_incoming(message: Message, update_id: int) -> Incoming | None:
    if message.from_user is None:
        return None  # channel posts and anonymous admins: nobody to answer
    contact = message.contact
    replied = message.reply_to_message
    to_bot = (
        replied is not None
        and replied.from_user is not None
        and message.bot is not None
        and replied.from_user.id == message.bot.id
    )
    return Incoming(
        chat=_chat(message),
        sender=_sender(message.from_user),
        update_id=str(update_id),
        text=message.text or message.caption or "",
        contact_phone=contact.phone_number if contact else None,
        contact_is_own=bool(contact and contact.user_id == message.from_user.id),
        message_id=str(message.message_id),
        attachment=_attachment(message),
        voice=message.voice is not None or message.video_note is not None,
        addressed=to_bot and message.chat.type != "private",  # a mention is found by the core
    )


def callback_to_incoming(query: CallbackQuery, update_id: int) -> Incoming:
    message = query.message
    chat = _chat(message) if isinstance(message, Message) else ChatRef(PLATFORM, str(query.from_user.id))
    return Incoming(
        chat=chat,
        sender=_sender(query.from_user),
        update_id=str(update_id),
        callback_data=query.data or "",
    )


def poll_answer_to_incoming(answer: PollAnswer, update_id: int) -> Incoming | None:
    """An answer to a poll chibo sent. It names no chat (the core finds the poll's) and
    carries no time (the core's clock says when it came)."""
    if answer.user is None:
        return None  # an anonymous voter, on behalf of a chat: no one to score
    return Incoming(
        chat=ChatRef(PLATFORM, str(answer.user.id)),
        sender=_sender(answer.user),
        update_id=str(update_id),
        poll_vote=PollVote(answer.poll_id, tuple(answer.option_ids)),
    )
