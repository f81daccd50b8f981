"""Neutral message types: what a transport hands the core and what the core hands back.

Nothing here knows a platform. Buttons degrade to numbered choices where a platform has none.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
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


@dataclass(frozen=True, slots=True)
class Poll:
    question: str
    options: tuple[str, ...]
    correct_option: int | None = None
    open_period: int | None = None


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
        poll=Poll(poll["question"], tuple(poll["options"]), poll["correct_option"], poll["open_period"])
        if poll
        else None,
        request_contact=bool(data.get("request_contact")),
        lang=data.get("lang", "vi"),
        paid_broadcast=bool(data.get("paid_broadcast")),
    )


def _attachment(data: dict[str, str] | None) -> Attachment | None:
    import base64

    return Attachment(data["filename"], base64.b64decode(data["content"]), data["caption"]) if data else None
