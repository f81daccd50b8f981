"""Zalo events → Incoming: the five event kinds, wrapped or not, millisecond dates, the
message id as the de-duplication key, groups only when enabled and addressed to the bot."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from bot.zalo.client import _retry_after
from bot.zalo.convert import BotIdentity, event_to_incoming, sent_at, unwrap

BOT = BotIdentity("b1", "chibo")


def event(name: str = "message.text.received", chat_type: str = "PRIVATE", **message: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "message_id": "m1",
        "date": 1766619597466,
        "chat": {"id": "g1" if chat_type == "GROUP" else "u1", "chat_type": chat_type},
        "from": {"id": "u1", "display_name": "Lê Thị Mai", "is_bot": False},
    }
    body.update(message)
    return {"event_name": name, "message": body}


def test_a_text_message() -> None:
    inc = event_to_incoming(event(text=" /trogiup "), BOT)
    assert inc is not None
    assert (inc.platform, inc.chat.chat_id, inc.chat.is_group) == ("zalo", "u1", False)
    assert (inc.sender.user_id, inc.sender.display_name, inc.sender.language_code) == (
        "u1",
        "Lê Thị Mai",
        None,
    )
    assert (inc.text, inc.update_id, inc.message_id) == ("/trogiup", "m1", "m1")


def test_wrapped_and_unwrapped_bodies_are_the_same() -> None:
    plain = event(text="có mặt")
    assert event_to_incoming({"ok": True, "result": plain}, BOT) == event_to_incoming(plain, BOT)
    assert unwrap({"ok": True, "result": None}) is None
    assert unwrap(["not", "an", "event"]) is None
    assert event_to_incoming({"event_name": "message.text.received"}, BOT) is None


def test_images_stickers_and_unsupported() -> None:
    image = event_to_incoming(event("message.image.received", photo="https://p/1.jpg", caption="có mặt"), BOT)
    assert image is not None and image.text == "có mặt"
    sticker = event_to_incoming(event("message.sticker.received", sticker="abc"), BOT)
    assert sticker is not None and sticker.text == ""
    voice = event_to_incoming(event("message.voice.received", voice_url="https://v/1.aac"), BOT)
    assert voice is not None and voice.text == ""
    other = event_to_incoming(event("message.unsupported.received"), BOT)
    assert other is not None and other.text == ""
    assert event_to_incoming(event("user.joined"), BOT) is None


def test_dates_are_milliseconds() -> None:
    assert sent_at(event()["message"]) == datetime(2025, 12, 24, 23, 39, 57, 466000, tzinfo=UTC)
    assert sent_at({}) is None


def test_the_bots_own_messages_are_ignored() -> None:
    sender: dict[str, Any] = {"from": {"id": "b1"}}
    assert event_to_incoming(event(**sender), BOT) is None
    sender = {"from": {"id": "x", "is_bot": True}}
    assert event_to_incoming(event(**sender), BOT) is None


def test_groups_are_off_unless_enabled() -> None:
    assert event_to_incoming(event(chat_type="GROUP", text="@chibo /trogiup"), BOT) is None


def test_in_groups_only_mentions_of_and_replies_to_the_bot() -> None:
    def group(**message: Any) -> Any:
        return event_to_incoming(event(chat_type="GROUP", **message), BOT, groups_enabled=True)

    assert group(text="chào cả nhà") is None
    assert group(text="@someone /trogiup") is None
    mentioned = group(text="@chibo /lienket")
    assert mentioned is not None and mentioned.text == "/lienket" and mentioned.chat.is_group
    assert group(text="@Chibo: có mặt").text == "có mặt"
    assert group(text="/trogiup", mentions=[{"id": "b1"}]).text == "/trogiup"
    assert group(text="1", reply_to_message={"from": {"id": "b1"}}).text == "1"
    assert group(text="1", reply_to_message={"from": {"id": "u9"}}) is None


def test_how_long_a_429_asks_to_wait() -> None:
    assert _retry_after({"parameters": {"retry_after": 5}}) == 5.0
    assert _retry_after({"description": "Quota exceeded, retry after 12 seconds"}) == 12.0
    assert _retry_after({"description": "Too many requests"}) is None
