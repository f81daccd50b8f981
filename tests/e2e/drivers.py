"""One scenario, every transport: drivers that play users against chibo through a real
transport (aiogram over HTTP against the fake Bot API; the Zalo client over HTTP against the
fake Zalo API; the console transport)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

from bot.app import App
from bot.console import GROUP_CHAT_ID, ConsoleTransport
from scheduler.outbox import CHOICES_KEPT
from storage.repos.waits import Offer
from tests.fakes.telegram_api import Call, FakeTelegram, TgUser
from tests.fakes.zalo_api import BOT as ZALO_BOT
from tests.fakes.zalo_api import FakeZalo, ZUser

GROUP = "group"
_CHOICE_LINE = re.compile(r"^(\d{1,2})\. (.+)$")


@dataclass
class Seen:
    """One message the bot sent: to whom (a user key, "group", or "notice" for the short
    answer to a button), its text and its choices."""

    to: str
    text: str
    buttons: list[str] = field(default_factory=list)


class Driver(Protocol):
    platform: str
    app: App

    async def say(self, who: str, text: str, *, group: bool = False) -> list[Seen]: ...

    async def press(self, who: str, label: str, *, group: bool = False) -> list[Seen]: ...

    async def forge(self, who: str, data: str) -> list[Seen]: ...

    def user_id(self, who: str) -> str: ...


async def _offered_then_typed(driver: ConsoleDriver | ZaloDriver, who: str, data: str) -> list[Seen]:
    """A forged press where choices are typed numbers: the data is recorded as offered to
    `who` in their private chat, as though chibo had sent it, and "1" is typed."""
    now = driver.app.clock.now()
    async with driver.app.db.unit_of_work() as uow:
        user = driver.user_id(who)
        await uow.waits.offer([Offer(driver.platform, user, user, [data])], now, now + CHOICES_KEPT)
        await uow.commit()
    return await driver.say(who, "1")


def texts(seen: list[Seen], to: str | None = None) -> str:
    return "\n".join(s.text for s in seen if to is None or s.to == to)


class TelegramDriver:
    platform = "telegram"
    GROUP_ID = -100200300

    def __init__(self, app: App, fake: FakeTelegram) -> None:
        self.app = app
        self.fake = fake
        self.users: dict[str, TgUser] = {}
        self.language_code: str | None = "vi"

    def user(self, who: str) -> TgUser:
        if who not in self.users:
            self.users[who] = TgUser(100_000 + len(self.users), who.title(), self.language_code)
        return self.users[who]

    def user_id(self, who: str) -> str:
        return str(self.user(who).id)

    def _to(self, chat_id: str) -> str:
        if chat_id == str(self.GROUP_ID):
            return GROUP
        for key, u in self.users.items():
            if str(u.id) == chat_id:
                return key
        return chat_id

    def _seen_since(self, before: int) -> list[Seen]:
        seen = []
        for call in self.fake.calls[before:]:
            if call.method in ("sendMessage", "sendDocument", "sendPhoto", "sendPoll", "editMessageText"):
                labels = [b["text"] for row in call.button_rows for b in row]
                seen.append(Seen(self._to(call.chat_id), call.text, labels))
            elif call.method == "answerCallbackQuery" and call.params.get("text"):
                seen.append(Seen("notice", str(call.params["text"])))
        return seen

    async def deliver(self, update: dict[str, object]) -> list[Seen]:
        before = len(self.fake.calls)
        status = await self.fake.post_webhook(update)
        assert status == 200, status
        return self._seen_since(before)

    async def say(self, who: str, text: str, *, group: bool = False) -> list[Seen]:
        user = self.user(who)
        return await self.deliver(self.fake.message(user, text, self.GROUP_ID if group else None))

    async def press(self, who: str, label: str, *, group: bool = False) -> list[Seen]:
        chat = str(self.GROUP_ID) if group else str(self.user(who).id)
        message = self._last_with_button(chat, label)
        data = next(b["callback_data"] for row in message.button_rows for b in row if b["text"] == label)
        return await self.deliver(self.fake.callback(self.user(who), message, data))

    async def forge(self, who: str, data: str) -> list[Seen]:
        """A press of button data `who` was never offered, in their private chat (a client
        may send Telegram any callback data)."""
        chat = Call("sendMessage", {"chat_id": self.user(who).id, "text": ""})
        return await self.deliver(self.fake.callback(self.user(who), chat, data))

    def _last_with_button(self, chat_id: str, label: str) -> Call:
        for call in reversed(self.fake.calls):
            if call.chat_id == chat_id and any(b["text"] == label for row in call.button_rows for b in row):
                return call
        raise AssertionError(f"no button «{label}» was offered in chat {chat_id}")


class ConsoleDriver:
    platform = "console"

    def __init__(self, app: App) -> None:
        self.app = app
        self.lines: list[tuple[str, str | None]] = []
        self.console = ConsoleTransport(
            app, lambda text, chat: self.lines.append((text, chat)), app.settings.data_dir
        )

    def user_id(self, who: str) -> str:
        return f"u-{who}"

    def _to(self, chat_id: str | None) -> str:
        if chat_id is None:
            return "notice"
        if chat_id == GROUP_CHAT_ID:
            return GROUP
        return chat_id.removeprefix("u-")

    async def say(self, who: str, text: str, *, group: bool = False) -> list[Seen]:
        self.console.user_id, self.console.display_name, self.console.in_group = (
            self.user_id(who),
            who.title(),
            group,
        )
        before = len(self.lines)
        await self.console.handle_line(text)
        seen = []
        for line, chat in self.lines[before:]:
            labels = [m.group(2) for m in map(_CHOICE_LINE.match, line.splitlines()) if m]
            text_part = line.replace("\\n", "\n")
            seen.append(Seen(self._to(chat), text_part.strip("()") if chat is None else text_part, labels))
        return seen

    async def press(self, who: str, label: str, *, group: bool = False) -> list[Seen]:
        to = GROUP if group else who
        chat = GROUP_CHAT_ID if group else self.user_id(who)
        for line, line_chat in reversed(self.lines):
            if line_chat != chat:
                continue
            for m in map(_CHOICE_LINE.match, line.splitlines()):
                if m and m.group(2) == label:
                    return await self.say(who, m.group(1), group=group)
        raise AssertionError(f"no choice «{label}» was offered to {to}")

    async def forge(self, who: str, data: str) -> list[Seen]:
        return await _offered_then_typed(self, who, data)


class ZaloDriver:
    """Users type; a choice is made by typing the number shown, as on the console. Group
    messages mention the bot, the only ones Zalo hands a bot in a group."""

    platform = "zalo"
    GROUP_ID = "group"  # the id the shared scenarios expect of a non-Telegram group

    def __init__(self, app: App, fake: FakeZalo) -> None:
        self.app = app
        self.fake = fake
        self.users: dict[str, ZUser] = {}

    def user(self, who: str) -> ZUser:
        if who not in self.users:
            self.users[who] = ZUser(f"z{len(self.users) + 1:04d}{who}", who.title())
        return self.users[who]

    def user_id(self, who: str) -> str:
        return self.user(who).id

    def _to(self, chat_id: str) -> str:
        if chat_id == self.GROUP_ID:
            return GROUP
        for key, u in self.users.items():
            if u.id == chat_id:
                return key
        return chat_id

    async def deliver(self, event: dict[str, object], *, wrapped: bool = False) -> list[Seen]:
        before = len(self.fake.calls)
        status = await self.fake.post_webhook(event, wrapped=wrapped)
        assert status == 200, status
        seen = []
        for call in self.fake.calls[before:]:
            if call.method in ("sendMessage", "sendPhoto"):
                labels = [m.group(2) for m in map(_CHOICE_LINE.match, call.text.splitlines()) if m]
                seen.append(Seen(self._to(call.chat_id), call.text, labels))
        return seen

    async def say(self, who: str, text: str, *, group: bool = False) -> list[Seen]:
        if group:
            text = f"@{ZALO_BOT['display_name']} {text}"
        return await self.deliver(self.fake.message(self.user(who), text, self.GROUP_ID if group else None))

    async def press(self, who: str, label: str, *, group: bool = False) -> list[Seen]:
        chat = self.GROUP_ID if group else self.user(who).id
        for call in reversed(self.fake.calls):
            if call.chat_id != chat or call.method != "sendMessage":
                continue
            for m in map(_CHOICE_LINE.match, call.text.splitlines()):
                if m and m.group(2) == label:
                    return await self.say(who, m.group(1), group=group)
        raise AssertionError(f"no choice «{label}» was offered to {'the group' if group else who}")

    async def forge(self, who: str, data: str) -> list[Seen]:
        return await _offered_then_typed(self, who, data)
