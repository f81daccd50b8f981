"""The command table: the public contract of chat commands (Vietnamese name, English alias,
who may use it) and the handlers behind them, button prefixes and words that act alone."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from handlers import members
from handlers.context import Handler
from handlers.roles import Role


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
)

# button data is "<prefix>:<payload>"
CALLBACKS: dict[str, Handler] = {
    "lang": members.language_chosen,
}


@dataclass(frozen=True, slots=True)
class TextTrigger:
    """Words that act without a command in a private chat (e.g. "có mặt")."""

    matches: Callable[[str], bool]
    handler: Handler
    needs_link: bool = True


TEXT_TRIGGERS: tuple[TextTrigger, ...] = ()


def find_command(word: str) -> CommandSpec | None:
    word = word.lower()
    for spec in COMMANDS:
        if word in (spec.name, spec.alias):
            return spec
    return None
