"""Neutral message types: what a transport hands the core and what the core hands back.

Nothing here knows a platform. Buttons degrade to numbered choices where a platform has none.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field

CALLBACK_DATA_LIMIT = 64  # bytes, Telegram's limit; the strictest of our platforms


@dataclass(frozen=True, slots=True)
class ChatRef:
    platform: str
    chat_id: str
    is_group: bool = False


@dataclass(frozen=True, slots=True)
class Sender:
    user_id: str
    display_name: str = ""
    language_code: str | None = None


@dataclass(frozen=True, slots=True)
class FileRef:
    """A document the user sent; `fetch` (handed in by the transport) downloads its bytes."""

    file_name: str
    mime_type: str = ""
    file_id: str = ""
    size: int | None = None
    fetch: Callable[[], Awaitable[bytes]] | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Incoming:
    chat: ChatRef
    sender: Sender
    update_id: str | None = None
    text: str = ""
    callback_data: str | None = None
    contact_phone: str | None = None
    contact_is_own: bool = False
    message_id: str | None = None
    attachment: FileRef | None = None
    poll_vote: PollVote | None = None  # an answer to a poll chibo sent (Telegram's poll_answer)
    voice: bool = False  # a voice message: chibo cannot listen, and says so in a private chat
    addressed: bool = False  # a group message that mentions chibo or replies to it

    @property
    def platform(self) -> str:
        return self.chat.platform


@dataclass(frozen=True, slots=True)
class Button:
    label: str
    data: str

    def __post_init__(self) -> None:
        if len(self.data.encode()) > CALLBACK_DATA_LIMIT:
            raise ValueError(f"button data over {CALLBACK_DATA_LIMIT} bytes: {self.data!r}")


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file the core sends; a Reply carries it as `document` or as `image` (a photo where
    the platform shows photos)."""

    filename: str
    content: bytes
    caption: str = ""


Document = Attachment
Image = Attachment


# Telegram's limits on a poll (Bot API 10.3, as aiogram 3.31 speaks it: methods/send_poll.py,
# types/input_poll_option.py), counted as Telegram counts, in UTF-16 code units
POLL_QUESTION_MAX = 300
POLL_OPTIONS_MIN = 1
POLL_OPTIONS_MAX = 12
POLL_OPTION_MAX = 100
POLL_EXPLANATION_MAX = 200
POLL_EXPLANATION_LINE_FEEDS = 2
POLL_OPEN_MIN = 5  # seconds
POLL_OPEN_MAX = 2_628_000  # seconds, about a month
POLL_KEY_MAX = CALLBACK_DATA_LIMIT  # bytes: a key is packed like button data


def telegram_length(text: str) -> int:
    """A text's length as Telegram counts it (UTF-16 code units: an emoji counts two)."""
    return len(text.encode("utf-16-le")) // 2


def poll_problems(
    question: str,
    options: Sequence[str],
    correct: Sequence[int] = (),
    explanation: str = "",
    open_period: int | None = None,
    key: str = "",
) -> list[str]:
    """Every way these break Telegram's poll limits (empty: they fit). A feature asks a
    question that does not fit as a message with buttons instead."""
    problems = []
    if not question.strip():
        problems.append("the question is empty")
    elif telegram_length(question) > POLL_QUESTION_MAX:
        problems.append(f"the question is {telegram_length(question)} characters, over {POLL_QUESTION_MAX}")
    if not POLL_OPTIONS_MIN <= len(options) <= POLL_OPTIONS_MAX:
        problems.append(f"{len(options)} options, not {POLL_OPTIONS_MIN}–{POLL_OPTIONS_MAX}")
    for i, option in enumerate(options):
        if not option.strip():
            problems.append(f"option {i + 1} is empty")
        elif telegram_length(option) > POLL_OPTION_MAX:
            problems.append(f"option {i + 1} is {telegram_length(option)} characters, over {POLL_OPTION_MAX}")
    if len({o.strip() for o in options}) < len(options):
        problems.append("two options are the same")
    if list(correct) != sorted(set(correct)) or any(not 0 <= c < len(options) for c in correct):
        problems.append(f"correct options {list(correct)} are not increasing option numbers from 0")
    if telegram_length(explanation) > POLL_EXPLANATION_MAX:
        problems.append(
            f"the explanation is {telegram_length(explanation)} characters, over {POLL_EXPLANATION_MAX}"
        )
    if explanation.count("\n") > POLL_EXPLANATION_LINE_FEEDS:
        problems.append(f"the explanation has more than {POLL_EXPLANATION_LINE_FEEDS} line feeds")
    if explanation and not correct:
        problems.append("an explanation needs correct options (a quiz)")
    if open_period is not None and not POLL_OPEN_MIN <= open_period <= POLL_OPEN_MAX:
        problems.append(f"open for {open_period} s, not {POLL_OPEN_MIN}–{POLL_OPEN_MAX}")
    if len(key.encode()) > POLL_KEY_MAX:
        problems.append(f"the key is over {POLL_KEY_MAX} bytes")
    return problems


