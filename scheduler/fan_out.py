"""One message to a branch: a post in each group chat, and a private copy for each linked
member in their own language. Announcements, publications, reminders and meeting notices
all go out this way, as outbox rows."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime
from typing import Protocol

from config.messages import Reply
from scheduler.outbox import outbox_item
from storage.repos.outbox import OutboxItem


class GroupChatRef(Protocol):
    @property
    def platform(self) -> str: ...
    @property
    def chat_id(self) -> str: ...


class PersonChat(Protocol):
    @property
    def person_id(self) -> int: ...
    @property
    def platform(self) -> str: ...
    @property
    def user_id(self) -> str: ...
    @property
    def language(self) -> str: ...


def fan_out(
    key: str,
    groups: Iterable[GroupChatRef],
    people: Iterable[PersonChat],
    reply: Callable[[str], Reply],
    *,
    now: datetime,
    private_at: datetime,
    lang: str = "vi",
    batch_id: int | None = None,
    urgent: bool = False,
    paid_on: str = "",
) -> list[OutboxItem]:
    """Group posts in `lang` go at `now`; private copies, in each person's language (else
    `lang`), at `private_at`. Dedup keys `<key>:g:<platform>:<chat>` and `<key>:<person>`
    make a second enqueue of the same message a no-op. The messages on platform `paid_on`
    go with paid broadcast (Telegram's `allow_paid_broadcast`), at its higher ceiling."""

    def on(platform: str, r: Reply) -> Reply:
        return replace(r, paid_broadcast=True) if paid_on and platform == paid_on else r

    items = [
        outbox_item(
            g.platform,
            g.chat_id,
            on(g.platform, reply(lang)),
            now,
            is_group=True,
            dedup_key=f"{key}:g:{g.platform}:{g.chat_id}",
            batch_id=batch_id,
        )
        for g in groups
    ]
    items += [
        outbox_item(
            p.platform,
            p.user_id,
            on(p.platform, reply(p.language or lang)),
            private_at,
            person_id=p.person_id,
            urgent=urgent,
            dedup_key=f"{key}:{p.person_id}",
            batch_id=batch_id,
        )
        for p in people
    ]
    return items
