"""What a feature declares about itself. Each feature package exposes one `FEATURE`; the
registry (`handlers/features.py`) lists them and the bootstrap composes them, stopping at
start-up when two features claim the same command, alias, button prefix, poll key prefix,
job kind, periodic job, awaited-text kind or catalog key.

    FEATURE = Feature(
        "attendance",
        commands=(Command("diemdanh", "checkin", MEMBERS, checkin),),
        buttons=(Buttons(Present, present_pressed, who=MEMBERS),),
        polls=(PollAnswers(Asked, answered, who=MEMBERS),),
        triggers=(TextTrigger(says_present, present_words),),
        awaits=(Awaits("att.reason", reason_typed),),
        due_jobs=(DueJob("meeting_reminder", send_reminder),),
        periodic=(Periodic("attendance-summary", 3, refresh_summaries),),
        batch_reports=(),
        catalogs=("attendance",),
    )
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Generic, TypeVar

from config.messages import ChatRef
from handlers.buttons import ButtonData
from handlers.context import Ctx, Handler
from handlers.roles import Role
from scheduler.due import DueHandler
from scheduler.ticker import BatchReporter, Job

D = TypeVar("D", bound=ButtonData)

ANYONE = frozenset({Role.ANYONE})
MEMBERS = frozenset({Role.MEMBER})
SECRETARIES = frozenset({Role.SECRETARY})
COMMITTEE = frozenset({Role.COMMITTEE})
STAFF = frozenset({Role.SECRETARY, Role.COMMITTEE})


@dataclass(frozen=True, slots=True)
class Command:
    name: str  # Vietnamese, ASCII: /hop
    alias: str  # English: /meeting
    who: frozenset[Role]
    handler: Handler
    open_to_unlinked: bool = False  # usable before the account is linked to the roster
    # understood typed without the slash in a private chat ("lich", "Báo cáo"); off where the
    # bare word means something else in chat ("vâng" folds to "vang")
    bare: bool = True

    @property
    def help_key(self) -> str:
        return f"cmd.{self.name}"


@dataclass(frozen=True, slots=True)
class Buttons(Generic[D]):
    """A kind of button: its typed data, who may press it, and what a press does. The
    dispatcher unpacks the data and checks the role and the link before the handler runs."""

    data: type[D]
    handler: Callable[[Ctx, D], Awaitable[None]]
    who: frozenset[Role] = ANYONE
    must_be_linked: bool = True

    @property
    def prefix(self) -> str:
        return self.data.prefix


@dataclass(frozen=True, slots=True)
class PollAnswer:
    """One person's answer to a poll this feature sent (config/messages.py: Poll), the same
    from a Telegram poll tapped and from a choice typed on Zalo or the console."""

    poll_id: str  # the platform's (Telegram's), or chibo's on a text-only chat
    chat: ChatRef  # where the poll was sent (a group, or the person's private chat)
    message_id: str  # the poll's message there
    options: tuple[int, ...]  # chosen, 0-based, in the order the poll gave them
    correct: tuple[int, ...]  # the poll's correct options, as sent
    asked_at: datetime  # when the poll was delivered
    answered_at: datetime  # when chibo received the answer (Telegram's carries no time)
    closes_at: datetime | None  # when the poll closes (its open period), if it does
    typed: bool  # typed on a text-only chat: nothing has told the person right or wrong yet

    @property
    def is_correct(self) -> bool:
        return bool(self.correct) and set(self.options) == set(self.correct)

    @property
    def seconds(self) -> float:
        """How long the person took, by chibo's clock."""
        return (self.answered_at - self.asked_at).total_seconds()


@dataclass(frozen=True, slots=True)
class PollAnswers(Generic[D]):
    """The answers to the polls this feature sends: a poll whose `key` is `data`'s packed
    form comes back here, unpacked, after the same checks as a button press (role, link).
    Answers to unknown polls, with options the poll does not have, or to keys that do not
    unpack are dropped without a word."""

    data: type[D]
    handler: Callable[[Ctx, D, PollAnswer], Awaitable[None]]
    who: frozenset[Role] = ANYONE
    must_be_linked: bool = True

    @property
    def prefix(self) -> str:
        return self.data.prefix


@dataclass(frozen=True, slots=True)
class TextTrigger:
    """Words that act without a command in a private chat (e.g. "có mặt"); `matches` gets
    the folded text."""

    matches: Callable[[str], bool]
    handler: Handler
    needs_link: bool = True
    # also in a group, when the message is addressed to chibo ("@chibo có mặt" on Zalo);
    # the handler answers privately
    in_groups: bool = False


@dataclass(frozen=True, slots=True)
class Upload:
    """Files this feature takes when they are sent in a private chat without a command,
    by the ending of their name (".xlsx"); checked for role and link like a command."""

    suffixes: tuple[str, ...]
    handler: Handler
    who: frozenset[Role] = MEMBERS
    help_key: str = ""  # how the file's use is named when refused, e.g. "upload.roster"
    # several features may take one ending (a roster and a question bank are both .xlsx): each
    # but one says by the file's name and bytes whether it is theirs; the one that does not
    # say takes the rest
    recognises: Callable[[str, bytes], bool] | None = None


@dataclass(frozen=True, slots=True)
class Awaited:
    """What a chat was told to type next (a reason after «Xin vắng», a step of a guided
    flow), as remembered for that (platform, chat, person)."""

    kind: str
    payload: dict[str, Any]
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Awaits:
    """Free text this feature asks for: when the chat's memory says `kind` is awaited, the
    next plain text goes to `handler`."""

    kind: str
    handler: Callable[[Ctx, Awaited], Awaitable[None]]
    ttl: timedelta = timedelta(hours=12)
    needs_link: bool = True


@dataclass(frozen=True, slots=True)
class DueJob:
    kind: str
    handler: DueHandler


@dataclass(frozen=True, slots=True)
class Periodic:
    """Background work: every `seconds`, never two at once."""

    name: str
    seconds: float
    job: Job


@dataclass(frozen=True, slots=True)
class BatchReport:
    """The delivery report of the outbox batches of `kind` this feature sends."""

    kind: str
    reporter: BatchReporter


@dataclass(frozen=True, slots=True)
class Feature:
    name: str
    commands: tuple[Command, ...] = ()
    buttons: tuple[Buttons[Any], ...] = ()
    polls: tuple[PollAnswers[Any], ...] = ()
    triggers: tuple[TextTrigger, ...] = ()
    awaits: tuple[Awaits, ...] = ()
    uploads: tuple[Upload, ...] = ()
    due_jobs: tuple[DueJob, ...] = ()
    periodic: tuple[Periodic, ...] = ()
    batch_reports: tuple[BatchReport, ...] = ()
    catalogs: tuple[str, ...] = ()  # module names under config/locales/
