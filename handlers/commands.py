"""The command table: the public contract of chat commands (Vietnamese name, English alias,
who may use it) and the handlers behind them, button prefixes and words that act alone."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from config.text import same_words
from handlers import announce, attendance, members
from handlers.attendance import changes as meeting_changes
from handlers.context import Handler
from handlers.materials import library
from handlers.reports import commands as reports
from handlers.roles import Role
from handlers.schedule import with_reminder_settings, with_schedule_checks


@dataclass(frozen=True, slots=True)
class CommandSpec:
    name: str
    alias: str
    allowed: frozenset[Role]
    handler: Handler
    # a member need not be linked to use it
    open_to_unlinked: bool = False

    @property
    def help_key(self) -> str:
        return f"cmd.{self.name}"


ANYONE = frozenset({Role.ANYONE})
MEMBERS = frozenset({Role.MEMBER})
SECRETARIES = frozenset({Role.SECRETARY})
STAFF = frozenset({Role.SECRETARY, Role.COMMITTEE})

COMMANDS: tuple[CommandSpec, ...] = (
    CommandSpec("start", "start", ANYONE, members.start, open_to_unlinked=True),
    CommandSpec("trogiup", "help", ANYONE, members.help_, open_to_unlinked=True),
    CommandSpec("lienket", "link", SECRETARIES, members.bind_group),
    CommandSpec("ngonngu", "language", ANYONE, members.language, open_to_unlinked=True),
    CommandSpec("lich", "schedule", MEMBERS, with_reminder_settings(attendance.schedule)),
    CommandSpec(
        "hop", "meeting", STAFF, meeting_changes.with_meeting_changes(with_schedule_checks(attendance.create))
    ),
    CommandSpec("diemdanh", "checkin", MEMBERS, attendance.checkin),
    CommandSpec("vang", "absent", MEMBERS, attendance.apologise),
    CommandSpec("baocao", "report", MEMBERS, reports.report),
    CommandSpec("xuat", "export", STAFF, reports.export),
    CommandSpec("tailieu", "materials", ANYONE, library.materials, open_to_unlinked=True),
    CommandSpec("thongbao", "announce", STAFF, announce.announce),
)

# button data is "<prefix>:<payload>"
CALLBACKS: dict[str, Handler] = {
    "lang": members.language_chosen,
    "att": attendance.rsvp_chosen,
    "ci": attendance.present_pressed,
    "px": attendance.proxy_chosen,
    meeting_changes.CANCEL_PREFIX: meeting_changes.cancel_chosen,
    meeting_changes.MOVE_PREFIX: meeting_changes.move_chosen,
    "tl": library.choice,
    "tb": announce.choice,
}


@dataclass(frozen=True, slots=True)
class TextTrigger:
    """Words that act without a command in a private chat (e.g. "có mặt")."""

    matches: Callable[[str], bool]
    handler: Handler
    needs_link: bool = True


TEXT_TRIGGERS: tuple[TextTrigger, ...] = (
    TextTrigger(attendance.says_present, attendance.present_words),
    TextTrigger(lambda folded: same_words(folded, "đã đọc"), library.read_by_text),
    TextTrigger(lambda folded: same_words(folded, "đã nhận"), announce.ack_by_text),
)


def find_command(word: str) -> CommandSpec | None:
    word = word.lower()
    for spec in COMMANDS:
        if word in (spec.name, spec.alias):
            return spec
    return None