def fits_poll(
    question: str, options: Sequence[str], correct: Sequence[int] = (), explanation: str = ""
) -> bool:
    """Whether a question with these choices (and these correct ones, this explanation) can
    be asked as a Telegram poll."""
    return not poll_problems(question, options, correct, explanation)


@dataclass(frozen=True, slots=True)
class Poll:
    """A poll to send: a quiz when `correct` names the right options (0-based, increasing),
    never anonymous, so each answer comes back with its person. Telegram shows it natively;
    Zalo and the console show the question with numbered choices, answered by typing. The
    answers go to the feature whose `PollAnswers` kind `key` unpacks to (handlers/feature.py).
    Built only within Telegram's limits: check `fits_poll` / `poll_problems` first."""

    question: str
    options: tuple[str, ...]
    correct: tuple[int, ...] = ()
    explanation: str = ""  # shown by Telegram after a wrong answer (the lamp icon)
    open_period: int | None = None  # seconds the poll stays open
    key: str = ""  # packed ButtonData of the feature's PollAnswers kind; "" = answers ignored

    def __post_init__(self) -> None:
        problems = poll_problems(
            self.question, self.options, self.correct, self.explanation, self.open_period, self.key
        )
        if problems:
            raise ValueError(f"poll does not fit Telegram's limits: {'; '.join(problems)}")

    @property
    def is_quiz(self) -> bool:
        return bool(self.correct)


@dataclass(frozen=True, slots=True)
class PollVote:
    """A person's answer to a poll as the platform reports it: the platform's poll id and the
    chosen options (0-based). Telegram's `poll_answer` carries no chat and no time."""

    poll_id: str
    options: tuple[int, ...]


# a poll's choices on a text-only chat, remembered with the chat's other numbered choices;
# "#" is never the start of a button prefix, so no button kind can take this data
POLL_CHOICE_MARK = "#poll"


def poll_choice(poll_id: str, option: int) -> str:
    return f"{POLL_CHOICE_MARK}:{poll_id}:{option}"


def parse_poll_choice(data: str) -> tuple[str, int] | None:
    mark, _, rest = data.partition(":")
    poll_id, _, option = rest.rpartition(":")
    if mark != POLL_CHOICE_MARK or not poll_id or not option.isdigit():
        return None
    return poll_id, int(option)


@dataclass(frozen=True, slots=True)
class Reply:
    text: str = ""
    buttons: tuple[tuple[Button, ...], ...] = ()
    document: Document | None = None
    image: Image | None = None
    poll: Poll | None = None
    request_contact: bool = False
    lang: str = "vi"
    # Telegram only: sent with `allow_paid_broadcast` (up to 1,000 a second, for Stars)
    paid_broadcast: bool = False

    def all_buttons(self) -> list[Button]:
        return [b for row in self.buttons for b in row]


@dataclass(frozen=True, slots=True)
class Outgoing:
    chat: ChatRef
    reply: Reply


@dataclass(slots=True)
class Response:
    messages: list[Outgoing] = field(default_factory=list)
    notice: str | None = None  # the short answer to a button press (a toast on Telegram)


def reply_to_json(reply: Reply) -> str:
    """A Reply as stored in the outbox (attachments base64-encoded)."""
    import base64
    import json
    from dataclasses import asdict

    data = asdict(reply)
    for key in ("document", "image"):
        if data[key] is not None:
            data[key]["content"] = base64.b64encode(data[key]["content"]).decode()
    return json.dumps(data, ensure_ascii=False)


def reply_from_json(raw: str) -> Reply:
    import json

    data = json.loads(raw)
    buttons = tuple(tuple(Button(**b) for b in row) for row in data.get("buttons", ()))
    document, image = (_attachment(data.get(k)) for k in ("document", "image"))
    poll = data.get("poll")
    return Reply(
        text=data.get("text", ""),
        buttons=buttons,
        document=document,
        image=image,
        poll=Poll(
            poll["question"],
            tuple(poll["options"]),
            tuple(poll.get("correct", ())),
            poll.get("explanation", ""),
            poll.get("open_period"),
            poll.get("key", ""),
        )
        if poll
        else None,
        request_contact=bool(data.get("request_contact")),
        lang=data.get("lang", "vi"),
        paid_broadcast=bool(data.get("paid_broadcast")),
    )


def _attachment(data: dict[str, str] | None) -> Attachment | None:
    import base64

    return Attachment(data["filename"], base64.b64decode(data["content"]), data["caption"]) if data else None
