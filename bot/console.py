"""The terminal chat on the same core: buttons become numbered choices, as on Zalo."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from bot.app import DEMO_COMMITTEE, DEMO_SECRETARY, App
from bot.render import poll_as_text, text_with_choices, typed_poll_id
from config.i18n import t
from config.messages import ChatRef, FileRef, Incoming, Reply, Sender
from config.text import name_key
from scheduler.delivery import SendResult

PLATFORM = "console"
GROUP_CHAT_ID = "group"


class ConsoleTransport:
    """One terminal, any number of identities: `:as` switches who is typing and `:group`
    moves between the branch group and the private chat."""

    platform = PLATFORM
    text_limit = 100_000
    has_buttons = False
    can_edit = False

    def __init__(self, app: App, write: Callable[[str, str | None], None], files_dir: Path) -> None:
        """`write(text, chat_id)`: chat_id is None for the console's own notes."""
        self.app = app
        self.write = write
        self.files_dir = files_dir
        self.user_id = "anon"
        self.display_name = ""
        self.in_group = False
        self.lang = "vi"
        self._sent = 0
        app.delivery.register(self)

    @property
    def chat(self) -> ChatRef:
        if self.in_group:
            return ChatRef(PLATFORM, GROUP_CHAT_ID, is_group=True)
        return ChatRef(PLATFORM, self.user_id)

    async def act_as(self, name: str) -> bool:
        key = name_key(name)
        async with self.app.db.unit_of_work() as uow:
            people = await uow.people.by_name_key(key)
            if not people:
                self.write(t(self.lang, "console.as_unknown", name=name), None)
                return False
            if len(people) > 1:
                self.write(t(self.lang, "console.as_ambiguous", name=name), None)
                return False
            person = people[0]
            user_id = f"p{person.id}"
            account = await uow.accounts.get_or_create(
                PLATFORM, user_id, person.full_name, self.app.clock.now()
            )
            if account.person_id != person.id:
                await uow.accounts.link(account, person, self.app.clock.now())
            await uow.commit()
        self.user_id, self.display_name = user_id, person.full_name
        self.write(t(self.lang, "console.as", name=person.full_name, branch=person.branch.name), None)
        return True

    async def handle_line(self, line: str) -> bool:
        """False when the user asked to quit."""
        line = line.strip()
        if not line:
            return True
        if line.startswith(":"):
            return await self._meta(line[1:])
        await self._handle(
            Incoming(chat=self.chat, sender=Sender(self.user_id, self.display_name), text=line)
        )
        return True

    async def send_file(self, name: str) -> None:
        """`:gửi <tệp>`: send a file to chibo, as a document sent on Telegram."""
        path, content = await asyncio.to_thread(_read_file, name)
        if content is None:
            self.write(t(self.lang, "console.no_file", path=path), None)
            return

        async def fetch() -> bytes:
            return content

        attachment = FileRef(path.name, size=len(content), fetch=fetch)
        await self._handle(
            Incoming(chat=self.chat, sender=Sender(self.user_id, self.display_name), attachment=attachment)
        )

    async def _handle(self, inc: Incoming) -> None:
        response = await self.app.core.handle(inc)
        if response.notice and not response.messages:
            self.write(f"({response.notice})", None)
        await self.app.delivery.deliver(response.messages)

    async def _meta(self, command: str) -> bool:
        word, _, rest = command.partition(" ")
        if word in ("quit", "q", "exit", "thoat"):
            return False
        if word == "as" and rest.strip():
            await self.act_as(rest.strip())
        elif word in ("gui", "gửi", "file") and rest.strip():
            await self.send_file(rest.strip())
        elif word == "group":
            self.in_group = True
            self.write(t(self.lang, "console.group"), None)
        elif word == "private":
            self.in_group = False
            self.write(t(self.lang, "console.private"), None)
        else:
            self.write(t(self.lang, "console.banner"), None)
        return True

    async def edit(self, chat_id: str, message_id: str, reply: Reply) -> SendResult:
        return await self.send(chat_id, reply)

    async def send(self, chat_id: str, reply: Reply) -> SendResult:
        text = text_with_choices(reply)
        for attachment in (reply.document, reply.image):
            if attachment is not None:
                self.files_dir.mkdir(parents=True, exist_ok=True)
                path = self.files_dir / attachment.filename
                path.write_bytes(attachment.content)
                note = t(reply.lang, "console.file", path=path)
                caption = attachment.caption if attachment.caption not in text else ""
                text = "\n".join(x for x in (text, caption, note) if x)
        if reply.poll is not None:
            text = "\n\n".join(x for x in (text, poll_as_text(reply.poll, reply.lang)) if x)
        self.write(text, chat_id)
        self._sent += 1
        if reply.poll is not None:
            return SendResult(True, str(self._sent), poll_id=typed_poll_id(), poll_typed=True)
        return SendResult(True, str(self._sent))


async def run_console(app: App, as_name: str | None, demo: bool) -> None:
    console: ConsoleTransport

    def write(text: str, chat_id: str | None = None) -> None:
        if chat_id is None:
            print(text, flush=True)
            return
        current = GROUP_CHAT_ID if console.in_group else console.user_id
        if chat_id == current:
            where = ""
        elif chat_id == GROUP_CHAT_ID:
            where = " [" + t(console.lang, "console.to_group") + "]"
        else:
            where = " [" + t(console.lang, "console.to_private", chat=chat_id) + "]"
        print(f"chibo{where}> {text}", flush=True)

    console = ConsoleTransport(app, write, app.settings.data_dir / "console-files")
    write(t(console.lang, "console.banner"))
    if demo:
        async with app.db.unit_of_work() as uow:
            people = await uow.people.count_active()
        write(t(console.lang, "console.demo", committee=DEMO_COMMITTEE, people=people))
    name = as_name or (DEMO_SECRETARY if demo else None)
    if not (name and await console.act_as(name)):
        write(t(console.lang, "console.anonymous"))
    loop = asyncio.get_running_loop()
    while True:
        line = await loop.run_in_executor(None, _prompt)
        if line is None or not await console.handle_line(line):
            break


def _prompt() -> str | None:
    try:
        return input("> ")
    except EOFError:
        return None
    except KeyboardInterrupt:
        return None


def _read_file(name: str) -> tuple[Path, bytes | None]:
    path = Path(name).expanduser()
    try:
        return path, path.read_bytes()
    except OSError:
        return path, None
